import type * as Pulumi from "@pulumi/pulumi";
import type { SecretMarks } from "./secret-keys";
import { PROJECT_DIR, stackFileConfig } from "./stack-file";

/**
 * `@pulumi/pulumi`'s own test of whether a config key is secret: the engine passes the secret keys
 * in PULUMI_CONFIG_SECRET_KEYS and `setAllConfig(config, secretKeys)` sets them under mocks. The
 * function is exported at run time but marked internal (not in the typings).
 */
function runtimeIsConfigSecret(): (fullKey: string) => boolean {
  // Loaded on use, not on import: modules that import stacks/config for its errors or schema
  // (telemetry/validate-config.ts and other generators) stay free of Pulumi.
  const pulumi = require("@pulumi/pulumi") as typeof Pulumi;
  const fn = (pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean }).isConfigSecret;
  if (typeof fn !== "function") {
    throw new Error("@pulumi/pulumi no longer exports runtime.isConfigSecret: the program cannot tell secret config from plaintext (stacks/config/engine-secrets.ts)");
  }
  return fn;
}

/**
 * The secret marks of the running program: the engine's secret keys, and `Pulumi.<stack>.yaml` of
 * the project directory when it exists (a stack file given with `--config-file` elsewhere is not
 * seen; then only the engine's whole-key mark counts).
 */
export function engineSecretMarks(stack: string, projectDir: string = PROJECT_DIR): SecretMarks {
  return { isSecretKey: runtimeIsConfigSecret(), fileConfig: stackFileConfig(projectDir, stack) };
}
