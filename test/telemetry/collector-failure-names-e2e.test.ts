import * as net from "net";
import { KNOWN_METRIC_GROUPS } from "../../dashboards/known-metrics";
import { freePort } from "../support/ports";
import { COLLECTOR_SCRAPE_JOB, startGatewayIntoPrometheus, waitFor, type GatewayIntoPrometheus } from "./support/gateway-into-prometheus";
import { GATEWAY_FAILURE_NAMES } from "./support/proven-names";

/**
 * The collector's failure-path telemetry names, which a healthy run never exposes (the
 * collector writes no series, not even a HELP line, for a counter nothing has added to): the
 * generated local gateway runs on otelcol-sevensa with every exporter pointed at a loopback
 * server that accepts connections and never answers, retries off, a 5 s timeout and a sending
 * queue of one request, so each export times out (send failed) and the batches behind it find
 * the queue full (enqueue failed). The telemetry reader is the generated one.
 * A real Prometheus 2.42 scrapes the gateway's telemetry. Everything binds 127.0.0.1, runs at
 * most ~90 s, and is stopped in afterAll.
 */
let pipeline: GatewayIntoPrometheus | undefined;
let blackHole: net.Server | undefined;
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  const port = await freePort();
  blackHole = net.createServer((s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => blackHole!.listen(port, "127.0.0.1", resolve));
  const hang = `127.0.0.1:${port}`;
  pipeline = await startGatewayIntoPrometheus("failure-names-e2e-", {
    scrapeCollector: true,
    edit: (c) => {
      c.processors.batch.timeout = "200ms";
      c.processors.tail_sampling.decision_wait = "1s";
      const queue = { enabled: true, queue_size: 1, num_consumers: 1 };
      for (const [id, e] of Object.entries<any>(c.exporters)) {
        e.retry_on_failure = { enabled: false };
        e.timeout = "5s";
        if (id.startsWith("otlp_grpc/")) e.endpoint = hang;
        else if (id.startsWith("otlp_http/")) e.logs_endpoint = `http://${hang}/otlp/v1/logs`;
        else if (id.startsWith("prometheus_remote_write/")) e.http.endpoint = `http://${hang}/api/v1/write`;
        if (id.startsWith("prometheus_remote_write/")) e.remote_write_queue = queue;
        else e.sending_queue = queue;
      }
    },
  });
  // Eight rounds 400 ms apart: the 200 ms batches reach each exporter one by one while its only
  // consumer waits out the 5 s timeout.
  for (let round = 0; round < 8; round++) {
    const now = BigInt(Date.now()) * 1_000_000n;
    const resource = { attributes: [{ key: "service.name", value: { stringValue: "checkout-api" } }, { key: "k8s.namespace.name", value: { stringValue: "shop" } }] };
    const traceId = `4bf92f3577b34da6a3ce929d0e0e47${String(round).padStart(2, "0")}`;
    const bodies = {
      traces: { resourceSpans: [{ resource, scopeSpans: [{ spans: [{ traceId, spanId: "00f067aa0ba902b7", name: "POST /checkout", kind: 2, startTimeUnixNano: String(now - 1_000_000n), endTimeUnixNano: String(now), status: { code: 2 } }] }] }] },
      metrics: { resourceMetrics: [{ resource, scopeMetrics: [{ metrics: [{ name: "orders.created", unit: "1", sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: [{ asInt: String(round + 1), startTimeUnixNano: String(now - 60_000_000_000n), timeUnixNano: String(now) }] } }] }] }] },
      logs: { resourceLogs: [{ resource, scopeLogs: [{ logRecords: [{ timeUnixNano: String(now), body: { stringValue: `round ${round}` } }] }] }] },
    };
    for (const [signal, body] of Object.entries(bodies)) {
      const res = await fetch(`http://127.0.0.1:${pipeline.otlpHttp}/v1/${signal}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`OTLP ${signal} refused: ${res.status} ${await res.text()}`);
    }
    await new Promise((r) => setTimeout(r, 400));
  }
}, 120_000);

afterAll(async () => {
  await pipeline?.stop();
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => (blackHole === undefined ? resolve() : blackHole.close(() => resolve())));
}, 30_000);

test("with the reader fix, a send that times out and a batch that finds the queue full become the send-failed and enqueue-failed series of every signal, beside every other known collector counter, with no label their known-metrics group does not list", async () => {
  const names = GATEWAY_FAILURE_NAMES.names;
  const present = async () => new Set((await pipeline!.query(`{job="${COLLECTOR_SCRAPE_JOB}", __name__=~"otelcol_.*"}`)).map((r) => r.metric.__name__));
  const got = await waitFor("the failure series in Prometheus", async () => {
    const s = await present();
    return names.every((n) => s.has(n)) ? s : undefined;
  }, 45_000).catch(async (e: Error) => {
    const s = await present();
    throw new Error(`${e.message}; missing: ${names.filter((n) => !s.has(n)).join(", ")}; stored: ${[...s].sort().join(", ")}\n${pipeline!.gatewayOutput().slice(-3000)}`);
  });
  expect(names.filter((n) => !got.has(n))).toEqual([]);
  const group = KNOWN_METRIC_GROUPS.find((g) => g.key === "otelcol-internal")!;
  const series = await pipeline!.query(`{job="${COLLECTOR_SCRAPE_JOB}", __name__=~"${names.join("|")}"}`);
  const carried = [...new Set(series.flatMap((r) => Object.keys(r.metric)))].filter((l) => l !== "__name__");
  expect(carried.filter((l) => !group.labels.includes(l))).toEqual([]);
  const failed = await pipeline!.query(`otelcol_exporter_send_failed_spans_total{job="${COLLECTOR_SCRAPE_JOB}"} > 0`);
  expect(failed.map((r) => r.metric.exporter)).toEqual(["otlp_grpc/jaeger"]);
}, 60_000);
