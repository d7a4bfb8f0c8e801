/**
 * The markers the stack policies read to check the observability contract. The ObservedService
 * component and the dashboard and rule components emit exactly these; a test keeps the names
 * that components/ and generators/ already define equal to these.
 */
export const MARKERS = {
  /** Label (value "true") on the one ConfigMap per declared service that anchors its contract. */
  declarationLabel: "sevensa.io/service-declaration",
  /** Annotation naming the declared service, on the anchor and on its rule and dashboard ConfigMaps. */
  serviceAnnotation: "sevensa.io/service",
  /** Annotation on the anchor: the owning team. */
  teamAnnotation: "sevensa.io/team",
  /** Annotation on the anchor: the service's SLO names, comma-separated. */
  slosAnnotation: "sevensa.io/slos",
  /** Annotation on the anchor: the declaration file, for messages. */
  declaredInAnnotation: "sevensa.io/declared-in",
  /** Annotation on the anchor: the labels the service's pods carry (`k=v,k2=v2`), when it is scraped. */
  podLabelsAnnotation: "sevensa.io/pod-labels",
  /** Label (value "true") on ConfigMaps holding Prometheus rule files. */
  rulesLabel: "sevensa.io/prometheus-rules",
  /** Label (value "true") on ConfigMaps holding Grafana dashboards. */
  dashboardLabel: "sevensa.io/grafana-dashboard",
} as const;

/** Parses `k=v,k2=v2` (the pod-labels annotation); blank input gives no labels. */
export function parseLabelList(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (text ?? "").split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}
