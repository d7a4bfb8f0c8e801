import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  CountBreaker,
  IsolatedCircuitError,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type RetryPolicy,
  type TimeoutPolicy,
} from "cockatiel";
import { backoffOf } from "./backoff";
import { AttemptFailure, ResilienceError } from "./errors";
import { FallbackCache } from "./fallback-cache";
import type { BreakerStateName, CallOutcome } from "./metrics-contract";
import type { DependencyMetrics } from "./metrics";
import type { DependencyPolicy, FailureOutcome } from "./policy-document";
import { RetryBudget } from "./retry-budget";

/** The work of one attempt: gets the attempt's abort signal (fired by the per-attempt timeout). */
export type AttemptFn<T> = (signal: AbortSignal) => PromiseLike<T> | T;

/** Per-dependency options of the application. */
export interface DependencyOptions {
  /**
   * Classifies an answer: a failure outcome, or `undefined` when it is an answer to pass on.
   * @default statusOutcome - a `status` or `statusCode` of 5xx is `server-error`, 429 is `throttled`
   */
  classify?: (result: unknown) => FailureOutcome | undefined;
  /** Answer of the `degraded` fallback, when a call gives none itself. @default - none (a degraded fallback then fails the call) */
  degraded?: (failure: ResilienceError) => unknown;
}

/** Options of one call. */
export interface CallOptions<T> {
  /** Key under which the `cached` fallback keeps and finds this call's answer. @default "" */
  cacheKey?: string;
  /** Answer of the `degraded` fallback for this call. @default - the dependency's `degraded` option */
  degraded?: (failure: ResilienceError) => T | PromiseLike<T>;
  /** Cancels the whole call (all attempts and waits). @default - never cancelled */
  signal?: AbortSignal;
}

/** `server-error` for 5xx, `throttled` for 429, read from `status` (fetch) or `statusCode` (node:http). */
export function statusOutcome(result: unknown): FailureOutcome | undefined {
  if (result === null || typeof result !== "object") return undefined;
  const r = result as { status?: unknown; statusCode?: unknown };
  const status = typeof r.status === "number" ? r.status : r.statusCode;
  if (typeof status !== "number") return undefined;
  if (status >= 500) return "server-error";
  if (status === 429) return "throttled";
  return undefined;
}

const STATE_NAMES: Record<CircuitState, BreakerStateName> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half-open",
  [CircuitState.Isolated]: "open",
};

const NEVER_ABORTED = new AbortController().signal;

/**
 * One dependency's policy applied with cockatiel, outermost first: bulkhead → retry (with
 * exponential backoff and the retry budget) → circuit breaker → per-attempt timeout → the
 * attempt; then the fallback. A call holds one bulkhead slot for all its attempts; every
 * attempt is recorded by the breaker; an open breaker or a full bulkhead is never retried.
 */
export class ResilientDependency {
  private readonly classify: (result: unknown) => FailureOutcome | undefined;
  private readonly timeoutPolicy: TimeoutPolicy | undefined;
  private readonly breaker: CircuitBreakerPolicy | undefined;
  private readonly retryPolicy: RetryPolicy | undefined;
  private readonly bulkheadPolicy: BulkheadPolicy | undefined;
  private readonly budget: RetryBudget | undefined;
  private readonly cache: FallbackCache | undefined;
  private breakerStateName: BreakerStateName | undefined;

  constructor(
    /** Dependency name (the `dependency` label). */
    readonly name: string,
    /** Its resolved policy. */
    readonly policy: DependencyPolicy,
    private readonly metrics: DependencyMetrics,
    private readonly options: DependencyOptions = {},
  ) {
    this.classify = options.classify ?? statusOutcome;
    if (policy.timeoutMs !== null) {
      // Aggressive: the attempt is given up at the timeout even if `fn` ignores its signal. The
      // signal is aborted only when the timeout fires: aborting it after every finished attempt
      // (cockatiel's default) builds an AbortError each time, which alone costs ~50 µs per call.
      this.timeoutPolicy = timeout(policy.timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });
    }
    const cb = policy.circuitBreaker;
    if (cb !== null) {
      this.breaker = circuitBreaker(
        handleWhen((e) => e instanceof AttemptFailure),
        {
          halfOpenAfter: cb.openDurationMs,
          breaker: new CountBreaker({ threshold: cb.failureRatePercent / 100, size: cb.windowCalls, minimumNumberOfCalls: cb.minimumCalls }),
          halfOpenSampling: { calls: cb.halfOpenProbes, threshold: cb.failureRatePercent / 100 },
        },
      );
      this.breakerStateName = "closed";
      metrics.breakerCreated();
      this.breaker.onStateChange((state) => {
        const to = STATE_NAMES[state];
        const from = this.breakerStateName ?? "closed";
        if (from === to) return;
        this.breakerStateName = to;
        metrics.breakerTransition(from, to);
      });
    }
    const r = policy.retry;
    if (r !== null && r.maxAttempts > 1) {
      const budget = new RetryBudget(r.budget.percent, r.budget.minRetriesPerSecond);
      const retryOn = new Set<FailureOutcome>(r.retryOn);
      this.budget = budget;
      this.retryPolicy = retry(
        handleWhen((e) => {
          if (!(e instanceof AttemptFailure) || !retryOn.has(e.outcome)) return false;
          if (e.attempt + 1 >= r.maxAttempts) return true; // the last attempt: the policy gives up
          if (!budget.tryAcquire()) {
            metrics.retryBudgetExhausted();
            return false;
          }
          metrics.retry(e.outcome);
          return true;
        }),
        { maxAttempts: r.maxAttempts - 1, backoff: backoffOf(r) },
      );
    }
    if (policy.bulkhead !== null) {
      this.bulkheadPolicy = bulkhead(policy.bulkhead.maxConcurrent, policy.bulkhead.queueSize);
    }
    if (policy.fallback.strategy === "cached") {
      this.cache = new FallbackCache(policy.fallback.maxAgeMs);
    }
  }

  /** The breaker's current state, or undefined when the policy has no breaker. */
  get breakerState(): BreakerStateName | undefined {
    return this.breakerStateName;
  }

  /**
   * Runs `fn` under the dependency's policy. Resolves with its answer, or the fallback's; rejects
   * with a `ResilienceError` (outcome and cause) when the call failed and no fallback answered.
   */
  async execute<T>(fn: AttemptFn<T>, opts: CallOptions<T> = {}): Promise<T> {
    // Without a caller signal, none is passed down: cockatiel then derives each attempt's signal
    // from nothing instead of listening on a parent (an AbortSignal listener costs microseconds).
    const signal = opts.signal;
    this.budget?.recordCall();
    let value: T;
    try {
      value = await this.withBulkhead(fn, signal);
    } catch (error) {
      return this.fail(error, opts);
    }
    this.metrics.call("success");
    this.cache?.store(opts.cacheKey ?? "", value);
    return value;
  }

  private withBulkhead<T>(fn: AttemptFn<T>, signal: AbortSignal | undefined): Promise<T> {
    if (this.bulkheadPolicy === undefined) return this.withRetry(fn, signal);
    return this.bulkheadPolicy.execute(() => this.withRetry(fn, signal), signal);
  }

  private withRetry<T>(fn: AttemptFn<T>, signal: AbortSignal | undefined): Promise<T> {
    if (this.retryPolicy === undefined) return this.withBreaker(fn, signal, 0);
    return this.retryPolicy.execute((ctx) => this.withBreaker(fn, signal, ctx.attempt), signal) as Promise<T>;
  }

  private withBreaker<T>(fn: AttemptFn<T>, signal: AbortSignal | undefined, attempt: number): Promise<T> {
    if (this.breaker === undefined) return this.withTimeout(fn, signal, attempt);
    return this.breaker.execute(() => this.withTimeout(fn, signal, attempt), signal);
  }

  private async withTimeout<T>(fn: AttemptFn<T>, signal: AbortSignal | undefined, attempt: number): Promise<T> {
    if (this.timeoutPolicy === undefined) return this.attempt(fn, signal ?? NEVER_ABORTED, attempt, false);
    try {
      return await this.timeoutPolicy.execute((ctx) => this.attempt(fn, ctx.signal, attempt, true), signal);
    } catch (error) {
      if (error instanceof TaskCancelledError && signal?.aborted !== true) {
        this.metrics.timeout();
        throw new AttemptFailure("timeout", attempt, undefined, { cause: error });
      }
      if (error instanceof AttemptFailure && error.outcome === "timeout") this.metrics.timeout();
      throw error;
    }
  }

  /** One attempt: a thrown error or a failing answer becomes an `AttemptFailure`. */
  private async attempt<T>(fn: AttemptFn<T>, signal: AbortSignal, attempt: number, timed: boolean): Promise<T> {
    let value: T;
    try {
      value = await fn(signal);
    } catch (error) {
      if (error instanceof AttemptFailure) throw error;
      throw new AttemptFailure(timed && signal.aborted ? "timeout" : "connection-error", attempt, undefined, { cause: error });
    }
    const outcome = this.classify(value);
    if (outcome !== undefined) throw new AttemptFailure(outcome, attempt, value);
    return value;
  }

  /** Counts the failed call and answers with the fallback, or rejects with a `ResilienceError`. */
  private async fail<T>(error: unknown, opts: CallOptions<T>): Promise<T> {
    const outcome = callOutcome(error);
    this.metrics.call(outcome);
    if (outcome === "rejected") this.metrics.bulkheadRejection();
    const failure = new ResilienceError(this.name, outcome, error instanceof AttemptFailure ? error.result : undefined, { cause: error });
    const fallback = this.policy.fallback;
    switch (fallback.strategy) {
      case "fail-fast":
        throw failure;
      case "default-value":
        this.metrics.fallback("default-value", outcome);
        return structuredClone(fallback.value) as T;
      case "cached": {
        const hit = this.cache?.lookup(opts.cacheKey ?? "");
        if (hit === undefined) throw failure;
        this.metrics.fallback("cached", outcome);
        return hit.value as T;
      }
      case "degraded": {
        const handler = opts.degraded ?? (this.options.degraded as ((f: ResilienceError) => T | PromiseLike<T>) | undefined);
        if (handler === undefined) {
          throw new Error(`${this.name}: the policy falls back to "degraded", but neither the call nor the dependency gave a degraded handler`, { cause: failure });
        }
        this.metrics.fallback("degraded", outcome);
        return handler(failure);
      }
    }
  }
}

/** The outcome of a whole failed call from the error the policy chain ended with. */
function callOutcome(error: unknown): Exclude<CallOutcome, "success"> {
  if (error instanceof AttemptFailure) return error.outcome;
  if (error instanceof BulkheadRejectedError) return "rejected";
  if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) return "short-circuited";
  if (error instanceof TaskCancelledError) return "timeout";
  return "connection-error";
}
