/**
 * The summary `npm start` ends with: resources in the state, manifests rendered, services,
 * SLOs, alerts, dashboards, chaos experiments, and the policy pack's verdict from the up log.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

function arg(flag: string): string {
  const i = process.argv.indexOf(flag);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (v === undefined) throw new Error(`usage: summary.ts --state <json> --artifacts <dir> --manifests <dir> --up-log <file> (missing ${flag})`);
  return v;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

interface RuleGroup { rules: { alert?: string; record?: string }[] }

const state = JSON.parse(fs.readFileSync(arg("--state"), "utf8")) as { deployment?: { resources?: { type: string }[] } };
const resources = (state.deployment?.resources ?? []).filter((r) => !r.type.startsWith("pulumi:"));
const artifacts = arg("--artifacts");
const ruleFiles = filesUnder(path.join(artifacts, "prometheus/rules"));
const rules = ruleFiles.flatMap((f) => ((parse(fs.readFileSync(f, "utf8")) as { groups: RuleGroup[] }).groups ?? []).flatMap((g) => g.rules));
const serviceFiles = filesUnder(path.join(artifacts, "services")).length;
const sloAlerts = rules.filter((r) => r.alert === "SLOErrorBudgetBurn").length;
const log = fs.readFileSync(arg("--up-log"), "utf8");
const policyLine = log.split("\n").find((l) => /sevensa-observability@/.test(l))?.trim() ?? "(no policy pack line in the up log)";
const violations = (log.match(/\[(mandatory|advisory)\]/g) ?? []).length;

const rows: [string, string | number][] = [
  ["resources in state", resources.length],
  ["Kubernetes objects", resources.filter((r) => r.type.startsWith("kubernetes:") && !r.type.startsWith("kubernetes:helm")).length],
  ["manifests rendered", filesUnder(arg("--manifests")).filter((f) => f.endsWith(".yaml")).length],
  ["services", serviceFiles],
  ["SLOs (two burn-rate alerts each)", sloAlerts / 2],
  ["alert rules", rules.filter((r) => r.alert !== undefined).length],
  ["recording rules", rules.filter((r) => r.record !== undefined).length],
  ["dashboards", filesUnder(path.join(artifacts, "grafana/dashboards")).length],
  ["chaos experiments", filesUnder(path.join(artifacts, "chaos")).filter((f) => f.endsWith(".yaml")).length],
  ["policy pack", policyLine],
  ["policy violations", violations],
];
const width = Math.max(...rows.map(([k]) => k.length));
process.stdout.write(`\nSevensa observability — local stack\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join("\n")}\n`);
