/**
 * The standard log schema: one JSON object per line on stdout, the same for every language.
 * The collector's filelog parsing (log-parsing.ts), the Loki labels and Grafana's log → trace
 * link (datasources.ts) are generated from this one definition; docs/log-schema.md describes it.
 */

/** A severity level: the text services write, the OpenTelemetry severity number, accepted aliases. */
export interface SeverityLevel {
  /** The canonical text in a log line. */
  text: "TRACE" | "DEBUG" | "INFO" | "WARN" | "ERROR" | "FATAL";
  /** The stanza/OpenTelemetry severity name the collector maps the text to. */
  otel: "trace" | "debug" | "info" | "warn" | "error" | "fatal";
  /** OpenTelemetry SeverityNumber of the level. */
  number: number;
  /** Other spellings the collector also accepts (what common loggers print by default). */
  aliases: readonly string[];
}

/** The six levels, lowest first. The Loki `severity` label carries the `otel` name. */
export const SEVERITY_LEVELS: readonly SeverityLevel[] = [
  { text: "TRACE", otel: "trace", number: 1, aliases: ["trace"] },
  { text: "DEBUG", otel: "debug", number: 5, aliases: ["debug"] },
  { text: "INFO", otel: "info", number: 9, aliases: ["info", "NOTICE", "notice"] },
  { text: "WARN", otel: "warn", number: 13, aliases: ["warn", "WARNING", "warning"] },
  { text: "ERROR", otel: "error", number: 17, aliases: ["error"] },
  { text: "FATAL", otel: "fatal", number: 21, aliases: ["fatal", "CRITICAL", "critical", "ALERT", "alert", "EMERGENCY", "emergency"] },
];

/** Where the collector puts a field of the line. */
export type LogFieldTarget =
  /** The record's timestamp (RFC 3339 with fraction and offset). */
  | { kind: "timestamp"; layout: string }
  /** The record's severity (text and number) and the `severity` stream label. */
  | { kind: "severity" }
  /** The record's trace id (Loki structured metadata `trace_id`). */
  | { kind: "trace_id" }
  /** The record's span id (Loki structured metadata `span_id`). */
  | { kind: "span_id" }
  /** A resource attribute (unless the SDK or Kubernetes metadata already set it). */
  | { kind: "resource"; attribute: string }
  /** Stays in the line only; LogQL reads it with `| json`. */
  | { kind: "line" };

/** One field of a log line. */
export interface LogField {
  /** The JSON key, exactly as written in the line (dots are part of the key, not nesting). */
  key: string;
  /** Must every line carry it? */
  required: boolean;
  /** JSON type of the value. */
  type: "string" | "object";
  /** What the value must look like, when it has a fixed shape. */
  pattern?: RegExp;
  /** Where the collector puts it. */
  target: LogFieldTarget;
  /** One line for the documentation. */
  description: string;
}

/** Go layout of RFC 3339 with optional fractional seconds. */
export const RFC3339_NANO_LAYOUT = "2006-01-02T15:04:05.999999999Z07:00";

/** W3C trace context ids in lower-case hex. */
export const TRACE_ID_PATTERN = /^[0-9a-f]{32}$/;
export const SPAN_ID_PATTERN = /^[0-9a-f]{16}$/;

/** The fields, in the order a line should print them. */
export const LOG_FIELDS: readonly LogField[] = [
  { key: "timestamp", required: true, type: "string", target: { kind: "timestamp", layout: RFC3339_NANO_LAYOUT }, description: "When the event happened: RFC 3339 with fractional seconds and offset, e.g. 2025-03-14T09:26:53.589Z." },
  { key: "severity", required: true, type: "string", target: { kind: "severity" }, description: "One of TRACE, DEBUG, INFO, WARN, ERROR, FATAL." },
  { key: "message", required: true, type: "string", target: { kind: "line" }, description: "The human-readable event, without interpolated identifiers where a field would do." },
  { key: "service.name", required: true, type: "string", target: { kind: "resource", attribute: "service.name" }, description: "The service's declared name (the `service` label everywhere)." },
  { key: "service.version", required: false, type: "string", target: { kind: "resource", attribute: "service.version" }, description: "Version of the running build (image tag or git describe)." },
  { key: "deployment.environment", required: false, type: "string", target: { kind: "resource", attribute: "deployment.environment.name" }, description: "local, staging or production." },
  { key: "trace_id", required: false, type: "string", pattern: TRACE_ID_PATTERN, target: { kind: "trace_id" }, description: "Active trace id, 32 lower-case hex digits; present whenever a span is active." },
  { key: "span_id", required: false, type: "string", pattern: SPAN_ID_PATTERN, target: { kind: "span_id" }, description: "Active span id, 16 lower-case hex digits." },
  { key: "error.type", required: false, type: "string", target: { kind: "line" }, description: "Exception class or error code, on failures." },
  { key: "error.message", required: false, type: "string", target: { kind: "line" }, description: "The exception's message." },
  { key: "error.stack", required: false, type: "string", target: { kind: "line" }, description: "Stack trace as one string with \\n line breaks (never one log line per frame)." },
  { key: "attributes", required: false, type: "object", target: { kind: "line" }, description: "Free, flat key/value context (order id, customer tier …); never secrets or personal data." },
];

/** The field of a given key; throws when the schema has none (a typo in a generator). */
export function logField(key: string): LogField {
  const f = LOG_FIELDS.find((x) => x.key === key);
  if (f === undefined) throw new Error(`log schema has no field "${key}"`);
  return f;
}

/**
 * Why a parsed JSON line does not follow the schema (one message per problem), empty when it does.
 * Used by tests and by the documentation's examples.
 */
export function logLineProblems(line: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const f of LOG_FIELDS) {
    const v = line[f.key];
    if (v === undefined) {
      if (f.required) problems.push(`"${f.key}" is required`);
      continue;
    }
    const isObject = typeof v === "object" && v !== null && !Array.isArray(v);
    if (f.type === "object" ? !isObject : typeof v !== "string") problems.push(`"${f.key}" must be a JSON ${f.type}`);
    else if (f.pattern !== undefined && !f.pattern.test(v as string)) problems.push(`"${f.key}" ${JSON.stringify(v)} does not match ${f.pattern.source}`);
  }
  const sev = line.severity;
  if (typeof sev === "string" && !SEVERITY_LEVELS.some((l) => l.text === sev)) {
    problems.push(`"severity" ${JSON.stringify(sev)} is not one of ${SEVERITY_LEVELS.map((l) => l.text).join(", ")}`);
  }
  return problems;
}
