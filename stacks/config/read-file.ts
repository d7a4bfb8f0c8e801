import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { parseStackConfig, stackFile, StackConfigError } from "./load";
import type { StackConfig } from "./schema";

/**
 * Reads and validates `Pulumi.<stack>.yaml` from `repoRoot` without the engine (for
 * `npm run artifacts` and tests). Secure values stay encrypted and are dropped by the parser.
 */
export function readStackConfigFile(repoRoot: string, stack: string): StackConfig {
  const file = path.join(repoRoot, stackFile(stack));
  if (!fs.existsSync(file)) throw new StackConfigError(`${stackFile(stack)}: no such stack file`);
  const doc = (parse(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
  return parseStackConfig(stack, doc.config ?? {});
}
