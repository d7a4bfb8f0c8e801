import type { CataloguedService, EnvironmentName } from "../catalogue/types";
import type { AmRoute } from "./alertmanager-types";
import { CHAOS_EXPERIMENT_LABEL, INFO_INHIBITOR_ALERT, WATCHDOG_ALERT } from "./alert-names";
import { receiverName } from "./receivers";
import { SEVERITY_TIMINGS, severityMatcher } from "./severity";
import type { SeverityClass, TeamDeclaration } from "./team-types";
import { timeIntervalName } from "./time-intervals";
import { effectiveRoutes } from "./validate-teams";

export { CHAOS_EXPERIMENT_LABEL, WATCHDOG_ALERT } from "./alert-names";

/** A receiver with no integration: alerts routed to it are visible in the Alertmanager UI and API only. */
export const NULL_RECEIVER = "null";

/** The severity-class routes' grouping and timing fields. */
function timings(cls: SeverityClass): Pick<AmRoute, "group_by" | "group_wait" | "group_interval" | "repeat_interval"> {
  const t = SEVERITY_TIMINGS[cls];
  return { group_by: [...t.groupBy], group_wait: t.groupWait, group_interval: t.groupInterval, repeat_interval: t.repeatInterval };
}

/** The `active_time_intervals` / `mute_time_intervals` of one severity class of a team. */
function intervals(team: TeamDeclaration, cls: SeverityClass): Pick<AmRoute, "active_time_intervals" | "mute_time_intervals"> {
  const timing = team.timing?.[cls] ?? {};
  const active = (timing.activeDuring ?? []).map((k) => timeIntervalName(team.name, k));
  const muted = (timing.mutedDuring ?? []).map((k) => timeIntervalName(team.name, k));
  return {
    ...(active.length === 0 ? {} : { active_time_intervals: active }),
    ...(muted.length === 0 ? {} : { mute_time_intervals: muted }),
  };
}

/**
 * One team's subtree: `team="<name>"`, then by severity class. Pages of services whose
 * paging is disabled in this environment go to the ticket receiver as tickets (so that a
 * page, which inhibits its ticket, is never dropped). Outside production a team without
 * a page route has its pages sent to its ticket receiver, still with page timings.
 * Alerts with an unknown severity stop at the team route, on its ticket receiver.
 */
export function teamRoute(team: TeamDeclaration, environment: EnvironmentName, services: CataloguedService[]): AmRoute {
  const routes = effectiveRoutes(team, environment);
  const ticket = receiverName(team.name, routes.ticket);
  const page = receiverName(team.name, routes.page ?? routes.ticket);
  const pagingDisabled = services
    .filter((s) => s.declaration.team === team.name && s.declaration.overrides?.[environment]?.pagingDisabled === true)
    .map((s) => s.declaration.name)
    .sort();
  const children: AmRoute[] = [
    ...pagingDisabled.map((service) => ({
      matchers: [`service="${service}"`, severityMatcher("page")],
      receiver: ticket,
      ...timings("ticket"),
      ...intervals(team, "ticket"),
    })),
    { matchers: [severityMatcher("page")], receiver: page, ...timings("page") },
    { matchers: [severityMatcher("ticket")], receiver: ticket, ...timings("ticket"), ...intervals(team, "ticket") },
    { matchers: [severityMatcher("info")], receiver: receiverName(team.name, routes.info), ...timings("info"), ...intervals(team, "info") },
  ];
  return { matchers: [`team="${team.name}"`], receiver: ticket, ...timings("ticket"), routes: children };
}

/** Receivers of the platform-wide routes. */
export interface SpecialReceivers {
  /** Receiver of the Watchdog. */
  deadMansSwitch: string;
  /** Root receiver: alerts that match no team. */
  unowned: string;
  /** Receiver of alerts labelled `chaos_experiment`. */
  experiments: string;
}

/**
 * The whole tree. First match wins, in this order: the Watchdog (to the dead-man's
 * switch, re-sent every minute); the InfoInhibitor (to the null receiver); chaos
 * experiment alerts (to the experiments receiver, never a pager); then one subtree per
 * team. Anything else stays at the root: the unowned catch-all, itself a visible receiver.
 */
export function routingTree(teams: TeamDeclaration[], environment: EnvironmentName, services: CataloguedService[], special: SpecialReceivers): AmRoute {
  return {
    receiver: special.unowned,
    group_by: ["alertname", "team", "service", "namespace"],
    group_wait: "30s",
    group_interval: "5m",
    repeat_interval: "4h",
    routes: [
      {
        matchers: [`alertname="${WATCHDOG_ALERT}"`],
        receiver: special.deadMansSwitch,
        group_by: ["alertname"],
        group_wait: "0s",
        group_interval: "1m",
        repeat_interval: "1m",
      },
      { matchers: [`alertname="${INFO_INHIBITOR_ALERT}"`], receiver: NULL_RECEIVER },
      {
        matchers: [`${CHAOS_EXPERIMENT_LABEL}=~".+"`],
        receiver: special.experiments,
        group_by: [CHAOS_EXPERIMENT_LABEL, "alertname", "service"],
        group_wait: "30s",
        group_interval: "5m",
        repeat_interval: "4h",
      },
      ...teams.map((t) => teamRoute(t, environment, services)),
    ],
  };
}
