/**
 * PromQL checks for SLI queries, on the parse tree of `@prometheus-io/lezer-promql`
 * (the parser Prometheus' own UI uses). The grammar is that of Prometheus 3, so a few
 * things it accepts are refused here because the pinned Prometheus 2.42 does not know them.
 */
import { parser } from "@prometheus-io/lezer-promql";

/** The placeholder an SLI query writes where the range goes: `rate(x_total[{{window}}])`. */
export const WINDOW_PLACEHOLDER = "{{window}}";

/** Replaces every `{{window}}` in `query` with `window` (a Prometheus duration). */
export function substituteWindow(query: string, window: string): string {
  return query.split(WINDOW_PLACEHOLDER).join(window);
}

/** A Prometheus 2.x label name. */
const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Range functions whose result is per second. */
const PER_SECOND_FUNCTIONS = new Set(["rate", "irate"]);
/** Range functions whose result is a count over the range. */
const PER_WINDOW_FUNCTIONS = new Set(["increase", "sum_over_time", "count_over_time"]);

/** What a parse found. `error` is undefined when the query parses. */
export interface PromqlAnalysis {
  /** First syntax problem, e.g. `unexpected "]" at character 23`; undefined when the query parses. */
  error?: string;
  /** Names of all functions called, lower-case as written (`rate`, `sum_over_time`). */
  functions: string[];
  /** Label names used in selectors' matchers, as written (quoted names without quotes). */
  labelNames: string[];
}

/** Parses `query` and reports the first syntax error, the functions it calls and the label names it matches on. */
export function analysePromql(query: string): PromqlAnalysis {
  if (query.trim() === "") {
    return { error: "the query is empty", functions: [], labelNames: [] };
  }
  const tree = parser.parse(query);
  const functions: string[] = [];
  const labelNames: string[] = [];
  let error: string | undefined;
  tree.iterate({
    enter(node) {
      if (node.type.isError && error === undefined) {
        const near = query.slice(node.from, node.from + 12);
        error =
          node.from >= query.length
            ? `unexpected end of query at character ${node.from + 1}`
            : `unexpected "${near}" at character ${node.from + 1}`;
      } else if (node.name === "FunctionIdentifier") {
        functions.push(query.slice(node.from, node.to));
      } else if (node.name === "LabelName") {
        labelNames.push(query.slice(node.from, node.to));
      } else if (node.name === "QuotedLabelName") {
        labelNames.push(JSON.parse(query.slice(node.from, node.to)) as string);
      }
    },
  });
  return { error, functions, labelNames };
}

/** True for a label name Prometheus 2.x accepts (`[a-zA-Z_][a-zA-Z0-9_]*`). */
export function isLabelName(name: string): boolean {
  return LABEL_NAME_RE.test(name);
}

/**
 * Whether a query's value is per second (it uses `rate`/`irate`) or a count per window
 * (`increase`, `sum_over_time`, `count_over_time`); `mixed` when it uses both kinds and
 * `none` when it uses neither.
 */
export type QueryUnit = "per-second" | "per-window" | "mixed" | "none";

/** The unit of an SLI query, from the range functions it calls. */
export function queryUnit(functions: readonly string[]): QueryUnit {
  const perSecond = functions.some((f) => PER_SECOND_FUNCTIONS.has(f));
  const perWindow = functions.some((f) => PER_WINDOW_FUNCTIONS.has(f));
  if (perSecond && perWindow) return "mixed";
  if (perSecond) return "per-second";
  if (perWindow) return "per-window";
  return "none";
}

/**
 * True when the whole query is one `sum(...)` without `by`/`without`, so its result is
 * already a single series without labels.
 */
export function isPlainSum(query: string): boolean {
  const top = parser.parse(query).topNode.firstChild;
  if (top === null || top.name !== "AggregateExpr" || top.to !== query.trimEnd().length) {
    return false;
  }
  const op = top.getChild("AggregateOp");
  return op !== null && op.firstChild?.name === "Sum" && top.getChild("AggregateModifier") === null;
}
