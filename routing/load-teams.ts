import * as fs from "fs";
import * as path from "path";
import type { LoadedTeam, TeamDeclaration } from "./team-types";

/** Where team declarations live, relative to the repository root. */
export const TEAMS_DIR = "stacks/teams";

/**
 * Loads every `*.ts` file directly under `dir` (one team per file, default export made
 * with `defineTeam`), mirroring `loadCatalogue`. Returns them sorted by file name so
 * output is stable. Validation is done separately (see `validate-routing.ts`).
 *
 * @param repoRoot absolute path of the repository root
 * @param dir directory relative to `repoRoot` @default TEAMS_DIR
 */
export function loadTeams(repoRoot: string, dir: string = TEAMS_DIR): LoadedTeam[] {
  const abs = path.join(repoRoot, dir);
  const files = fs
    .readdirSync(abs)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.startsWith("_") && f !== "index.ts")
    .sort();
  return files.map((f) => {
    const file = path.posix.join(dir, f);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(abs, f)) as { default?: TeamDeclaration };
    if (mod.default === undefined || typeof mod.default !== "object") {
      throw new Error(`${file}: has no default export; write \`export default defineTeam({ ... })\``);
    }
    return { file, declaration: mod.default };
  });
}
