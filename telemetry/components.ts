/**
 * The component types the otelcol-sevensa distribution is built with
 * (toolchain/otelcol/builder-config.yaml), by their canonical names at v0.159.0 (`otelcol-sevensa
 * components`); the older spellings (filelog, k8sattributes, loadbalancing, otlp and otlphttp
 * exporters, prometheusremotewrite, spanmetrics, servicegraph) are deprecated aliases there.
 * Generated collector configs may use only these; `renderCollectorConfig` refuses anything else
 * before a binary ever sees it.
 */
export const DISTRIBUTION_COMPONENTS = {
  receivers: ["otlp", "file_log", "prometheus"],
  processors: ["memory_limiter", "batch", "k8s_attributes", "tail_sampling", "resource", "attributes", "transform", "filter", "resource_detection"],
  exporters: ["otlp_grpc", "otlp_http", "load_balancing", "prometheus_remote_write", "debug"],
  connectors: ["span_metrics", "service_graph"],
  extensions: ["health_check", "pprof", "zpages"],
} as const;

export type ComponentKind = keyof typeof DISTRIBUTION_COMPONENTS;

/** The type part of a component id (`otlp_grpc/jaeger` → `otlp_grpc`). */
export function componentType(id: string): string {
  const slash = id.indexOf("/");
  return slash < 0 ? id : id.slice(0, slash);
}
