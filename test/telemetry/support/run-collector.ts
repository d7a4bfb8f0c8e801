import { spawn } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as net from "net";
import { parse, stringify } from "yaml";

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The gateway config with every listener and every exporter target moved to free loopback
 * ports (nothing listens on the targets: exporters retry, which is fine for a start check).
 * Only addresses change; receivers, processors, connectors and pipelines stay as generated.
 */
export async function loopbackGateway(text: string): Promise<{ yaml: string; health: number }> {
  const c = parse(text) as any;
  const port = async () => `127.0.0.1:${await freePort()}`;
  c.receivers.otlp.protocols.grpc.endpoint = await port();
  c.receivers.otlp.protocols.http.endpoint = await port();
  const health = await freePort();
  c.extensions.health_check.endpoint = `127.0.0.1:${health}`;
  c.extensions.pprof.endpoint = await port();
  c.extensions.zpages.endpoint = await port();
  c.service.telemetry.metrics.readers[0].pull.exporter.prometheus = { host: "127.0.0.1", port: await freePort() };
  for (const [id, e] of Object.entries<any>(c.exporters)) {
    if (id.startsWith("otlp_grpc/")) e.endpoint = await port();
    else if (id.startsWith("otlp_http/")) e.logs_endpoint = `http://${await port()}/otlp/v1/logs`;
    else if (id.startsWith("prometheus_remote_write/")) e.http.endpoint = `http://${await port()}/api/v1/write`;
    else throw new Error(`loopbackGateway: no loopback rewrite for exporter ${id}`);
  }
  return { yaml: stringify(c), health };
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/", timeout: 1000 }, (res) => {
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

/**
 * Starts the collector binary on `configFile`, waits (at most `timeoutMs`) until its health check
 * answers 200 or the process exits, then always stops it. Returns whether it became ready, whether
 * it exited before being stopped (and with which code), and its output.
 */
export async function startCollector(bin: string, configFile: string, health: number, env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<{ ready: boolean; exitedByItself: boolean; exitCode: number | null; output: string }> {
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing`);
  const child = spawn(bin, [`--config=${configFile}`], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += String(d)));
  child.stderr.on("data", (d) => (output += String(d)));
  let exitCode: number | null = null;
  const exited = new Promise<void>((resolve) => child.on("exit", (code) => ((exitCode = code), resolve())));
  let ready = false;
  let exitedByItself = false;
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && exitCode === null) {
      if (await healthy(health)) {
        ready = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    exitedByItself = exitCode !== null;
    if (exitCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(killer);
    }
  }
  return { ready, exitedByItself, exitCode, output };
}
