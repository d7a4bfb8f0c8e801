/**
 * Executes the filelog operators the agent config carries, in JavaScript, for the subset of
 * stanza the generator emits: container (CRI lines), json_parser with embedded timestamp,
 * severity and trace parsers, move, add, remove, and `if` expressions of the forms
 * `body matches "<re>"`, `<field> != nil`, `<field> in [..]`. Anything else throws, so a
 * generator change that this runner does not understand fails the tests instead of passing
 * unchecked. It reads the operators as plain data (the same objects rendered into the YAML).
 */

type Root = "body" | "attributes" | "resource";

/** One log record as the collector holds it after the operators ran. */
export interface Entry {
  body: unknown;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
  timestamp?: Date;
  severity?: string;
  severityText?: string;
  traceId?: string;
  spanId?: string;
}

interface FieldRef {
  root: Root;
  keys: string[];
}

/** Parses stanza field syntax: `body`, `attributes["a.b"]["c"]`, `resource.x`. */
export function parseField(expr: string): FieldRef {
  const m = /^(body|attributes|resource)((?:\[".*?"\]|\.[A-Za-z0-9_]+)*)$/.exec(expr.trim());
  if (m === null) throw new Error(`runner: unsupported field expression ${expr}`);
  const keys: string[] = [];
  const re = /\[("(?:[^"\\]|\\.)*")\]|\.([A-Za-z0-9_]+)/g;
  let k: RegExpExecArray | null;
  while ((k = re.exec(m[2])) !== null) keys.push(k[1] !== undefined ? (JSON.parse(k[1]) as string) : k[2]);
  return { root: m[1] as Root, keys };
}

function container(entry: Entry, root: Root): Record<string, unknown> {
  if (root === "body") {
    if (typeof entry.body !== "object" || entry.body === null) entry.body = {};
    return entry.body as Record<string, unknown>;
  }
  return entry[root];
}

function get(entry: Entry, ref: FieldRef): unknown {
  if (ref.keys.length === 0) return ref.root === "body" ? entry.body : entry[ref.root];
  let cur: unknown = ref.root === "body" ? entry.body : entry[ref.root];
  for (const key of ref.keys) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function set(entry: Entry, ref: FieldRef, value: unknown): void {
  if (ref.keys.length === 0) {
    if (ref.root !== "body") throw new Error(`runner: cannot replace ${ref.root}`);
    entry.body = value;
    return;
  }
  let cur = container(entry, ref.root);
  for (const key of ref.keys.slice(0, -1)) {
    if (typeof cur[key] !== "object" || cur[key] === null) cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[ref.keys[ref.keys.length - 1]] = value;
}

function remove(entry: Entry, ref: FieldRef): unknown {
  const value = get(entry, ref);
  if (ref.keys.length === 0) throw new Error("runner: cannot remove a root");
  const parent = get(entry, { root: ref.root, keys: ref.keys.slice(0, -1) });
  if (typeof parent === "object" && parent !== null) delete (parent as Record<string, unknown>)[ref.keys[ref.keys.length - 1]];
  return value;
}

/** Evaluates the `if` forms the generator writes. */
export function evaluate(expr: string, entry: Entry): boolean {
  let m = /^body matches ("(?:[^"\\]|\\.)*")$/.exec(expr);
  if (m !== null) return typeof entry.body === "string" && new RegExp(JSON.parse(m[1]) as string).test(entry.body);
  m = /^(.+) != nil$/.exec(expr);
  if (m !== null) return get(entry, parseField(m[1])) !== undefined;
  m = /^(.+) in (\[.*\])$/.exec(expr);
  if (m !== null) return (JSON.parse(m[2]) as unknown[]).includes(get(entry, parseField(m[1])));
  throw new Error(`runner: unsupported expression ${expr}`);
}

/** stanza's log path pattern (parser/container/parser.go logpathPattern). */
const LOG_PATH = /^.*(\/|\\)([^_]+)_([^_]+)_([a-f0-9-]+)(\/|\\)([^._]+)(\/|\\)(\d+)\.log(\.\d{8}-\d{6})?$/;

/**
 * The container operator for CRI lines: `<time> <stream> <P|F> <content>`, Kubernetes metadata
 * from the `log.file.path` attribute — which exists only when the receiver includes the file
 * path; without it stanza's operator fails (the entry goes on without metadata), and so does this.
 */
function containerOperator(entry: Entry): void {
  const m = /^(\S+) (stdout|stderr) ([FP]) (.*)$/s.exec(String(entry.body));
  if (m === null) throw new Error(`runner: not a CRI line: ${String(entry.body)}`);
  entry.timestamp = new Date(m[1]);
  entry.body = m[4];
  entry.attributes["log.iostream"] = m[2];
  entry.attributes.logtag = m[3];
  const filePath = entry.attributes["log.file.path"];
  if (typeof filePath !== "string") throw new Error("container operator: add_metadata_from_filepath is on but the log record has no log.file.path (enable include_file_path)");
  const p = LOG_PATH.exec(filePath);
  if (p === null) throw new Error(`container operator: failed to detect a valid log path: ${filePath}`);
  Object.assign(entry.resource, {
    "k8s.namespace.name": p[2],
    "k8s.pod.name": p[3],
    "k8s.pod.uid": p[4],
    "k8s.container.name": p[6],
    "k8s.container.restart_count": p[8],
  });
}

function parseTimestamp(entry: Entry, cfg: Record<string, unknown>): void {
  if (cfg.layout_type !== "gotime" || cfg.layout !== "2006-01-02T15:04:05.999999999Z07:00") {
    throw new Error(`runner: unsupported timestamp layout ${String(cfg.layout_type)} ${String(cfg.layout)}`);
  }
  const value = get(entry, parseField(String(cfg.parse_from)));
  if (typeof value !== "string" || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/.test(value)) {
    throw new Error(`timestamp ${JSON.stringify(value)} does not match the layout`);
  }
  entry.timestamp = new Date(value.replace(/(\.\d{3})\d+/, "$1"));
}

function parseSeverity(entry: Entry, cfg: Record<string, unknown>): void {
  const value = get(entry, parseField(String(cfg.parse_from)));
  if (value === undefined) throw new Error("severity field does not exist");
  const mapping = cfg.mapping as Record<string, string[]>;
  // stanza lower-cases both the mapping and the value (severity_builder.go, severity.go).
  const level = Object.entries(mapping).find(([, texts]) => texts.map((t) => t.toLowerCase()).includes(String(value).toLowerCase()));
  entry.severity = level?.[0];
  entry.severityText = String(value);
}

function parseTrace(entry: Entry, cfg: Record<string, Record<string, unknown>>): void {
  for (const [name, bytes] of [["trace_id", 16], ["span_id", 8]] as const) {
    const from = cfg[name]?.parse_from;
    if (from === undefined) continue;
    // stanza reads the field (it stays) and hex-decodes it (helper/trace.go parseHexField).
    const value = get(entry, parseField(String(from)));
    if (value === undefined) continue;
    if (!/^([0-9a-fA-F]{2})*$/.test(String(value))) throw new Error(`${name} ${JSON.stringify(value)} is not hex (expected ${bytes} bytes)`);
    if (name === "trace_id") entry.traceId = String(value).toLowerCase();
    else entry.spanId = String(value).toLowerCase();
  }
}

/**
 * Runs the operators of a file_log receiver config on one raw line of the file at `filePath`, as
 * the receiver does: the file path attribute is there only when the config includes it.
 */
export function runOperators(fileLog: { operators: Record<string, unknown>[]; include_file_path?: boolean }, line: string, filePath: string): Entry {
  const operators = fileLog.operators;
  const entry: Entry = { body: line, attributes: fileLog.include_file_path === true ? { "log.file.path": filePath } : {}, resource: {} };
  for (const op of operators) {
    if (typeof op.if === "string" && !evaluate(op.if, entry)) continue;
    switch (op.type) {
      case "container":
        // stanza unwraps the line first; a metadata error then sends the entry on (on_error "send")
        // without Kubernetes metadata. Mirror that: keep what was done, drop the error.
        try {
          containerOperator(entry);
        } catch {
          if (op.on_error !== undefined && op.on_error !== "send") throw new Error(`runner: unsupported on_error ${String(op.on_error)}`);
        }
        break;
      case "json_parser": {
        let parsed: unknown;
        try {
          parsed = JSON.parse(String(get(entry, parseField(String(op.parse_from)))));
        } catch (e) {
          if (op.on_error === "send_quiet" || op.on_error === "send") break;
          throw e;
        }
        set(entry, parseField(String(op.parse_to)), parsed);
        // stanza runs every embedded parser and then reports the first error (on_error decides).
        const errors: unknown[] = [];
        for (const [key, fn] of [["timestamp", parseTimestamp], ["severity", parseSeverity], ["trace", parseTrace]] as const) {
          if (op[key] === undefined) continue;
          try {
            (fn as (e: Entry, c: unknown) => void)(entry, op[key]);
          } catch (e) {
            errors.push(e);
          }
        }
        if (errors.length > 0 && op.on_error !== "send_quiet" && op.on_error !== "send") throw errors[0];
        break;
      }
      case "move": {
        const value = remove(entry, parseField(String(op.from)));
        set(entry, parseField(String(op.to)), value);
        break;
      }
      case "add":
        set(entry, parseField(String(op.field)), op.value);
        break;
      case "remove":
        remove(entry, parseField(String(op.field)));
        break;
      default:
        throw new Error(`runner: unsupported operator type ${String(op.type)}`);
    }
  }
  return entry;
}
