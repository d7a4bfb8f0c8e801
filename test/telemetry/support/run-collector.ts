import { spawn } from "child_process";
import * as fs from "fs";
import * as http from "http";
import { parse, stringify } from "yaml";
import { freePort } from "../../support/ports";

export { freePort };

/**
 * The gateway config with every listener and every exporter target moved to free loopback
 * ports (nothing listens on the targets: exporters retry, which is fine for a start check).
 * Only addresses change; receivers, processors, connectors and pipelines stay as generated.
 * `remoteWriteUrl` points every remote-write exporter at a real receiver instead; `otlpGrpcEndpoint`
 * (host:port) every OTLP/gRPC exporter (Jaeger) and `otlpHttpLogsUrl` every OTLP/HTTP logs exporter
 * (Loki) likewise. `telemetryPort` is the port of the collector's own Prometheus endpoint (a free
 * one when not given); it is returned as `telemetry`.
 */
export async function loopbackGateway(
  text: string,
  opts: { remoteWriteUrl?: string; otlpGrpcEndpoint?: string; otlpHttpLogsUrl?: string; telemetryPort?: number } = {},
): Promise<{ yaml: string; health: number; otlpHttp: number; telemetry: number }> {
  const c = parse(text) as any;
  const port = async () => `127.0.0.1:${await freePort()}`;
  const otlpHttp = await freePort();
  c.receivers.otlp.protocols.grpc.endpoint = await port();
  c.receivers.otlp.protocols.http.endpoint = `127.0.0.1:${otlpHttp}`;
  const health = await freePort();
  c.extensions.health_check.endpoint = `127.0.0.1:${health}`;
  c.extensions.pprof.endpoint = await port();
  c.extensions.zpages.endpoint = await port();
  const telemetry = opts.telemetryPort ?? (await freePort());
  // Only the address moves; every other reader setting (without_type_suffix) stays as generated.
  Object.assign(c.service.telemetry.metrics.readers[0].pull.exporter.prometheus, { host: "127.0.0.1", port: telemetry });
  for (const [id, e] of Object.entries<any>(c.exporters)) {
    if (id.startsWith("otlp_grpc/")) e.endpoint = opts.otlpGrpcEndpoint ?? (await port());
    else if (id.startsWith("otlp_http/")) e.logs_endpoint = opts.otlpHttpLogsUrl ?? `http://${await port()}/otlp/v1/logs`;
    else if (id.startsWith("prometheus_remote_write/")) e.http.endpoint = opts.remoteWriteUrl ?? `http://${await port()}/api/v1/write`;
    else throw new Error(`loopbackGateway: no loopback rewrite for exporter ${id}`);
  }
  return { yaml: stringify(c), health, otlpHttp, telemetry };
}

function healthy(port: number, path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => {
      req.destroy();
      resolve(false);
    });
  });
}

/** A collector process started by launchCollector. */
export interface LaunchedCollector {
  /** The health check answered 200 before the bound. */
  ready: boolean;
  /** The process exited on its own before being stopped. */
  exitedByItself: boolean;
  /** Its exit code once it has exited. */
  exitCode: () => number | null;
  /** Everything it wrote so far. */
  output: () => string;
  /** Stops it (SIGTERM, SIGKILL after 5 s) and waits for the exit; safe to call twice. */
  stop: () => Promise<void>;
}

/**
 * Starts the collector binary on `configFile` and waits (at most `timeoutMs`) until its health
 * check answers 200 or the process exits. A process that is not ready by then is stopped; a
 * ready one keeps running until the caller's `stop()` (call it in afterAll / finally).
 */
export async function launchCollector(
  bin: string,
  configFile: string,
  health: number,
  env: NodeJS.ProcessEnv,
  timeoutMs = 20_000,
  healthPath = "/",
): Promise<LaunchedCollector> {
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing`);
  const child = spawn(bin, [`--config=${configFile}`], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += String(d)));
  child.stderr.on("data", (d) => (output += String(d)));
  let exitCode: number | null = null;
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on("exit", (code) => {
      exitCode = code;
      exited = true;
      resolve();
    }),
  );
  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exit;
    clearTimeout(killer);
  };
  let ready = false;
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !exited) {
      if (await healthy(health, healthPath)) {
        ready = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    if (!ready) await stop();
  }
  const exitedByItself = exited && !ready;
  return { ready, exitedByItself, exitCode: () => exitCode, output: () => output, stop };
}

/**
 * Starts the collector, waits until it is ready or has exited (at most `timeoutMs`), and always
 * stops it. Returns whether it became ready, whether it exited before being stopped (and with
 * which code), and its output.
 */
export async function startCollector(
  bin: string,
  configFile: string,
  health: number,
  env: NodeJS.ProcessEnv,
  timeoutMs = 20_000,
  healthPath = "/",
): Promise<{ ready: boolean; exitedByItself: boolean; exitCode: number | null; output: string }> {
  const c = await launchCollector(bin, configFile, health, env, timeoutMs, healthPath);
  const exitedByItself = c.exitedByItself;
  await c.stop();
  return { ready: c.ready, exitedByItself, exitCode: c.exitCode(), output: c.output() };
}

/**
 * The Jaeger config with every listener on a free loopback port, the SPM Prometheus on an unused
 * loopback port, and badger's directories under `dataDir`. Storage, query and pipelines stay.
 */
export async function loopbackJaeger(text: string, dataDir: string): Promise<{ yaml: string; health: number }> {
  const c = parse(text) as any;
  const port = async () => `127.0.0.1:${await freePort()}`;
  const health = await freePort();
  c.extensions.healthcheckv2.http.endpoint = `127.0.0.1:${health}`;
  c.extensions.jaeger_query.http.endpoint = await port();
  c.extensions.jaeger_query.grpc.endpoint = await port();
  c.receivers.otlp.protocols.grpc.endpoint = await port();
  c.receivers.otlp.protocols.http.endpoint = await port();
  Object.assign(c.service.telemetry.metrics.readers[0].pull.exporter.prometheus, { host: "127.0.0.1", port: await freePort() });
  c.extensions.jaeger_storage.metric_backends.spanmetrics.prometheus.endpoint = `http://${await port()}`;
  for (const backend of Object.values<any>(c.extensions.jaeger_storage.backends)) {
    if (backend.badger !== undefined) backend.badger.directories = { keys: `${dataDir}/keys`, values: `${dataDir}/values` };
  }
  return { yaml: stringify(c), health };
}
