/**
 * Tier presets: the policy every call of a service starts from, chosen by the *caller's* tier
 * (how hard the caller protects itself). Declarations override them per dependency and per
 * environment.
 *
 * - `critical` callers sit at the top of revenue paths with tight deadlines: one retry only
 *   (retries multiply down the graph), a small 10% budget, a breaker that samples 100 calls and
 *   probes with 5, and fail-fast so failures are visible rather than silently degraded.
 * - `standard` callers retry twice within a 20% budget.
 * - `best-effort` callers retry once, slowly, and keep a small bulkhead so they cannot hog a
 *   shared dependency.
 */
import type { Tier } from "../catalogue/types";
import type { BulkheadConfig, CircuitBreakerConfig, DependencyPolicy, RetryConfig } from "./document";

/** A full policy without the dependency kind, every protection on: what a preset holds. */
export type PolicyTemplate = Omit<DependencyPolicy, "kind" | "timeoutMs" | "retry" | "circuitBreaker" | "bulkhead"> & {
  timeoutMs: number;
  retry: RetryConfig;
  circuitBreaker: CircuitBreakerConfig;
  bulkhead: BulkheadConfig;
};

/** The preset of each tier. Every section is present, so an override can always merge onto it. */
export type TierPresets = Readonly<Record<Tier, PolicyTemplate>>;

export const TIER_PRESETS: TierPresets = {
  critical: {
    timeoutMs: 1000,
    retry: {
      maxAttempts: 2,
      backoff: { baseMs: 50, capMs: 500, jitter: "full" },
      retryOn: ["timeout", "connection-error", "server-error", "throttled"],
      budget: { percent: 10, minRetriesPerSecond: 1 },
    },
    circuitBreaker: { failureRatePercent: 50, minimumCalls: 20, windowCalls: 100, openDurationMs: 15_000, halfOpenProbes: 5 },
    bulkhead: { maxConcurrent: 64, queueSize: 32 },
    fallback: { strategy: "fail-fast" },
  },
  standard: {
    timeoutMs: 1000,
    retry: {
      maxAttempts: 3,
      backoff: { baseMs: 100, capMs: 1000, jitter: "full" },
      retryOn: ["timeout", "connection-error", "server-error", "throttled"],
      budget: { percent: 20, minRetriesPerSecond: 1 },
    },
    circuitBreaker: { failureRatePercent: 50, minimumCalls: 20, windowCalls: 50, openDurationMs: 30_000, halfOpenProbes: 3 },
    bulkhead: { maxConcurrent: 32, queueSize: 16 },
    fallback: { strategy: "fail-fast" },
  },
  "best-effort": {
    timeoutMs: 2000,
    retry: {
      maxAttempts: 2,
      backoff: { baseMs: 200, capMs: 2000, jitter: "full" },
      retryOn: ["connection-error", "server-error"],
      budget: { percent: 10, minRetriesPerSecond: 0.5 },
    },
    circuitBreaker: { failureRatePercent: 50, minimumCalls: 10, windowCalls: 20, openDurationMs: 60_000, halfOpenProbes: 1 },
    bulkhead: { maxConcurrent: 8, queueSize: 0 },
    fallback: { strategy: "fail-fast" },
  },
};
