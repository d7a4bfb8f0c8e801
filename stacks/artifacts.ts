import * as fs from "fs";
import * as path from "path";
import { readStackConfigFile } from "./config/read-file";
import { generateStack, REPO_ROOT, type Declarations, type GeneratedStack } from "./generate";

/**
 * Generates every configuration of `stack` from its stack file and the declarations, without the
 * engine, and writes them under `outDir` in the documented layout. Secret values are never
 * written: the stack file's secure values stay encrypted and configs reference secret files.
 * Returns what was generated and the written paths (relative to `outDir`, sorted).
 */
export function writeArtifacts(
  stack: string,
  outDir: string,
  declarations?: Declarations,
  repoRoot: string = REPO_ROOT,
): { generated: GeneratedStack; written: string[] } {
  const config = readStackConfigFile(repoRoot, stack);
  const generated = generateStack(stack, config, declarations);
  const written = Object.keys(generated.plan.files).sort();
  for (const rel of written) {
    const file = path.join(outDir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, generated.plan.files[rel]);
  }
  return { generated, written };
}
