import * as fs from "fs";
import * as path from "path";

/** One declaration and the file it came from (relative to the repository root). */
export interface Declared<T> {
  file: string;
  declaration: T;
}

/**
 * Requires every `*.ts` file directly under `dir` (or `*.js`, when the program runs compiled),
 * one declaration per file as its default export made with `helper`, sorted by file name so
 * output is stable. Files starting with `_`, `index.*` and `.d.ts` files are skipped.
 * Validation is the caller's.
 *
 * @param repoRoot absolute path of the repository root
 * @param dir directory relative to `repoRoot`
 * @param helper name of the define function, for the error message (e.g. `defineService`)
 */
export function loadDeclarationFiles<T>(repoRoot: string, dir: string, helper: string): Declared<T>[] {
  const abs = path.join(repoRoot, dir);
  const files = fs
    .readdirSync(abs)
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith(".d.ts") && !f.startsWith("_") && !/^index\.(ts|js)$/.test(f))
    .sort();
  return files.map((f) => {
    const file = path.posix.join(dir, f);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(abs, f)) as { default?: T };
    if (mod.default === undefined || typeof mod.default !== "object") {
      throw new Error(`${file}: has no default export; write \`export default ${helper}({ ... })\``);
    }
    return { file, declaration: mod.default };
  });
}
