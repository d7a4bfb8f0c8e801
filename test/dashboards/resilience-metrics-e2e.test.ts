/**
 * The resilience series as Prometheus really stores them: the resilience client's own
 * instruments (packages/resilience-client createInstruments + DependencyMetrics, recorded with
 * the OpenTelemetry SDK) are pushed over OTLP/HTTP into the generated local gateway collector
 * (addresses moved to loopback), which remote-writes into a real Prometheus (Debian's 2.42).
 * Every contract instrument must arrive under the Prometheus name known-metrics lists, with
 * exactly labels its known-metrics group declares, and a service-dashboard query must find the
 * data. Everything binds 127.0.0.1, runs at most ~90 s, and is stopped in afterAll.
 */
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AggregationTemporality, DataPointType, MeterProvider, MetricReader, type ResourceMetrics } from "@opentelemetry/sdk-metrics";
import { generateDashboards } from "../../dashboards";
import { KNOWN_METRIC_GROUPS } from "../../dashboards/known-metrics";
import { RESILIENCE_METRICS } from "../../resilience";
import { METER_NAME } from "../../packages/resilience-client/src/metrics-contract";
import { createInstruments, DependencyMetrics } from "../../packages/resilience-client/src/metrics";
import { runTool } from "../support/tools";
import { TOOLCHAIN_HINT, toolchainBinary } from "../support/toolchain";
import { freePort, launchCollector, loopbackGateway, type LaunchedCollector } from "../telemetry/support/run-collector";
import { stackPlan } from "../telemetry/support/stacks";
import { exampleCatalogue } from "./support/context";
import { panelsOf, substitute, variableValues } from "./support/inspect";

const PROMETHEUS = "/usr/bin/prometheus";
const OTELCOL = toolchainBinary("otelcol-sevensa");
const POD = "checkout-api-7d9f";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "resilience-e2e-"));
let prometheus: ChildProcess | undefined;
let promUrl = "";
let gateway: LaunchedCollector | undefined;

type Series = { metric: Record<string, string>; value: [number, string] };

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function query(promql: string): Promise<Series[]> {
  const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await res.json()) as { status: string; error?: string; data: { result: Series[] } };
  if (body.status !== "success") throw new Error(`query failed: ${body.error}`);
  return body.data.result;
}

/** A reader the test collects from by hand. */
class ManualReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

const nanos = (t: [number, number]) => String(BigInt(t[0]) * 1_000_000_000n + BigInt(t[1]));
const attrs = (a: Record<string, unknown>) => Object.entries(a).map(([key, v]) => ({ key, value: { stringValue: String(v) } }));

/** OTLP/JSON of the SDK's sums (the contract has counters and up-down counters only), with the pod's resource. */
function otlpJson(rm: ResourceMetrics) {
  return {
    resourceMetrics: [
      {
        resource: {
          attributes: attrs({ "service.name": "checkout-api", "k8s.namespace.name": "shop", "k8s.pod.name": POD }),
        },
        scopeMetrics: rm.scopeMetrics.map((sm) => ({
          scope: { name: sm.scope.name },
          metrics: sm.metrics.map((m) => {
            if (m.dataPointType !== DataPointType.SUM) throw new Error(`${m.descriptor.name}: not a sum`);
            return {
              name: m.descriptor.name,
              unit: m.descriptor.unit,
              description: m.descriptor.description,
              sum: {
                aggregationTemporality: m.aggregationTemporality === AggregationTemporality.CUMULATIVE ? 2 : 1,
                isMonotonic: m.isMonotonic,
                dataPoints: m.dataPoints.map((dp) => ({
                  attributes: attrs(dp.attributes),
                  startTimeUnixNano: nanos(dp.startTime),
                  timeUnixNano: nanos(dp.endTime),
                  asDouble: dp.value,
                })),
              },
            };
          }),
        })),
      },
    ],
  };
}

beforeAll(async () => {
  if (!fs.existsSync(PROMETHEUS)) throw new Error(`${PROMETHEUS} is missing: install the Debian package prometheus (.ci/run does)`);
  runTool(OTELCOL, ["--version"], TOOLCHAIN_HINT);
  const promPort = await freePort();
  promUrl = `http://127.0.0.1:${promPort}`;
  fs.writeFileSync(path.join(dir, "prometheus.yml"), "global:\n  scrape_interval: 1m\n");
  prometheus = spawn(
    PROMETHEUS,
    [`--config.file=${path.join(dir, "prometheus.yml")}`, `--storage.tsdb.path=${path.join(dir, "tsdb")}`, `--web.listen-address=127.0.0.1:${promPort}`, "--web.enable-remote-write-receiver"],
    { stdio: "ignore" },
  );
  await waitFor("Prometheus ready", async () => ((await fetch(`${promUrl}/-/ready`)).ok ? true : undefined), 20_000);

  const { yaml, health, otlpHttp } = await loopbackGateway(stackPlan("local").files["otel/gateway.yaml"], { remoteWriteUrl: `${promUrl}/api/v1/write` });
  const configFile = path.join(dir, "gateway.yaml");
  fs.writeFileSync(configFile, yaml);
  gateway = await launchCollector(OTELCOL, configFile, health, { ...process.env, POD_NAME: "gateway-test-0" });
  if (!gateway.ready) throw new Error(`the gateway did not become ready:\n${gateway.output()}`);

  // The client's own instruments and recording code: one dependency through every instrument.
  const reader = new ManualReader();
  const provider = new MeterProvider({ readers: [reader] });
  const stripe = new DependencyMetrics(createInstruments(provider.getMeter(METER_NAME)), "stripe");
  stripe.breakerCreated();
  stripe.call("success");
  stripe.call("timeout");
  stripe.retry("timeout");
  stripe.retryBudgetExhausted();
  stripe.timeout();
  stripe.breakerTransition("closed", "open");
  stripe.call("rejected");
  stripe.bulkheadRejection();
  stripe.fallback("cached", "rejected");
  const { resourceMetrics, errors } = await reader.collect();
  if (errors.length > 0) throw new Error(`collect: ${errors.join(", ")}`);
  await provider.shutdown();
  const res = await fetch(`http://127.0.0.1:${otlpHttp}/v1/metrics`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(otlpJson(resourceMetrics)),
  });
  if (!res.ok) throw new Error(`OTLP metrics refused: ${res.status} ${await res.text()}`);
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  prometheus?.kill("SIGTERM");
  fs.rmSync(dir, { recursive: true, force: true });
}, 30_000);

const CONTRACT_NAMES = Object.values(RESILIENCE_METRICS).map((m) => m.prometheus);

test("every contract instrument arrives under its Prometheus name, with exactly the labels its known-metrics group lists", async () => {
  const series = await waitFor(
    "all resilience series in Prometheus",
    async () => {
      const r = await query('{__name__=~"resilience_.*"}');
      return new Set(r.map((s) => s.metric.__name__)).size >= CONTRACT_NAMES.length ? r : undefined;
    },
    60_000,
  );
  expect([...new Set(series.map((s) => s.metric.__name__))].sort()).toEqual([...CONTRACT_NAMES].sort());
  for (const s of series) {
    const { __name__: name, ...labels } = s.metric;
    const group = KNOWN_METRIC_GROUPS.find((g) => g.metrics.includes(name));
    const contract = Object.values(RESILIENCE_METRICS).find((m) => m.prometheus === name);
    // Every label the series carries is one the group declares, and the contract's are all there.
    expect([name, Object.keys(labels).filter((l) => !(group?.labels ?? []).includes(l))]).toEqual([name, []]);
    expect([name, [...(contract?.attributes ?? []), "service", "namespace", "pod"].filter((l) => labels[l] === undefined)]).toEqual([name, []]);
    expect([name, labels.service, labels.namespace, labels.pod, labels.dependency, labels.otel_scope_name]).toEqual([name, "checkout-api", "shop", POD, "stripe", METER_NAME]);
  }
}, 70_000);

test("the breaker state is 1 for the current state and 0 for the one left", async () => {
  const r = await query('resilience_circuit_breaker_state{service="checkout-api", dependency="stripe"}');
  expect(r.map((s) => [s.metric.state, s.value[1]]).sort()).toEqual([
    ["closed", "0"],
    ["open", "1"],
  ]);
});

test("the service dashboard's breaker panel finds the replica, open", async () => {
  const d = generateDashboards(exampleCatalogue(), "production").find((x) => x.uid === "svc-checkout-api");
  const panel = panelsOf(d?.json ?? {}).find((p) => p.title === "stripe: circuit breaker state per replica");
  const expr = substitute(String(((panel?.targets ?? []) as Array<Record<string, unknown>>)[0]?.expr), variableValues(d?.json ?? {})).text;
  const r = await query(expr);
  expect(r.map((s) => [s.metric, s.value[1]])).toEqual([[{ pod: POD }, "2"]]);
});
