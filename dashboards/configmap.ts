/**
 * The ConfigMap a dashboard is shipped in, as plain data: labelled so Grafana's ConfigMap
 * watcher (k8s-sidecar) picks it up, annotated with the team folder (a relative folder
 * annotation becomes a sub-directory, which Grafana's file provider turns into a folder), and
 * holding exactly the text of the `grafana/dashboards/<uid>.json` artifact.
 */
import { DASHBOARD_FOLDER_ANNOTATION } from "../generators/grafana-providers";
import { DASHBOARD_CONFIGMAP_LABEL } from "../generators/scrape-contract";
import { renderDashboard } from "./generate";
import type { GeneratedDashboard } from "./types";

/** Kubernetes refuses a ConfigMap whose data exceeds 1 MiB. */
export const MAX_CONFIGMAP_BYTES = 1024 * 1024;

/** Metadata and data of one dashboard's ConfigMap (the namespace is the component's). */
export interface DashboardConfigMapSpec {
  /** `metadata.name`: `dashboard-<uid>`. */
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** One key, `<uid>.json`. */
  data: Record<string, string>;
}

/** The ConfigMap of `d`. Throws when the dashboard does not fit in a ConfigMap. */
export function dashboardConfigMapSpec(d: GeneratedDashboard): DashboardConfigMapSpec {
  const text = renderDashboard(d);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_CONFIGMAP_BYTES) {
    throw new Error(`dashboard ${d.uid} is ${bytes} bytes of JSON; a ConfigMap holds at most ${MAX_CONFIGMAP_BYTES}`);
  }
  return {
    name: `dashboard-${d.uid}`,
    labels: { [DASHBOARD_CONFIGMAP_LABEL]: "true", "app.kubernetes.io/part-of": "sevensa-observability", "app.kubernetes.io/managed-by": "pulumi" },
    annotations: { [DASHBOARD_FOLDER_ANNOTATION]: d.folder },
    data: { [`${d.uid}.json`]: text },
  };
}
