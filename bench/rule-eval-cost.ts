/**
 * Bench (c): rule-evaluation cost of the generated SLO rules against a real Prometheus
 * (Debian package, /usr/bin/prometheus) on 127.0.0.1 holding 30 days of synthetic series,
 * versus the same SLOs computed the direct way: every window as `rate(...[window])` over
 * the raw counters (what Sloth-style generators emit).
 *
 * 1. Writes 30 days (+2h) of synthetic OpenMetrics: per service, HTTP server request
 *    counters per pod × route × status code and the threshold bucket of the duration
 *    histogram, with a daily traffic wave, every 60s; and the history of the generated
 *    5m-rate recordings (`slo:sli_error:rate5m`, `slo:sli_total:rate5m`) every 30s, as the
 *    generated rules would have recorded them.
 * 2. Backfills it with `promtool tsdb create-blocks-from openmetrics` (24h blocks).
 * 3. Starts Prometheus on a free loopback port, scraping a loopback exporter that continues
 *    the same counters, and measures per-rule evaluation time (`evaluationTime` from
 *    /api/v1/rules) of the generated rules, then of the direct rules, twice each
 *    (A B A B), with group intervals sped up 10× so that every group evaluates several times.
 * 4. Prints, per design, the time of one evaluation of every rule and the evaluation time
 *    per minute at the production intervals (short 30s, long 2m, period 5m; and for the
 *    direct rules also all at 30s, as Sloth does), and the ratio direct ÷ generated.
 *
 * Target: the generated rules at least 2× cheaper. Not a test: it prints figures.
 *
 *   npx ts-node --transpile-only bench/rule-eval-cost.ts
 *   env: SERVICES=3 PODS=2 ROUTES=3 PHASE_SECONDS=80; KEEP=1 keeps the work dir;
 *   WORK_DIR=<dir> keeps and reuses the backfilled TSDB across runs (backfill is the slow part).
 */
import { spawn, spawnSync, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { GROUP_INTERVALS, generateServiceRules, renderRuleFile, type AlertingRule, type RecordingRule, type RuleFile, type RuleGroup } from "../alert-rules";
import { windowsOf, type BurnSeverity } from "../alert-rules/burn-rate";
import { formatNumber } from "../alert-rules/format-number";
import { resolveSlo, type ResolvedSlo } from "../alert-rules/resolve-slo";
import { sliQueries } from "../alert-rules/sli-queries";
import { ratioWindows, sloLabels } from "../alert-rules/slo-recordings";
import { durationSeconds, formatDuration } from "../catalogue/durations";
import { SLI_SOURCES } from "../catalogue/sli-sources";
import { freePort } from "../test/support/ports";
import type { CataloguedService } from "../catalogue/types";
import { median } from "./support/median";

const SERVICES = Number(process.env.SERVICES ?? "3");
const PODS = Number(process.env.PODS ?? "2");
const ROUTES = Number(process.env.ROUTES ?? "3");
const PHASE_SECONDS = Number(process.env.PHASE_SECONDS ?? "80");
const SPEED = 10; // group intervals are divided by this during the measurement
const PROMETHEUS = process.env.PROMETHEUS ?? "/usr/bin/prometheus";
const PROMTOOL = process.env.PROMTOOL ?? "/usr/bin/promtool";
const RAW_STEP_S = 60;
const RECORDED_STEP_S = 30;
const HISTORY_S = 30 * 86400 + 2 * 3600;
const DEADLINE = Date.now() + 40 * 60 * 1000; // the whole bench never runs longer than this
const LATENCY_THRESHOLD = 0.25;
const ERROR_SHARE = 0.001;
const SLOW_SHARE = 0.015;

// ---------------------------------------------------------------- catalogue and traffic

const catalogue: CataloguedService[] = Array.from({ length: SERVICES }, (_, i) => ({
  file: `bench/svc-${i}.ts`,
  declaration: {
    name: `bench-${i}`,
    namespace: "shop",
    team: "payments",
    tier: "standard",
    language: "typescript",
    description: "Synthetic bench service.",
    telemetry: { otlp: true },
    slos: [
      { name: "availability", description: "No server errors.", objective: 99.9, sli: { kind: "availability", source: "otel-http" } },
      { name: "latency", description: "Under 250 ms.", objective: 99, sli: { kind: "latency", source: "otel-http", thresholdSeconds: LATENCY_THRESHOLD } },
    ],
  },
}));

/** One raw counter: its labels and its requests per second before the daily wave. */
interface RawSeries {
  metric: string;
  labels: Record<string, string>;
  /** Mean events per second. */
  rate: number;
}

const DAY = 86400;
/** Events up to `t` seconds after the start, for a mean rate with a ±30% daily wave. */
const integral = (rate: number, t: number): number => rate * (t + ((0.3 * DAY) / (2 * Math.PI)) * (1 - Math.cos((2 * Math.PI * t) / DAY)));
/** Instantaneous rate at `t`. */
const rateAt = (rate: number, t: number): number => rate * (1 + 0.3 * Math.sin((2 * Math.PI * t) / DAY));

function rawSeries(instance: string): RawSeries[] {
  const out: RawSeries[] = [];
  const src = SLI_SOURCES["otel-http"];
  catalogue.forEach((svc, s) => {
    for (let p = 0; p < PODS; p++) {
      for (let r = 0; r < ROUTES; r++) {
        const rps = 2 + ((s * 7 + r * 3) % 5); // 2..6 requests/s per pod and route
        for (const [code, share] of [["200", 1 - ERROR_SHARE], ["500", ERROR_SHARE]] as const) {
          const labels = {
            service: svc.declaration.name,
            namespace: svc.declaration.namespace,
            pod: `${svc.declaration.name}-${p}`,
            http_route: `/api/r${r}`,
            http_response_status_code: code,
            job: "synthetic",
            instance,
          };
          out.push({ metric: src.countMetric, labels, rate: rps * share });
          out.push({ metric: src.bucketMetric, labels: { ...labels, le: String(LATENCY_THRESHOLD) }, rate: rps * share * (1 - SLOW_SHARE) });
        }
      }
    }
  });
  return out;
}

/** Total requests per second of a service, before the wave. */
function serviceRate(raw: RawSeries[], service: string): number {
  return raw.filter((r) => r.metric === SLI_SOURCES["otel-http"].countMetric && r.labels.service === service).reduce((n, r) => n + r.rate, 0);
}

const labelText = (labels: Record<string, string>): string =>
  Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(",");

// ---------------------------------------------------------------- helpers

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

function checkDeadline(): void {
  if (Date.now() > DEADLINE) throw new Error("bench deadline exceeded");
}

// ---------------------------------------------------------------- data

/** Streams the OpenMetrics backfill file; returns its size in bytes and the sample count. */
async function writeOpenMetrics(file: string, raw: RawSeries[], start: number, end: number): Promise<{ bytes: number; samples: number }> {
  const out = fs.createWriteStream(file);
  let samples = 0;
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await new Promise<void>((r) => out.once("drain", () => r()));
  };
  // Families must be contiguous: raw metrics by name, then the two recordings.
  for (const metric of [...new Set(raw.map((r) => r.metric))]) {
    for (const series of raw.filter((r) => r.metric === metric)) {
      const name = `${metric}{${labelText(series.labels)}}`;
      let chunk = "";
      for (let t = start; t <= end; t += RAW_STEP_S) {
        chunk += `${name} ${integral(series.rate, t - start).toFixed(3)} ${t}\n`;
        samples++;
        if (chunk.length > 1 << 20) {
          await write(chunk);
          chunk = "";
        }
      }
      await write(chunk);
    }
  }
  for (const record of ["slo:sli_error:rate5m", "slo:sli_total:rate5m"]) {
    for (const svc of catalogue) {
      const total = serviceRate(raw, svc.declaration.name);
      for (const slo of svc.declaration.slos) {
        const share = record === "slo:sli_total:rate5m" ? 1 : slo.sli.kind === "availability" ? ERROR_SHARE : SLOW_SHARE;
        const name = `${record}{${labelText({ service: svc.declaration.name, namespace: svc.declaration.namespace, slo: slo.name })}}`;
        let chunk = "";
        for (let t = start + 300; t <= end; t += RECORDED_STEP_S) {
          chunk += `${name} ${(rateAt(total, t - start) * share).toFixed(6)} ${t}\n`;
          samples++;
        }
        await write(chunk);
      }
    }
  }
  await write("# EOF\n");
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return { bytes: fs.statSync(file).size, samples };
}

/** Prometheus text exposition of the raw counters now: the backfilled series, continued. */
function exposition(raw: RawSeries[], start: number): string {
  const t = Date.now() / 1000 - start;
  return raw
    .map((r) => {
      const labels = Object.fromEntries(Object.entries(r.labels).filter(([k]) => k !== "job" && k !== "instance"));
      return `${r.metric}{${labelText(labels)}} ${integral(r.rate, t).toFixed(3)}\n`;
    })
    .join("");
}

// ---------------------------------------------------------------- rules

/** The direct rules of one SLO: every window's error ratio from `rate(raw[window])`, in the same three groups. */
function directRules(svc: CataloguedService): RuleFile {
  const short: Array<RecordingRule | AlertingRule> = [];
  const long: Array<RecordingRule | AlertingRule> = [];
  const period: RecordingRule[] = [];
  for (const slo of svc.declaration.slos) {
    const r = resolveSlo(svc.declaration, slo, "production");
    const pageWindows = new Set(windowsOf("page").flatMap((w) => [w.long, w.short]));
    for (const w of ["5m", ...ratioWindows()]) {
      const q = sliQueries(svc.declaration, slo.sli, w);
      const rule: RecordingRule = { record: "slo_direct:sli_error:ratio", expr: `(${q.errorRate} or vector(0)) / ${q.totalRate}`, labels: { ...sloLabels(r), window: w } };
      (pageWindows.has(w) ? short : long).push(rule);
    }
    short.push(directAlert(r, "page"));
    long.push({ record: "slo_direct:error_budget:burn_rate", expr: `slo_direct:sli_error:ratio{service="${r.service.name}", slo="${slo.name}"} / ${formatNumber(r.budget)}`, labels: sloLabels(r) });
    long.push(directAlert(r, "ticket"));
    const q = sliQueries(svc.declaration, slo.sli, r.period);
    period.push({
      record: "slo_direct:error_budget:remaining_ratio",
      expr: `1 - ((${q.errorRate} or vector(0)) / ${q.totalRate}) / ${formatNumber(r.budget)}`,
      labels: { ...sloLabels(r), period: r.period },
    });
  }
  const name = svc.declaration.name;
  return {
    groups: [
      { name: `${name}-direct-short`, interval: GROUP_INTERVALS.short, rules: short },
      { name: `${name}-direct-long`, interval: GROUP_INTERVALS.long, rules: long },
      { name: `${name}-direct-period`, interval: GROUP_INTERVALS.period, rules: period },
    ],
  };
}

function directAlert(r: ResolvedSlo, severity: BurnSeverity): AlertingRule {
  const sel = (w: string) => `slo_direct:sli_error:ratio{service="${r.service.name}", slo="${r.slo.name}", window="${w}"}`;
  const budget = formatNumber(r.budget);
  const pairs = windowsOf(severity, r.period).map(
    (w) => `(${sel(w.long)} / ${budget} > ${formatNumber(w.factor)} and ignoring (window) ${sel(w.short)} / ${budget} > ${formatNumber(w.factor)})`,
  );
  return {
    alert: "SLOErrorBudgetBurnDirect",
    expr: `max without (window) (${pairs.join(" or ")})`,
    labels: { severity, team: r.service.team, ...sloLabels(r) },
    annotations: { summary: "direct baseline", description: "direct baseline", runbook_url: "https://example.invalid" },
  };
}

/** Same rules, group intervals divided by SPEED; returns the file and each group's production interval. */
function spedUp(files: RuleFile[]): { file: RuleFile; production: Map<string, number> } {
  const production = new Map<string, number>();
  const groups: RuleGroup[] = files.flatMap((f) =>
    f.groups.map((g) => {
      const seconds = durationSeconds(g.interval ?? "30s");
      production.set(g.name, seconds);
      return { ...g, interval: formatDuration((seconds * 1000) / SPEED) };
    }),
  );
  return { file: { groups }, production };
}

// ---------------------------------------------------------------- measurement

interface ApiRule {
  name: string;
  evaluationTime: number;
  lastEvaluation: string;
  health: string;
  lastError?: string;
}
interface ApiGroup {
  name: string;
  rules: ApiRule[];
}

/** Per-rule evaluation times (seconds) keyed by `<group>#<index>`. */
type Samples = Map<string, number[]>;

async function measure(base: string, expectGroups: Set<string>, seconds: number, into: Samples): Promise<void> {
  const seen = new Set<string>();
  const perGroupEvals = new Map<string, number>();
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    checkDeadline();
    const body = (await getJson(`${base}/api/v1/rules`)) as { data: { groups: ApiGroup[] } };
    for (const g of body.data.groups.filter((x) => expectGroups.has(x.name))) {
      g.rules.forEach((rule, i) => {
        if (rule.health === "err") throw new Error(`rule ${g.name}#${i} (${rule.name}) fails: ${rule.lastError}`);
        const key = `${g.name}#${i}`;
        const evalKey = `${key}@${rule.lastEvaluation}`;
        if (rule.lastEvaluation.startsWith("0001-") || seen.has(evalKey)) return;
        seen.add(evalKey);
        if (i === 0) perGroupEvals.set(g.name, (perGroupEvals.get(g.name) ?? 0) + 1);
        // The first evaluation after a (re)load is a warm-up: cold caches, not counted.
        if ((perGroupEvals.get(g.name) ?? 0) <= 1) return;
        into.set(key, [...(into.get(key) ?? []), rule.evaluationTime]);
      });
    }
    await sleep(1000);
  }
}

async function waitReady(base: string, prom: ChildProcess): Promise<void> {
  for (;;) {
    checkDeadline();
    if (prom.exitCode !== null) throw new Error(`prometheus exited with ${prom.exitCode}`);
    try {
      const res = await fetch(`${base}/-/ready`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await sleep(1000);
  }
}

/** Waits until the TSDB has no compaction running and none happened for 20 s. */
async function waitCompactionsSettled(base: string): Promise<void> {
  let last = "";
  let stableSince = Date.now();
  for (;;) {
    checkDeadline();
    const res = await fetch(`${base}/metrics`);
    const text = await res.text();
    const count = /^prometheus_tsdb_compactions_total (\S+)/m.exec(text)?.[1] ?? "";
    if (count !== last) {
      last = count;
      stableSince = Date.now();
    }
    if (Date.now() - stableSince > 20_000) return;
    await sleep(2000);
  }
}

interface Cost {
  /** Seconds to evaluate every rule once. */
  perRound: number;
  /** Evaluation seconds per minute at production intervals. */
  perMinute: number;
  /** Per tier (short/long/period): [seconds per round, seconds per minute]. */
  tiers: Record<string, [number, number]>;
  rules: number;
}

function cost(samples: Samples, production: Map<string, number>, overrideInterval?: number): Cost {
  const tiers: Record<string, [number, number]> = {};
  let perRound = 0;
  let perMinute = 0;
  for (const [key, values] of samples) {
    const group = key.split("#")[0];
    const tier = group.replace(/^.*-(short|long|period)$/, "$1");
    const m = median(values);
    const interval = overrideInterval ?? (production.get(group) as number);
    perRound += m;
    perMinute += (m * 60) / interval;
    const t = tiers[tier] ?? [0, 0];
    tiers[tier] = [t[0] + m, t[1] + (m * 60) / interval];
  }
  return { perRound, perMinute, tiers, rules: samples.size };
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  for (const bin of [PROMETHEUS, PROMTOOL]) {
    if (!fs.existsSync(bin)) throw new Error(`${bin} not found: install the Debian package "prometheus"`);
  }
  // WORK_DIR keeps the backfilled TSDB between runs (the backfill is the slow part).
  const work = process.env.WORK_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "slo-eval-bench-"));
  fs.mkdirSync(work, { recursive: true });
  const metaFile = path.join(work, "bench-meta.json");
  const reused = fs.existsSync(metaFile) ? (JSON.parse(fs.readFileSync(metaFile, "utf8")) as { start: number; end: number; exporterPort: number; shape: string }) : undefined;
  const shape = `${SERVICES}x${PODS}x${ROUTES}`;
  if (reused !== undefined && reused.shape !== shape) throw new Error(`${work} holds data for ${reused.shape}, not ${shape}`);
  const promPort = await freePort();
  const exporterPort = reused?.exporterPort ?? (await freePort());
  const instance = `127.0.0.1:${exporterPort}`;
  const raw = rawSeries(instance);
  const end = reused?.end ?? Math.floor(Date.now() / 60_000) * 60 - 60;
  const start = reused?.start ?? end - HISTORY_S;
  let prom: ChildProcess | undefined;
  let exporter: http.Server | undefined;
  try {
    console.log(`rule evaluation cost: ${SERVICES} services × 2 SLOs, ${PODS} pods × ${ROUTES} routes × 2 status codes per service`);
    let t0 = Date.now();
    if (reused !== undefined) {
      console.log(`  reusing             ${work} (backfilled ${((Date.now() / 1000 - end) / 60).toFixed(0)} min ago; the gap since is not filled)`);
    } else {
      const om = await writeOpenMetrics(path.join(work, "data.om"), raw, start, end);
      console.log(`  synthetic data      ${raw.length} raw series every ${RAW_STEP_S}s + ${SERVICES * 4} recorded series every ${RECORDED_STEP_S}s over 30d 2h: ${(om.samples / 1e6).toFixed(1)} M samples, ${(om.bytes / 2 ** 20).toFixed(0)} MiB OpenMetrics (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      t0 = Date.now();
      const created = spawnSync(PROMTOOL, ["tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=24h", "--quiet", path.join(work, "data.om"), path.join(work, "tsdb")], { encoding: "utf8" });
      if (created.status !== 0) throw new Error(`promtool create-blocks-from failed: ${created.stderr}`);
      fs.rmSync(path.join(work, "data.om"));
      console.log(`  backfill            promtool tsdb create-blocks-from openmetrics: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      fs.writeFileSync(metaFile, JSON.stringify({ start, end, exporterPort, shape }));
    }

    exporter = http.createServer((req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4" });
      res.end(exposition(raw, start));
    });
    await new Promise<void>((r) => exporter?.listen(exporterPort, "127.0.0.1", r));

    const generated = spedUp(catalogue.map((s) => generateServiceRules(s, "production")));
    const direct = spedUp(catalogue.map(directRules));
    fs.writeFileSync(path.join(work, "generated.yaml"), renderRuleFile(generated.file, "bench/rule-eval-cost.ts (generated rules, intervals ÷10)"));
    fs.writeFileSync(path.join(work, "direct.yaml"), renderRuleFile(direct.file, "bench/rule-eval-cost.ts (direct baseline, intervals ÷10)"));
    const config = (rules: string) =>
      stringify({
        global: { scrape_interval: "30s", evaluation_interval: "30s" },
        rule_files: [rules],
        scrape_configs: [{ job_name: "synthetic", static_configs: [{ targets: [instance] }] }],
      });
    fs.writeFileSync(path.join(work, "prometheus.yml"), config("generated.yaml"));
    for (const f of ["generated.yaml", "direct.yaml"]) {
      const check = spawnSync(PROMTOOL, ["check", "rules", path.join(work, f)], { encoding: "utf8" });
      if (check.status !== 0) throw new Error(`promtool check rules ${f}: ${check.stdout}${check.stderr}`);
    }

    const base = `http://127.0.0.1:${promPort}`;
    const log = fs.openSync(path.join(work, "prometheus.log"), "w");
    t0 = Date.now();
    prom = spawn(
      PROMETHEUS,
      [
        `--config.file=${path.join(work, "prometheus.yml")}`,
        `--storage.tsdb.path=${path.join(work, "tsdb")}`,
        "--storage.tsdb.retention.time=400d",
        "--storage.tsdb.max-block-duration=24h",
        `--web.listen-address=127.0.0.1:${promPort}`,
        "--web.enable-lifecycle",
      ],
      { stdio: ["ignore", log, log] },
    );
    await waitReady(base, prom);
    await waitCompactionsSettled(base);
    console.log(`  prometheus ready    ${((Date.now() - t0) / 1000).toFixed(0)} s (127.0.0.1:${promPort}; compactions settled)`);

    const samples: Record<"generated" | "direct", Samples> = { generated: new Map(), direct: new Map() };
    for (const design of ["generated", "direct", "generated", "direct"] as const) {
      fs.writeFileSync(path.join(work, "prometheus.yml"), config(`${design}.yaml`));
      const reload = await fetch(`${base}/-/reload`, { method: "POST" });
      if (!reload.ok) throw new Error(`reload failed: HTTP ${reload.status}`);
      const groups = new Set((design === "generated" ? generated : direct).file.groups.map((g) => g.name));
      await measure(base, groups, PHASE_SECONDS, samples[design]);
      console.log(`  measured            ${design}: ${PHASE_SECONDS} s`);
    }

    const gen = cost(samples.generated, generated.production);
    const dir = cost(samples.direct, direct.production);
    const sloth = cost(samples.direct, direct.production, 30);
    const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;
    const minSamples = Math.min(...[...samples.generated.values(), ...samples.direct.values()].map((v) => v.length));
    console.log(`\n  per-rule medians over ≥ ${minSamples} evaluations each (first evaluation after each reload not counted)`);
    console.log(`  design                         rules   one evaluation of every rule   evaluation time per minute (production intervals)`);
    console.log(`  generated (this repo)          ${String(gen.rules).padStart(5)}   ${ms(gen.perRound).padStart(12)}                     ${ms(gen.perMinute).padStart(12)}`);
    console.log(`  direct, same groups/intervals  ${String(dir.rules).padStart(5)}   ${ms(dir.perRound).padStart(12)}                     ${ms(dir.perMinute).padStart(12)}`);
    console.log(`  direct, every rule at 30s      ${String(dir.rules).padStart(5)}   ${ms(dir.perRound).padStart(12)}                     ${ms(sloth.perMinute).padStart(12)}`);
    for (const tier of ["short", "long", "period"]) {
      const g = gen.tiers[tier] ?? [0, 0];
      const d = dir.tiers[tier] ?? [0, 0];
      console.log(`    ${tier.padEnd(7)} group: generated ${ms(g[0])} / evaluation, ${ms(g[1])} / min; direct ${ms(d[0])} / evaluation, ${ms(d[1])} / min`);
    }
    console.log(`\n  ratio direct ÷ generated, per evaluation of every rule:      ${(dir.perRound / gen.perRound).toFixed(1)}×`);
    console.log(`  ratio direct ÷ generated, per minute, same intervals:        ${(dir.perMinute / gen.perMinute).toFixed(1)}×`);
    console.log(`  ratio direct (all at 30s) ÷ generated, per minute:           ${(sloth.perMinute / gen.perMinute).toFixed(1)}×   (target ≥ 2×)`);
  } finally {
    if (prom !== undefined && prom.exitCode === null) {
      prom.kill("SIGTERM");
      const stopped = await Promise.race([new Promise((r) => prom?.once("exit", () => r(true))), sleep(15_000).then(() => false)]);
      if (!stopped) prom.kill("SIGKILL");
    }
    await new Promise<void>((r) => (exporter ? exporter.close(() => r()) : r()));
    if (process.env.KEEP === "1" || process.env.WORK_DIR !== undefined) console.log(`  work dir kept: ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
