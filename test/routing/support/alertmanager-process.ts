import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { freePort } from "../../support/ports";
import { sleep } from "./webhook-sink";
import { stopProcess } from "../../support/stop-process";

/** The Debian package's Alertmanager server (0.25). A missing binary fails the test. */
export const ALERTMANAGER = "/usr/bin/prometheus-alertmanager";

export { freePort };

/** One running Alertmanager on loopback. */
export interface RunningAlertmanager {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>` of the gossip listener, when clustered. */
  clusterAddress?: string;
  process: ChildProcess;
  /** Storage dir (tmp), removed on stop. */
  storage: string;
  /** Everything the process wrote, for failure messages. */
  log: () => string;
}

/**
 * Gossip timings of a loopback cluster: fast gossip, but room for a loaded machine. A replica
 * at position n waits n × peer timeout before it checks whether another one has notified, and
 * a peer that misses probe acks is suspected (and then its position taken), so both are
 * generous: 5 s peer timeout, 2 s probe timeout every 5 s.
 */
export const CLUSTER_PEER_TIMEOUT_MS = 5_000;
const CLUSTER_FLAGS = [
  `--cluster.peer-timeout=${CLUSTER_PEER_TIMEOUT_MS / 1000}s`,
  "--cluster.gossip-interval=100ms",
  "--cluster.pushpull-interval=2s",
  "--cluster.probe-timeout=2s",
  "--cluster.probe-interval=5s",
];

export interface StartOptions {
  configFile: string;
  /** Web port. */
  webPort: number;
  /** Gossip port on 127.0.0.1; omitted = clustering disabled (`--cluster.listen-address=`). */
  clusterPort?: number;
  /** Gossip addresses of the other replicas. */
  peers?: string[];
}

const running = new Set<RunningAlertmanager>();

/**
 * Starts Alertmanager bound to 127.0.0.1 only, with its storage in a fresh tmp dir, and
 * waits until its API answers (and, when clustered, until its cluster is ready).
 */
export async function startAlertmanager(o: StartOptions, timeoutMs = 20_000): Promise<RunningAlertmanager> {
  if (!fs.existsSync(ALERTMANAGER)) throw new Error(`${ALERTMANAGER} is missing: install the Debian package prometheus-alertmanager`);
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), "alertmanager-"));
  const clusterAddress = o.clusterPort === undefined ? undefined : `127.0.0.1:${o.clusterPort}`;
  const args = [
    `--config.file=${o.configFile}`,
    `--storage.path=${storage}`,
    `--web.listen-address=127.0.0.1:${o.webPort}`,
    `--cluster.listen-address=${clusterAddress ?? ""}`,
    ...(clusterAddress === undefined
      ? []
      : [`--cluster.advertise-address=${clusterAddress}`, ...CLUSTER_FLAGS, ...(o.peers ?? []).map((p) => `--cluster.peer=${p}`)]),
    "--log.level=debug",
  ];
  let output = "";
  const child = spawn(ALERTMANAGER, args, { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString("utf8")));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString("utf8")));
  const am: RunningAlertmanager = { url: `http://127.0.0.1:${o.webPort}`, clusterAddress, process: child, storage, log: () => output };
  running.add(am);

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`alertmanager exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${am.url}/api/v2/status`);
      if (res.ok) {
        const status = (await res.json()) as { cluster: { status: string; peers?: unknown[] } };
        const wantPeers = (o.peers ?? []).length + 1;
        if (clusterAddress === undefined || (status.cluster.status === "ready" && (status.cluster.peers ?? []).length === wantPeers)) return am;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopAlertmanager(am);
      throw new Error(`alertmanager on ${am.url} not ready within ${timeoutMs} ms:\n${output}`);
    }
    await sleep(100);
  }
}

/** Stops one Alertmanager (SIGTERM, SIGKILL after 5 s) and removes its storage. */
export async function stopAlertmanager(am: RunningAlertmanager): Promise<void> {
  running.delete(am);
  await stopProcess(am.process);
  fs.rmSync(am.storage, { recursive: true, force: true });
}

/** Stops every Alertmanager this module started and has not stopped yet. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map(stopAlertmanager));
}

// Last resort if the test process dies without running afterAll: never leave a server behind.
process.on("exit", () => {
  for (const am of running) am.process.kill("SIGKILL");
});

/** One alert as posted to `/api/v2/alerts`. */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
}

/** Posts alerts through the API v2, as Prometheus does. */
export async function postAlerts(am: RunningAlertmanager, alerts: PostableAlert[]): Promise<void> {
  const res = await fetch(`${am.url}/api/v2/alerts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(alerts) });
  if (!res.ok) throw new Error(`POST ${am.url}/api/v2/alerts: ${res.status} ${await res.text()}`);
}
