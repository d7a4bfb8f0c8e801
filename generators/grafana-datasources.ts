/**
 * Fixed datasource UIDs. Dashboards and correlation links reference these, so they never change.
 */
export const DATASOURCE_UIDS = {
  prometheus: "sevensa-prometheus",
  alertmanager: "sevensa-alertmanager",
} as const;

/** Input of the datasource provisioning generator. */
export interface DatasourcesInput {
  /** In-cluster Prometheus URL. */
  prometheusUrl: string;
  /** In-cluster Alertmanager URL. */
  alertmanagerUrl: string;
  /** Prometheus' scrape interval (the stack's `prometheus.scrapeInterval`): Grafana's smallest step, so `$__rate_interval` spans enough samples. */
  scrapeInterval: string;
  /** Further datasources (Jaeger, Loki with their correlation links; telemetry/datasources.ts). @default [] */
  extra?: Record<string, unknown>[];
  /** jsonData merged into the Prometheus datasource (exemplar → trace links). @default {} */
  prometheusJsonData?: Record<string, unknown>;
}

/** Grafana datasource provisioning file (`apiVersion: 1`) as plain data; contains no secrets. */
export function generateDatasources(input: DatasourcesInput): Record<string, unknown> {
  return {
    apiVersion: 1,
    deleteDatasources: [],
    datasources: [
      {
        name: "Prometheus",
        type: "prometheus",
        uid: DATASOURCE_UIDS.prometheus,
        access: "proxy",
        url: input.prometheusUrl,
        isDefault: true,
        editable: false,
        jsonData: { httpMethod: "POST", timeInterval: input.scrapeInterval, ...(input.prometheusJsonData ?? {}) },
      },
      {
        name: "Alertmanager",
        type: "alertmanager",
        uid: DATASOURCE_UIDS.alertmanager,
        access: "proxy",
        url: input.alertmanagerUrl,
        editable: false,
        jsonData: { implementation: "prometheus", handleGrafanaManagedAlerts: false },
      },
      ...(input.extra ?? []),
    ],
  };
}
