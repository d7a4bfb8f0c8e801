/**
 * Retries wanted ÷ retry budget for every edge of the catalogue in one PromQL expression. Each
 * edge has its own budget (its policy's `percent` and `minRetriesPerSecond`), but few budgets
 * are distinct (the tier presets and a handful of overrides), so edges are grouped by budget:
 * one term per budget for the callers whose every retrying edge has it (`service=~"a|b"`), and
 * one term per remaining caller with its dependencies (`service="c", dependency=~"x|y"`). The
 * expression grows with the number of callers, not of edges.
 */
import { EDGE_KEY, RESILIENCE_SERIES, budgetExpr, wantedRetries, type RetryBudget } from "./resilience-queries";
import { eq, oneOf, selector, sumRate } from "./promql";

/** An edge whose policy retries, with its budget. */
export interface BudgetedEdge {
  service: string;
  dependency: string;
  budget: RetryBudget;
}

function budgetKey(b: RetryBudget): string {
  return `${b.percent}/${b.minRetriesPerSecond}`;
}

/**
 * `wanted / (share × calls + floor)` per edge over `range`, 1 at the budget (where the
 * `ResilienceRetriesAboveBudget` alert starts counting its `for`). Undefined when no edge retries.
 *
 * @param edges edges whose policy retries (`maxAttempts` > 1), in catalogue order
 * @param filter extra matchers every selector gets (template variables)
 * @param range rate range, e.g. `$__range`
 */
export function retryBudgetRatio(edges: readonly BudgetedEdge[], filter: readonly string[], range: string): string | undefined {
  if (edges.length === 0) return undefined;
  const groups = new Map<string, { budget: RetryBudget; edges: BudgetedEdge[] }>();
  const budgetsOfCaller = new Map<string, Set<string>>();
  for (const e of edges) {
    const key = budgetKey(e.budget);
    const g = groups.get(key) ?? { budget: e.budget, edges: [] };
    g.edges.push(e);
    groups.set(key, g);
    budgetsOfCaller.set(e.service, (budgetsOfCaller.get(e.service) ?? new Set<string>()).add(key));
  }
  const terms: string[] = [];
  for (const g of groups.values()) {
    const callers = [...new Set(g.edges.map((e) => e.service))];
    const whole = callers.filter((c) => budgetsOfCaller.get(c)?.size === 1);
    const scopes: string[][] = whole.length > 0 ? [[oneOf("service", whole)]] : [];
    for (const c of callers.filter((x) => !whole.includes(x))) {
      scopes.push([eq("service", c), oneOf("dependency", g.edges.filter((e) => e.service === c).map((e) => e.dependency))]);
    }
    for (const scope of scopes) {
      const m = [...filter, ...scope];
      const calls = sumRate(selector(RESILIENCE_SERIES.calls, ...m), EDGE_KEY, range);
      terms.push(`${wantedRetries(m, EDGE_KEY, range)} / (${budgetExpr(g.budget, calls)})`);
    }
  }
  return terms.length === 1 ? terms[0] : terms.map((t) => `(${t})`).join(" or ");
}
