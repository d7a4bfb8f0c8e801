/**
 * PromQL on the resilience metrics contract (packages/resilience-client/src/metrics-contract.ts):
 * the queries of one dependency on a service dashboard, and the per-edge queries of the
 * resilience overview. An edge is one (`service`, `namespace`, `dependency`) triple: a caller
 * and the dependency name its policy document keys on.
 */
import { formatNumber } from "../alert-rules/format-number";
import { METRICS } from "../packages/resilience-client/src/metrics-contract";
import type { RetryConfig } from "../packages/resilience-client/src/policy-document";
import { eq, selector, sumRate } from "./promql";

/** Prometheus series names of the contract. */
export const RESILIENCE_SERIES = {
  calls: METRICS.calls.prometheus,
  retries: METRICS.retries.prometheus,
  retryBudgetExhausted: METRICS.retryBudgetExhausted.prometheus,
  timeouts: METRICS.timeouts.prometheus,
  breakerState: METRICS.breakerState.prometheus,
  breakerTransitions: METRICS.breakerTransitions.prometheus,
  bulkheadRejections: METRICS.bulkheadRejections.prometheus,
  fallbacks: METRICS.fallbacks.prometheus,
} as const;

/** The labels that identify an edge. */
export const EDGE_KEY = ["service", "namespace", "dependency"] as const;

/**
 * Breaker states as one number, worst highest, so `max` over replicas gives the worst state and
 * panels map the number back to its name and colour.
 */
export const BREAKER_STATE_CODES = { closed: 0, "half-open": 1, open: 2 } as const;

/** Name and colour of each breaker state code, for value mappings. */
export const BREAKER_STATE_DISPLAY: ReadonlyArray<{ code: number; text: string; color: string }> = [
  { code: BREAKER_STATE_CODES.closed, text: "closed", color: "green" },
  { code: BREAKER_STATE_CODES["half-open"], text: "half-open", color: "orange" },
  { code: BREAKER_STATE_CODES.open, text: "open", color: "red" },
];

/**
 * The worst breaker state code among the selected series, grouped by `by`. The state series is
 * 1 for the current state and 0 for the others, so `code × series` is the code of the current
 * state and 0 otherwise.
 */
export function breakerStateCode(matchers: readonly string[], by: readonly string[]): string {
  const terms = (Object.keys(BREAKER_STATE_CODES) as Array<keyof typeof BREAKER_STATE_CODES>)
    .reverse()
    .map((state) => `${BREAKER_STATE_CODES[state]} * ${selector(RESILIENCE_SERIES.breakerState, ...matchers, eq("state", state))}`);
  const inner = terms.join(" or ");
  return by.length === 0 ? `max(${inner})` : `max by (${by.join(", ")}) (${inner})`;
}

/** The retry budget of a policy: `percent`% of calls plus `minRetriesPerSecond`. */
export type RetryBudget = RetryConfig["budget"];

/** `share * calls + floor`: the retries per second the budget allows (the `ResilienceRetriesAboveBudget` threshold). */
export function budgetExpr(budget: RetryBudget, calls: string): string {
  return `${formatNumber(budget.percent / 100)} * ${calls} + ${formatNumber(budget.minRetriesPerSecond)}`;
}

/** Retries wanted (performed and refused by the budget) per second, 0 for an edge that made calls but wanted none. */
export function wantedRetries(matchers: readonly string[], by: readonly string[], range: string): string {
  const rate = (metric: string) => `rate(${selector(metric, ...matchers)}[${range}])`;
  // Retries carry `outcome`, refusals do not, so `or` never drops one for the other; the calls
  // term (× 0) only adds the edges that have no retry series yet.
  const inner = `${rate(RESILIENCE_SERIES.retries)} or ${rate(RESILIENCE_SERIES.retryBudgetExhausted)} or 0 * ${rate(RESILIENCE_SERIES.calls)}`;
  return by.length === 0 ? `sum(${inner})` : `sum by (${by.join(", ")}) (${inner})`;
}

/** The queries of the panels of one dependency on its caller's dashboard. */
export interface DependencyQueries {
  /** Calls per second by outcome (before any fallback). */
  callsByOutcome: string;
  /** Worst breaker state code per replica (`pod`). */
  breakerStatePerReplica: string;
  /** Breaker transitions per `from`, `to`, counted in each rate window. */
  breakerTransitions: string;
  /** Retries performed per second. */
  retries: string;
  /** Retries refused by the budget per second. */
  retriesRefused: string;
  /** Retries per second the budget allows. */
  retryBudget(budget: RetryBudget): string;
  /** Attempts cut off by the per-attempt timeout per second. */
  timeouts: string;
  /** Calls rejected by the bulkhead per second. */
  bulkheadRejections: string;
  /** Fallback answers per second by strategy and outcome. */
  fallbacks: string;
}

/** Queries of the calls `service` (a template variable or a name) makes to `dependency`. */
export function dependencyQueries(ref: { service: string; namespace: string; dependency: string }): DependencyQueries {
  const m = [eq("service", ref.service), eq("namespace", ref.namespace), eq("dependency", ref.dependency)];
  const sel = (metric: string) => selector(metric, ...m);
  const calls = sumRate(sel(RESILIENCE_SERIES.calls));
  return {
    callsByOutcome: sumRate(sel(RESILIENCE_SERIES.calls), ["outcome"]),
    breakerStatePerReplica: breakerStateCode(m, ["pod"]),
    breakerTransitions: `sum by (from, to) (increase(${sel(RESILIENCE_SERIES.breakerTransitions)}[$__rate_interval]))`,
    retries: sumRate(sel(RESILIENCE_SERIES.retries)),
    retriesRefused: sumRate(sel(RESILIENCE_SERIES.retryBudgetExhausted)),
    retryBudget: (budget) => budgetExpr(budget, calls),
    timeouts: sumRate(sel(RESILIENCE_SERIES.timeouts)),
    bulkheadRejections: sumRate(sel(RESILIENCE_SERIES.bulkheadRejections)),
    fallbacks: sumRate(sel(RESILIENCE_SERIES.fallbacks), ["strategy", "outcome"]),
  };
}

/** `(part or calls × 0) / calls` per edge: a share of calls that is 0, not absent, for an edge without `part`. */
function shareOfCalls(part: string, calls: string): string {
  return `(${part} or ${calls} * 0) / ${calls}`;
}

/** Per-edge queries of the resilience overview over `range`, restricted by `filter` matchers. */
export interface EdgeQueries {
  /** Calls per second. */
  calls: string;
  /** Share of calls that failed before any fallback (every outcome but `success`). */
  failedShare: string;
  /** Current worst breaker state code over the replicas. */
  breakerState: string;
  /** Times the breaker opened. */
  breakerOpened: string;
  /** Share of attempts (calls + retries) cut off by the timeout. */
  timeoutShare: string;
  /** Share of calls rejected by the bulkhead. */
  rejectionShare: string;
  /** Share of calls answered by a fallback. */
  fallbackShare: string;
}

export function edgeQueries(filter: readonly string[], range: string): EdgeQueries {
  const rate = (metric: string, ...extra: string[]) => sumRate(selector(metric, ...filter, ...extra), EDGE_KEY, range);
  const calls = rate(RESILIENCE_SERIES.calls);
  const attempts = `(${calls} + (${rate(RESILIENCE_SERIES.retries)} or ${calls} * 0))`;
  return {
    calls,
    failedShare: shareOfCalls(rate(RESILIENCE_SERIES.calls, `outcome!="success"`), calls),
    breakerState: breakerStateCode(filter, EDGE_KEY),
    breakerOpened: `sum by (${EDGE_KEY.join(", ")}) (increase(${selector(RESILIENCE_SERIES.breakerTransitions, ...filter, eq("to", "open"))}[${range}]))`,
    timeoutShare: `(${rate(RESILIENCE_SERIES.timeouts)} or ${calls} * 0) / ${attempts}`,
    rejectionShare: shareOfCalls(rate(RESILIENCE_SERIES.bulkheadRejections), calls),
    fallbackShare: shareOfCalls(rate(RESILIENCE_SERIES.fallbacks), calls),
  };
}
