import type { AmInhibitRule } from "./alertmanager-types";
import { CHAOS_EXPERIMENT_LABEL, INFO_INHIBITOR_ALERT } from "./alert-names";
import { PLATFORM_TEAM } from "./team-types";

/**
 * Platform alerts that mean "the platform is down" for every service's telemetry, so that
 * per-service alerts computed from it are noise: while one fires, every alert of a
 * non-platform team carrying a `service` label is inhibited, and only the platform team
 * (paged, severity critical) is told. `OtelCollectorDroppingData` (alert-rules/
 * platform-rules.ts) fires when a collector loses telemetry because its queue is full:
 * the SLIs of the services behind it are then computed from partial data. The trade-off
 * is deliberate: during such an outage a real service failure pages only the platform.
 */
export const PLATFORM_DOWN_ALERTS: readonly string[] = ["OtelCollectorDroppingData"];

export { INFO_INHIBITOR_ALERT } from "./alert-names";

/**
 * The inhibition rules, in order:
 * 1. a firing page inhibits the ticket of the same service and SLO (the page says it all);
 * 2. `critical` inhibits `warning` and `info` of the same alertname and namespace;
 * 3. a platform-down alert inhibits per-service alerts of every other team;
 * 4. `InfoInhibitor` inhibits `info` alerts of its namespace, except those of chaos experiments.
 */
export function buildInhibitRules(platformDownAlerts: readonly string[] = PLATFORM_DOWN_ALERTS): AmInhibitRule[] {
  return [
    { source_matchers: ['severity="page"', 'slo=~".+"'], target_matchers: ['severity="ticket"'], equal: ["service", "slo"] },
    { source_matchers: ['severity="critical"'], target_matchers: ['severity=~"warning|info"'], equal: ["alertname", "namespace"] },
    {
      source_matchers: [`alertname=~"${platformDownAlerts.join("|")}"`, `team="${PLATFORM_TEAM}"`],
      target_matchers: ['service=~".+"', `team!="${PLATFORM_TEAM}"`],
    },
    // Chaos experiment alerts (often `info`) must stay visible in the experiments channel.
    { source_matchers: [`alertname="${INFO_INHIBITOR_ALERT}"`], target_matchers: ['severity="info"', `${CHAOS_EXPERIMENT_LABEL}=""`], equal: ["namespace"] },
  ];
}
