/**
 * The standard resilience metrics contract: every client (this package, and the Python and PHP
 * mappings in docs/resilience.md) emits exactly these instruments, with these units and
 * attributes. `prometheus` is the series name after the OpenTelemetry → Prometheus conversion
 * (dots become underscores, monotonic counters get `_total`, `{…}` units add no suffix). Every
 * series also carries the platform's `service` and `namespace` labels, from the OpenTelemetry
 * resource (`service.name`, `service.namespace`) or the scrape contract.
 */

/** One instrument of the contract. */
export interface MetricContract {
  /** OpenTelemetry instrument name. */
  name: string;
  /** OpenTelemetry instrument kind. */
  instrument: "counter" | "updowncounter";
  /** UCUM unit (annotations in braces). */
  unit: string;
  description: string;
  /** Attributes every data point carries, in this order. */
  attributes: readonly string[];
  /** Prometheus series name. */
  prometheus: string;
}

/** Outcome of a whole call (`resilience.calls`): a failure outcome, or why no attempt was made. */
export const CALL_OUTCOMES = ["success", "timeout", "connection-error", "server-error", "throttled", "short-circuited", "rejected"] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** Circuit breaker states as the `state`, `from` and `to` attributes spell them. */
export const BREAKER_STATES = ["closed", "open", "half-open"] as const;
export type BreakerStateName = (typeof BREAKER_STATES)[number];

export const METRICS = {
  /** Every call made through the client, by its outcome before any fallback. */
  calls: {
    name: "resilience.calls",
    instrument: "counter",
    unit: "{call}",
    description: "Calls to a dependency through the resilience client, by outcome before any fallback",
    attributes: ["dependency", "outcome"],
    prometheus: "resilience_calls_total",
  },
  /** Retries performed, by the outcome of the attempt that was retried. */
  retries: {
    name: "resilience.retries",
    instrument: "counter",
    unit: "{retry}",
    description: "Retries performed, by the failure outcome of the attempt that was retried",
    attributes: ["dependency", "outcome"],
    prometheus: "resilience_retries_total",
  },
  /** Retries the budget did not allow (the call ended with the failure instead). */
  retryBudgetExhausted: {
    name: "resilience.retry_budget.exhausted",
    instrument: "counter",
    unit: "{retry}",
    description: "Retries that were wanted but refused because the retry budget was spent",
    attributes: ["dependency"],
    prometheus: "resilience_retry_budget_exhausted_total",
  },
  /** Attempts cut off by the per-attempt timeout. */
  timeouts: {
    name: "resilience.timeouts",
    instrument: "counter",
    unit: "{attempt}",
    description: "Attempts cut off by the per-attempt timeout",
    attributes: ["dependency"],
    prometheus: "resilience_timeouts_total",
  },
  /** 1 for the breaker's current state, 0 for the others (one series per state once it was entered). */
  breakerState: {
    name: "resilience.circuit_breaker.state",
    instrument: "updowncounter",
    unit: "{state}",
    description: "Circuit breaker state: 1 for the current state, 0 for the others",
    attributes: ["dependency", "state"],
    prometheus: "resilience_circuit_breaker_state",
  },
  /** State changes of the breaker. */
  breakerTransitions: {
    name: "resilience.circuit_breaker.transitions",
    instrument: "counter",
    unit: "{transition}",
    description: "Circuit breaker state transitions",
    attributes: ["dependency", "from", "to"],
    prometheus: "resilience_circuit_breaker_transitions_total",
  },
  /** Calls rejected because the bulkhead and its queue were full. */
  bulkheadRejections: {
    name: "resilience.bulkhead.rejections",
    instrument: "counter",
    unit: "{call}",
    description: "Calls rejected because all bulkhead slots and queue places were taken",
    attributes: ["dependency"],
    prometheus: "resilience_bulkhead_rejections_total",
  },
  /** Fallback answers served, by strategy and by the outcome that made the call fail. */
  fallbacks: {
    name: "resilience.fallbacks",
    instrument: "counter",
    unit: "{call}",
    description: "Failed calls answered by the fallback, by strategy and failure outcome",
    attributes: ["dependency", "strategy", "outcome"],
    prometheus: "resilience_fallbacks_total",
  },
} as const satisfies Record<string, MetricContract>;

/** Name of the OpenTelemetry meter (instrumentation scope) the client uses. */
export const METER_NAME = "@sevensa/resilience-client";
