/**
 * The summary `npm start` ends with: resources in the state, manifests rendered, services,
 * SLOs, alerts, dashboards, chaos experiments, and the policy pack's verdict from the up log.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

const USAGE = "usage: summary.ts --state <json> --artifacts <dir> --manifests <dir> --up-log <file>";

/** A missing command-line flag: the usage is printed and the exit code is 2. */
class UsageError extends Error {}

function arg(args: string[], flag: string): string {
  const i = args.indexOf(flag);
  const v = i >= 0 ? args[i + 1] : undefined;
  if (v === undefined) throw new UsageError(`${USAGE} (missing ${flag})`);
  return v;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Names of the directories directly under `dir` (one per service under services/). */
function dirsUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
}

interface RuleGroup { rules: { alert?: string; record?: string }[] }

/** The summary lines (heading and one row per figure). */
function summary(args: string[]): string {
  const state = JSON.parse(fs.readFileSync(arg(args, "--state"), "utf8")) as { deployment?: { resources?: { type: string }[] } };
  const resources = (state.deployment?.resources ?? []).filter((r) => !r.type.startsWith("pulumi:"));
  const artifacts = arg(args, "--artifacts");
  const manifests = arg(args, "--manifests");
  const log = fs.readFileSync(arg(args, "--up-log"), "utf8");
  const ruleFiles = filesUnder(path.join(artifacts, "prometheus/rules"));
  const rules = ruleFiles.flatMap((f) => ((parse(fs.readFileSync(f, "utf8")) as { groups?: RuleGroup[] } | null)?.groups ?? []).flatMap((g) => g.rules));
  const sloAlerts = rules.filter((r) => r.alert === "SLOErrorBudgetBurn").length;
  const policyLine = log.split("\n").find((l) => /sevensa-observability@v[0-9]/.test(l))?.trim() ?? "(no policy pack line in the up log)";
  const violations = (log.match(/\[(mandatory|advisory)\]/g) ?? []).length;

  const rows: [string, string | number][] = [
    ["resources in state", resources.length],
    ["Kubernetes objects", resources.filter((r) => r.type.startsWith("kubernetes:") && !r.type.startsWith("kubernetes:helm")).length],
    ["manifests rendered", filesUnder(manifests).filter((f) => f.endsWith(".yaml")).length],
    ["services", dirsUnder(path.join(artifacts, "services")).length],
    ["SLOs (two burn-rate alerts each)", sloAlerts / 2],
    ["alert rules", rules.filter((r) => r.alert !== undefined).length],
    ["recording rules", rules.filter((r) => r.record !== undefined).length],
    ["dashboards", filesUnder(path.join(artifacts, "grafana/dashboards")).length],
    ["chaos experiments", filesUnder(path.join(artifacts, "chaos")).filter((f) => f.endsWith(".yaml")).length],
    ["policy pack", policyLine],
    ["policy violations", violations],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return `\nSevensa observability — local stack\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join("\n")}\n`;
}

function run(args: string[]): number {
  try {
    process.stdout.write(summary(args));
    return 0;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

process.exitCode = run(process.argv.slice(2));
