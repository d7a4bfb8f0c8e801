/**
 * The resilience policy document, version 1: what `npm run artifacts` writes to
 * `services/<service>/resilience.json`, what the ConfigMap `<service>-resilience` holds, and what
 * clients in any language read from the file named by `SEVENSA_RESILIENCE_POLICY_FILE`.
 * Described by `resilience/schema/resilience-policy.v1.json`. All durations are whole milliseconds.
 */

/** Version of the document format this package reads. */
export const POLICY_SCHEMA_VERSION = 1;

/** Environment variable naming the policy file inside the container. */
export const POLICY_FILE_ENV = "SEVENSA_RESILIENCE_POLICY_FILE";

/**
 * Failure outcomes of one attempt. `timeout`: the per-attempt timeout fired;
 * `connection-error`: no response (refused, reset, DNS, any thrown error); `server-error`: a 5xx
 * response; `throttled`: a 429 response. Other 4xx responses are the caller's own errors: they
 * are answers, never failures.
 */
export const FAILURE_OUTCOMES = ["timeout", "connection-error", "server-error", "throttled"] as const;
export type FailureOutcome = (typeof FAILURE_OUTCOMES)[number];

/** Jitter of each backoff delay `d`: `none` waits `d`, `full` a uniform `[0, d)`, `half` a uniform `[d/2, d)`. */
export const JITTERS = ["none", "full", "half"] as const;
export type Jitter = (typeof JITTERS)[number];

/** Named fallback strategies. */
export const FALLBACK_STRATEGIES = ["cached", "default-value", "degraded", "fail-fast"] as const;
export type FallbackStrategyName = (typeof FALLBACK_STRATEGIES)[number];

/** A JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Retries: delay before retry k (k = 1, 2, …) is `min(capMs, baseMs × 2^(k-1))`, then jittered. */
export interface RetryConfig {
  /** Attempts in total, the first one included (1 = no retry). */
  maxAttempts: number;
  backoff: { baseMs: number; capMs: number; jitter: Jitter };
  /** Outcomes that are retried; others end the call at once. */
  retryOn: FailureOutcome[];
  /**
   * Retry budget over a sliding window of 10 s: a retry is allowed while the retries in the window
   * stay below `percent`% of the calls in the window plus `minRetriesPerSecond` × 10.
   */
  budget: { percent: number; minRetriesPerSecond: number };
}

/** A count-based circuit breaker over the last `windowCalls` attempts (every failure outcome counts). */
export interface CircuitBreakerConfig {
  /** Opens when more than this percentage of the window failed (0 < x < 100). */
  failureRatePercent: number;
  /** No decision before this many attempts are in the window. */
  minimumCalls: number;
  /** Sliding window size in attempts (≥ minimumCalls). */
  windowCalls: number;
  /** Time open before probes are let through. */
  openDurationMs: number;
  /** Probes let through when half-open; closes when at most `failureRatePercent`% of them failed, else opens again. */
  halfOpenProbes: number;
}

/** At most `maxConcurrent` calls in flight and `queueSize` waiting; the rest are rejected at once. */
export interface BulkheadConfig {
  maxConcurrent: number;
  queueSize: number;
}

/** What the caller answers with when the call fails for good (after retries, short-circuited or rejected). */
export type FallbackConfig =
  | { strategy: "cached"; /** Oldest cached answer that is served. */ maxAgeMs: number }
  | { strategy: "default-value"; value: JsonValue }
  | { strategy: "degraded" }
  | { strategy: "fail-fast" };

/** The resolved policy of one call. `null` means the protection is off for this call. */
export interface DependencyPolicy {
  /** Another declared service, or an external system. */
  kind: "service" | "external";
  /** Per-attempt timeout. */
  timeoutMs: number | null;
  retry: RetryConfig | null;
  circuitBreaker: CircuitBreakerConfig | null;
  bulkhead: BulkheadConfig | null;
  fallback: FallbackConfig;
}

/** The whole document of one service in one environment. */
export interface ResiliencePolicyDocument {
  /** Says the document is generated, and from what. */
  $comment: string;
  schemaVersion: typeof POLICY_SCHEMA_VERSION;
  service: string;
  namespace: string;
  environment: "local" | "staging" | "production";
  tier: "critical" | "standard" | "best-effort";
  /** The service's own request deadline, which its calls must fit in. */
  requestDeadlineMs: number;
  /** Policies by dependency name (the `dependency` metric label). */
  dependencies: Record<string, DependencyPolicy>;
}
