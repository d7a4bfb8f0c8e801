/**
 * The resilience series as Prometheus really stores them: the resilience client's own
 * instruments (packages/resilience-client createInstruments + DependencyMetrics, recorded with
 * the OpenTelemetry SDK) are pushed over OTLP/HTTP into the generated local gateway collector
 * (addresses moved to loopback), which remote-writes into a real Prometheus (Debian's 2.42).
 * Every contract instrument must arrive under the Prometheus name known-metrics lists, with
 * exactly labels its known-metrics group declares, and a service-dashboard query must find the
 * data. Everything binds 127.0.0.1, runs at most ~90 s, and is stopped in afterAll.
 */
import { AggregationTemporality, DataPointType, MeterProvider, MetricReader, type ResourceMetrics } from "@opentelemetry/sdk-metrics";
import { generateDashboards } from "../../dashboards";
import { KNOWN_METRIC_GROUPS } from "../../dashboards/known-metrics";
import { RESILIENCE_METRICS } from "../../resilience";
import { METER_NAME } from "../../packages/resilience-client/src/metrics-contract";
import { createInstruments, DependencyMetrics } from "../../packages/resilience-client/src/metrics";
import { startGatewayIntoPrometheus, waitFor, type GatewayIntoPrometheus, type Series } from "../telemetry/support/gateway-into-prometheus";
import { exampleCatalogue } from "./support/context";
import { panelsOf, substitute, variableValues } from "./support/inspect";

const POD = "checkout-api-7d9f";
let pipeline: GatewayIntoPrometheus | undefined;

function query(promql: string): Promise<Series[]> {
  return pipeline!.query(promql);
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
  pipeline = await startGatewayIntoPrometheus("resilience-e2e-");
  const otlpHttp = pipeline.otlpHttp;

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
  await pipeline?.stop();
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
