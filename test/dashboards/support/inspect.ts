/**
 * Reads generated dashboard JSON the way Grafana does: panels (rows included), their targets
 * by datasource type, template variables, and every datasource reference anywhere in the model.
 * Then checks queries with the real parsers: `@prometheus-io/lezer-promql` (the parser of
 * Prometheus' own UI) and `@grafana/lezer-logql` (the parser of Grafana's Loki editor).
 */
import { parser as logqlParser } from "@grafana/lezer-logql";
import { parser as promqlParser } from "@prometheus-io/lezer-promql";

type Json = Record<string, unknown>;

/** A panel target with where it sits. */
export interface FoundQuery {
  dashboard: string;
  panel: string;
  refId: string;
  type: string;
  target: Json;
}

/** All panels, row children included. */
export function panelsOf(dashboard: Json): Json[] {
  const out: Json[] = [];
  const walk = (panels: unknown): void => {
    for (const p of (panels as Json[] | undefined) ?? []) {
      out.push(p);
      walk(p.panels);
    }
  };
  walk(dashboard.panels);
  return out;
}

/** Every target of every panel, with the datasource type it names (or `missing`). */
export function queriesOf(dashboard: Json): FoundQuery[] {
  return panelsOf(dashboard).flatMap((p) =>
    ((p.targets as Json[] | undefined) ?? []).map((t) => ({
      dashboard: String(dashboard.uid),
      panel: String(p.title),
      refId: String(t.refId),
      type: String((t.datasource as Json | undefined)?.type ?? "missing"),
      target: t,
    })),
  );
}

/** Every datasource UID the model references: `datasource.uid` anywhere, and data links' `internal.datasourceUid`. */
export function datasourceUidsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const n of node) datasourceUidsOf(n, out);
  } else if (node !== null && typeof node === "object") {
    for (const [k, v] of Object.entries(node as Json)) {
      if (k === "datasource" && v !== null && typeof v === "object") out.push(String((v as Json).uid));
      else if (k === "datasourceUid") out.push(String(v));
      datasourceUidsOf(v, out);
    }
  }
  return out;
}

/** Values Grafana gives its built-in variables when it runs a query (any valid duration would do). */
export const BUILTIN_VARIABLES: Readonly<Record<string, string>> = {
  __rate_interval: "2m",
  __interval: "30s",
  __range: "6h",
  __auto: "1m",
};

/**
 * The value each dashboard variable has by default: a constant's value, a custom list's current
 * value (its `allValue` when "All" is selected).
 */
export function variableValues(dashboard: Json): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const v of ((dashboard.templating as Json | undefined)?.list as Json[] | undefined) ?? []) {
    const name = String(v.name);
    if (v.type === "constant") vars[name] = String(v.query);
    else if (v.type === "custom") {
      const cur = (v.current as Json | undefined)?.value;
      const value = Array.isArray(cur) ? String(cur[0]) : String(cur);
      vars[name] = value === "$__all" ? String(v.allValue) : value;
    } else throw new Error(`variable ${name} has type ${String(v.type)}, which these tests cannot resolve`);
  }
  return vars;
}

/** Grafana's variable syntax: `$name`, `${name}`, `${name:format}`, `[[name]]`. */
const VARIABLE_RE = /\$(\w+)|\$\{(\w+)(?::[^}]+)?\}|\[\[(\w+)\]\]/g;

/**
 * Replaces every template variable in `text` as Grafana would. A reference to a variable the
 * dashboard does not define is an error, except `$1`-style capture references (label_replace),
 * which Grafana leaves alone because no variable has that name.
 */
export function substitute(text: string, vars: Readonly<Record<string, string>>): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  const all = { ...BUILTIN_VARIABLES, ...vars };
  const out = text.replace(VARIABLE_RE, (whole, a?: string, b?: string, c?: string) => {
    const name = a ?? b ?? c ?? "";
    if (name in all) return all[name];
    if (/^\d+$/.test(name)) return whole;
    unknown.push(name);
    return whole;
  });
  return { text: out, unknown };
}

/** A label matcher of a selector. */
export interface Matcher {
  label: string;
  op: string;
  value: string;
}

/** One vector selector: its metric name (or undefined) and matchers. */
export interface SelectorInfo {
  metric?: string;
  matchers: Matcher[];
}

/** What a PromQL expression contains, by its parse tree. */
export interface PromqlInfo {
  /** First syntax error, or undefined. */
  error?: string;
  selectors: SelectorInfo[];
  /** Labels in `by (...)`, `without (...)`, `on (...)`, `ignoring (...)`. */
  groupingLabels: string[];
  /** Labels written by `label_replace` / `label_join` (their second argument). */
  createdLabels: string[];
}

function unquote(literal: string): string {
  if (literal.startsWith('"')) return JSON.parse(literal) as string;
  return literal.slice(1, -1);
}

/** Parses `expr` with lezer-promql and lists its selectors, grouping labels and created labels. */
export function analysePromql(expr: string): PromqlInfo {
  const tree = promqlParser.parse(expr);
  const info: PromqlInfo = { selectors: [], groupingLabels: [], createdLabels: [] };
  const text = (n: { from: number; to: number }) => expr.slice(n.from, n.to);
  tree.iterate({
    enter(ref) {
      if (ref.type.isError && info.error === undefined) {
        info.error = `syntax error at character ${ref.from + 1} (after variable substitution): ${JSON.stringify(expr.slice(ref.from, ref.from + 20))}`;
      }
      if (ref.name === "VectorSelector") {
        const node = ref.node;
        const id = node.getChild("Identifier");
        const matchers: Matcher[] = [];
        const list = node.getChild("LabelMatchers");
        let child = list?.firstChild ?? null;
        for (; child !== null; child = child.nextSibling) {
          const label = child.getChild("LabelName") ?? child.getChild("QuotedLabelName");
          const op = child.getChild("MatchOp");
          const value = child.getChild("StringLiteral");
          if (label !== null && op !== null && value !== null) {
            matchers.push({ label: text(label).replace(/^"|"$/g, ""), op: text(op), value: unquote(text(value)) });
          }
        }
        const nameMatcher = matchers.find((m) => m.label === "__name__");
        info.selectors.push({ metric: id !== null ? text(id) : nameMatcher?.op === "=" ? nameMatcher.value : undefined, matchers });
      }
      if (ref.name === "GroupingLabels") {
        for (let c = ref.node.firstChild; c !== null; c = c.nextSibling) if (c.name === "LabelName") info.groupingLabels.push(text(c));
      }
      if (ref.name === "FunctionCall") {
        const fn = ref.node.getChild("FunctionIdentifier");
        if (fn !== null && (text(fn) === "label_replace" || text(fn) === "label_join")) {
          const args = ref.node.getChild("FunctionCallBody")?.getChildren("StringLiteral") ?? [];
          if (args.length > 0) info.createdLabels.push(unquote(text(args[0])));
        }
      }
    },
  });
  return info;
}

/** One LogQL stream matcher. */
export interface LogqlInfo {
  error?: string;
  matchers: Matcher[];
}

/** Parses `expr` with lezer-logql and lists its stream-selector matchers. */
export function analyseLogql(expr: string): LogqlInfo {
  const tree = logqlParser.parse(expr);
  const info: LogqlInfo = { matchers: [] };
  const text = (n: { from: number; to: number }) => expr.slice(n.from, n.to);
  tree.iterate({
    enter(ref) {
      if (ref.type.isError && info.error === undefined) {
        info.error = `syntax error at character ${ref.from + 1} (after variable substitution): ${JSON.stringify(expr.slice(ref.from, ref.from + 20))}`;
      }
      if (ref.name === "Matcher") {
        const id = ref.node.getChild("Identifier");
        const value = ref.node.getChild("String");
        const op = id?.nextSibling ?? null;
        if (id !== null && value !== null && op !== null) info.matchers.push({ label: text(id), op: text(op), value: unquote(text(value)) });
      }
    },
  });
  return info;
}
