/**
 * What a service team writes under `dependencies[i].resilience` in its declaration: overrides
 * of the tier preset for one call, optionally differing per environment. Durations are
 * Prometheus durations (`800ms`, `2s`, `1m`) like `requestDeadline`; the resolved document
 * (`document.ts`) carries them as whole milliseconds for clients in any language.
 *
 * Every field is optional: what is not stated comes from the preset of the caller's tier
 * (`presets.ts`). `false` switches a protection off for this call.
 */
import type { EnvironmentName } from "../catalogue/types";
import type { FailureOutcome, Jitter, JsonValue } from "../packages/resilience-client/src/policy-document";

export { FAILURE_OUTCOMES, FALLBACK_STRATEGIES, JITTERS } from "../packages/resilience-client/src/policy-document";
export type { FailureOutcome, FallbackStrategyName, Jitter, JsonValue } from "../packages/resilience-client/src/policy-document";

/** Retries of one call, with exponential backoff `min(backoffCap, backoffBase × 2^(retry-1))` before retry 1, 2, … */
export interface RetryOverride {
  /** Attempts in total, the first one included (1 = no retry). @default - tier preset */
  maxAttempts?: number;
  /** Backoff before the first retry, as a Prometheus duration. @default - tier preset */
  backoffBase?: string;
  /** Upper bound of any single backoff delay, as a Prometheus duration. @default - tier preset */
  backoffCap?: string;
  /** Jitter of each delay. @default - tier preset */
  jitter?: Jitter;
  /** Which failure outcomes are retried. @default - tier preset */
  retryOn?: FailureOutcome[];
  /** Retries allowed as a percentage of calls over the last 10 s (the retry budget). @default - tier preset */
  budgetPercent?: number;
  /** Retries per second always allowed on top of the budget, so a quiet caller can still retry. @default - tier preset */
  budgetMinRetriesPerSecond?: number;
}

/** A count-based circuit breaker. */
export interface CircuitBreakerOverride {
  /** Opens when more than this percentage of the last `windowCalls` attempts failed (0 < x < 100). @default - tier preset */
  failureRatePercent?: number;
  /** No decision before this many attempts were recorded. @default - tier preset */
  minimumCalls?: number;
  /** Size of the sliding window of attempts; at least `minimumCalls`. @default - tier preset */
  windowCalls?: number;
  /** How long the breaker stays open before it lets probes through, as a Prometheus duration. @default - tier preset */
  openDuration?: string;
  /** Probe calls let through when half-open; the breaker closes when at most `failureRatePercent` of them failed. @default - tier preset */
  halfOpenProbes?: number;
}

/** A bulkhead: concurrent calls to this dependency, and how many wait for a slot. */
export interface BulkheadOverride {
  /** Calls in flight at most. @default - tier preset */
  maxConcurrent?: number;
  /** Calls waiting for a slot at most; beyond it calls are rejected at once. @default - tier preset */
  queueSize?: number;
}

/** What the caller answers with when the call fails after its retries (or is short-circuited or rejected). */
export type FallbackDeclaration =
  | { /** Serve the last successful answer for the same cache key if it is younger than `maxAge`. */ strategy: "cached"; /** Oldest answer served, as a Prometheus duration. */ maxAge: string }
  | { /** Answer with a fixed value from the policy document. */ strategy: "default-value"; /** The value, as JSON. */ value: JsonValue }
  | { /** Call the service's own degraded handler (e.g. show prices without discounts). */ strategy: "degraded" }
  | { /** No fallback: the failure reaches the caller at once. */ strategy: "fail-fast" };

/** The settings of one call, all optional (the tier preset supplies the rest). */
export interface ResilienceSettings {
  /** Per-attempt timeout as a Prometheus duration, or `false` for none. @default - tier preset */
  timeout?: string | false;
  /** Retry settings, or `false` for a single attempt. @default - tier preset */
  retry?: RetryOverride | false;
  /** Circuit breaker settings, or `false` for none. @default - tier preset */
  circuitBreaker?: CircuitBreakerOverride | false;
  /** Bulkhead settings, or `false` for no concurrency limit. @default - tier preset */
  bulkhead?: BulkheadOverride | false;
  /** Fallback strategy. @default - tier preset */
  fallback?: FallbackDeclaration;
}

/**
 * `dependencies[i].resilience` of a service declaration: settings for every environment, and
 * what differs in one environment (applied on top, field by field).
 */
export interface ResilienceOverride extends ResilienceSettings {
  /** Settings that differ per environment. @default {} */
  environments?: Partial<Record<EnvironmentName, ResilienceSettings>>;
}
