import { formatIssues } from "../stacks/config/errors";
import { StackConfigError } from "../stacks/config/load";
import { PROJECT } from "../stacks/config/schema";
import { telemetryConfigSchema, type TelemetryConfig } from "./config-schema";

/**
 * Validates the telemetry keys of a stack file on their own (the stack schema does the same
 * once it includes `telemetryConfigKeys`). Every problem is one line naming the file and key,
 * e.g. `Pulumi.staging.yaml: sevensa-observability:sampling.tail.latencyThreshold: "fast" is not a duration like 500ms, 10s or 1m30s`.
 *
 * @throws StackConfigError listing every offending key
 */
export function parseTelemetryConfig(file: string, values: unknown): TelemetryConfig {
  const result = telemetryConfigSchema.safeParse(values, { reportInput: true });
  if (!result.success) throw new StackConfigError(formatIssues(file, PROJECT, result.error.issues));
  return result.data;
}
