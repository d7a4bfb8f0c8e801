/**
 * The Loki stream labels dashboards select on, and the Jaeger tag that marks an error span.
 *
 * Loki indexes only `service`, `namespace` and `severity` (telemetry/label-contract.ts);
 * `trace_id` and `span_id` are structured metadata, and the Loki datasource's derived field
 * `TraceID` (telemetry/datasources.ts) turns each line into a link to its trace in Jaeger.
 * `severity` holds the OpenTelemetry level name in lower case (telemetry/log-schema.ts).
 */
import { LOKI_INDEX_LABELS } from "../telemetry/label-contract";
import { SEVERITY_LEVELS } from "../telemetry/log-schema";

/** Stream label names, by role. */
export const LOKI_LABELS = {
  service: "service",
  namespace: "namespace",
  severity: "severity",
} as const satisfies Record<string, (typeof LOKI_INDEX_LABELS)[number]>;

/** Every label a dashboard's LogQL stream selector may use. */
export const KNOWN_LOKI_LABELS: ReadonlySet<string> = new Set<string>(LOKI_INDEX_LABELS);

/** OpenTelemetry severity number of ERROR; this level and above count as error lines. */
const ERROR_SEVERITY_NUMBER = 17;

/** The `severity` label values of error lines: `error`, `fatal`. */
export const ERROR_SEVERITIES: readonly string[] = SEVERITY_LEVELS.filter((l) => l.number >= ERROR_SEVERITY_NUMBER).map((l) => l.otel);

/** LogQL regex matching the error severities, e.g. `error|fatal`. */
export function errorSeverityRegex(): string {
  return ERROR_SEVERITIES.join("|");
}

/**
 * Jaeger search tags (logfmt) selecting traces with an error span: Jaeger maps the OTLP span
 * status ERROR to the tag `error=true`.
 */
export const JAEGER_ERROR_TAGS = "error=true";
