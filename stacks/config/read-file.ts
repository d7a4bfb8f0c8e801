import { parseStackConfig, StackConfigError } from "./load";
import type { StackConfig } from "./schema";
import { stackFile, stackFileConfig } from "./stack-file";

/**
 * Reads and validates `Pulumi.<stack>.yaml` from `repoRoot` without the engine (for
 * `npm run artifacts` and tests). Secure values stay encrypted and are dropped by the parser; a
 * secret key written in plaintext is refused (the file alone says what is secure).
 */
export function readStackConfigFile(repoRoot: string, stack: string): StackConfig {
  const config = stackFileConfig(repoRoot, stack);
  if (config === undefined) throw new StackConfigError(`${stackFile(stack)}: no such stack file`);
  return parseStackConfig(stack, config, { isSecretKey: () => false, fileConfig: config });
}
