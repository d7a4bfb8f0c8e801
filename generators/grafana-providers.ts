/** Annotation on a dashboard ConfigMap naming the Grafana folder (one per team). */
export const DASHBOARD_FOLDER_ANNOTATION = "sevensa.io/grafana-folder";

/**
 * Grafana dashboard provider file: dashboards are files written by the ConfigMap watcher into
 * `path` (one sub-folder per team) and re-read every 30 s, so a new dashboard needs no restart.
 */
export function generateDashboardProviders(path: string): Record<string, unknown> {
  return {
    apiVersion: 1,
    providers: [
      {
        name: "sevensa",
        type: "file",
        disableDeletion: true,
        allowUiUpdates: false,
        updateIntervalSeconds: 30,
        options: { path, foldersFromFilesStructure: true },
      },
    ],
  };
}
