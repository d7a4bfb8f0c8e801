import * as net from "net";

/**
 * Loopback ports for the tools the tests start (collector, Prometheus, Alertmanager).
 *
 * Asking the OS for port 0 and releasing it is racy: the kernel may hand the same ephemeral
 * port out again before the tool binds it (CI once saw a collector's zpages and OTLP receiver
 * get the same port). So ports come from a fixed block below the ephemeral range
 * (`/proc/sys/net/ipv4/ip_local_port_range` starts at 32768), one block per Jest worker, handed
 * out in order from a random start; each is checked free before it is handed out. Nothing else
 * on the machine is given these ports by the kernel, so only our own tools compete for them.
 */
const FIRST = 20000;
/** Ports per Jest worker; 12 workers fit below the ephemeral range. */
const BLOCK = 1000;
const WORKERS = 12;

const worker = (Number(process.env.JEST_WORKER_ID ?? "1") - 1) % WORKERS;
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
