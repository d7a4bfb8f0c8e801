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
} as const;

export type ImageName = keyof typeof IMAGES;

/** The version part of a pinned image reference (after the last ':'). */
export function imageVersion(image: string): string {
  return image.slice(image.lastIndexOf(":") + 1);
}
