/**
 * The datasources dashboards query, by their fixed provisioned UIDs: Prometheus from
 * `generators/grafana-datasources.ts`, Loki and Jaeger from `telemetry/datasources.ts`. The
 * consistency test checks every reference in every dashboard against the UIDs the
 * provisioning files really declare.
 */
import { DATASOURCE_UIDS } from "../generators/grafana-datasources";
import { TELEMETRY_DATASOURCE_UIDS } from "../telemetry/datasources";

/** A Grafana datasource reference as panels and targets carry it. */
export interface DatasourceRef {
  type: "prometheus" | "loki" | "jaeger";
  uid: string;
}

/** The three datasources dashboards use. */
export const DATASOURCES = {
  prometheus: { type: "prometheus", uid: DATASOURCE_UIDS.prometheus },
  loki: { type: "loki", uid: TELEMETRY_DATASOURCE_UIDS.loki },
  jaeger: { type: "jaeger", uid: TELEMETRY_DATASOURCE_UIDS.jaeger },
} as const satisfies Record<string, DatasourceRef>;
