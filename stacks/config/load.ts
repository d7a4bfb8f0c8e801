import { PROJECT, stackConfigSchema, type StackConfig } from "./schema";
import { formatIssues } from "./errors";
import { engineSecretMarks } from "./engine-secrets";
import { plaintextSecretProblems, type SecretMarks } from "./secret-keys";
import { stackFile } from "./stack-file";

export { stackFile };

/** Thrown when a stack file does not validate; the message lists every problem, one per line. */
export class StackConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackConfigError";
  }
}

/**
 * Turns the raw `project:key → value` map (as the engine passes it, or as read from the stack
 * file) into the nested object the schema checks. Keys of other namespaces (provider config)
 * are left alone. Values the engine hands over as JSON text are decoded.
 */
export function projectValues(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const [ns, name] = key.split(":", 2);
    if (ns !== PROJECT || name === undefined) continue;
    out[name] = decode(value);
  }
  return out;
}

function decode(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const t = value.trim();
  if (t.startsWith("{") || t.startsWith("[")) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

/**
 * Validates the config of one stack. Secret values are dropped from the result (only their names
 * remain, as `true`), so plain config never carries a secret; a secret key given in plaintext
 * (receiver secrets, Grafana's admin password, the registry password) is refused.
 *
 * @param stack stack name; messages name `Pulumi.<stack>.yaml`
 * @param raw the `project:key → value` map
 * @param marks which values were given as secrets. @default engineSecretMarks(stack): the running
 *   engine's secret keys and the project's `Pulumi.<stack>.yaml`
 * @throws StackConfigError naming the file and each offending key, every problem at once
 */
export function parseStackConfig(stack: string, raw: Record<string, unknown>, marks: SecretMarks = engineSecretMarks(stack)): StackConfig {
  const values = projectValues(raw);
  const result = stackConfigSchema.safeParse(values, { reportInput: true });
  const problems = [
    ...(result.success ? [] : [formatIssues(stackFile(stack), PROJECT, result.error.issues)]),
    ...plaintextSecretProblems(stack, raw, marks),
  ];
  if (!result.success || problems.length > 0) throw new StackConfigError(problems.join("\n"));
  const config = result.data;
  if (config.receiverSecrets !== undefined) {
    config.receiverSecrets = Object.fromEntries(Object.keys(config.receiverSecrets).map((k) => [k, true]));
  }
  if (config.grafanaAdminPassword !== undefined) config.grafanaAdminPassword = true;
  if (config.otelCollectorRegistryPassword !== undefined) config.otelCollectorRegistryPassword = true;
  return config;
}
