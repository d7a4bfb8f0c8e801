/**
 * The scrape contract: what a workload carries so that Prometheus discovers it. The
 * `ObservedService` component emits exactly these on the pods of a declared service.
 *
 * - label `sevensa.io/scrape: "true"` opts the pod in;
 * - label `app.kubernetes.io/name` becomes the `service` label, the namespace the `namespace` label;
 * - annotation `sevensa.io/metrics-port` is the container port number serving metrics;
 * - annotation `sevensa.io/metrics-path` the HTTP path (default `/metrics`);
 * - annotation `sevensa.io/scrape-interval` the interval (default: the stack's scrape interval).
 */
export const SCRAPE_CONTRACT = {
  optInLabel: "sevensa.io/scrape",
  serviceLabel: "app.kubernetes.io/name",
  portAnnotation: "sevensa.io/metrics-port",
  pathAnnotation: "sevensa.io/metrics-path",
  intervalAnnotation: "sevensa.io/scrape-interval",
} as const;

/** Label used on ConfigMaps holding Prometheus rule files (discovered and reloaded without restart). */
export const RULES_CONFIGMAP_LABEL = "sevensa.io/prometheus-rules";
/** Label used on ConfigMaps holding Grafana dashboards (discovered without restart). */
export const DASHBOARD_CONFIGMAP_LABEL = "sevensa.io/grafana-dashboard";

/** Prometheus' name for a Kubernetes label or annotation in service-discovery meta labels. */
export function metaName(kind: "label" | "annotation", key: string): string {
  return `__meta_kubernetes_pod_${kind}_${key.replace(/[^a-zA-Z0-9_]/g, "_")}`;
}
