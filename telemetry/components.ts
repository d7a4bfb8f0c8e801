/**
 * The component types the otelcol-sevensa distribution is built with
 * (toolchain/otelcol/builder-config.yaml). Generated collector configs may use only these;
 * `renderCollectorConfig` refuses anything else before a binary ever sees it.
 */
export const DISTRIBUTION_COMPONENTS = {
  receivers: ["otlp", "filelog", "prometheus"],
  processors: ["memory_limiter", "batch", "k8sattributes", "tail_sampling", "resource", "attributes", "transform", "filter", "resourcedetection"],
  exporters: ["otlp", "otlphttp", "loadbalancing", "prometheusremotewrite", "debug"],
  connectors: ["spanmetrics", "servicegraph"],
  extensions: ["health_check", "pprof", "zpages"],
} as const;

export type ComponentKind = keyof typeof DISTRIBUTION_COMPONENTS;

/** The type part of a component id (`otlp/jaeger` → `otlp`). */
export function componentType(id: string): string {
  const slash = id.indexOf("/");
  return slash < 0 ? id : id.slice(0, slash);
}
