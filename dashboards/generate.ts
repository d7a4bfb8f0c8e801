/**
 * All dashboards of one environment: one per declared service, plus the SLO overview, the
 * service map, platform health, error-path analysis and the resilience overview. Pure:
 * catalogue in, plain JSON out.
 */
import type { CataloguedService, EnvironmentName } from "../catalogue/types";
import { resolveResiliencePolicies } from "../resilience/resolve";
import { hashedUids } from "./dashboard-links";
import { errorPathsDashboard } from "./error-paths";
import { platformHealthDashboard } from "./platform-health";
import { resilienceOverviewDashboard } from "./resilience-overview";
import { serviceDashboard } from "./service-dashboard";
import { serviceMapDashboard } from "./service-map";
import { sloOverviewDashboard } from "./slo-overview";
import type { GeneratedDashboard } from "./types";
import { assertUniqueUids, serviceDashboardUid, type UidOwner } from "./uid";

/**
 * Generates every dashboard for `environment` from a validated catalogue (see
 * `catalogue/validate.ts`). Throws when two dashboards would share a UID, naming both, and
 * when a service's resilience policies do not resolve (the resolver's message, naming the file
 * and field). Service dashboards come first, in catalogue order, then the five platform
 * dashboards.
 */
export function generateDashboards(services: CataloguedService[], environment: EnvironmentName): GeneratedDashboard[] {
  const owners: UidOwner[] = services.map((s) => ({
    uid: serviceDashboardUid(s.declaration.name),
    origin: `${s.file}: name ${JSON.stringify(s.declaration.name)}`,
  }));
  const policies = services.map((s) => resolveResiliencePolicies(s, services, environment));
  const platform = [
    sloOverviewDashboard(services, environment),
    serviceMapDashboard(services, environment),
    platformHealthDashboard(environment),
    errorPathsDashboard(services, environment),
    resilienceOverviewDashboard(services, policies, environment),
  ];
  assertUniqueUids([...owners, ...platform.map((d) => ({ uid: d.uid, origin: `platform dashboard ${JSON.stringify(d.title)}` }))]);
  const hashed = hashedUids(services.map((s) => s.declaration.name));
  return [...services.map((s, i) => serviceDashboard(s, environment, hashed, policies[i])), ...platform];
}

/** The artifact file of a dashboard: `grafana/dashboards/<uid>.json`, pretty-printed with a final newline. */
export function dashboardArtifactPath(d: GeneratedDashboard): string {
  return `grafana/dashboards/${d.uid}.json`;
}

/** The JSON text Grafana reads (file provider, ConfigMap value). */
export function renderDashboard(d: GeneratedDashboard): string {
  return `${JSON.stringify(d.json, null, 2)}\n`;
}
