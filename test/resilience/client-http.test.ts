/**
 * @sevensa/resilience-client against a real HTTP dependency on 127.0.0.1 that the tests make
 * slow, failing and healthy again. Metrics go to an in-memory OpenTelemetry exporter and are
 * checked against the contract's names, units and attributes.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, type ResourceMetrics } from "@opentelemetry/sdk-metrics";
import { loadCatalogue } from "../../catalogue/load";
import {
  METRICS,
  ResilienceClient,
  ResilienceError,
  parsePolicyDocument,
  readPolicyFromEnvironment,
  type DependencyPolicy,
  type ResiliencePolicyDocument,
} from "../../packages/resilience-client/src";
import { renderPolicyDocument } from "../../resilience/delivery";
import { resolveResiliencePolicies } from "../../resilience/resolve";
import { get, HttpDependency } from "./http-dependency";

const NONE: DependencyPolicy = { kind: "service", timeoutMs: null, retry: null, circuitBreaker: null, bulkhead: null, fallback: { strategy: "fail-fast" } };

function documentWith(dependencies: Record<string, DependencyPolicy>): ResiliencePolicyDocument {
  return {
    $comment: "test document",
    schemaVersion: 1,
    service: "checkout-api",
    namespace: "shop",
    environment: "local",
    tier: "critical",
    requestDeadlineMs: 10_000,
    dependencies,
  };
}

let server: HttpDependency;
let provider: MeterProvider;
let exporter: InMemoryMetricExporter;
let reader: PeriodicExportingMetricReader;

beforeAll(async () => {
  server = await HttpDependency.start();
  exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  provider = new MeterProvider({ readers: [reader] });
});

afterAll(async () => {
  await server.stop();
  await provider.shutdown();
});

/** Everything recorded so far (cumulative). */
async function collect(): Promise<ResourceMetrics[]> {
  exporter.reset();
  await reader.forceFlush();
  return exporter.getMetrics();
}

/** Data points of one instrument, as `{ attributes, value }`. */
function pointsOf(rms: ResourceMetrics[], name: string): Array<{ attributes: Record<string, unknown>; value: number }> {
  return rms
    .flatMap((rm) => rm.scopeMetrics)
    .flatMap((sm) => sm.metrics)
    .filter((m) => m.descriptor.name === name)
    .flatMap((m) => m.dataPoints.map((p) => ({ attributes: { ...p.attributes }, value: p.value as number })));
}

/** Value of the point of `name` whose attributes are exactly `attributes`; undefined if none. */
function valueOf(rms: ResourceMetrics[], name: string, attributes: Record<string, string>): number | undefined {
  const key = JSON.stringify(Object.entries(attributes).sort());
  return pointsOf(rms, name).find((p) => JSON.stringify(Object.entries(p.attributes).sort()) === key)?.value;
}

/** Points of `name` for one dependency, as `"attr=value,…": value`, for exact comparison. */
function pointsFor(rms: ResourceMetrics[], name: string, dependency: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of pointsOf(rms, name).filter((x) => x.attributes.dependency === dependency)) {
    const key = Object.entries(p.attributes)
      .filter(([k]) => k !== "dependency")
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(",");
    out[key] = p.value;
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `cond` holds, at most `ms` (requests of timed-out attempts may reach the server late on a busy machine). */
async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (!cond() && performance.now() < end) await sleep(5);
}

/** The outcome of a call that must fail. */
async function failure(p: Promise<unknown>): Promise<ResilienceError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ResilienceError) return e;
    throw e;
  }
  throw new Error("the call did not fail");
}

test("per-attempt timeouts fire, and retries back off exponentially up to their cap", async () => {
  server.reset({ kind: "slow", delayMs: 400 });
  const policy: DependencyPolicy = {
    ...NONE,
    timeoutMs: 100,
    retry: { maxAttempts: 5, backoff: { baseMs: 50, capMs: 150, jitter: "none" }, retryOn: ["timeout"], budget: { percent: 100, minRetriesPerSecond: 10 } },
  };
  const client = new ResilienceClient(documentWith({ "slow-pricing": policy, warm: { ...NONE, timeoutMs: 20 } }), { meterProvider: provider });
  // One throwaway timed-out call first, so that no first-use cost lands in the measured gaps.
  await failure(client.dependency("warm").execute((signal) => get(server.url, signal)));
  await until(() => server.arrivals.length === 1, 2000);
  server.reset({ kind: "slow", delayMs: 400 });

  const dep = client.dependency("slow-pricing");
  const attemptsAt: number[] = [];
  const started = performance.now();
  const err = await failure(
    dep.execute((signal) => {
      attemptsAt.push(performance.now());
      return get(server.url, signal);
    }),
  );
  const elapsed = performance.now() - started;

  expect(err.outcome).toBe("timeout");
  expect(err.dependency).toBe("slow-pricing");
  expect(attemptsAt).toHaveLength(5);
  await until(() => server.arrivals.length >= 5, 2000);
  expect(server.arrivals).toHaveLength(5); // every attempt reached the dependency
  // Each gap between attempts is one 100 ms timeout plus the backoff: 50, 100, then capped at 150
  // instead of 200 and 400 (uncapped the gaps would be 150, 200, 300, 500 ms).
  const gaps = attemptsAt.slice(1).map((t, i) => t - attemptsAt[i]);
  const expected = [100 + 50, 100 + 100, 100 + 150, 100 + 150];
  // Lower bounds: the delays grow exponentially. Upper bounds are loose (shared, busy machines),
  // except that the last gap must stay well below the uncapped 500 ms.
  gaps.forEach((gap, i) => {
    expect(gap).toBeGreaterThanOrEqual(expected[i] - 10); // two whole-millisecond timers per gap
    expect(gap).toBeLessThan(expected[i] + 150);
  });
  // The call gave up after 5 timeouts and 450 ms of backoff, never waiting for a 400 ms answer.
  expect(elapsed).toBeGreaterThanOrEqual(5 * 100 + 450 - 10);

  const rms = await collect();
  expect(pointsFor(rms, METRICS.timeouts.name, "slow-pricing")).toEqual({ "": 5 });
  expect(pointsFor(rms, METRICS.retries.name, "slow-pricing")).toEqual({ "outcome=timeout": 4 });
  expect(pointsFor(rms, METRICS.calls.name, "slow-pricing")).toEqual({ "outcome=timeout": 1 });
});

test("the retry budget refuses retries beyond its share and counts them", async () => {
  server.reset({ kind: "failing", status: 503 });
  // 0% of calls + 0.1/s × 10 s: one retry in the window.
  const policy: DependencyPolicy = {
    ...NONE,
    timeoutMs: 1000,
    retry: { maxAttempts: 3, backoff: { baseMs: 1, capMs: 1, jitter: "none" }, retryOn: ["server-error"], budget: { percent: 0, minRetriesPerSecond: 0.1 } },
  };
  const dep = new ResilienceClient(documentWith({ budgeted: policy }), { meterProvider: provider }).dependency("budgeted");
  expect((await failure(dep.execute((signal) => get(server.url, signal)))).outcome).toBe("server-error");
  expect(server.arrivals).toHaveLength(2); // the first retry was allowed, the second refused
  expect((await failure(dep.execute((signal) => get(server.url, signal)))).outcome).toBe("server-error");
  expect(server.arrivals).toHaveLength(3); // no retry at all

  const rms = await collect();
  expect(pointsFor(rms, METRICS.retries.name, "budgeted")).toEqual({ "outcome=server-error": 1 });
  expect(pointsFor(rms, METRICS.retryBudgetExhausted.name, "budgeted")).toEqual({ "": 2 });
  expect(pointsFor(rms, METRICS.calls.name, "budgeted")).toEqual({ "outcome=server-error": 2 });
});

test("the breaker opens on failures, short-circuits, goes half-open after its open duration, reopens on failed probes and closes on good ones", async () => {
  server.reset({ kind: "failing", status: 503 });
  const policy: DependencyPolicy = {
    ...NONE,
    timeoutMs: 1000,
    circuitBreaker: { failureRatePercent: 50, minimumCalls: 4, windowCalls: 4, openDurationMs: 300, halfOpenProbes: 2 },
  };
  const dep = new ResilienceClient(documentWith({ flaky: policy }), { meterProvider: provider }).dependency("flaky");
  const call = () => dep.execute((signal) => get(server.url, signal));

  for (let i = 0; i < 3; i++) expect((await failure(call())).outcome).toBe("server-error");
  expect(dep.breakerState).toBe("closed"); // 3 calls: below the minimum of 4
  expect((await failure(call())).outcome).toBe("server-error");
  expect(dep.breakerState).toBe("open"); // 4 of 4 failed, above 50%
  expect((await failure(call())).outcome).toBe("short-circuited");
  expect(server.arrivals).toHaveLength(4); // the short-circuited call never reached the dependency

  await sleep(350);
  expect((await failure(call())).outcome).toBe("server-error"); // probe 1 of 2 fails: 1 is not above 50% of 2
  expect(dep.breakerState).toBe("half-open");
  expect((await failure(call())).outcome).toBe("server-error"); // probe 2 fails: 2 of 2, open again
  expect(dep.breakerState).toBe("open");
  expect((await failure(call())).outcome).toBe("short-circuited");

  server.mode = { kind: "healthy" };
  await sleep(350);
  expect((await call()).status).toBe(200);
  expect(dep.breakerState).toBe("half-open");
  expect((await call()).status).toBe(200);
  expect(dep.breakerState).toBe("closed");
  expect((await call()).status).toBe(200);

  const rms = await collect();
  expect(pointsFor(rms, METRICS.breakerTransitions.name, "flaky")).toEqual({
    "from=closed,to=open": 1,
    "from=open,to=half-open": 2,
    "from=half-open,to=open": 1,
    "from=half-open,to=closed": 1,
  });
  expect(pointsFor(rms, METRICS.breakerState.name, "flaky")).toEqual({ "state=closed": 1, "state=open": 0, "state=half-open": 0 });
  expect(pointsFor(rms, METRICS.calls.name, "flaky")).toEqual({ "outcome=server-error": 6, "outcome=short-circuited": 2, "outcome=success": 3 });
});

test("the bulkhead runs its limit, queues its queue and rejects the rest at once", async () => {
  server.reset({ kind: "slow", delayMs: 200 });
  const policy: DependencyPolicy = { ...NONE, timeoutMs: 2000, bulkhead: { maxConcurrent: 2, queueSize: 1 } };
  const dep = new ResilienceClient(documentWith({ "narrow": policy }), { meterProvider: provider }).dependency("narrow");
  const started = performance.now();
  const settled = await Promise.allSettled(
    Array.from({ length: 5 }, () =>
      dep.execute((signal) => get(server.url, signal)).then(
        (r) => ({ ok: r.status, at: performance.now() - started }),
        (e: ResilienceError) => ({ failed: e.outcome, at: performance.now() - started }),
      ),
    ),
  );
  const results = settled.map((s) => (s.status === "fulfilled" ? s.value : s.reason));
  expect(results.map((r) => ("ok" in r ? r.ok : r.failed))).toEqual([200, 200, 200, "rejected", "rejected"]);
  expect(results[3].at).toBeLessThan(results[0].at); // rejected at once, before any running call finished
  expect(results[2].at).toBeGreaterThanOrEqual(400 - 5); // the queued call ran after a slot freed
  expect(server.maxInFlight).toBe(2);

  const rms = await collect();
  expect(pointsFor(rms, METRICS.bulkheadRejections.name, "narrow")).toEqual({ "": 2 });
  expect(pointsFor(rms, METRICS.calls.name, "narrow")).toEqual({ "outcome=success": 3, "outcome=rejected": 2 });
});

describe("fallbacks answer when the call fails", () => {
  test("default-value answers with the document's value", async () => {
    server.reset({ kind: "failing", status: 500 });
    const policy: DependencyPolicy = { ...NONE, timeoutMs: 1000, fallback: { strategy: "default-value", value: { price: 0, currency: "EUR" } } };
    const dep = new ResilienceClient(documentWith({ "defaulted": policy }), { meterProvider: provider }).dependency("defaulted");
    expect(await dep.execute((signal) => get(server.url, signal))).toEqual({ price: 0, currency: "EUR" });
    const rms = await collect();
    expect(pointsFor(rms, METRICS.fallbacks.name, "defaulted")).toEqual({ "strategy=default-value,outcome=server-error": 1 });
    expect(pointsFor(rms, METRICS.calls.name, "defaulted")).toEqual({ "outcome=server-error": 1 });
  });

  test("cached serves the last good answer of the same key while it is young enough", async () => {
    server.reset({ kind: "healthy" });
    const policy: DependencyPolicy = { ...NONE, timeoutMs: 1000, fallback: { strategy: "cached", maxAgeMs: 60_000 } };
    const dep = new ResilienceClient(documentWith({ "cached-prices": policy }), { meterProvider: provider }).dependency("cached-prices");
    const fresh = await dep.execute((signal) => get(server.url, signal), { cacheKey: "basket-1" });
    expect(fresh).toEqual({ status: 200, body: { n: 1 } });
    server.mode = { kind: "failing", status: 503 };
    expect(await dep.execute((signal) => get(server.url, signal), { cacheKey: "basket-1" })).toEqual(fresh);
    expect((await failure(dep.execute((signal) => get(server.url, signal), { cacheKey: "basket-2" }))).outcome).toBe("server-error");
    const rms = await collect();
    expect(pointsFor(rms, METRICS.fallbacks.name, "cached-prices")).toEqual({ "strategy=cached,outcome=server-error": 1 });
  });

  test("degraded calls the service's handler with the failure; a missing handler is a clear error", async () => {
    server.reset({ kind: "slow", delayMs: 300 });
    const policy: DependencyPolicy = { ...NONE, timeoutMs: 50, fallback: { strategy: "degraded" } };
    const client = new ResilienceClient(documentWith({ "degradable": policy }), { meterProvider: provider });
    const dep = client.dependency("degradable");
    const answer = await dep.execute((signal) => get(server.url, signal), { degraded: (f) => ({ status: 0, body: `degraded after ${f.outcome}` }) });
    expect(answer).toEqual({ status: 0, body: "degraded after timeout" });
    await expect(dep.execute((signal) => get(server.url, signal))).rejects.toThrow(
      'degradable: the policy falls back to "degraded", but neither the call nor the dependency gave a degraded handler',
    );
    const rms = await collect();
    expect(pointsFor(rms, METRICS.fallbacks.name, "degradable")).toEqual({ "strategy=degraded,outcome=timeout": 1 });
  });
});

test("every emitted instrument has the contract's name, unit, description and attributes", async () => {
  const rms = await collect();
  const metrics = rms.flatMap((rm) => rm.scopeMetrics).flatMap((sm) => sm.metrics);
  const contract = Object.values(METRICS);
  expect([...new Set(metrics.map((m) => m.descriptor.name))].sort()).toEqual(contract.map((m) => m.name).sort());
  for (const m of metrics) {
    const c = contract.find((x) => x.name === m.descriptor.name)!;
    expect({ name: m.descriptor.name, unit: m.descriptor.unit, description: m.descriptor.description }).toEqual({ name: c.name, unit: c.unit, description: c.description });
    for (const p of m.dataPoints) expect(Object.keys(p.attributes).sort()).toEqual([...c.attributes].sort());
  }
  expect(rms.flatMap((rm) => rm.scopeMetrics).map((sm) => sm.scope.name)).toEqual(["@sevensa/resilience-client"]);
  expect(valueOf(rms, METRICS.calls.name, { dependency: "narrow", outcome: "rejected" })).toBe(2);
});

test("a generated document, read through SEVENSA_RESILIENCE_POLICY_FILE, drives the client", async () => {
  const catalogue = loadCatalogue(path.join(__dirname, "..", ".."));
  const storefront = catalogue.find((s) => s.declaration.name === "storefront")!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "resilience-doc-"));
  try {
    const file = path.join(dir, "resilience.json");
    fs.writeFileSync(file, renderPolicyDocument(resolveResiliencePolicies(storefront, catalogue, "production")));
    const doc = readPolicyFromEnvironment({ SEVENSA_RESILIENCE_POLICY_FILE: file });
    const client = new ResilienceClient(doc, { meterProvider: provider });
    server.reset({ kind: "healthy" });
    expect((await client.dependency("pricing-engine").execute((signal) => get(server.url, signal))).status).toBe(200);
    expect(() => client.dependency("stripe")).toThrow(
      'the resilience policy of storefront has no dependency "stripe" (it has: checkout-api, pricing-engine); declare it in the service\'s dependencies',
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe("reading the policy document", () => {
  test("without the environment variable the error says what to mount", () => {
    expect(() => readPolicyFromEnvironment({})).toThrow(
      "SEVENSA_RESILIENCE_POLICY_FILE is not set: mount the service's <service>-resilience ConfigMap and point SEVENSA_RESILIENCE_POLICY_FILE at its resilience.json",
    );
  });

  test.each([
    ["not JSON", "{", /^\/x\/resilience\.json: is not JSON: /],
    ["another version", JSON.stringify({ schemaVersion: 2 }), "/x/resilience.json: schemaVersion: 2 is not supported; this client reads version 1"],
    [
      "a broken field",
      JSON.stringify(documentWith({ db: { ...NONE, retry: { maxAttempts: 0, backoff: { baseMs: 1, capMs: 1, jitter: "none" }, retryOn: ["timeout"], budget: { percent: 1, minRetriesPerSecond: 0 } } } })),
      "/x/resilience.json: dependencies.db.retry.maxAttempts: 0 must be a whole number of at least 1",
    ],
  ])("%s", (_name, text, message) => {
    expect(() => parsePolicyDocument(text, "/x/resilience.json")).toThrow(message);
  });
});
