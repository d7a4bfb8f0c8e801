import { KNOWN_METRIC_GROUPS } from "../../dashboards/known-metrics";
import { SERVICE_MAP_QUERIES } from "../../dashboards/service-map";
import { edgeQueries } from "../../dashboards/servicegraph-queries";
import { goDurationMs } from "../../telemetry/duration";
import { substitute } from "../dashboards/support/inspect";
import { COLLECTOR_SCRAPE_JOB, startGatewayIntoPrometheus, waitFor, type GatewayIntoPrometheus } from "./support/gateway-into-prometheus";
import { GATEWAY_CONNECTOR_NAMES, GATEWAY_COUNTER_NAMES, GATEWAY_TELEMETRY_NAMES } from "./support/proven-names";

/**
 * The label contract and the connector and internal-telemetry names end to end through the real
 * binaries: the generated local gateway (its addresses moved to loopback, Jaeger and Loki
 * replaced by a second otelcol-sevensa as OTLP sink) remote-writes into a real Prometheus
 * (Debian's 2.42, remote-write receiver and exemplar storage on), which also scrapes the
 * gateway's own telemetry. A CLIENT span of storefront with its failed SERVER child in
 * checkout-api, a metric and a log record are pushed over OTLP/HTTP; the spanmetrics and
 * servicegraph series, the exemplar and the collector's own series must come out under the
 * names the dashboards query. Everything binds 127.0.0.1, runs at most ~2 min, and is stopped
 * in afterAll.
 */
let pipeline: GatewayIntoPrometheus | undefined;
let pushedAt = 0;

const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const CLIENT_SPAN_ID = "b7ad6b7169203331";
const SERVER_SPAN_ID = "00f067aa0ba902b7";
/** The second call, pushed after the first flush so the edge counters move between two samples. */
const SECOND_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4737";

async function query(promql: string): Promise<Record<string, string>[]> {
  return (await pipeline!.query(promql)).map((r) => r.metric);
}

type Attribute = { key: string; value: { stringValue: string } };

function resource(service: string, extra: Attribute[] = []) {
  return {
    attributes: [
      { key: "service.name", value: { stringValue: service } },
      { key: "service.namespace", value: { stringValue: "ignored-when-k8s-namespace-is-known" } },
      { key: "k8s.namespace.name", value: { stringValue: "shop" } },
      ...extra,
    ],
  };
}

/** One call storefront → checkout-api: the CLIENT span and its SERVER child, both failed, 120 ms on the server. */
function callPair(traceId: string, clientSpanId: string, serverSpanId: string, now: bigint) {
  return {
    resourceSpans: [
      {
        resource: resource("storefront"),
        scopeSpans: [{ scope: { name: "e2e" }, spans: [{
          traceId, spanId: clientSpanId, name: "POST checkout-api", kind: 3,
          startTimeUnixNano: String(now - 150_000_000n), endTimeUnixNano: String(now + 10_000_000n), status: { code: 2 },
        }] }],
      },
      {
        resource: resource("checkout-api"),
        scopeSpans: [{ scope: { name: "e2e" }, spans: [{
          traceId, spanId: serverSpanId, parentSpanId: clientSpanId, name: "POST /checkout", kind: 2,
          startTimeUnixNano: String(now - 120_000_000n), endTimeUnixNano: String(now), status: { code: 2 },
        }] }],
      },
    ],
  };
}

async function push(signal: "traces" | "metrics" | "logs", body: unknown): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${pipeline!.otlpHttp}/v1/${signal}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`OTLP ${signal} refused: ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
  pipeline = await startGatewayIntoPrometheus("gateway-e2e-", { sink: true, scrapeCollector: true });
  const now = BigInt(Date.now()) * 1_000_000n;
  const traces = callPair(TRACE_ID, CLIENT_SPAN_ID, SERVER_SPAN_ID, now);
  const metrics = {
    resourceMetrics: [{
      resource: resource("checkout-api", [{ key: "k8s.pod.name", value: { stringValue: "checkout-api-7d9f" } }]),
      scopeMetrics: [{ scope: { name: "e2e" }, metrics: [{
        name: "orders.created", unit: "1",
        sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: [{ asInt: "3", startTimeUnixNano: String(now - 60_000_000_000n), timeUnixNano: String(now) }] },
      }] }],
    }],
  };
  const logs = {
    resourceLogs: [{
      resource: resource("checkout-api"),
      scopeLogs: [{ scope: { name: "e2e" }, logRecords: [{
        timeUnixNano: String(now), severityText: "ERROR", severityNumber: 17, body: { stringValue: "payment declined" }, traceId: TRACE_ID, spanId: SERVER_SPAN_ID,
      }] }],
    }],
  };
  for (const [signal, body] of [["traces", traces], ["metrics", metrics], ["logs", logs]] as const) await push(signal, body);
  pushedAt = Date.now() / 1000;
}, 120_000);

afterAll(async () => {
  await pipeline?.stop();
}, 30_000);

test("a pushed span becomes spanmetrics series with service, namespace and the gateway replica", async () => {
  const series = await waitFor("spanmetrics in Prometheus", async () => {
    const r = await query('traces_span_metrics_calls_total{service="checkout-api"}');
    return r.length > 0 ? r : undefined;
  }, 60_000);
  expect(series[0]).toMatchObject({
    service: "checkout-api",
    namespace: "shop",
    service_name: "checkout-api",
    span_name: "POST /checkout",
    span_kind: "SPAN_KIND_SERVER",
    status_code: "STATUS_CODE_ERROR",
    collector_pod: "gateway-test-0",
  });
}, 70_000);

test("a pushed metric keeps its name with the unit suffix and gets service, namespace and pod", async () => {
  const series = await waitFor("the pushed counter in Prometheus", async () => {
    const r = await query("orders_created_total");
    return r.length > 0 ? r : undefined;
  }, 30_000);
  expect(series[0]).toMatchObject({ service: "checkout-api", namespace: "shop", pod: "checkout-api-7d9f" });
}, 40_000);

test("the spanmetrics and servicegraph series carry exactly the labels their known-metrics groups list (connection_type only on database and messaging edges)", async () => {
  for (const key of ["spanmetrics", "servicegraph"]) {
    const group = KNOWN_METRIC_GROUPS.find((g) => g.key === key)!;
    const series = await waitFor(`every ${key} series`, async () => {
      const r = await query(`{__name__=~"${group.metrics.join("|")}"}`);
      return new Set(r.map((m) => m.__name__)).size === group.metrics.length ? r : undefined;
    }, 40_000);
    const carried = [...new Set(series.flatMap((m) => Object.keys(m)))].filter((l) => l !== "__name__").sort();
    expect([key, carried]).toEqual([key, group.labels.filter((l) => l !== "connection_type").sort()]);
  }
}, 90_000);

describe("servicegraph", () => {
  // Bounded by the generated settings: an edge is complete as soon as both spans are in the store
  // (they arrive in one request, well inside the store's ttl) and leaves on the next flush.
  const settings = () => pipeline!.config.connectors.service_graph as { metrics_flush_interval: string; store: { ttl: string } };

  test("the generated connector flushes within 15 s and keeps an unpaired span 10 s, so one flush interval bounds the wait", () => {
    expect([goDurationMs(settings().metrics_flush_interval), goDurationMs(settings().store.ttl)]).toEqual([15_000, 10_000]);
  });

  test("the client/server pair becomes every servicegraph series the dashboards read, with client and server the two services", async () => {
    const bound = 2 * goDurationMs(settings().metrics_flush_interval)! + 10_000;
    const names = GATEWAY_CONNECTOR_NAMES.names.filter((n) => n.startsWith("traces_service_graph_"));
    const selector = `{__name__=~"traces_service_graph_.*", client="storefront", server="checkout-api"}`;
    const arrived = await waitFor("every servicegraph series in Prometheus", async () => {
      const got = new Set((await query(selector)).map((m) => m.__name__));
      return names.every((n) => got.has(n)) ? got : undefined;
    }, bound);
    expect([...arrived].sort()).toEqual([...names].sort());
    // The labels the edge panels match and group on; `failed` because the server span failed.
    expect(await query('traces_service_graph_request_failed_total{client="storefront", server="checkout-api"}')).toEqual([
      expect.objectContaining({ client: "storefront", server: "checkout-api", collector_pod: "gateway-test-0" }),
    ]);
    const buckets = await query('traces_service_graph_request_server_seconds_bucket{client="storefront", server="checkout-api", le="0.2"}');
    expect(buckets.map((m) => [m.client, m.server, m.failed, m.le])).toEqual([["storefront", "checkout-api", "true", "0.2"]]);
  }, 60_000);

  test("after a second call, the service map's edge queries and both services' edge panels find storefront → checkout-api, all failed", async () => {
    await push("traces", callPair(SECOND_TRACE_ID, "b7ad6b7169203332", "00f067aa0ba902b8", BigInt(Date.now()) * 1_000_000n));
    const bound = 2 * goDurationMs(settings().metrics_flush_interval)! + 10_000;
    // Grafana's built-in variables as it fills them for the last five minutes.
    const grafana = (q: string) => {
      const r = substitute(q, { __range: "5m", __rate_interval: "5m" });
      if (r.unknown.length > 0) throw new Error(`unknown variables ${r.unknown.join(", ")} in ${q}`);
      return r.text;
    };
    const edges = await waitFor("a request rate on the edge", async () => {
      const r = await pipeline!.query(grafana(SERVICE_MAP_QUERIES.A));
      return r.length > 0 && Number(r[0].value[1]) > 0 ? r : undefined;
    }, bound);
    expect(edges.map((r) => r.metric)).toEqual([{ client: "storefront", server: "checkout-api", id: "storefront->checkout-api" }]);
    const ratio = await pipeline!.query(grafana(SERVICE_MAP_QUERIES.B));
    expect(ratio.map((r) => [r.metric.id, r.value[1]])).toEqual([["storefront->checkout-api", "1"]]);
    const caller = edgeQueries("storefront", "client");
    const callee = edgeQueries("checkout-api", "server");
    const values = async (q: string) => (await pipeline!.query(grafana(q))).map((r) => [r.metric, Number(r.value[1]) > 0]);
    expect(await values(caller.requestRate)).toEqual([[{ server: "checkout-api" }, true]]);
    expect(await values(callee.requestRate)).toEqual([[{ client: "storefront" }, true]]);
    expect((await pipeline!.query(grafana(callee.errorRatio))).map((r) => [r.metric, r.value[1]])).toEqual([[{ client: "storefront" }, "1"]]);
    // Client side 160 ms, server side 120 ms: both in the (0.1, 0.2] bucket.
    for (const q of [caller.latencyQuantile(0.5), callee.latencyQuantile(0.5)]) {
      const r = await pipeline!.query(grafana(q));
      expect(r.map((x) => [Number(x.value[1]) > 0.1, Number(x.value[1]) <= 0.2])).toEqual([[true, true]]);
    }
  }, 60_000);
});

test("the spanmetrics duration histogram carries the pushed trace id as an exemplar in Prometheus", async () => {
  const exemplars = await waitFor("an exemplar of checkout-api", async () => {
    const r = await pipeline!.exemplars('traces_span_metrics_duration_seconds_bucket{service="checkout-api"}', pushedAt - 300, Date.now() / 1000 + 60);
    const all = r.flatMap((s) => s.exemplars.map((e): Record<string, string> => ({ ...e.labels, le: s.seriesLabels.le })));
    return all.length > 0 ? all : undefined;
  }, 60_000);
  // 120 ms lands in the 0.2 s bucket (the second call's exemplar may be there too).
  expect(exemplars).toContainEqual({ trace_id: TRACE_ID, span_id: SERVER_SPAN_ID, le: "0.2" });
  expect(exemplars.filter((e) => ![TRACE_ID, SECOND_TRACE_ID].includes(e.trace_id))).toEqual([]);
}, 70_000);

describe("the gateway's own telemetry, scraped by Prometheus from the config's service.telemetry reader", () => {
  const stored = async () => new Set((await query(`{job="${COLLECTOR_SCRAPE_JOB}", __name__=~"otelcol_.*"}`)).map((m) => m.__name__));
  // Counters move once the sink has the sampled trace (decision_wait 5 s) and the log record.
  const expected = GATEWAY_TELEMETRY_NAMES.names;
  let names: Set<string> = new Set();

  beforeAll(async () => {
    names = await waitFor("the gateway's telemetry in Prometheus", async () => {
      const s = await stored();
      return expected.every((n) => s.has(n)) ? s : undefined;
    }, 40_000).catch(async (e: Error) => {
      const s = await stored();
      throw new Error(`${e.message}; missing: ${expected.filter((n) => !s.has(n)).join(", ")}; stored: ${[...s].sort().join(", ")}`);
    });
  }, 50_000);

  test("every gauge the platform dashboards read is stored under its known name, per exporter and signal", async () => {
    expect(GATEWAY_TELEMETRY_NAMES.names.filter((n) => !names.has(n))).toEqual([]);
    const queues = await query(`otelcol_exporter_queue_capacity{job="${COLLECTOR_SCRAPE_JOB}"}`);
    expect(queues.map((m) => `${m.exporter} ${m.data_type}`).sort()).toEqual([
      "otlp_grpc/jaeger traces",
      "otlp_http/loki logs",
      "prometheus_remote_write/0 metrics",
    ]);
  });

  test("a healthy run exposes no failure counter at all, not even its HELP line: collector-failure-names-e2e provokes them", async () => {
    const text = await (await fetch(pipeline!.telemetryUrl)).text();
    const failed = text.split("\n").filter((l) => /otelcol_exporter_(send|enqueue)_failed_/.test(l));
    // only the gateway's log tells a real regression from a send lost to a loaded machine
    if (failed.length > 0) console.log(`the gateway's log:\n${pipeline!.gatewayOutput()}`);
    expect(failed).toEqual([]);
    expect(text).toContain("# HELP otelcol_exporter_queue_size ");
  });

  test("the generated reader serves the counters with _total (without_type_suffix: false), never without", async () => {
    expect(GATEWAY_COUNTER_NAMES.map((n) => [n, names.has(n), names.has(n.replace(/_total$/, ""))])).toEqual(
      GATEWAY_COUNTER_NAMES.map((n) => [n, true, false]),
    );
    const sampled = await query(`otelcol_processor_tail_sampling_count_traces_sampled_total{job="${COLLECTOR_SCRAPE_JOB}", sampled="true"}`);
    expect(sampled.map((m) => m.policy)).toContain("keep-errors");
    const sent = await query(`otelcol_exporter_sent_spans_total{job="${COLLECTOR_SCRAPE_JOB}"} > 0`);
    expect(sent.map((m) => m.exporter)).toEqual(["otlp_grpc/jaeger"]);
  });
});
