import * as fs from "fs";
import * as net from "net";

/**
 * Loopback ports for the tools the tests start (collector, Prometheus, Alertmanager).
 *
 * Asking the OS for port 0 and releasing it is racy: the kernel may hand the same ephemeral
 * port out again before the tool binds it (CI once saw a collector's zpages and OTLP receiver
 * get the same port). So ports come from a fixed block below the ephemeral range
 * (`/proc/sys/net/ipv4/ip_local_port_range`, 32768-60999 by default), one block per Jest worker, handed
 * out in order from a random start; each is checked free before it is handed out. Nothing else
 * on the machine is given these ports by the kernel, so only our own tools compete for them.
 */
/** Ports per Jest worker. */
const BLOCK = 1000;
/** Jest workers with a block of their own. */
const WORKERS = 12;

/** The kernel's ephemeral port range (Linux; the default 32768-60999 where it cannot be read). */
export function ephemeralRange(): [number, number] {
  try {
    const [low, high] = fs.readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number);
    if (Number.isInteger(low) && Number.isInteger(high)) return [low, high];
  } catch {
    // not Linux: fall through to the default
  }
  return [32768, 60999];
}

/** The blocks start at 20000, or lower when the ephemeral range starts below 32000. */
const FIRST = Math.min(20000, ephemeralRange()[0] - WORKERS * BLOCK);
if (FIRST < 1024) {
  throw new Error(`ports: the ephemeral port range starts at ${ephemeralRange()[0]}: no room for ${WORKERS} blocks of ${BLOCK} test ports below it (set net.ipv4.ip_local_port_range to start at 13024 or above)`);
}

const workerId = Number(process.env.JEST_WORKER_ID ?? "1");
if (!Number.isInteger(workerId) || workerId < 1 || workerId > WORKERS) {
  throw new Error(`ports: JEST_WORKER_ID ${process.env.JEST_WORKER_ID} is outside 1-${WORKERS}: run Jest with --maxWorkers=${WORKERS} or fewer`);
}
const worker = workerId - 1;
const blockStart = FIRST + worker * BLOCK;
// A random start, so that test files run one after another in the same worker (each with a
// fresh module registry) do not walk the same ports while an earlier process lingers.
let cursor = Math.floor(Math.random() * BLOCK);
let handedOut = 0;

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once("error", () => resolve(false));
    srv.listen({ port, host: "127.0.0.1", exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** A TCP port on 127.0.0.1 that is free now and not handed out before by this module instance. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < BLOCK; tries++) {
    if (handedOut >= BLOCK) throw new Error(`freePort: all ${BLOCK} ports of block ${blockStart}-${blockStart + BLOCK - 1} handed out`);
    const port = blockStart + (cursor % BLOCK);
    cursor++;
    if (await isFree(port)) {
      handedOut++;
      return port;
    }
  }
  throw new Error(`freePort: no free port in ${blockStart}-${blockStart + BLOCK - 1}`);
}
