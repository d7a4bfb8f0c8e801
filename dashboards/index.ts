/**
 * Grafana dashboards generated from the service catalogue with
 * `@grafana/grafana-foundation-sdk`: plain JSON out, nothing from Pulumi.
 */
export { generateDashboards, dashboardArtifactPath, renderDashboard } from "./generate";
export { dashboardConfigMapSpec, MAX_CONFIGMAP_BYTES, type DashboardConfigMapSpec } from "./configmap";
export type { GeneratedDashboard } from "./types";
export { PLATFORM_FOLDER } from "./types";
export { serviceDashboardUid, PLATFORM_UIDS, MAX_UID_LENGTH } from "./uid";
export { KNOWN_METRIC_GROUPS, KNOWN_METRICS, OTELCOL_VERSION_CHECKED } from "./known-metrics";
export { DATASOURCES } from "./datasources";
export { PLATFORM_JOBS } from "./platform-jobs";
export { RESILIENCE_OVERVIEW_TITLE } from "./resilience-overview";
export { RESILIENCE_ROW_TITLE } from "./resilience-panels";
