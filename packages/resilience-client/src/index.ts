/**
 * @sevensa/resilience-client: reads a service's resilience policy document and applies it to
 * its outgoing calls with cockatiel, emitting the standard resilience metrics through the
 * OpenTelemetry API. See docs/resilience.md.
 */
export { ResilienceClient, CLIENT_VERSION, type ResilienceClientOptions } from "./client";
export { ResilientDependency, statusOutcome, type AttemptFn, type CallOptions, type DependencyOptions } from "./resilient-dependency";
export { ResilienceError, AttemptFailure } from "./errors";
export { parsePolicyDocument, readPolicyFile, readPolicyFromEnvironment } from "./read-policy";
export { RetryBudget, RETRY_BUDGET_WINDOW_SECONDS } from "./retry-budget";
export { FallbackCache, FALLBACK_CACHE_MAX_ENTRIES } from "./fallback-cache";
export { maxDelayBeforeRetry } from "./backoff";
export { METRICS, METER_NAME, CALL_OUTCOMES, BREAKER_STATES, type MetricContract, type CallOutcome, type BreakerStateName } from "./metrics-contract";
export * from "./policy-document";
