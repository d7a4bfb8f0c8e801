/**
 * Per-call overhead of @sevensa/resilience-client with every policy applied (bulkhead, retry with
 * budget, circuit breaker, per-attempt timeout, cached fallback, and the contract's metrics into a
 * real OpenTelemetry SDK meter provider) against a bare call of the same function. Prints the
 * median of several runs and the ratio to the bare call. Target: overhead under 50 µs per call.
 *
 * Run: npx ts-node --transpile-only bench/resilience-overhead.ts
 */
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { ResilienceClient, type ResiliencePolicyDocument } from "../packages/resilience-client/src";

const CALLS = 20_000;
const RUNS = 9;
const TARGET_US = 50;

const document: ResiliencePolicyDocument = {
  $comment: "bench",
  schemaVersion: 1,
  service: "bench",
  namespace: "bench",
  environment: "local",
  tier: "critical",
  requestDeadlineMs: 10_000,
  dependencies: {
    dep: {
      kind: "service",
      timeoutMs: 1000,
      retry: { maxAttempts: 3, backoff: { baseMs: 50, capMs: 500, jitter: "full" }, retryOn: ["timeout", "connection-error", "server-error", "throttled"], budget: { percent: 10, minRetriesPerSecond: 1 } },
      circuitBreaker: { failureRatePercent: 50, minimumCalls: 20, windowCalls: 100, openDurationMs: 15_000, halfOpenProbes: 5 },
      bulkhead: { maxConcurrent: 64, queueSize: 32 },
      fallback: { strategy: "cached", maxAgeMs: 60_000 },
    },
  },
};

/** The work of one call: an already-answered dependency, so only the policy machinery is measured. */
const answer = { status: 200, body: "ok" };
const work = (): Promise<typeof answer> => Promise.resolve(answer);

async function perCallMicros(call: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) await call();
  return Number(process.hrtime.bigint() - start) / 1000 / CALLS;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const reader = new PeriodicExportingMetricReader({ exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE), exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });
  const dep = new ResilienceClient(document, { meterProvider: provider }).dependency("dep");
  const bare = (): Promise<unknown> => work();
  const guarded = (): Promise<unknown> => dep.execute(() => work(), { cacheKey: "k" });

  await perCallMicros(bare); // warm-up
  await perCallMicros(guarded);
  const bareRuns: number[] = [];
  const guardedRuns: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    bareRuns.push(await perCallMicros(bare));
    guardedRuns.push(await perCallMicros(guarded));
  }
  const b = median(bareRuns);
  const g = median(guardedRuns);
  const overhead = g - b;
  console.log(`resilience-client overhead: ${RUNS} runs × ${CALLS} sequential calls, every policy applied, metrics into an SDK meter provider`);
  console.log(`  bare call          median ${b.toFixed(2)} µs/call  (runs: ${bareRuns.map((x) => x.toFixed(2)).join(", ")})`);
  console.log(`  with all policies  median ${g.toFixed(2)} µs/call  (runs: ${guardedRuns.map((x) => x.toFixed(2)).join(", ")})`);
  console.log(`  overhead           ${overhead.toFixed(2)} µs/call, ${(g / b).toFixed(1)}× the bare call; target < ${TARGET_US} µs: ${overhead < TARGET_US ? "met" : "MISSED"}`);
  await provider.shutdown();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
