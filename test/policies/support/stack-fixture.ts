import { CONFIGMAP, goodContainer, SECRET, SERVICE, STATEFULSET } from "./fixtures";
import type { Fixture } from "./run-policy";

/** A ConfigMap watcher sidecar as components/workload/sidecars.ts builds it. */
function watcher(label: string, namespace: string): Record<string, any> {
  return {
    ...goodContainer("configmap-watcher", "quay.io/kiwigrid/k8s-sidecar:1.30.7"),
    env: [
      { name: "LABEL", value: label },
      { name: "LABEL_VALUE", value: "true" },
      { name: "NAMESPACE", value: namespace },
    ],
  };
}

function workload(type: string, name: string, app: string, containers: Record<string, any>[], extra: Record<string, any> = {}): Fixture {
  const labels = { "app.kubernetes.io/name": app, "app.kubernetes.io/instance": name };
  return {
    type,
    name,
    props: {
      metadata: { name, namespace: "monitoring", labels },
      spec: { replicas: 1, selector: { matchLabels: labels }, ...extra, template: { metadata: { labels }, spec: { containers } } },
    },
  };
}

function service(name: string, app: string, instance: string, port: number): Fixture {
  return {
    type: SERVICE,
    name,
    props: {
      metadata: { name, namespace: "monitoring" },
      spec: { selector: { "app.kubernetes.io/name": app, "app.kubernetes.io/instance": instance }, ports: [{ name: "http", port }] },
    },
  };
}

const PROMETHEUS_YML = `
global: { scrape_interval: 30s }
scrape_configs:
  - job_name: grafana
    static_configs: [{ targets: ["sevensa-grafana.monitoring.svc:3000"] }]
  - job_name: alertmanager
    static_configs: [{ targets: ["sevensa-alertmanager-0.sevensa-alertmanager-headless.monitoring.svc:9093"] }]
  - job_name: prometheus
    static_configs: [{ targets: ["localhost:9090"] }]
  - job_name: declared-services
    kubernetes_sd_configs: [{ role: pod }]
    relabel_configs:
      - { action: keep, source_labels: [__meta_kubernetes_pod_label_sevensa_io_scrape], regex: "true" }
      - { action: drop, source_labels: [__meta_kubernetes_pod_phase], regex: "Pending|Succeeded|Failed" }
      - { action: replace, source_labels: [__meta_kubernetes_pod_label_app_kubernetes_io_name], target_label: service }
`;

const ALERTMANAGER_YML = `
route:
  receiver: unowned
  routes:
    - matchers: ['alertname="Watchdog"']
      receiver: dead-mans-switch
    - matchers: ['team="payments"']
      receiver: payments-ticket
      routes:
        - matchers: ['severity="page"']
          receiver: payments-page
receivers:
  - name: unowned
  - name: dead-mans-switch
  - name: payments-ticket
  - name: payments-page
`;

export const RULES_YAML = `
groups:
  - name: checkout-api-slo
    rules:
      - record: slo:sli_error:ratio_rate5m
        expr: sum(rate(errors[5m])) / sum(rate(total[5m]))
      - alert: SLOErrorBudgetBurn
        expr: slo:sli_error:ratio_rate5m > 0.0144
        labels: { severity: page, team: payments, service: checkout-api, slo: availability }
        annotations:
          summary: checkout-api is burning its availability error budget fast
          description: 2% of the 30d budget would be gone within an hour.
          runbook_url: https://github.com/sevensa/observability-platform/blob/main/docs/runbooks/slo-error-budget-burn.md
`;

/**
 * A compliant stack: Prometheus (rule watcher), Grafana (dashboard watcher), Alertmanager (config
 * in a Secret) and one declared service, checkout-api, with every marker of the contract.
 */
export function compliantStack(): Fixture[] {
  return [
    workload(STATEFULSET, "sevensa-prometheus", "prometheus", [goodContainer("prometheus", "quay.io/prometheus/prometheus:v3.5.0"), watcher("sevensa.io/prometheus-rules", "monitoring")]),
    workload("kubernetes:apps/v1:Deployment", "sevensa-grafana", "grafana", [goodContainer("grafana", "docker.io/grafana/grafana:12.1.1"), watcher("sevensa.io/grafana-dashboard", "monitoring")]),
    workload(STATEFULSET, "sevensa-alertmanager", "alertmanager", [goodContainer("alertmanager", "quay.io/prometheus/alertmanager:v0.28.1")], {
      serviceName: "sevensa-alertmanager-headless",
    }),
    service("sevensa-grafana", "grafana", "sevensa-grafana", 3000),
    service("sevensa-alertmanager-headless", "alertmanager", "sevensa-alertmanager", 9093),
    { type: CONFIGMAP, name: "sevensa-prometheus-config", props: { metadata: { namespace: "monitoring" }, data: { "prometheus.yml": PROMETHEUS_YML } } },
    { type: SECRET, name: "sevensa-alertmanager-config", props: { metadata: { namespace: "monitoring" }, stringData: { "alertmanager.yml": ALERTMANAGER_YML } } },
    {
      type: CONFIGMAP,
      name: "checkout-api-declaration",
      props: {
        metadata: {
          namespace: "shop",
          labels: { "sevensa.io/service-declaration": "true" },
          annotations: {
            "sevensa.io/service": "checkout-api",
            "sevensa.io/team": "payments",
            "sevensa.io/slos": "availability,latency",
            "sevensa.io/declared-in": "stacks/services/checkout-api.ts",
            "sevensa.io/pod-labels": "app.kubernetes.io/name=checkout-api,sevensa.io/scrape=true",
          },
        },
        data: { OTEL_SERVICE_NAME: "checkout-api" },
      },
    },
    {
      type: CONFIGMAP,
      name: "checkout-api-rules",
      props: {
        metadata: { namespace: "monitoring", labels: { "sevensa.io/prometheus-rules": "true" }, annotations: { "sevensa.io/service": "checkout-api" } },
        data: { "checkout-api.yaml": RULES_YAML },
      },
    },
    {
      type: CONFIGMAP,
      name: "checkout-api-dashboard",
      props: {
        metadata: { namespace: "monitoring", labels: { "sevensa.io/grafana-dashboard": "true" }, annotations: { "sevensa.io/service": "checkout-api" } },
        data: { "checkout-api.json": '{"uid":"checkout-api","title":"checkout-api"}' },
      },
    },
  ];
}

/**
 * The stack with one resource changed by `edit` (one field per failing case). `ref` is the
 * resource's name, or `<Kind> <name>` where a name is shared (a Service and its Deployment).
 */
export function stackWith(ref: string, edit: (props: Record<string, any>) => void): Fixture[] {
  const stack = compliantStack();
  const [kind, name] = ref.includes(" ") ? ref.split(" ") : [undefined, ref];
  const found = stack.filter((r) => r.name === name && (kind === undefined || r.type.endsWith(`:${kind}`)));
  if (found.length !== 1) throw new Error(`the fixture stack has ${found.length} resources matching ${ref}`);
  const target = found[0];
  edit(target.props);
  return stack;
}
