/**
 * Links between generated dashboards. Panels whose rows are services (the SLO overview,
 * a service's callers and callees) carry a `dashboard` label computed in PromQL with
 * `label_replace`, so a data link can open `/d/${dashboard}` for whichever service a row or
 * series is about, including the few whose UID is hashed because the name is long.
 */
import { SERVICE_UID_PREFIX, serviceDashboardUid } from "./uid";

/** Label holding the UID of the service dashboard of a row or series. */
export const DASHBOARD_LABEL = "dashboard";

/** A declared service whose dashboard UID is not `svc-<name>` (its name is too long). */
export interface HashedUid {
  name: string;
  uid: string;
}

/** The services among `serviceNames` whose UID is hashed; computed once per catalogue. */
export function hashedUids(serviceNames: readonly string[]): HashedUid[] {
  return serviceNames.map((name) => ({ name, uid: serviceDashboardUid(name) })).filter((h) => h.uid !== `${SERVICE_UID_PREFIX}${h.name}`);
}

/**
 * Wraps `expr` so every result gets `dashboard="<uid of the service named in nameLabel>"`:
 * `svc-<name>` for all, then an exact override for each service of `hashed`. Series of
 * undeclared peers (a database, an external API) get `svc-<name>` too, which opens no dashboard.
 */
export function withDashboardLabel(expr: string, nameLabel: string, hashed: readonly HashedUid[]): string {
  let out = `label_replace(${expr}, "${DASHBOARD_LABEL}", "${SERVICE_UID_PREFIX}$1", "${nameLabel}", "(.+)")`;
  for (const h of hashed) out = `label_replace(${out}, "${DASHBOARD_LABEL}", "${h.uid}", "${nameLabel}", "${h.name}")`;
  return out;
}

/** Data-link URL to the dashboard named by a series label (time series panels). */
export const SERIES_DASHBOARD_URL = `/d/\${__field.labels.${DASHBOARD_LABEL}}?\${__url_time_range}`;

/** Data-link URL to the dashboard named by a table column. */
export const ROW_DASHBOARD_URL = `/d/\${__data.fields.${DASHBOARD_LABEL}}?\${__url_time_range}`;

/** URL of a dashboard with variables set. */
export function dashboardUrl(uid: string, vars: Readonly<Record<string, string>> = {}): string {
  const query = Object.entries(vars).map(([k, v]) => `var-${k}=${encodeURIComponent(v)}`);
  return query.length === 0 ? `/d/${uid}` : `/d/${uid}?${query.join("&")}`;
}
