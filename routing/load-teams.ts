import { loadDeclarationFiles } from "../catalogue/load-dir";
import type { LoadedTeam, TeamDeclaration } from "./team-types";

/** Where team declarations live, relative to the repository root. */
export const TEAMS_DIR = "stacks/teams";

/**
 * Loads every team declaration (`export default defineTeam({ ... })`, one per file) under `dir`,
 * sorted by file name, mirroring `loadCatalogue`. Validation is done separately (see
 * `validate-routing.ts`).
 *
 * @param repoRoot absolute path of the repository root
 * @param dir directory relative to `repoRoot` @default TEAMS_DIR
 */
export function loadTeams(repoRoot: string, dir: string = TEAMS_DIR): LoadedTeam[] {
  return loadDeclarationFiles<TeamDeclaration>(repoRoot, dir, "defineTeam");
}
