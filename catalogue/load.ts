import * as fs from "fs";
import * as path from "path";
import type { CataloguedService, ServiceDeclaration } from "./types";

/** Where service declarations live, relative to the repository root. */
export const SERVICES_DIR = "stacks/services";

/**
 * Loads every `*.ts` file directly under `dir` (one service per file, default export
 * made with `defineService`). Returns them sorted by file name so output is stable.
 * Structural validation is done separately (see `validate.ts`).
 *
 * @param repoRoot absolute path of the repository root
 * @param dir directory relative to `repoRoot` @default SERVICES_DIR
 */
export function loadCatalogue(repoRoot: string, dir: string = SERVICES_DIR): CataloguedService[] {
  const abs = path.join(repoRoot, dir);
  const files = fs
    .readdirSync(abs)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.startsWith("_") && f !== "index.ts")
    .sort();
  return files.map((f) => {
    const file = path.posix.join(dir, f);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(abs, f)) as { default?: ServiceDeclaration };
    if (mod.default === undefined || typeof mod.default !== "object") {
      throw new Error(`${file}: has no default export; write \`export default defineService({ ... })\``);
    }
    return { file, declaration: mod.default };
  });
}
