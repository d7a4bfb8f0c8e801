import { alertAnnotations } from "../../policies/rules/observability/alert-annotations";
import { scrapeSelectorsMatch } from "../../policies/rules/observability/scrape-selectors-match";
import { serviceContract } from "../../policies/rules/observability/service-contract";
import { CONFIGMAP } from "./support/fixtures";
import { stackMessages, stackViolations, urnOf } from "./support/run-policy";
import { compliantStack, RULES_YAML, stackWith } from "./support/stack-fixture";

const SVC = 'service "checkout-api" (stacks/services/checkout-api.ts)';

describe("observability-service-contract", () => {
  const policy = serviceContract("mandatory");

  test("a declared service with owner, SLOs, loaded rules, a loaded dashboard and a route passes", async () => {
    expect(await stackMessages(policy, compliantStack())).toEqual([]);
  });

  test("a violation is reported against the service's declaration anchor", async () => {
    const stack = stackWith("checkout-api-declaration", (p) => (p.metadata.annotations["sevensa.io/slos"] = ""));
    const anchor = stack.find((r) => r.name === "checkout-api-declaration")!;
    expect(await stackViolations(policy, stack)).toEqual([
      { message: `${SVC} declares no SLO; add at least one SLO to its declaration (no SLO, no alert, no error budget)`, urn: urnOf(anchor) },
    ]);
  });

  test.each<[string, string, (p: Record<string, any>) => void, string]>([
    ["no owner team", "checkout-api-declaration", (p) => (p.metadata.annotations["sevensa.io/team"] = ""), `${SVC} has no owner team; set team in its declaration`],
    [
      "an anchor without the service annotation",
      "checkout-api-declaration",
      (p) => delete p.metadata.annotations["sevensa.io/service"],
      'ConfigMap "checkout-api-declaration" is labelled sevensa.io/service-declaration but has no sevensa.io/service annotation; the ObservedService component sets it to the declared service name',
    ],
    [
      "no rule ConfigMap",
      "checkout-api-rules",
      (p) => (p.metadata.labels["sevensa.io/prometheus-rules"] = "false"),
      `${SVC} has no rule ConfigMap (label sevensa.io/prometheus-rules: "true", annotation sevensa.io/service: checkout-api); the ObservedService component creates it from the declaration's SLOs`,
    ],
    [
      "rules in a namespace Prometheus does not watch",
      "checkout-api-rules",
      (p) => (p.metadata.namespace = "shop"),
      `${SVC}: its rule (ConfigMap "checkout-api-rules" in namespace "shop") is outside what Prometheus rule watcher watches (namespaces: monitoring); create it in a watched namespace`,
    ],
    [
      "no Prometheus rule watcher at all",
      "sevensa-prometheus",
      (p) => (p.spec.template.spec.containers[1].env[0].value = "sevensa.io/rules"),
      `${SVC}: no Prometheus rule watcher in this stack watches ConfigMaps labelled sevensa.io/prometheus-rules, so its rule (ConfigMap "checkout-api-rules" in namespace "monitoring") would never load`,
    ],
    [
      "no dashboard ConfigMap",
      "checkout-api-dashboard",
      (p) => delete p.metadata.annotations["sevensa.io/service"],
      `${SVC} has no dashboard ConfigMap (label sevensa.io/grafana-dashboard: "true", annotation sevensa.io/service: checkout-api); the dashboards generator creates one per declared service`,
    ],
    [
      "a dashboard whose label value the Grafana watcher does not select",
      "checkout-api-dashboard",
      (p) => (p.metadata.labels["sevensa.io/grafana-dashboard"] = "yes"),
      `${SVC} has no dashboard ConfigMap (label sevensa.io/grafana-dashboard: "true", annotation sevensa.io/service: checkout-api); the dashboards generator creates one per declared service`,
    ],
    [
      "no route for the owning team",
      "checkout-api-declaration",
      (p) => (p.metadata.annotations["sevensa.io/team"] = "pricing"),
      `${SVC}: no Alertmanager route matches team="pricing", so its alerts fall to the unowned catch-all; declare the team in stacks/teams/`,
    ],
    [
      "a team route to a receiver that does not exist",
      "sevensa-alertmanager-config",
      (p) => (p.stringData["alertmanager.yml"] = p.stringData["alertmanager.yml"].replace("  - name: payments-page\n", "")),
      `${SVC}: the route for team="payments" (route.routes[1]) uses the receiver "payments-page", which the Alertmanager configuration does not define; declare it in stacks/teams/payments.ts`,
    ],
    [
      "no Alertmanager configuration in the stack",
      "sevensa-alertmanager-config",
      (p) => delete p.stringData,
      `${SVC}: this stack has no Alertmanager configuration (a Secret holding alertmanager.yml), so its alerts reach nobody`,
    ],
  ])("%s is reported", async (_name, resource, edit, message) => {
    expect(await stackMessages(policy, stackWith(resource, edit))).toEqual([message]);
  });

  test("an Alertmanager configuration stored base64-encoded in Secret data is read", async () => {
    const stack = stackWith("sevensa-alertmanager-config", (p) => {
      p.data = { "alertmanager.yml": Buffer.from(p.stringData["alertmanager.yml"]).toString("base64") };
      delete p.stringData;
    });
    expect(await stackMessages(policy, stack)).toEqual([]);
  });
});

describe("observability-alert-annotations", () => {
  const policy = alertAnnotations("mandatory");
  const where = 'ConfigMap "checkout-api-rules" data "checkout-api.yaml" groups[0].rules[1] (alert SLOErrorBudgetBurn)';
  const need = "every alert needs labels.severity and annotations summary, description and runbook_url";

  test("alerts with severity, summary, description and runbook_url pass; recording rules are not alerts", async () => {
    expect(await stackMessages(policy, compliantStack())).toEqual([]);
  });

  test.each<[string, [string, string], string]>([
    ["no runbook_url", ["          runbook_url: https://github.com/sevensa/observability-platform/blob/main/docs/runbooks/slo-error-budget-burn.md\n", ""], "annotations.runbook_url"],
    ["an empty summary", ["summary: checkout-api is burning its availability error budget fast", 'summary: ""'], "annotations.summary"],
    ["no description", ["          description: 2% of the 30d budget would be gone within an hour.\n", ""], "annotations.description"],
    ["no severity label", ["{ severity: page, team: payments", "{ team: payments"], "labels.severity"],
  ])("an alert with %s is reported", async (_name, [from, to], field) => {
    const stack = stackWith("checkout-api-rules", (p) => (p.data["checkout-api.yaml"] = RULES_YAML.replace(from, to)));
    expect(await stackMessages(policy, stack)).toEqual([`${where}: missing ${field}; ${need}`]);
  });

  test("an alert missing several fields is reported once, naming all of them", async () => {
    const stack = stackWith("checkout-api-rules", (p) => (p.data["checkout-api.yaml"] = "groups:\n  - name: g\n    rules:\n      - alert: Bare\n        expr: up == 0\n"));
    expect(await stackMessages(policy, stack)).toEqual([
      `ConfigMap "checkout-api-rules" data "checkout-api.yaml" groups[0].rules[0] (alert Bare): missing labels.severity, annotations.summary, annotations.description, annotations.runbook_url; ${need}`,
    ]);
  });

  test("a rule file that does not parse is reported", async () => {
    const stack = stackWith("checkout-api-rules", (p) => (p.data["checkout-api.yaml"] = "groups:\n  - name: x\n    rules: [\n"));
    expect(await stackMessages(policy, stack)).toEqual([
      'ConfigMap "checkout-api-rules" data "checkout-api.yaml" is not a valid rule file: Flow sequence in block collection must be sufficiently indented and end with a ] at line 4, column 1:',
    ]);
  });

  test("ConfigMaps without the rules label are not rule files", async () => {
    const stack = [{ type: CONFIGMAP, name: "other", props: { data: { "x.yaml": "groups:\n  - name: g\n    rules:\n      - alert: Bare\n        expr: up == 0\n" } } }];
    expect(await stackMessages(policy, stack)).toEqual([]);
  });
});

describe("observability-scrape-selectors-match", () => {
  const policy = scrapeSelectorsMatch("mandatory");
  const cm = 'ConfigMap "sevensa-prometheus-config" data "prometheus.yml"';
  const fix = "point it at what the stack deploys";

  test("static targets that resolve and a pod job that matches a declared service pass", async () => {
    expect(await stackMessages(policy, compliantStack())).toEqual([]);
  });

  test.each<[string, string, (p: Record<string, any>) => void, string]>([
    [
      "a static target naming a Service the stack does not define",
      "Service sevensa-grafana",
      (p) => {
        p.metadata.name = "grafana";
      },
      `${cm} job "grafana" target "sevensa-grafana.monitoring.svc:3000" names the Service monitoring/sevensa-grafana, which this stack does not define; ${fix}`,
    ],
    [
      "a static target on a port the Service does not expose",
      "Service sevensa-grafana",
      (p) => (p.spec.ports[0].port = 3001),
      `${cm} job "grafana" target "sevensa-grafana.monitoring.svc:3000" uses port 3000, which Service "sevensa-grafana" does not expose (ports: 3001); ${fix}`,
    ],
    [
      "a static target through a Service whose selector matches no pod",
      "Service sevensa-grafana",
      (p) => (p.spec.selector["app.kubernetes.io/instance"] = "grafana-old"),
      `${cm} job "grafana" target "sevensa-grafana.monitoring.svc:3000" goes through Service "sevensa-grafana", whose selector app.kubernetes.io/name=grafana,app.kubernetes.io/instance=grafana-old matches no pod template of this stack; ${fix}`,
    ],
    [
      "a pod target behind a Service no StatefulSet governs",
      "sevensa-alertmanager",
      (p) => (p.spec.serviceName = "alertmanager-peers"),
      `${cm} job "alertmanager" target "sevensa-alertmanager-0.sevensa-alertmanager-headless.monitoring.svc:9093" names the pod sevensa-alertmanager-0, but no StatefulSet of this stack governs Service "sevensa-alertmanager-headless"; ${fix}`,
    ],
    [
      "a pod target beyond the StatefulSet's replicas",
      "sevensa-prometheus-config",
      (p) => (p.data["prometheus.yml"] = p.data["prometheus.yml"].replace("sevensa-alertmanager-0.", "sevensa-alertmanager-2.")),
      `${cm} job "alertmanager" target "sevensa-alertmanager-2.sevensa-alertmanager-headless.monitoring.svc:9093" names the pod sevensa-alertmanager-2, which StatefulSet "sevensa-alertmanager" (1 replica) does not run; ${fix}`,
    ],
    [
      "a pod job whose keep rule matches no pod and no declared service",
      "checkout-api-declaration",
      (p) => delete p.metadata.annotations["sevensa.io/pod-labels"],
      `${cm} job "declared-services": its pod selector (keep __meta_kubernetes_pod_label_sevensa_io_scrape =~ "true") matches no pod template and no declared service of this stack; fix the relabelling, or declare a scraped service (its ObservedService sets the annotation sevensa.io/pod-labels)`,
    ],
    [
      "a pod job restricted to a namespace with no such pods",
      "sevensa-prometheus-config",
      (p) => (p.data["prometheus.yml"] = p.data["prometheus.yml"].replace("[{ role: pod }]", "[{ role: pod, namespaces: { names: [payments] } }]")),
      `${cm} job "declared-services": its pod selector (keep __meta_kubernetes_pod_label_sevensa_io_scrape =~ "true") matches no pod template and no declared service of this stack; fix the relabelling, or declare a scraped service (its ObservedService sets the annotation sevensa.io/pod-labels)`,
    ],
  ])("%s is reported", async (_name, resource, edit, message) => {
    expect(await stackMessages(policy, stackWith(resource, edit))).toEqual([message]);
  });

  test("a pod template of the stack carrying the opt-in label satisfies the pod job", async () => {
    const stack = stackWith("checkout-api-declaration", (p) => delete p.metadata.annotations["sevensa.io/pod-labels"]);
    const grafana = stack.find((r) => r.name === "sevensa-grafana" && r.type.endsWith("Deployment"))!;
    grafana.props.spec.template.metadata.labels["sevensa.io/scrape"] = "true";
    expect(await stackMessages(policy, stack)).toEqual([]);
  });
});
