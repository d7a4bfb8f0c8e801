import { z } from "zod";
import { goDurationMs, isGoDuration } from "./duration";

/** A Go duration (`500ms`, `10s`, `1m30s`); the message names the offending value. */
export const goDuration = z.string().refine(isGoDuration, { message: "is not a duration like 500ms, 10s or 1m30s", params: { kind: "go-duration" } });

/** A percentage from 0 to 100 inclusive. */
const percent = z.number().min(0).max(100);

/**
 * Head sampling: the parent-based ratio sampler every OpenTelemetry SDK runs. A root span is
 * recorded with this probability; a child follows its parent's decision.
 */
const headSamplingSchema = z
  .object({
    /** Share of new traces the SDKs record and send, in percent (0–100). */
    percent,
  })
  .strict();

/**
 * Tail sampling at the collector gateway, taken once a whole trace has arrived. Errors are
 * always kept (not configurable); slow traces and a probabilistic, rate-limited baseline too.
 */
const tailSamplingSchema = z
  .object({
    /** How long the gateway waits after a trace's first span before it decides (Go duration). */
    decisionWait: goDuration,
    /**
     * The longest a trace keeps producing spans. Spans arriving after the decision but within this
     * time follow the remembered decision (the decision caches hold this long's worth of traces).
     * Must be longer than `decisionWait`.
     */
    traceTimeout: goDuration,
    /** New traces per second one gateway replica expects; sizes the in-memory trace buffer and caches. */
    expectedNewTracesPerSecond: z.number().int().min(1),
    /** Traces at least this slow are kept (Go duration, whole milliseconds). */
    latencyThreshold: goDuration,
    /** Share of the remaining traces kept as a baseline, in percent (0–100). */
    baselinePercent: percent,
    /** The baseline keeps at most this many spans per second per gateway replica. */
    rateLimitSpansPerSecond: z.number().int().min(1),
  })
  .strict()
  .superRefine((tail, ctx) => {
    const wait = goDurationMs(tail.decisionWait);
    const timeout = goDurationMs(tail.traceTimeout);
    if (wait !== undefined && timeout !== undefined && wait >= timeout) {
      ctx.addIssue({
        code: "custom",
        path: ["decisionWait"],
        input: tail.decisionWait,
        message: `is not shorter than traceTimeout "${tail.traceTimeout}" (the decision must come while late spans can still follow it)`,
      });
    }
  });

/** The `sampling` key of a stack file: head sampling for the SDKs, tail sampling at the gateway. */
export const samplingConfigSchema = z
  .object({
    head: headSamplingSchema,
    tail: tailSamplingSchema,
  })
  .strict();

export type SamplingConfig = z.infer<typeof samplingConfigSchema>;
