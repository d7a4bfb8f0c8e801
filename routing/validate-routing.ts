import { receiverName } from "./receivers";
import type { RoutingInput } from "./routing-input";
import { PLATFORM_TEAM } from "./team-types";
import { validateTeam } from "./validate-teams";
import { TEAMS_DIR } from "./load-teams";

/** Thrown when teams or services cannot be routed; `problems` holds one line per fault. */
export class RoutingValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "RoutingValidationError";
  }
}

/**
 * Every problem with the routing input, one line each, naming the file and the field:
 * each team file on its own (see `validateTeam`), then across files: duplicate team
 * names, the platform team's presence, every service's team, the experiment receiver.
 */
export function routingProblems(input: RoutingInput): string[] {
  const problems = input.teams.flatMap(validateTeam);
  const byName = new Map<string, string>();
  for (const { file, declaration } of input.teams) {
    const first = byName.get(declaration.name);
    if (first !== undefined) problems.push(`${file}: name: team "${declaration.name}" is already declared in ${first}`);
    else byName.set(declaration.name, file);
  }
  const teamNames = [...byName.keys()].sort();
  if (!byName.has(PLATFORM_TEAM)) {
    problems.push(`${TEAMS_DIR}: no team named "${PLATFORM_TEAM}"; it owns platform alerts, the Watchdog, unowned alerts and chaos experiments`);
  }
  for (const { file, declaration } of input.services) {
    if (!byName.has(declaration.team)) {
      problems.push(`${file}: team: "${declaration.team}" is not a declared team (declared in ${TEAMS_DIR}/: ${teamNames.join(", ")})`);
    }
  }
  if (input.experimentReceiver !== undefined) {
    const all = input.teams.flatMap((t) => Object.keys(t.declaration.receivers).map((k) => receiverName(t.declaration.name, k))).sort();
    if (!all.includes(input.experimentReceiver)) {
      problems.push(`experimentReceiver: receiver "${input.experimentReceiver}" is not declared by any team (declared: ${all.join(", ")})`);
    }
  }
  return problems;
}

/** Throws a `RoutingValidationError` listing every problem, if there is any. */
export function validateRouting(input: RoutingInput): void {
  const problems = routingProblems(input);
  if (problems.length > 0) throw new RoutingValidationError(problems);
}
