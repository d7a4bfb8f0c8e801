import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { LOG_LINE_EXAMPLES, type ExampleLanguage } from "../../telemetry/log-examples";
import { runTool } from "../support/tools";
import { freePort, launchCollector, type LaunchedCollector } from "./support/run-collector";
import { runOperators } from "./support/stanza-runner";
import { stackPlan } from "./support/stacks";
import { TOOLCHAIN_HINT, toolchainBinary } from "../support/toolchain";

/**
 * The log parsing run by the real collector: the agent's generated `file_log` receiver (its
 * operators exactly as generated; only the directory and start position changed) reads a pod log
 * file with one CRI line per language, and an OTLP/HTTP JSON exporter delivers the records to a
 * loopback receiver in this test. Kubernetes metadata (k8s_attributes, which needs the API
 * server) is left out. The same lines through the JavaScript runner give the same result, so the
 * runner the unit tests use is faithful to stanza.
 */
const OTELCOL = toolchainBinary("otelcol-sevensa");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agent-logs-e2e-"));
const podDir = path.join(dir, "shop_checkout-api-7d9f_0b1c2d3e-aaaa-bbbb-cccc-1234567890ab", "app");
const LOG_FILE = path.join(podDir, "0.log");
const LANGS = Object.keys(LOG_LINE_EXAMPLES) as ExampleLanguage[];
const CRI = (content: string) => `2025-03-14T09:26:53.700000000Z stdout F ${content}`;

interface Received {
  resource: Record<string, string>;
  attributes: Record<string, string>;
  body: string;
  severityText?: string;
  severityNumber?: number;
  traceId?: string;
  spanId?: string;
  timeUnixNano?: string;
}

const received: Received[] = [];
let server: http.Server | undefined;
let collector: LaunchedCollector | undefined;

function attrs(list: { key: string; value: { stringValue?: string } }[] = []): Record<string, string> {
  return Object.fromEntries(list.map((a) => [a.key, a.value.stringValue ?? JSON.stringify(a.value)]));
}

beforeAll(async () => {
  runTool(OTELCOL, ["--version"], TOOLCHAIN_HINT);
  fs.mkdirSync(podDir, { recursive: true });
  fs.writeFileSync(LOG_FILE, [...LANGS.map((l) => CRI(LOG_LINE_EXAMPLES[l])), CRI("Listening on :8080")].join("\n") + "\n");

  const sink = await freePort();
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += String(d)));
    req.on("end", () => {
      let doc: any;
      try {
        doc = JSON.parse(body);
      } catch {
        res.writeHead(400).end();
        return;
      }
      for (const rl of doc.resourceLogs ?? []) {
        for (const sl of rl.scopeLogs ?? []) {
          for (const r of sl.logRecords ?? []) {
            received.push({
              resource: attrs(rl.resource?.attributes),
              attributes: attrs(r.attributes),
              body: r.body?.stringValue,
              severityText: r.severityText,
              severityNumber: r.severityNumber,
              traceId: r.traceId,
              spanId: r.spanId,
              timeUnixNano: r.timeUnixNano,
            });
          }
        }
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server!.listen(sink, "127.0.0.1", resolve));

  const agent = parse(stackPlan("local").files["otel/agent.yaml"]) as any;
  const fileLog = { ...agent.receivers.file_log, include: [`${dir}/*/*/*.log`], exclude: [], start_at: "beginning" };
  const health = await freePort();
  const config = {
    extensions: { health_check: { endpoint: `127.0.0.1:${health}` } },
    receivers: { file_log: fileLog },
    processors: { memory_limiter: agent.processors.memory_limiter },
    exporters: { "otlp_http/sink": { logs_endpoint: `http://127.0.0.1:${sink}/v1/logs`, encoding: "json", compression: "none" } },
    service: {
      extensions: ["health_check"],
      pipelines: { logs: { receivers: ["file_log"], processors: ["memory_limiter"], exporters: ["otlp_http/sink"] } },
      telemetry: { metrics: { level: "none" } },
    },
  };
  const configFile = path.join(dir, "agent-logs.yaml");
  fs.writeFileSync(configFile, stringify(config));
  collector = await launchCollector(OTELCOL, configFile, health, process.env);
  if (!collector.ready) throw new Error(`the collector did not start:\n${collector.output()}`);
  const deadline = Date.now() + 30_000;
  while (received.length < LANGS.length + 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
}, 60_000);

afterAll(async () => {
  await collector?.stop();
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  fs.rmSync(dir, { recursive: true, force: true });
}, 30_000);

const K8S = {
  "k8s.namespace.name": "shop",
  "k8s.pod.name": "checkout-api-7d9f",
  "k8s.pod.uid": "0b1c2d3e-aaaa-bbbb-cccc-1234567890ab",
  "k8s.container.name": "app",
  "k8s.container.restart_count": "0",
};

test("every line arrives, once", () => {
  // in any order: the files are read side by side and the exporter's queue has several consumers
  const sorted = (bodies: unknown[]) => [...bodies].map((b) => JSON.stringify(b)).sort();
  expect(sorted(received.map((r) => r.body))).toEqual(sorted([...LANGS.map((l) => LOG_LINE_EXAMPLES[l]), "Listening on :8080"]));
});

test.each(LANGS)("%s: the real collector extracts what the JavaScript runner extracts", (lang) => {
  const got = received.find((r) => r.body === LOG_LINE_EXAMPLES[lang]);
  const want = runOperators(parse(stackPlan("local").files["otel/agent.yaml"]).receivers.file_log, CRI(LOG_LINE_EXAMPLES[lang]), LOG_FILE);
  expect(got).toBeDefined();
  expect(got!.traceId).toBe(want.traceId);
  expect(got!.spanId).toBe(want.spanId);
  expect(got!.severityText).toBe(want.severityText);
  expect(got!.resource).toEqual(want.resource);
  expect(got!.attributes).toEqual(want.attributes);
  expect(BigInt(got!.timeUnixNano!) / 1_000_000n).toBe(BigInt(want.timestamp!.getTime()));
});

test("trace ids and severities, as the collector sends them", () => {
  const byLang = Object.fromEntries(LANGS.map((l) => [l, received.find((r) => r.body === LOG_LINE_EXAMPLES[l])]));
  expect(LANGS.map((l) => [l, byLang[l]?.traceId, byLang[l]?.severityNumber, byLang[l]?.resource.severity])).toEqual([
    ["typescript", "4bf92f3577b34da6a3ce929d0e0e4736", 17, "error"],
    ["python", "4bf92f3577b34da6a3ce929d0e0e4736", 13, "warn"],
    ["php", "4bf92f3577b34da6a3ce929d0e0e4736", 9, "info"],
  ]);
});

test("a plain line keeps only the Kubernetes metadata from its path", () => {
  const plain = received.find((r) => r.body === "Listening on :8080");
  expect(plain?.resource).toEqual(K8S);
  expect(plain?.traceId ?? "").toBe("");
});
