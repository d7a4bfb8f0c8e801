import { goDurationMs } from "../../telemetry/duration";
import { COLLECTOR_SCRAPE_JOB, startGatewayIntoPrometheus, waitFor, type GatewayIntoPrometheus } from "./support/gateway-into-prometheus";
import { GATEWAY_CONNECTOR_NAMES, GATEWAY_TELEMETRY_NAMES, READER_FIX, SUFFIXLESS_AS_GENERATED } from "./support/proven-names";

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

async function query(promql: string): Promise<Record<string, string>[]> {
  return (await pipeline!.query(promql)).map((r) => r.metric);
}

beforeAll(async () => {
  pipeline = await startGatewayIntoPrometheus("gateway-e2e-", { sink: true, scrapeCollector: true });
  const otlpHttp = pipeline.otlpHttp;

  const now = BigInt(Date.now()) * 1_000_000n;
  const resource = (service: string, extra: { key: string; value: { stringValue: string } }[]) => ({
    attributes: [
      { key: "service.name", value: { stringValue: service } },
      { key: "service.namespace", value: { stringValue: "ignored-when-k8s-namespace-is-known" } },
      { key: "k8s.namespace.name", value: { stringValue: "shop" } },
      ...extra,
    ],
  });
  const traces = {
    resourceSpans: [
      {
        resource: resource("storefront", []),
        scopeSpans: [{ scope: { name: "e2e" }, spans: [{
          traceId: TRACE_ID, spanId: CLIENT_SPAN_ID, name: "POST checkout-api", kind: 3,
          startTimeUnixNano: String(now - 150_000_000n), endTimeUnixNano: String(now + 10_000_000n), status: { code: 2 },
        }] }],
      },
      {
        resource: resource("checkout-api", []),
        scopeSpans: [{ scope: { name: "e2e" }, spans: [{
          traceId: TRACE_ID, spanId: SERVER_SPAN_ID, parentSpanId: CLIENT_SPAN_ID, name: "POST /checkout", kind: 2,
          startTimeUnixNano: String(now - 120_000_000n), endTimeUnixNano: String(now), status: { code: 2 },
        }] }],
      },
    ],
  };
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
      resource: resource("checkout-api", []),
      scopeLogs: [{ scope: { name: "e2e" }, logRecords: [{
        timeUnixNano: String(now), severityText: "ERROR", severityNumber: 17, body: { stringValue: "payment declined" }, traceId: TRACE_ID, spanId: SERVER_SPAN_ID,
      }] }],
    }],
  };
  for (const [signal, body] of [["traces", traces], ["metrics", metrics], ["logs", logs]] as const) {
    const res = await fetch(`http://127.0.0.1:${otlpHttp}/v1/${signal}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`OTLP ${signal} refused: ${res.status} ${await res.text()}`);
  }
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
});

test("the spanmetrics duration histogram carries the pushed trace id as an exemplar in Prometheus", async () => {
  const exemplars = await waitFor("an exemplar of checkout-api", async () => {
    const r = await pipeline!.exemplars('traces_span_metrics_duration_seconds_bucket{service="checkout-api"}', pushedAt - 300, Date.now() / 1000 + 60);
    const all = r.flatMap((s) => s.exemplars.map((e) => ({ ...e.labels, le: s.seriesLabels.le })));
    return all.length > 0 ? all : undefined;
  }, 60_000);
  // 120 ms lands in the 0.2 s bucket.
  expect(exemplars).toEqual([{ trace_id: TRACE_ID, span_id: SERVER_SPAN_ID, le: "0.2" }]);
}, 70_000);

describe("the gateway's own telemetry, scraped by Prometheus from the config's service.telemetry reader", () => {
  const stored = async () => new Set((await query(`{job="${COLLECTOR_SCRAPE_JOB}", __name__=~"otelcol_.*"}`)).map((m) => m.__name__));
  // Counters move once the sink has the sampled trace (decision_wait 5 s) and the log record.
  const expected = [...GATEWAY_TELEMETRY_NAMES.names, ...SUFFIXLESS_AS_GENERATED.map((n) => n.replace(/_total$/, ""))];
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
    expect(text.split("\n").filter((l) => /otelcol_exporter_(send|enqueue)_failed_/.test(l))).toEqual([]);
    expect(text).toContain("# HELP otelcol_exporter_queue_size ");
  });

  test(`the generated reader serves counters without _total: the known _total names appear only with ${READER_FIX.description}`, async () => {
    expect(SUFFIXLESS_AS_GENERATED.map((n) => [n, names.has(n), names.has(n.replace(/_total$/, ""))])).toEqual(
      SUFFIXLESS_AS_GENERATED.map((n) => [n, false, true]),
    );
    const sampled = await query(`otelcol_processor_tail_sampling_count_traces_sampled{job="${COLLECTOR_SCRAPE_JOB}", sampled="true"}`);
    expect(sampled.map((m) => m.policy)).toContain("keep-errors");
    const sent = await query(`otelcol_exporter_sent_spans{job="${COLLECTOR_SCRAPE_JOB}"} > 0`);
    expect(sent.map((m) => m.exporter)).toEqual(["otlp_grpc/jaeger"]);
  });
});
