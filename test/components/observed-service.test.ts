import { ObservedService } from "../../components/observed-service";
import type { CataloguedService } from "../../catalogue/types";
import { one, recordRegistrations, settle } from "../support/mocks";

function service(extra: Partial<CataloguedService["declaration"]> = {}): CataloguedService {
  return {
    file: "stacks/services/checkout-api.ts",
    declaration: {
      name: "checkout-api",
      namespace: "shop",
      team: "payments",
      tier: "critical",
      language: "typescript",
      description: "Checkout.",
      telemetry: { otlp: true, scrape: { port: 9464, path: "/metrics", interval: "15s" } },
      slos: [{ name: "availability", description: "x", objective: 99.9, sli: { kind: "availability", source: "otel-http" } }],
      ...extra,
    },
  };
}

async function build(svc: CataloguedService) {
  const registered = recordRegistrations("staging");
  const component = new ObservedService("sevensa-checkout-api", {
    service: svc,
    environment: "staging",
    platformNamespace: "monitoring",
    ruleFileYaml: "groups: []\n",
    otlpEndpoint: "http://sevensa-otel-agent.monitoring-agents.svc:4318",
    headSamplingPercent: 12.5,
  });
  await settle();
  return { registered, component };
}

describe("ObservedService", () => {
  test("the OTEL_* environment lands in a ConfigMap in the service's namespace", async () => {
    const { registered } = await build(service());
    const cm = one(registered, "kubernetes:core/v1:ConfigMap", "sevensa-checkout-api-env").inputs;
    expect(cm.metadata.name).toBe("checkout-api-env");
    expect(cm.metadata.namespace).toBe("shop");
    expect(cm.data).toEqual({
      OTEL_SERVICE_NAME: "checkout-api",
      OTEL_RESOURCE_ATTRIBUTES: "service.namespace=shop,deployment.environment.name=staging,sevensa.team=payments,sevensa.tier=critical",
      OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
      OTEL_TRACES_SAMPLER_ARG: "0.125",
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://sevensa-otel-agent.monitoring-agents.svc:4318",
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
      OTEL_TRACES_EXPORTER: "otlp",
      OTEL_METRICS_EXPORTER: "otlp",
      OTEL_LOGS_EXPORTER: "otlp",
      OTEL_METRICS_EXEMPLAR_FILTER: "trace_based",
      OTEL_PROPAGATORS: "tracecontext,baggage",
    });
  });

  test("the SLO rules land in a labelled ConfigMap in the platform namespace, tied to the declaration", async () => {
    const { registered } = await build(service());
    const cm = one(registered, "kubernetes:core/v1:ConfigMap", "sevensa-checkout-api-rules").inputs;
    expect(cm.metadata.namespace).toBe("monitoring");
    expect(cm.metadata.labels["sevensa.io/prometheus-rules"]).toBe("true");
    expect(cm.metadata.annotations).toEqual({
      "sevensa.io/service": "checkout-api",
      "sevensa.io/team": "payments",
      "sevensa.io/declared-in": "stacks/services/checkout-api.ts",
    });
    expect(cm.data).toEqual({ "checkout-api.yaml": "groups: []\n" });
  });

  test("a declaration ConfigMap carries the markers the policy pack's contract checks read", async () => {
    const { registered } = await build(service());
    const cm = one(registered, "kubernetes:core/v1:ConfigMap", "sevensa-checkout-api-declaration").inputs;
    expect(cm.metadata.labels["sevensa.io/service-declaration"]).toBe("true");
    expect(cm.metadata.annotations).toEqual({
      "sevensa.io/service": "checkout-api",
      "sevensa.io/team": "payments",
      "sevensa.io/declared-in": "stacks/services/checkout-api.ts",
      "sevensa.io/slos": "availability",
      "sevensa.io/pod-labels": "app.kubernetes.io/name=checkout-api,sevensa.io/scrape=true",
    });
  });

  test("the scrape contract is exposed for the workload's pod template", async () => {
    const { component } = await build(service());
    expect(component.scrape).toEqual({
      labels: { "app.kubernetes.io/name": "checkout-api", "sevensa.io/scrape": "true" },
      annotations: { "sevensa.io/metrics-port": "9464", "sevensa.io/metrics-path": "/metrics", "sevensa.io/scrape-interval": "15s" },
    });
  });

  test("a service that only exposes /metrics and has no resilience document gets no env ConfigMap", async () => {
    const { registered, component } = await build(service({ telemetry: { scrape: { port: 8080 } } }));
    expect(registered.filter((r) => r.name.endsWith("-env"))).toEqual([]);
    expect(component.envConfigMapName).toBeUndefined();
    expect(component.scrape.annotations["sevensa.io/metrics-path"]).toBe("/metrics");
  });

  test("a push-only service is not marked for scraping", async () => {
    const { component } = await build(service({ telemetry: { otlp: true } }));
    expect(component.scrape).toEqual({ labels: { "app.kubernetes.io/name": "checkout-api" }, annotations: {} });
  });
});

describe("ObservedService dashboards", () => {
  test("each of the service's dashboards becomes a labelled ConfigMap in the platform namespace, in the team folder", async () => {
    const registered = recordRegistrations("staging");
    const dashboard = { uid: "svc-checkout-api", title: "checkout-api", folder: "payments", json: { uid: "svc-checkout-api", panels: [] } };
    new ObservedService("sevensa-checkout-api", {
      service: service(),
      environment: "staging",
      platformNamespace: "monitoring",
      ruleFileYaml: "groups: []\n",
      otlpEndpoint: "http://x:4318",
      dashboards: [dashboard],
    });
    await settle();
    const cm = one(registered, "kubernetes:core/v1:ConfigMap", "sevensa-checkout-api-dashboard-svc-checkout-api").inputs;
    expect(cm.metadata.name).toBe("dashboard-svc-checkout-api");
    expect(cm.metadata.namespace).toBe("monitoring");
    expect(cm.metadata.labels["sevensa.io/grafana-dashboard"]).toBe("true");
    expect(cm.metadata.annotations["sevensa.io/grafana-folder"]).toBe("payments");
    expect(cm.metadata.annotations["sevensa.io/service"]).toBe("checkout-api");
    expect(JSON.parse(cm.data["svc-checkout-api.json"])).toEqual(dashboard.json);
  });
});

describe("ObservedService resilience delivery", () => {
  test("the policy document becomes <service>-resilience, the env points at its mount, the alerts a second rule file", async () => {
    const registered = recordRegistrations("staging");
    new ObservedService("sevensa-checkout-api", {
      service: service({ telemetry: { scrape: { port: 8080 } } }),
      environment: "staging",
      platformNamespace: "monitoring",
      ruleFileYaml: "groups: []\n",
      otlpEndpoint: "http://x:4318",
      resilienceJson: '{"service":"checkout-api"}\n',
      resilienceRulesYaml: "groups: [{name: r, rules: []}]\n",
    });
    await settle();
    const doc = one(registered, "kubernetes:core/v1:ConfigMap", "sevensa-checkout-api-resilience").inputs;
    expect([doc.metadata.name, doc.metadata.namespace]).toEqual(["checkout-api-resilience", "shop"]);
    expect(doc.data).toEqual({ "resilience.json": '{"service":"checkout-api"}\n' });
    const env = one(registered, "kubernetes:core/v1:ConfigMap", "sevensa-checkout-api-env").inputs;
    expect(env.data).toEqual({ SEVENSA_RESILIENCE_POLICY_FILE: "/etc/sevensa/resilience/resilience.json" });
    const rules = one(registered, "kubernetes:core/v1:ConfigMap", "sevensa-checkout-api-resilience-rules").inputs;
    expect(rules.metadata.namespace).toBe("monitoring");
    expect(rules.metadata.labels["sevensa.io/prometheus-rules"]).toBe("true");
    expect(Object.keys(rules.data)).toEqual(["checkout-api-resilience.yaml"]);
  });
});
