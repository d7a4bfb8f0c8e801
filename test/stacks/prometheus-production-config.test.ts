import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { loadCatalogue } from "../../catalogue/load";
import type { CataloguedService } from "../../catalogue/types";
import { metaName } from "../../generators/scrape-contract";
import { scrapeMarkers } from "../../generators/service-telemetry";
import { writeArtifacts } from "../../stacks/artifacts";
import { REPO_ROOT } from "../../stacks/generate";
import { freePort } from "../support/ports";
import { stopProcess } from "../support/stop-process";

/**
 * The production stack's generated prometheus.yml, run by the real Prometheus server:
 * - the HA replica label is expanded from the pod's POD_NAME and dropped from the alerts sent out;
 * - the `declared-services` job's relabelling, fed the discovery labels of pods carrying the
 *   scrape-contract markers of the real service declarations, gives every scraped series exactly
 *   `service`, `namespace` and `pod`, and drops pods outside the contract.
 *
 * Debian's Prometheus is 2.42 (the deployed image is 3.5). Two differences are bridged, nothing
 * else of the generated file is changed:
 * - 2.42 expands `${VAR}` in external labels only with `--enable-feature=expand-external-labels`;
 *   3.x always does, so the component passes no such flag.
 * - Debian builds it without Kubernetes discovery, and there is no cluster here: the generated
 *   `kubernetes_sd_configs: [{role: pod}]` is swapped for a `file_sd_configs` file listing the
 *   `__meta_kubernetes_*` labels that pod discovery would give; the job's relabel_configs are
 *   kept exactly as generated. The other scrape jobs (cluster DNS names, other namespaces) are
 *   left out.
 */

const PROMETHEUS = "/usr/bin/prometheus";
/** Whole-file bound: start, one 10 s scrape interval, one alert, stop. */
const FILE_TIMEOUT_MS = 90_000;
jest.setTimeout(FILE_TIMEOUT_MS);

type Labels = Record<string, string>;
type Series = { metric: Labels; value: [number, string] };

/** Polls `fn` every 250 ms until it returns a value, or fails naming `what`. */
async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number, log: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; Prometheus said:\n${log()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
}

// ---- the generated file -------------------------------------------------------------------

const artifacts = fs.mkdtempSync(path.join(os.tmpdir(), "prometheus-production-artifacts-"));
writeArtifacts("production", artifacts);
const generatedText = fs.readFileSync(path.join(artifacts, "prometheus/prometheus.yml"), "utf8");
fs.rmSync(artifacts, { recursive: true, force: true });
const generated = parse(generatedText) as {
  global: Record<string, unknown>;
  alerting: { alert_relabel_configs: unknown[]; alertmanagers: unknown[] };
  rule_files: string[];
  scrape_configs: Array<{ job_name: string; kubernetes_sd_configs?: unknown[]; relabel_configs?: unknown[] }>;
};
const declaredJob = generated.scrape_configs.find((j) => j.job_name === "declared-services");

// ---- pods of the declared services, as Kubernetes pod discovery would describe them ---------

const services = loadCatalogue(REPO_ROOT);
const byName = (name: string): CataloguedService => {
  const s = services.find((x) => x.declaration.name === name);
  if (s === undefined) throw new Error(`stacks/services has no ${name}`);
  return s;
};

/** The service with its metrics port moved to the test exporter and a short interval (to bound the wait). */
function onExporter(service: CataloguedService, exporterPort: number, interval: string): CataloguedService {
  const d = service.declaration;
  const scrape = d.telemetry.scrape;
  if (scrape === undefined) throw new Error(`${service.file} declares no telemetry.scrape`);
  return { ...service, declaration: { ...d, telemetry: { ...d.telemetry, scrape: { ...scrape, port: exporterPort, interval } } } };
}

/** One file_sd target group standing for one container port of one pod found by `role: pod`. */
function podTarget(service: CataloguedService, pod: { name: string; address: string; phase: string }): { targets: string[]; labels: Labels } {
  const markers = scrapeMarkers(service);
  const labels: Labels = {
    __meta_kubernetes_namespace: service.declaration.namespace,
    __meta_kubernetes_pod_name: pod.name,
    __meta_kubernetes_pod_phase: pod.phase,
    __meta_kubernetes_pod_ip: pod.address.split(":")[0],
  };
  for (const [k, v] of Object.entries(markers.labels)) labels[metaName("label", k)] = v;
  for (const [k, v] of Object.entries(markers.annotations)) labels[metaName("annotation", k)] = v;
  return { targets: [pod.address], labels };
}

// ---- one Prometheus for the whole file ------------------------------------------------------

const COUNTER = "shop_demo_requests_total";
let dir = "";
let prometheus: ChildProcess | undefined;
let exporter: http.Server | undefined;
let alertSink: http.Server | undefined;
let promUrl = "";
let exporterPort = 0;
let prometheusLog = "";
const exporterPaths: string[] = [];
const alertsReceived: Array<{ labels: Labels }> = [];

async function api<T>(p: string): Promise<T> {
  const res = await fetch(`${promUrl}${p}`);
  const body = (await res.json()) as { status: string; error?: string; data: T };
  if (body.status !== "success") throw new Error(`${p}: ${body.error}`);
  return body.data;
}
const query = (promql: string): Promise<Series[]> => api<{ result: Series[] }>(`/api/v1/query?query=${encodeURIComponent(promql)}`).then((d) => d.result);

beforeAll(async () => {
  if (!fs.existsSync(PROMETHEUS)) throw new Error(`${PROMETHEUS} is missing: install the Debian package prometheus (.ci/run does)`);
  if (declaredJob === undefined) throw new Error("the generated prometheus.yml has no declared-services job");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "prometheus-production-"));

  exporter = http.createServer((req, res) => {
    exporterPaths.push(req.url ?? "");
    if (req.url !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
    res.end(`# HELP ${COUNTER} Requests handled.\n# TYPE ${COUNTER} counter\n${COUNTER} 42\n`);
  });
  exporterPort = await freePort();
  await listen(exporter, exporterPort);

  alertSink = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      if (req.method === "POST" && req.url === "/api/v2/alerts") alertsReceived.push(...(JSON.parse(body) as Array<{ labels: Labels }>));
      res.writeHead(200).end();
    });
  });
  const sinkPort = await freePort();
  await listen(alertSink, sinkPort);

  const pods = [
    // In the contract: checkout-api and pricing-engine declare telemetry.scrape. The container
    // port in the address is an application port; the contract's port annotation replaces it.
    podTarget(onExporter(byName("checkout-api"), exporterPort, "10s"), { name: "checkout-api-6b8d9c7f4-x2lqp", address: "127.0.0.1:8080", phase: "Running" }),
    // An interval below the global 10 s scrape timeout, which Prometheus would refuse unless the
    // timeout follows the interval.
    podTarget(onExporter(byName("pricing-engine"), exporterPort, "5s"), { name: "pricing-engine-5f7c8d9b6-k4mzt", address: "127.0.0.1:8000", phase: "Running" }),
    // Outside it: storefront declares no scrape (its pods only carry the name label), and a
    // finished pod of a scraped service.
    podTarget(byName("storefront"), { name: "storefront-7d9f8b6c5-abcde", address: "127.0.0.1:8080", phase: "Running" }),
    podTarget(onExporter(byName("checkout-api"), exporterPort, "10s"), { name: "checkout-api-migrate-9qz7r", address: "127.0.0.1:8080", phase: "Succeeded" }),
  ];
  fs.writeFileSync(path.join(dir, "pods.json"), JSON.stringify(pods, null, 2));

  fs.mkdirSync(path.join(dir, "rules"));
  fs.writeFileSync(
    path.join(dir, "rules", "probe.yaml"),
    stringify({ groups: [{ name: "probe", interval: "1s", rules: [{ alert: "ReplicaLabelProbe", expr: "vector(1)", labels: { severity: "info" } }] }] }),
  );

  const { kubernetes_sd_configs: _discovery, ...job } = declaredJob;
  const config = {
    global: generated.global,
    alerting: {
      alert_relabel_configs: generated.alerting.alert_relabel_configs,
      alertmanagers: [{ api_version: "v2", static_configs: [{ targets: [`127.0.0.1:${sinkPort}`] }] }],
    },
    rule_files: [path.join(dir, "rules", "*.yaml")],
    scrape_configs: [{ ...job, file_sd_configs: [{ files: [path.join(dir, "pods.json")] }] }],
  };
  fs.writeFileSync(path.join(dir, "prometheus.yml"), stringify(config));

  const promPort = await freePort();
  promUrl = `http://127.0.0.1:${promPort}`;
  prometheus = spawn(
    PROMETHEUS,
    [
      `--config.file=${path.join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${path.join(dir, "tsdb")}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      // Prometheus 3.x (the deployed v3.5.0) expands ${VAR} in external labels by default; 2.42 needs the flag.
      "--enable-feature=expand-external-labels",
      // The first send precedes the notifier's first discovery sync and is dropped; resend every
      // second rather than after the default minute. A flag, not a change to the generated file.
      "--rules.alert.resend-delay=1s",
    ],
    { env: { ...process.env, POD_NAME: "prometheus-1" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  prometheus.stdout?.on("data", (d: Buffer) => (prometheusLog += d.toString("utf8")));
  prometheus.stderr?.on("data", (d: Buffer) => (prometheusLog += d.toString("utf8")));
  await waitFor("Prometheus ready", async () => {
    if (prometheus?.exitCode !== null) throw new Error(`Prometheus exited:\n${prometheusLog}`);
    return (await fetch(`${promUrl}/-/ready`)).ok ? true : undefined;
  }, 20_000, () => prometheusLog);
});

afterAll(async () => {
  await stopProcess(prometheus);
  await Promise.all([exporter, alertSink].map((s) => new Promise<void>((resolve) => (s?.listening === true ? s.close(() => resolve()) : resolve()))));
  if (dir !== "") fs.rmSync(dir, { recursive: true, force: true });
});

describe("the HA replica label of the production prometheus.yml", () => {
  test("the generated file asks Prometheus to expand POD_NAME (the syntax Prometheus reads, not Kubernetes' $(VAR))", () => {
    expect(generated.global.external_labels).toEqual({ environment: "production", prometheus_replica: "${POD_NAME}" });
  });

  test("Prometheus started with POD_NAME=prometheus-1 carries prometheus_replica: prometheus-1", async () => {
    const loaded = parse((await api<{ yaml: string }>("/api/v1/status/config")).yaml) as { global: { external_labels: Labels } };
    expect(loaded.global.external_labels).toEqual({ environment: "production", prometheus_replica: "prometheus-1" });
  });

  test("alerts sent to Alertmanager keep the external labels except the replica label, so both replicas' alerts deduplicate", async () => {
    const alert = await waitFor("an alert at the sink", async () => alertsReceived.find((a) => a.labels.alertname === "ReplicaLabelProbe"), 20_000, () => prometheusLog);
    expect(alert.labels).toEqual({ alertname: "ReplicaLabelProbe", severity: "info", environment: "production" });
  });
});

describe("the declared-services scrape job of the production prometheus.yml (scrape contract)", () => {
  test("in the cluster it discovers pods of every namespace", () => {
    expect(declaredJob?.kubernetes_sd_configs).toEqual([{ role: "pod" }]);
  });

  test("scraped series of contract pods carry exactly job, instance, service, namespace and pod", async () => {
    const up = await waitFor("both contract pods scraped", async () => {
      const r = await query('up{job="declared-services"}');
      return r.length === 2 && r.every((s) => s.value[1] === "1") ? r : undefined;
    }, 30_000, () => prometheusLog);
    const counter = await query(COUNTER);
    const instance = `127.0.0.1:${exporterPort}`;
    const expected = (service: string, pod: string): Labels => ({ job: "declared-services", instance, service, namespace: "shop", pod });
    const byPod = (a: Series, b: Series): number => a.metric.pod.localeCompare(b.metric.pod);
    expect(up.sort(byPod).map((s) => s.metric)).toEqual([
      { __name__: "up", ...expected("checkout-api", "checkout-api-6b8d9c7f4-x2lqp") },
      { __name__: "up", ...expected("pricing-engine", "pricing-engine-5f7c8d9b6-k4mzt") },
    ]);
    expect(counter.sort(byPod).map((s) => [s.metric, s.value[1]])).toEqual([
      [{ __name__: COUNTER, ...expected("checkout-api", "checkout-api-6b8d9c7f4-x2lqp") }, "42"],
      [{ __name__: COUNTER, ...expected("pricing-engine", "pricing-engine-5f7c8d9b6-k4mzt") }, "42"],
    ]);
    expect([...new Set(exporterPaths)]).toEqual(["/metrics"]);
  });

  test("the port, path and interval come from the pod's contract annotations; an interval under 10 s shortens the timeout to match", async () => {
    type Target = { labels: Labels; scrapeUrl: string; scrapeInterval: string; scrapeTimeout: string };
    const { activeTargets } = await api<{ activeTargets: Target[] }>("/api/v1/targets?state=active");
    expect(activeTargets.map((t) => [t.labels.pod, t.scrapeUrl, t.scrapeInterval, t.scrapeTimeout]).sort()).toEqual([
      ["checkout-api-6b8d9c7f4-x2lqp", `http://127.0.0.1:${exporterPort}/metrics`, "10s", "10s"],
      ["pricing-engine-5f7c8d9b6-k4mzt", `http://127.0.0.1:${exporterPort}/metrics`, "5s", "5s"],
    ]);
  });

  test("pods outside the contract are dropped: a service declaring no scrape, and a finished pod", async () => {
    const { droppedTargets } = await api<{ droppedTargets: Array<{ discoveredLabels: Labels }> }>("/api/v1/targets?state=dropped");
    expect(droppedTargets.map((t) => t.discoveredLabels.__meta_kubernetes_pod_name).sort()).toEqual(["checkout-api-migrate-9qz7r", "storefront-7d9f8b6c5-abcde"]);
  });
});
