/**
 * The SLO guard against a real Prometheus (Debian's 2.42, on loopback): the request the
 * StatusCheck sends gets HTTP 422 exactly when a page burn-rate condition holds (or the
 * burn-rate series are absent), and HTTP 200 otherwise. Chaos Mesh counts a status other
 * than 200 as a failure, and two in a row abort the workflow.
 */
import * as fs from "fs";
import * as http from "http";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { spawn, type ChildProcess } from "child_process";
import { sloGuardTemplate } from "../../chaos/guard";
import { api } from "./fixtures";
import { freePort } from "../support/ports";
import { stopProcess } from "../support/stop-process";

const PROMETHEUS = "/usr/bin/prometheus";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("SLO guard status check against Prometheus", () => {
  let dir: string;
  let exporter: http.Server;
  let prom: ChildProcess | undefined;
  let promUrl: string;
  let metrics = "";
  let generation = 0;

  beforeAll(async () => {
    if (!fs.existsSync(PROMETHEUS)) throw new Error(`${PROMETHEUS} is missing: install the Debian package prometheus (.ci/run does)`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "chaos-guard-"));
    exporter = http.createServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4" });
      res.end(`test_generation ${generation}\n${metrics}`);
    });
    await new Promise<void>((r) => exporter.listen(0, "127.0.0.1", () => r()));
    const exporterPort = (exporter.address() as net.AddressInfo).port;
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    fs.writeFileSync(
      path.join(dir, "prometheus.yml"),
      `global: { scrape_interval: 1s }\nscrape_configs:\n  - job_name: burn\n    honor_labels: true\n    static_configs: [{ targets: ["127.0.0.1:${exporterPort}"] }]\n`,
    );
    prom = spawn(PROMETHEUS, [`--config.file=${path.join(dir, "prometheus.yml")}`, `--web.listen-address=127.0.0.1:${port}`, `--storage.tsdb.path=${path.join(dir, "data")}`], { stdio: "ignore" });
  }, 30_000);

  afterAll(async () => {
    await stopProcess(prom);
    await new Promise<void>((r) => exporter.close(() => r()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Serves `series` and waits until Prometheus has scraped them. */
  async function serve(series: Record<string, number>): Promise<void> {
    generation += 1;
    metrics = Object.entries(series)
      .map(([w, v]) => `slo:error_budget:burn_rate{service="api",namespace="shop",slo="availability",window="${w}"} ${v}\n`)
      .join("");
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      try {
        const r = await fetch(`${promUrl}/api/v1/query?query=test_generation`);
        const body = (await r.json()) as { data?: { result?: { value: [number, string] }[] } };
        if (body.data?.result?.[0]?.value[1] === String(generation)) return;
      } catch {
        // not up yet
      }
      await sleep(200);
    }
    throw new Error(`Prometheus did not scrape generation ${generation} within 20s`);
  }

  /** Sends the request exactly as the generated StatusCheck does. */
  async function check(): Promise<number> {
    const t = sloGuardTemplate({ services: [api()], environment: "staging", prometheusUrl: promUrl, duration: "10m" }) as {
      statusCheck: { http: { url: string; method: string; headers: Record<string, string[]>; body: string } };
    };
    const h = t.statusCheck.http;
    const headers = Object.fromEntries(Object.entries(h.headers).map(([k, v]) => [k, v.join(", ")]));
    const r = await fetch(h.url, { method: h.method, headers, body: h.body });
    return r.status;
  }

  const quiet = { "5m": 0.5, "30m": 0.5, "1h": 0.5, "6h": 0.5 };
  test.each([
    ["steady state: every burn rate low → 200", quiet, 200],
    ["fast burn: 1h and 5m above 14.4 → 422", { ...quiet, "1h": 20, "5m": 20 }, 422],
    ["1h above 14.4 but 5m recovered: the burn has stopped → 200", { ...quiet, "1h": 20, "5m": 2 }, 200],
    ["slow burn: 6h and 30m above 6 → 422", { ...quiet, "6h": 7, "30m": 7 }, 422],
    ["6h and 30m at 5.9: below the factor → 200", { ...quiet, "6h": 5.9, "30m": 5.9 }, 200],
    ["no burn-rate series at all: nothing to measure → 422", {}, 422],
  ])("%s", async (_name, series, status) => {
    await serve(series);
    expect(await check()).toBe(status);
  }, 30_000);
});
