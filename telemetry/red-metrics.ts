import { SLI_SOURCES } from "../catalogue/sli-sources";

/**
 * The spanmetrics and servicegraph connectors: RED metrics and the service dependency graph,
 * computed from every span (before tail sampling). The histogram's unit and buckets are the
 * ones the SLI presets rely on (catalogue/sli-sources.ts), so a latency SLO threshold is always
 * a bucket boundary: `traces_span_metrics_duration_seconds_bucket`,
 * `traces_span_metrics_calls_total`, `traces_service_graph_request_total`.
 */

/** Namespace of the spanmetrics series (Prometheus prefix `traces_span_metrics_`). */
export const SPANMETRICS_NAMESPACE = "traces.span.metrics";
/** The servicegraph series Grafana's service map reads. */
export const SERVICE_GRAPH_METRICS = {
  requests: "traces_service_graph_request_total",
  failed: "traces_service_graph_request_failed_total",
  serverSeconds: "traces_service_graph_request_server_seconds",
  clientSeconds: "traces_service_graph_request_client_seconds",
} as const;

/** Bucket boundaries in seconds as Go durations without float noise (0.002 → "2ms"). */
export function bucketDurations(seconds: readonly number[]): string[] {
  return seconds.map((s) => {
    const ms = Math.round(s * 1_000_000) / 1000;
    if (!Number.isInteger(ms)) throw new Error(`bucket ${s}s is not a whole number of milliseconds`);
    return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
  });
}

/** The spanmetrics connector settings. */
export function spanmetricsConnector(): Record<string, unknown> {
  return {
    namespace: SPANMETRICS_NAMESPACE,
    histogram: { unit: "s", explicit: { buckets: bucketDurations(SLI_SOURCES.spanmetrics.bucketBoundaries) } },
    exemplars: { enabled: true },
    aggregation_temporality: "AGGREGATION_TEMPORALITY_CUMULATIVE",
    metrics_flush_interval: "15s",
    // One series set per service, not per pod: pod restarts would otherwise multiply series.
    resource_metrics_key_attributes: ["service.name", "service.namespace", "k8s.namespace.name"],
    // Keep the resource on the output (its service.name and k8s.namespace.name become the label contract).
    add_resource_attributes: true,
  };
}

/** The servicegraph connector settings (edges between client and server spans of one trace). */
export function servicegraphConnector(): Record<string, unknown> {
  return {
    latency_histogram_buckets: bucketDurations(SLI_SOURCES.spanmetrics.bucketBoundaries),
    store: { ttl: "10s", max_items: 10000 },
    metrics_flush_interval: "15s",
  };
}
