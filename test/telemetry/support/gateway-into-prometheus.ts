import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runTool } from "../../support/tools";
import { TOOLCHAIN_HINT, toolchainBinary } from "../../support/toolchain";
import { freePort, launchCollector, loopbackGateway, type LaunchedCollector } from "./run-collector";
import { stackPlan } from "./stacks";

const PROMETHEUS = "/usr/bin/prometheus";

/** One instant-query sample. */
export type Series = { metric: Record<string, string>; value: [number, string] };

/** The generated local gateway remote-writing into a real Prometheus, both on loopback. */
export interface GatewayIntoPrometheus {
  promUrl: string;
  /** Port of the gateway's OTLP/HTTP receiver. */
  otlpHttp: number;
  /** Instant query; throws on a query error. */
  query(promql: string): Promise<Series[]>;
  /** Stops both processes and removes their files. */
  stop(): Promise<void>;
}

/** Polls `fn` every 500 ms until it yields a value or `timeoutMs` passes. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Starts Debian's Prometheus with the remote-write receiver and the local stack's generated
 * gateway (addresses moved to loopback, remote write pointed at that Prometheus) with the
 * toolchain's otelcol-sevensa. A missing binary fails the caller with its install hint.
 */
export async function startGatewayIntoPrometheus(prefix: string): Promise<GatewayIntoPrometheus> {
  if (!fs.existsSync(PROMETHEUS)) throw new Error(`${PROMETHEUS} is missing: install the Debian package prometheus (.ci/run does)`);
  const otelcol = toolchainBinary("otelcol-sevensa");
  runTool(otelcol, ["--version"], TOOLCHAIN_HINT);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const promPort = await freePort();
  const promUrl = `http://127.0.0.1:${promPort}`;
  fs.writeFileSync(path.join(dir, "prometheus.yml"), "global:\n  scrape_interval: 1m\n");
  const prometheus: ChildProcess = spawn(PROMETHEUS, [
    `--config.file=${path.join(dir, "prometheus.yml")}`,
    `--storage.tsdb.path=${path.join(dir, "tsdb")}`,
    `--web.listen-address=127.0.0.1:${promPort}`,
    "--web.enable-remote-write-receiver",
    "--enable-feature=exemplar-storage",
  ], { stdio: "ignore" });
  let gateway: LaunchedCollector | undefined;
  const stop = async (): Promise<void> => {
    await gateway?.stop();
    prometheus.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor("Prometheus ready", async () => ((await fetch(`${promUrl}/-/ready`)).ok ? true : undefined), 20_000);
    const { yaml, health, otlpHttp } = await loopbackGateway(stackPlan("local").files["otel/gateway.yaml"], { remoteWriteUrl: `${promUrl}/api/v1/write` });
    const configFile = path.join(dir, "gateway.yaml");
    fs.writeFileSync(configFile, yaml);
    // The gateway keeps running (health check answered) until stop().
    gateway = await launchCollector(otelcol, configFile, health, { ...process.env, POD_NAME: "gateway-test-0" });
    if (!gateway.ready) throw new Error(`the gateway did not become ready:\n${gateway.output()}`);
    const query = async (promql: string): Promise<Series[]> => {
      const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await res.json()) as { status: string; error?: string; data: { result: Series[] } };
      if (body.status !== "success") throw new Error(`query failed: ${body.error}`);
      return body.data.result;
    };
    return { promUrl, otlpHttp, query, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
