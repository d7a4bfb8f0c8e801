import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { runTool } from "../support/tools";
import { TOOLCHAIN_HINT, toolchainBinary } from "../support/toolchain";
import { waitFor } from "./support/gateway-into-prometheus";
import { JAEGER_TELEMETRY_NAMES } from "./support/proven-names";
import { launchCollector, loopbackJaeger, type LaunchedCollector } from "./support/run-collector";
import { stackPlan } from "./support/stacks";

/**
 * Jaeger v2's own telemetry names, the ones the platform-health Jaeger panels read: the toolchain's
 * Jaeger runs the generated local config (memory storage, every listener on loopback), a span is
 * pushed over OTLP/HTTP, and the config's service.telemetry Prometheus reader is read as Prometheus
 * asks for it. Unlike the otelcol 0.159 gateway, Jaeger's embedded collector appends `_total`.
 * Everything binds 127.0.0.1, runs at most ~40 s, and is stopped in afterAll.
 */
const PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
let jaeger: LaunchedCollector | undefined;
let dir = "";
let telemetryUrl = "";

beforeAll(async () => {
  const bin = toolchainBinary("jaeger");
  runTool(bin, ["version"], TOOLCHAIN_HINT);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "jaeger-names-e2e-"));
  const { yaml, health } = await loopbackJaeger(stackPlan("local").files["jaeger/config.yaml"], path.join(dir, "data"));
  const config = parse(yaml) as any;
  telemetryUrl = `http://127.0.0.1:${config.service.telemetry.metrics.readers[0].pull.exporter.prometheus.port}/metrics`;
  const file = path.join(dir, "jaeger.yaml");
  fs.writeFileSync(file, yaml);
  jaeger = await launchCollector(bin, file, health, process.env, 20_000, "/status");
  if (!jaeger.ready) throw new Error(`Jaeger did not become ready:\n${jaeger.output()}`);
  const now = BigInt(Date.now()) * 1_000_000n;
  const body = {
    resourceSpans: [{
      resource: { attributes: [{ key: "service.name", value: { stringValue: "checkout-api" } }] },
      scopeSpans: [{ spans: [{ traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", name: "POST /checkout", kind: 2, startTimeUnixNano: String(now - 1_000_000n), endTimeUnixNano: String(now) }] }],
    }],
  };
  const res = await fetch(`http://${config.receivers.otlp.protocols.http.endpoint}/v1/traces`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`OTLP traces refused: ${res.status} ${await res.text()}`);
}, 40_000);

afterAll(async () => {
  await jaeger?.stop();
  if (dir !== "") fs.rmSync(dir, { recursive: true, force: true });
}, 30_000);

test("Jaeger's telemetry has every name the platform-health Jaeger panels read, the storage exporter's with the span written", async () => {
  const samples = await waitFor("the written span in Jaeger's telemetry", async () => {
    const text = await (await fetch(telemetryUrl, { headers: { accept: PROMETHEUS_ACCEPT } })).text();
    const lines = text.split("\n").filter((l) => l !== "" && !l.startsWith("#"));
    return lines.some((l) => /^otelcol_exporter_sent_spans_total\{.*exporter="jaeger_storage_exporter".*\} 1$/.test(l)) ? lines : undefined;
  }, 20_000);
  const names = new Set(samples.map((l) => /^[^{ ]+/.exec(l)![0]));
  expect(JAEGER_TELEMETRY_NAMES.names.filter((n) => !names.has(n))).toEqual([]);
});
