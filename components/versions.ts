/**
 * Every upstream image the platform deploys, pinned. No `latest`, no floating tags.
 * Bump here only; tests and policies read these values.
 */
export const IMAGES = {
  prometheus: "quay.io/prometheus/prometheus:v3.5.0",
  alertmanager: "quay.io/prometheus/alertmanager:v0.28.1",
  grafana: "docker.io/grafana/grafana:12.1.1",
  /** Watches labelled ConfigMaps and writes them into a shared directory, then calls a reload URL. */
  k8sSidecar: "quay.io/kiwigrid/k8s-sidecar:1.30.7",
  /** Watches a mounted ConfigMap/Secret directory and POSTs a reload URL on change. */
  configReloader: "ghcr.io/jimmidyson/configmap-reload:v0.15.0",
  /** OpenTelemetry Collector (contrib), agent and gateway; same release as the otelcol-sevensa build (toolchain/versions.env OTELCOL_VERSION). */
  otelCollector: "docker.io/otel/opentelemetry-collector-contrib:0.159.0",
  /** Jaeger v2; same release as the jaeger binary the toolchain builds (toolchain/versions.env JAEGER_VERSION). */
  jaeger: "docker.io/jaegertracing/jaeger:2.13.0",
  /** Grafana Loki, monolithic (target=all). */
  loki: "docker.io/grafana/loki:3.5.3",
} as const;

export type ImageName = keyof typeof IMAGES;

/** The version part of a pinned image reference (after the last ':'). */
export function imageVersion(image: string): string {
  return image.slice(image.lastIndexOf(":") + 1);
}
