import { LOG_FIELDS, logField, SEVERITY_LEVELS, type LogField } from "./log-schema";

/**
 * The filelog receiver's operators, generated from the log schema. Container runtime lines are
 * unwrapped by the `container` operator (which also sets k8s.namespace.name, k8s.pod.name,
 * k8s.pod.uid and k8s.container.name from the file path); a JSON line is parsed into a
 * scratch map, its timestamp, severity, trace and span ids become the record's, the resource
 * fields move to the resource, the severity becomes the `severity` stream label (a resource
 * attribute, which the filelog receiver keeps per line), and the scratch map is removed. The
 * line itself stays the record's body, so Loki shows what the service wrote and LogQL's `| json`
 * reads every field. A line that is not JSON passes unchanged. The file path (which the receiver
 * must include for the container operator) is removed last: the metadata already says it.
 */

/** The attribute the file_log receiver puts the file path in (`include_file_path: true`). */
export const FILE_PATH_ATTRIBUTE = "log.file.path";

/** Scratch field the JSON line is parsed into (removed by the last operator). */
export const PARSED_FIELD = 'attributes["sevensa.log"]';

/** Stanza field expression of one key of the parsed line. */
export function parsedKey(key: string): string {
  return `${PARSED_FIELD}[${JSON.stringify(key)}]`;
}

/** Resource attribute holding the `severity` stream label (Loki indexes it). */
export const SEVERITY_LABEL_ATTRIBUTE = "severity";

/** The `if` expression selecting JSON lines (expr language; the regex is RE2 and JS compatible). */
export const JSON_LINE_CONDITION = `body matches ${JSON.stringify("^\\s*\\{")}`;

function severityMapping(): Record<string, string[]> {
  return Object.fromEntries(SEVERITY_LEVELS.map((l) => [l.otel, [l.text, ...l.aliases]]));
}

function idOf(key: string): string {
  return key.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
}

function field(target: LogField["target"]["kind"]): LogField {
  const f = LOG_FIELDS.find((x) => x.target.kind === target);
  if (f === undefined) throw new Error(`log schema has no ${target} field`);
  return f;
}

/** The filelog `operators` list (plain data, rendered into the agent config as is). */
export function logParsingOperators(): Record<string, unknown>[] {
  const ts = field("timestamp");
  if (ts.target.kind !== "timestamp") throw new Error("unreachable");
  const parse: Record<string, unknown> = {
    type: "json_parser",
    id: "log-schema",
    if: JSON_LINE_CONDITION,
    parse_from: "body",
    parse_to: PARSED_FIELD,
    on_error: "send_quiet",
    timestamp: { parse_from: parsedKey(ts.key), layout_type: "gotime", layout: ts.target.layout },
    severity: { parse_from: parsedKey(field("severity").key), mapping: severityMapping() },
    trace: {
      trace_id: { parse_from: parsedKey(field("trace_id").key) },
      span_id: { parse_from: parsedKey(field("span_id").key) },
    },
  };
  const moves = LOG_FIELDS.filter((f) => f.target.kind === "resource").map((f) => {
    const attribute = (f.target as { attribute: string }).attribute;
    return {
      type: "move",
      id: `resource-${idOf(f.key)}`,
      if: `${parsedKey(f.key)} != nil`,
      from: parsedKey(f.key),
      to: `resource[${JSON.stringify(attribute)}]`,
    };
  });
  const sevKey = parsedKey(logField("severity").key);
  const labels = SEVERITY_LEVELS.map((l) => ({
    type: "add",
    id: `severity-label-${l.otel}`,
    if: `${sevKey} in ${JSON.stringify([l.text, ...l.aliases])}`,
    field: `resource[${JSON.stringify(SEVERITY_LABEL_ATTRIBUTE)}]`,
    value: l.otel,
  }));
  return [
    { type: "container", id: "container" },
    parse,
    ...moves,
    ...labels,
    { type: "remove", id: "drop-parsed", if: `${PARSED_FIELD} != nil`, field: PARSED_FIELD },
    { type: "remove", id: "drop-file-path", if: `attributes[${JSON.stringify(FILE_PATH_ATTRIBUTE)}] != nil`, field: `attributes[${JSON.stringify(FILE_PATH_ATTRIBUTE)}]` },
  ];
}

/**
 * Grafana's Loki derived-field regex for the trace id in a line: the schema's `trace_id` key and
 * its hex pattern, with the id as the first capture group. JSON allows blanks around the colon
 * (Python's json.dumps writes one).
 */
export function traceIdLineRegex(): string {
  const f = logField("trace_id");
  const hex = (f.pattern ?? /^.+$/).source.replace(/^\^/, "").replace(/\$$/, "");
  return `"${f.key}"\\s*:\\s*"(${hex})"`;
}
