import { ExponentialBackoff, fullJitterGenerator, halfJitterGenerator, noJitterGenerator } from "cockatiel";
import type { RetryConfig } from "./policy-document";

const GENERATORS = { none: noJitterGenerator, full: fullJitterGenerator, half: halfJitterGenerator } as const;

/**
 * The document's backoff as a cockatiel backoff: before retry k (k = 1, 2, …) the delay is
 * `min(capMs, baseMs × 2^(k-1))`, jittered as the policy says.
 */
export function backoffOf(retry: RetryConfig): ExponentialBackoff<unknown> {
  return new ExponentialBackoff({
    initialDelay: retry.backoff.baseMs,
    maxDelay: retry.backoff.capMs,
    exponent: 2,
    generator: GENERATORS[retry.backoff.jitter],
  });
}

/** The largest delay before retry k (1-based): `min(capMs, baseMs × 2^(k-1))`. */
export function maxDelayBeforeRetry(retry: RetryConfig, k: number): number {
  return Math.min(retry.backoff.capMs, retry.backoff.baseMs * 2 ** (k - 1));
}
