/**
 * Proof by chaos: from each resolved policy, the staging experiments that show it works, with a
 * hypothesis written from the policy's numbers. Plain data for the chaos builders (chaos/):
 *
 * - `latency`: latency above the per-attempt timeout is injected on the calls → timeouts are
 *   counted, the breaker opens within its threshold, the fallback answers;
 * - `abort`: the calls fail → the breaker opens, and closes again after the fault ends.
 */
import { formatNumber } from "../alert-rules/format-number";
import { METRICS } from "../packages/resilience-client/src/metrics-contract";
import type { DependencyPolicy, ResiliencePolicyDocument } from "./document";
import { attemptsOf, worstCaseBackoffMs, worstCaseCallMs } from "./timeout-budget";

/** One derived experiment. */
export interface ResilienceExperiment {
  /** The calling service (whose policy is tested). */
  service: string;
  /** Its namespace. */
  namespace: string;
  /** The dependency whose calls get the fault. */
  dependency: string;
  /** Whether the dependency is a declared service (fault on its pods) or an external system (fault on the caller's egress). */
  dependencyKind: "service" | "external";
  /** `latency`: delay every call by `latency`; `abort`: make every call fail. */
  fault: "latency" | "abort";
  /** Injected delay as a Go duration (Chaos Mesh), for `latency` faults. */
  latency?: string;
  /** How long the fault lasts. */
  durationSeconds: number;
  /** What must be observed, with the policy's numbers. */
  hypothesis: string;
}

/** Where the experiments run. */
export const EXPERIMENT_ENVIRONMENT = "staging";

/** Fault time always given, on top of two open periods of the breaker. */
const OBSERVATION_SECONDS = 60;
/** Shortest experiment. */
const MIN_DURATION_SECONDS = 120;

function durationSecondsOf(p: DependencyPolicy): number {
  const open = p.circuitBreaker === null ? 0 : Math.ceil((2 * p.circuitBreaker.openDurationMs) / 1000);
  return Math.max(MIN_DURATION_SECONDS, open + OBSERVATION_SECONDS);
}

function sel(doc: ResiliencePolicyDocument, dependency: string, extra: string = ""): string {
  return `{service="${doc.service}",dependency="${dependency}"${extra}}`;
}

function breakerText(doc: ResiliencePolicyDocument, dependency: string, p: DependencyPolicy): string {
  const cb = p.circuitBreaker;
  if (cb === null) return " There is no circuit breaker, so every call keeps paying for its attempts.";
  return (
    ` The circuit breaker opens once at least ${cb.minimumCalls} of the last ${cb.windowCalls} attempts are recorded and more than ` +
    `${formatNumber(cb.failureRatePercent)}% of them failed: ${METRICS.breakerState.prometheus}${sel(doc, dependency, ',state="open"')} becomes 1 ` +
    `and calls are short-circuited instead of waiting.`
  );
}

function fallbackText(doc: ResiliencePolicyDocument, dependency: string, p: DependencyPolicy): string {
  const f = p.fallback;
  const counted = `${METRICS.fallbacks.prometheus}${sel(doc, dependency, `,strategy="${f.strategy}"`)} rises`;
  switch (f.strategy) {
    case "cached":
      return ` The cached fallback serves answers at most ${formatNumber(f.maxAgeMs / 1000)} s old (${counted}).`;
    case "default-value":
      return ` The default-value fallback answers (${counted}).`;
    case "degraded":
      return ` ${doc.service}'s degraded handler answers (${counted}).`;
    case "fail-fast":
      return ` There is no fallback: failed calls reach ${doc.service}'s callers at once (${METRICS.calls.prometheus}${sel(doc, dependency, ',outcome="short-circuited"')} rises while the breaker is open).`;
  }
}

function recoveryText(doc: ResiliencePolicyDocument, dependency: string, p: DependencyPolicy): string {
  const cb = p.circuitBreaker;
  if (cb === null) return "";
  const transition = `${METRICS.breakerTransitions.prometheus}${sel(doc, dependency, ',from="half-open",to="closed"')}`;
  return (
    ` After the fault ends, the breaker goes half-open on the first call after its ${formatNumber(cb.openDurationMs / 1000)} s open period, ` +
    `lets ${cb.halfOpenProbes} probe${cb.halfOpenProbes === 1 ? "" : "s"} through and closes: ${transition} increases.`
  );
}

function latencyExperiment(doc: ResiliencePolicyDocument, dependency: string, p: DependencyPolicy): ResilienceExperiment | undefined {
  if (p.timeoutMs === null) return undefined;
  const injected = 2 * p.timeoutMs;
  const attempts = attemptsOf(p);
  const hypothesis =
    `With ${injected} ms latency injected on the calls from ${doc.service} to ${dependency} (above the ${p.timeoutMs} ms per-attempt timeout), ` +
    `every attempt times out: ${METRICS.timeouts.prometheus}${sel(doc, dependency)} rises by up to ${attempts} per call, and a call gives up within ` +
    `${worstCaseCallMs(p)} ms (${attempts} × ${p.timeoutMs} ms + ${worstCaseBackoffMs(p.retry)} ms backoff), inside the ${doc.requestDeadlineMs} ms request deadline.` +
    breakerText(doc, dependency, p) +
    fallbackText(doc, dependency, p) +
    recoveryText(doc, dependency, p);
  return {
    service: doc.service,
    namespace: doc.namespace,
    dependency,
    dependencyKind: p.kind,
    fault: "latency",
    latency: `${injected}ms`,
    durationSeconds: durationSecondsOf(p),
    hypothesis,
  };
}

function abortExperiment(doc: ResiliencePolicyDocument, dependency: string, p: DependencyPolicy): ResilienceExperiment | undefined {
  if (p.circuitBreaker === null) return undefined;
  const r = p.retry;
  const retryText =
    r === null || r.maxAttempts <= 1
      ? " Calls are not retried."
      : ` Failed attempts are retried ${r.maxAttempts === 2 ? "once" : `up to ${r.maxAttempts - 1} times`} while the retry budget of ` +
        `${formatNumber(r.budget.percent)}% of calls (plus ${formatNumber(r.budget.minRetriesPerSecond)}/s) lasts; beyond it retries are refused ` +
        `and ${METRICS.retryBudgetExhausted.prometheus}${sel(doc, dependency)} rises instead of the load on ${dependency}.`;
  const hypothesis =
    `With every call from ${doc.service} to ${dependency} failing, every attempt fails (a connection error, or a timeout when packets are dropped).` +
    retryText +
    breakerText(doc, dependency, p) +
    fallbackText(doc, dependency, p) +
    recoveryText(doc, dependency, p);
  return {
    service: doc.service,
    namespace: doc.namespace,
    dependency,
    dependencyKind: p.kind,
    fault: "abort",
    durationSeconds: durationSecondsOf(p),
    hypothesis,
  };
}

/**
 * The staging experiments of one policy document, per dependency in document order: a latency
 * experiment when the call has a timeout, an abort experiment when it has a circuit breaker.
 * Pure: plain data out.
 */
export function deriveResilienceExperiments(document: ResiliencePolicyDocument): ResilienceExperiment[] {
  const out: ResilienceExperiment[] = [];
  for (const [dependency, policy] of Object.entries(document.dependencies)) {
    const latency = latencyExperiment(document, dependency, policy);
    if (latency !== undefined) out.push(latency);
    const abort = abortExperiment(document, dependency, policy);
    if (abort !== undefined) out.push(abort);
  }
  return out;
}
