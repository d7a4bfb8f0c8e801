import { startGatewayIntoPrometheus, waitFor, type GatewayIntoPrometheus } from "./support/gateway-into-prometheus";

/**
 * The label contract end to end through the real binaries: the generated local gateway (its
 * addresses moved to loopback) remote-writes into a real Prometheus (Debian's 2.42, with the
 * remote-write receiver on); a span and a metric pushed over OTLP/HTTP must come out as series
 * with `service` and `namespace` (and `pod` for the pushed metric) — the labels scraped series
 * carry. Everything binds 127.0.0.1, runs at most ~90 s, and is stopped in afterAll.
 */
let pipeline: GatewayIntoPrometheus | undefined;

async function query(promql: string): Promise<Record<string, string>[]> {
  return (await pipeline!.query(promql)).map((r) => r.metric);
}

beforeAll(async () => {
  pipeline = await startGatewayIntoPrometheus("gateway-e2e-");
  const otlpHttp = pipeline.otlpHttp;

  const now = BigInt(Date.now()) * 1_000_000n;
  const resource = (extra: { key: string; value: { stringValue: string } }[]) => ({
    attributes: [
      { key: "service.name", value: { stringValue: "checkout-api" } },
      { key: "service.namespace", value: { stringValue: "ignored-when-k8s-namespace-is-known" } },
      { key: "k8s.namespace.name", value: { stringValue: "shop" } },
      ...extra,
    ],
  });
  const traces = {
    resourceSpans: [{
      resource: resource([]),
      scopeSpans: [{ scope: { name: "e2e" }, spans: [{
        traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", name: "POST /checkout", kind: 2,
        startTimeUnixNano: String(now - 120_000_000n), endTimeUnixNano: String(now), status: { code: 2 },
      }] }],
    }],
  };
  const metrics = {
    resourceMetrics: [{
      resource: resource([{ key: "k8s.pod.name", value: { stringValue: "checkout-api-7d9f" } }]),
      scopeMetrics: [{ scope: { name: "e2e" }, metrics: [{
        name: "orders.created", unit: "1",
        sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: [{ asInt: "3", startTimeUnixNano: String(now - 60_000_000_000n), timeUnixNano: String(now) }] },
      }] }],
    }],
  };
  for (const [signal, body] of [["traces", traces], ["metrics", metrics]] as const) {
    const res = await fetch(`http://127.0.0.1:${otlpHttp}/v1/${signal}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`OTLP ${signal} refused: ${res.status} ${await res.text()}`);
  }
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
