import type { CallOutcome } from "./metrics-contract";
import type { FailureOutcome } from "./policy-document";

/**
 * Thrown inside the policy chain for one failed attempt, so that retry and breaker see every
 * failure the same way: thrown errors and failing answers (5xx, 429) alike.
 */
export class AttemptFailure extends Error {
  constructor(
    /** How the attempt failed. */
    readonly outcome: FailureOutcome,
    /** 0-based attempt number within the call. */
    readonly attempt: number,
    /** The answer, when the attempt returned one that counts as a failure. */
    readonly result?: unknown,
    options?: { cause?: unknown },
  ) {
    super(`attempt ${attempt + 1} failed: ${outcome}`, options);
    this.name = "AttemptFailure";
  }
}

/** What a call through the client rejects with when it fails and no fallback answers. */
export class ResilienceError extends Error {
  constructor(
    /** Dependency name, as in the policy document. */
    readonly dependency: string,
    /** Why the call failed. */
    readonly outcome: Exclude<CallOutcome, "success">,
    /** The failing answer of the last attempt (server-error, throttled), if any. */
    readonly result?: unknown,
    options?: { cause?: unknown },
  ) {
    super(`call to ${dependency} failed: ${outcome}`, options);
    this.name = "ResilienceError";
  }
}
