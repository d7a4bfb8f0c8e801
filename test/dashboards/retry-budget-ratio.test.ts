/**
 * Retries ÷ budget for every edge in one expression, grouped by budget so it grows with the
 * callers, not the edges: the exact PromQL per grouping case. What the expressions compute is
 * checked by the real Prometheus engine in resilience-promql.test.ts.
 */
import { retryBudgetRatio, type BudgetedEdge } from "../../dashboards/retry-budget-ratio";

const TEN = { percent: 10, minRetriesPerSecond: 1 };
const TWENTY = { percent: 20, minRetriesPerSecond: 0.5 };

/** The term of one scope, as the function prints it. */
function term(scope: string, share: string, floor: string): string {
  const rate = (m: string) => `rate(${m}{${scope}}[5m])`;
  return (
    `sum by (service, namespace, dependency) (${rate("resilience_retries_total")} or ${rate("resilience_retry_budget_exhausted_total")} or 0 * ${rate("resilience_calls_total")}) / ` +
    `(${share} * sum by (service, namespace, dependency) (${rate("resilience_calls_total")}) + ${floor})`
  );
}

test.each<{ what: string; edges: BudgetedEdge[]; expected: string | undefined }>([
  { what: "no edge retries: no expression", edges: [], expected: undefined },
  {
    what: "one edge: one term",
    edges: [{ service: "a", dependency: "x", budget: TEN }],
    expected: term('service="a"', "0.1", "1"),
  },
  {
    what: "callers sharing a budget on all their edges: one term for all of them",
    edges: [
      { service: "a", dependency: "x", budget: TEN },
      { service: "a", dependency: "y", budget: TEN },
      { service: "b", dependency: "x", budget: TEN },
    ],
    expected: term('service=~"a|b"', "0.1", "1"),
  },
  {
    what: "a caller with two budgets: its edges per budget, the other callers whole",
    edges: [
      { service: "a", dependency: "x", budget: TEN },
      { service: "c", dependency: "x", budget: TEN },
      { service: "c", dependency: "y", budget: TWENTY },
      { service: "c", dependency: "z", budget: TWENTY },
      { service: "b", dependency: "x", budget: TWENTY },
    ],
    expected: [
      term('service="a"', "0.1", "1"),
      term('service="c", dependency="x"', "0.1", "1"),
      term('service="b"', "0.2", "0.5"),
      term('service="c", dependency=~"y|z"', "0.2", "0.5"),
    ]
      .map((t) => `(${t})`)
      .join(" or "),
  },
])("$what", ({ edges, expected }) => {
  expect(retryBudgetRatio(edges, [], "5m")).toBe(expected);
});

test("filter matchers come first in every selector", () => {
  expect(retryBudgetRatio([{ service: "a", dependency: "x", budget: TEN }], ['namespace=~"$namespace"'], "$__range")).toBe(
    "sum by (service, namespace, dependency) (" +
      'rate(resilience_retries_total{namespace=~"$namespace", service="a"}[$__range]) or ' +
      'rate(resilience_retry_budget_exhausted_total{namespace=~"$namespace", service="a"}[$__range]) or ' +
      '0 * rate(resilience_calls_total{namespace=~"$namespace", service="a"}[$__range])) / ' +
      '(0.1 * sum by (service, namespace, dependency) (rate(resilience_calls_total{namespace=~"$namespace", service="a"}[$__range])) + 1)',
  );
});

test("500 callers with three presets stay three terms", () => {
  const presets = [TEN, TWENTY, { percent: 10, minRetriesPerSecond: 0.5 }];
  const edges = Array.from({ length: 500 }, (_, i) => [1, 2, 3].map((k) => ({ service: `s${i}`, dependency: `s${i + k}`, budget: presets[i % 3] }))).flat();
  const expr = retryBudgetRatio(edges, [], "5m") as string;
  expect(expr.split(") or (").length).toBe(3);
  expect(expr.length).toBeLessThan(20_000);
});
