import type { AlertmanagerConfig, AmReceiver, AmRoute } from "./alertmanager-types";
import { buildInhibitRules } from "./inhibition";
import { buildReceiver, receiverName } from "./receivers";
import type { RoutingInput } from "./routing-input";
import { NULL_RECEIVER, routingTree } from "./routing-tree";
import { PLATFORM_TEAM } from "./team-types";
import { buildTimeIntervals } from "./time-intervals";
import { validateRouting } from "./validate-routing";
import { effectiveRoutes } from "./validate-teams";

/** How long an alert that Prometheus stops re-sending stays firing (Prometheus re-sends every minute). */
export const RESOLVE_TIMEOUT = "5m";

function usedReceivers(route: AmRoute, into: Set<string>): Set<string> {
  if (route.receiver !== undefined) into.add(route.receiver);
  for (const child of route.routes ?? []) usedReceivers(child, into);
  return into;
}

/**
 * The Alertmanager configuration of one environment, generated from the declared teams
 * and services: the routing tree (team, then severity), inhibition rules, time
 * intervals, and the receivers the tree uses (each secret as a `*_file` path under
 * `ALERTMANAGER_SECRETS_DIR`, never a value). Validates first and throws a
 * `RoutingValidationError` naming the file and field of every problem.
 */
export function generateAlertmanagerConfig(input: RoutingInput): AlertmanagerConfig {
  validateRouting(input);
  const teams = input.teams.map((t) => t.declaration);
  const platform = teams.find((t) => t.name === PLATFORM_TEAM);
  if (platform === undefined) throw new Error(`unreachable: validateRouting accepted a catalogue without the ${PLATFORM_TEAM} team`);
  const routes = effectiveRoutes(platform, input.environment);
  const special = {
    deadMansSwitch: receiverName(PLATFORM_TEAM, routes.deadMansSwitch ?? ""),
    unowned: receiverName(PLATFORM_TEAM, routes.unowned ?? ""),
    experiments: input.experimentReceiver ?? receiverName(PLATFORM_TEAM, routes.experiments ?? ""),
  };
  const route = routingTree(teams, input.environment, input.services, special);

  const used = usedReceivers(route, new Set());
  const receivers: AmReceiver[] = [];
  for (const team of teams) {
    for (const key of Object.keys(team.receivers).sort()) {
      const name = receiverName(team.name, key);
      if (used.has(name)) receivers.push(buildReceiver(name, team.receivers[key]));
    }
  }
  receivers.push({ name: NULL_RECEIVER });

  return {
    global: { resolve_timeout: RESOLVE_TIMEOUT },
    route,
    inhibit_rules: [...buildInhibitRules(), ...(input.extraInhibitRules ?? [])],
    receivers,
    time_intervals: teams.flatMap(buildTimeIntervals),
  };
}
