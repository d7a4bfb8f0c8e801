import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { runTool } from "../../support/tools";
import { TOOLCHAIN_HINT, toolchainBinary } from "../../support/toolchain";
import { startOtlpSink, type OtlpSink } from "./otlp-sink";
import { freePort, launchCollector, loopbackGateway, type LaunchedCollector } from "./run-collector";
import { stackPlan } from "./stacks";
import { stopProcess } from "../../support/stop-process";

const PROMETHEUS = "/usr/bin/prometheus";

/** One instant-query sample. */
export type Series = { metric: Record<string, string>; value: [number, string] };

/** One series' exemplars as /api/v1/query_exemplars returns them. */
export type ExemplarSeries = { seriesLabels: Record<string, string>; exemplars: { labels: Record<string, string>; value: string; timestamp: number }[] };

/** Job name of the gateway's own telemetry when Prometheus scrapes it (`scrapeCollector`). */
export const COLLECTOR_SCRAPE_JOB = "otelcol-gateway";

/** What startGatewayIntoPrometheus sets up besides the gateway and Prometheus. */
export interface GatewayOptions {
  /**
   * Prometheus also scrapes the gateway's own telemetry endpoint (the config's
   * service.telemetry Prometheus reader) every second as job `otelcol-gateway`.
   * @default false
   */
  scrapeCollector?: boolean;
  /**
   * The Jaeger and Loki exporters send to a real OTLP sink (a second otelcol-sevensa) instead
   * of a closed loopback port, so their sends succeed.
   * @default false
   */
  sink?: boolean;
  /**
   * Changes the loopback config (parsed YAML) before the gateway starts, for runs that must
   * provoke failures. Not for the runs that check the generated config as it is.
   * @default - none (the generated config with loopback addresses)
   */
  edit?: (config: any) => void;
}

/** The generated local gateway remote-writing into a real Prometheus, both on loopback. */
export interface GatewayIntoPrometheus {
  promUrl: string;
  /** Port of the gateway's OTLP/HTTP receiver. */
  otlpHttp: number;
  /** URL of the gateway's own telemetry (Prometheus text), e.g. http://127.0.0.1:20123/metrics. */
  telemetryUrl: string;
  /** The gateway config the collector runs (parsed), after the loopback rewrite and `edit`. */
  config: any;
  /** Everything the gateway wrote so far. */
  gatewayOutput(): string;
  /** /api/v1/query_exemplars over [start, end] (Unix seconds); throws on a query error. */
  exemplars(promql: string, start: number, end: number): Promise<ExemplarSeries[]>;
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
 * Starts Debian's Prometheus (2.42) with the remote-write receiver and exemplar storage (2.42
 * stores remote-written exemplars only with `--enable-feature=exemplar-storage`) and the local
 * stack's generated gateway (addresses moved to loopback, remote write pointed at that
 * Prometheus) with the toolchain's otelcol-sevensa; `opts` adds the scrape of the gateway's own
 * telemetry, the OTLP sink, or config edits. A missing binary fails the caller with its install
 * hint. The caller stops everything with `stop()` (afterAll).
 */
export async function startGatewayIntoPrometheus(prefix: string, opts: GatewayOptions = {}): Promise<GatewayIntoPrometheus> {
  if (!fs.existsSync(PROMETHEUS)) throw new Error(`${PROMETHEUS} is missing: install the Debian package prometheus (.ci/run does)`);
  const otelcol = toolchainBinary("otelcol-sevensa");
  runTool(otelcol, ["--version"], TOOLCHAIN_HINT);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const promPort = await freePort();
  const promUrl = `http://127.0.0.1:${promPort}`;
  const telemetryPort = await freePort();
  const scrape = opts.scrapeCollector === true
    ? { scrape_configs: [{ job_name: COLLECTOR_SCRAPE_JOB, scrape_interval: "1s", static_configs: [{ targets: [`127.0.0.1:${telemetryPort}`] }] }] }
    : {};
  fs.writeFileSync(path.join(dir, "prometheus.yml"), stringify({ global: { scrape_interval: "1m" }, ...scrape }));
  const prometheus: ChildProcess = spawn(PROMETHEUS, [
    `--config.file=${path.join(dir, "prometheus.yml")}`,
    `--storage.tsdb.path=${path.join(dir, "tsdb")}`,
    `--web.listen-address=127.0.0.1:${promPort}`,
    "--web.enable-remote-write-receiver",
    "--enable-feature=exemplar-storage",
  ], { stdio: "ignore" });
  let gateway: LaunchedCollector | undefined;
  let sink: OtlpSink | undefined;
  const stop = async (): Promise<void> => {
    await gateway?.stop();
    await sink?.stop();
    await stopProcess(prometheus);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor("Prometheus ready", async () => ((await fetch(`${promUrl}/-/ready`)).ok ? true : undefined), 20_000);
    if (opts.sink === true) sink = await startOtlpSink(otelcol, dir);
    const { yaml, health, otlpHttp } = await loopbackGateway(stackPlan("local").files["otel/gateway.yaml"], {
      remoteWriteUrl: `${promUrl}/api/v1/write`,
      telemetryPort,
      otlpGrpcEndpoint: sink?.grpcEndpoint,
      otlpHttpLogsUrl: sink?.logsUrl,
    });
    const config = parse(yaml) as any;
    opts.edit?.(config);
    const configFile = path.join(dir, "gateway.yaml");
    fs.writeFileSync(configFile, stringify(config));
    // The gateway keeps running (health check answered) until stop().
    gateway = await launchCollector(otelcol, configFile, health, { ...process.env, POD_NAME: "gateway-test-0" });
    if (!gateway.ready) throw new Error(`the gateway did not become ready:\n${gateway.output()}`);
    const query = async (promql: string): Promise<Series[]> => {
      const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await res.json()) as { status: string; error?: string; data: { result: Series[] } };
      if (body.status !== "success") throw new Error(`query failed: ${body.error}`);
      return body.data.result;
    };
    const exemplars = async (promql: string, start: number, end: number): Promise<ExemplarSeries[]> => {
      const res = await fetch(`${promUrl}/api/v1/query_exemplars?query=${encodeURIComponent(promql)}&start=${start}&end=${end}`);
      const body = (await res.json()) as { status: string; error?: string; data: ExemplarSeries[] };
      if (body.status !== "success") throw new Error(`exemplar query failed: ${body.error}`);
      return body.data;
    };
    const launched = gateway;
    return {
      promUrl,
      otlpHttp,
      telemetryUrl: `http://127.0.0.1:${telemetryPort}/metrics`,
      config,
      gatewayOutput: () => launched.output(),
      query,
      exemplars,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
