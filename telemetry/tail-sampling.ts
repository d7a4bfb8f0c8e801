import { goDurationMs } from "./duration";
import type { SamplingConfig } from "./sampling-schema";

/** Name of the policy that keeps every trace with an error span; always present, never rate limited. */
export const KEEP_ERRORS_POLICY = "keep-errors";
export const KEEP_SLOW_POLICY = "keep-slow";
export const BASELINE_POLICY = "baseline";

function ms(text: string, key: string): number {
  const v = goDurationMs(text);
  if (v === undefined) throw new Error(`sampling.tail.${key}: "${text}" is not a duration like 500ms, 10s or 1m30s`);
  return v;
}

/**
 * The `tail_sampling` processor settings. Policies are OR-ed by the processor: a trace is kept
 * when it has an error span, or is at least `latencyThreshold` long, or falls in the
 * probabilistic baseline, which is itself capped by the rate limit (an `and` policy).
 * Buffer sizes follow from the expected trace rate: the trace buffer holds two decision waits'
 * worth of traces, the decision caches one trace timeout's worth, so late spans of a decided
 * trace follow its decision.
 */
export function tailSamplingProcessor(sampling: SamplingConfig): Record<string, unknown> {
  const t = sampling.tail;
  const waitMs = ms(t.decisionWait, "decisionWait");
  const timeoutMs = ms(t.traceTimeout, "traceTimeout");
  if (waitMs >= timeoutMs) throw new Error(`sampling.tail.decisionWait: "${t.decisionWait}" is not shorter than traceTimeout "${t.traceTimeout}"`);
  const rate = t.expectedNewTracesPerSecond;
  const cache = Math.ceil((rate * timeoutMs) / 1000);
  return {
    decision_wait: t.decisionWait,
    num_traces: Math.ceil((rate * waitMs * 2) / 1000),
    expected_new_traces_per_sec: rate,
    decision_cache: { sampled_cache_size: cache, non_sampled_cache_size: cache },
    policies: [
      { name: KEEP_ERRORS_POLICY, type: "status_code", status_code: { status_codes: ["ERROR"] } },
      { name: KEEP_SLOW_POLICY, type: "latency", latency: { threshold_ms: ms(t.latencyThreshold, "latencyThreshold") } },
      {
        name: BASELINE_POLICY,
        type: "and",
        and: {
          and_sub_policy: [
            { name: `${BASELINE_POLICY}-probabilistic`, type: "probabilistic", probabilistic: { sampling_percentage: t.baselinePercent } },
            { name: `${BASELINE_POLICY}-rate-limit`, type: "rate_limiting", rate_limiting: { spans_per_second: t.rateLimitSpansPerSecond } },
          ],
        },
      },
    ],
  };
}
