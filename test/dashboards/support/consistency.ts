/**
 * The consistency rules every generated dashboard must satisfy, as a function returning
 * problems (empty when all hold), so the tests can show both that the real dashboards pass
 * and that a broken one is caught with a precise message.
 */
import { generateServiceRules } from "../../../alert-rules/service-rules";
import { isAlertingRule } from "../../../alert-rules/types";
import { RECORDING_NAMES } from "../../../alert-rules/recording-names";
import { durationMs } from "../../../catalogue/durations";
import type { CataloguedService, EnvironmentName } from "../../../catalogue/types";
import { KNOWN_METRICS, metricGroupOf } from "../../../dashboards/known-metrics";
import { KNOWN_LOKI_LABELS } from "../../../dashboards/log-streams";
import { serviceSignals } from "../../../dashboards/service-signals";
import type { GeneratedDashboard } from "../../../dashboards/types";
import { SEVERITY_LEVELS } from "../../../telemetry/log-schema";
import { analyseLogql, analysePromql, datasourceUidsOf, panelsOf, queriesOf, substitute, variableValues, type FoundQuery } from "./inspect";

type Json = Record<string, unknown>;

/** What the dashboards are checked against. */
export interface ConsistencyContext {
  /** UIDs the Grafana datasource provisioning declares. */
  provisionedUids: ReadonlySet<string>;
  services: readonly CataloguedService[];
  environment: EnvironmentName;
}

/** Label values the generated SLO recording rules produce, per `service/slo`. */
interface RecordedSlo {
  /** `window` values of `slo:sli_error:ratio`. */
  ratioWindows: Set<string>;
  /** `window` values of `slo:error_budget:burn_rate` (the ratio windows plus the base window the rule adds). */
  burnWindows: Set<string>;
  /** `period` of `slo:error_budget:remaining_ratio`. */
  periods: Set<string>;
}

/** Reads the label values of the SLO recordings out of the real rule generator's output. */
export function recordedSlos(services: readonly CataloguedService[], env: EnvironmentName): Map<string, RecordedSlo> {
  const out = new Map<string, RecordedSlo>();
  for (const s of services) {
    for (const group of generateServiceRules(s, env).groups) {
      for (const rule of group.rules) {
        if (isAlertingRule(rule)) continue;
        const labels = rule.labels ?? {};
        const key = `${labels.service}/${labels.slo}`;
        const r = out.get(key) ?? { ratioWindows: new Set<string>(), burnWindows: new Set<string>(), periods: new Set<string>() };
        out.set(key, r);
        if (rule.record === RECORDING_NAMES.errorRatio) r.ratioWindows.add(labels.window);
        if (rule.record === RECORDING_NAMES.budgetRemaining) r.periods.add(labels.period);
        if (rule.record === RECORDING_NAMES.burnRate) {
          // The burn rate divides every recorded ratio window by the budget and adds the base
          // window with label_replace(..., "window", "<w>", "", "").
          for (const m of rule.expr.matchAll(/label_replace\(.*?, "window", "([^"]+)", "", ""\)/g)) r.burnWindows.add(m[1]);
        }
      }
    }
  }
  for (const r of out.values()) for (const w of r.ratioWindows) r.burnWindows.add(w);
  return out;
}

function values(op: string, value: string): string[] {
  return op === "=~" ? value.split("|") : [value];
}

function sloProblems(metric: string, matchers: { label: string; op: string; value: string }[], recorded: Map<string, RecordedSlo>): string[] {
  const problems: string[] = [];
  const get = (l: string) => matchers.find((m) => m.label === l && m.op === "=")?.value;
  const service = get("service");
  const slo = get("slo");
  const candidates =
    service !== undefined && slo !== undefined
      ? [recorded.get(`${service}/${slo}`)].filter((r): r is RecordedSlo => r !== undefined)
      : [...recorded.values()];
  if (candidates.length === 0) return [`${metric}: no SLO ${service}/${slo} is recorded`];
  const union = (pick: (r: RecordedSlo) => Set<string>) =>
    new Set([...new Set(candidates.flatMap((r) => [...pick(r)]))].sort((a, b) => durationMs(a) - durationMs(b)));
  for (const m of matchers) {
    if (m.label === "window") {
      const allowed = metric === RECORDING_NAMES.errorRatio ? union((r) => r.ratioWindows) : union((r) => r.burnWindows);
      for (const v of values(m.op, m.value)) if (!allowed.has(v)) problems.push(`${metric}: window "${v}" is not recorded (recorded: ${[...allowed].join(", ")})`);
    }
    if (m.label === "period") {
      const allowed = union((r) => r.periods);
      if (!allowed.has(m.value)) problems.push(`${metric}: period "${m.value}" is not recorded (recorded: ${[...allowed].join(", ")})`);
    }
  }
  return problems;
}

function promqlProblems(expr: string, recorded: Map<string, RecordedSlo>): string[] {
  const info = analysePromql(expr);
  if (info.error !== undefined) return [info.error];
  const problems: string[] = [];
  const labelsInExpr = new Set<string>(info.createdLabels);
  for (const sel of info.selectors) {
    if (sel.metric === undefined) {
      problems.push(`a selector names no metric: {${sel.matchers.map((m) => `${m.label}${m.op}"${m.value}"`).join(", ")}}`);
      continue;
    }
    const group = metricGroupOf(sel.metric);
    if (group === undefined || !KNOWN_METRICS.has(sel.metric)) {
      problems.push(`metric ${sel.metric} is produced by nothing the platform declares (dashboards/known-metrics.ts)`);
      continue;
    }
    for (const l of group.labels) labelsInExpr.add(l);
    for (const m of sel.matchers) {
      if (!group.labels.includes(m.label)) problems.push(`${sel.metric} has no label ${m.label} (its labels: ${group.labels.join(", ")})`);
    }
    if (group.key === "slo-recordings") problems.push(...sloProblems(sel.metric, sel.matchers, recorded));
  }
  for (const l of info.groupingLabels) {
    if (!labelsInExpr.has(l)) problems.push(`grouping label ${l} is on none of the selected series`);
  }
  return problems;
}

function logqlProblems(expr: string, serviceNames: ReadonlySet<string>): string[] {
  const info = analyseLogql(expr);
  if (info.error !== undefined) return [info.error];
  const problems: string[] = [];
  const severities = new Set<string>(SEVERITY_LEVELS.map((l) => l.otel));
  for (const m of info.matchers) {
    if (!KNOWN_LOKI_LABELS.has(m.label)) problems.push(`Loki stream label ${m.label} is not an index label (${[...KNOWN_LOKI_LABELS].join(", ")})`);
    if (m.label === "severity") for (const v of values(m.op, m.value)) if (!severities.has(v)) problems.push(`severity "${v}" is not a level of the log schema`);
    if (m.label === "service" && m.op === "=" && !serviceNames.has(m.value)) problems.push(`service "${m.value}" is not declared`);
  }
  return problems;
}

function jaegerProblems(t: Json, vars: Record<string, string>, traced: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (t.queryType !== "search") problems.push(`queryType is ${JSON.stringify(t.queryType)}, expected "search"`);
  const sub = substitute(String(t.service), vars);
  if (sub.unknown.length > 0) problems.push(`undefined variable(s) ${sub.unknown.map((u) => `$${u}`).join(", ")}`);
  else if (!traced.has(sub.text)) problems.push(`Jaeger service "${sub.text}" is not a declared service that sends traces`);
  if (t.tags !== undefined && !/^(\S+=\S+)( \S+=\S+)*$/.test(String(t.tags))) problems.push(`tags ${JSON.stringify(t.tags)} are not logfmt key=value pairs`);
  if (typeof t.limit !== "number" || t.limit < 1) problems.push("limit must be a positive number");
  return problems;
}

/** Every problem of one dashboard, each prefixed with `<uid> / <panel> / <refId>`. */
export function dashboardProblems(d: GeneratedDashboard, ctx: ConsistencyContext, recorded: Map<string, RecordedSlo>): string[] {
  const problems: string[] = [];
  const json = d.json;
  if (json.uid !== d.uid) problems.push(`${d.uid}: json.uid is ${JSON.stringify(json.uid)}`);
  if (d.uid.length > 40 || !/^[a-z0-9-]+$/.test(d.uid)) problems.push(`${d.uid}: not a valid Grafana UID of at most 40 characters`);
  const vars = variableValues(json);
  const serviceNames = new Set(ctx.services.map((s) => s.declaration.name));
  const traced = new Set(ctx.services.filter((s) => serviceSignals(s.declaration).traces).map((s) => s.declaration.name));
  for (const uid of datasourceUidsOf(json)) {
    if (!ctx.provisionedUids.has(uid)) problems.push(`${d.uid}: datasource UID "${uid}" is not provisioned (${[...ctx.provisionedUids].join(", ")})`);
  }
  const ids = panelsOf(json).map((p) => p.id);
  if (new Set(ids).size !== ids.length) problems.push(`${d.uid}: panel ids are not unique`);
  const queries = queriesOf(json);
  if (queries.length === 0 && !panelsOf(json).some((p) => p.type === "text")) problems.push(`${d.uid}: no queries`);
  for (const q of queries) problems.push(...queryProblems(q, vars, recorded, serviceNames, traced).map((p) => `${q.dashboard} / ${q.panel} / ${q.refId}: ${p}`));
  return problems;
}

function queryProblems(q: FoundQuery, vars: Record<string, string>, recorded: Map<string, RecordedSlo>, services: ReadonlySet<string>, traced: ReadonlySet<string>): string[] {
  if (q.type === "jaeger") return jaegerProblems(q.target, vars, traced);
  if (q.type !== "prometheus" && q.type !== "loki") return [`datasource type ${q.type} (every target names its datasource)`];
  const sub = substitute(String(q.target.expr), vars);
  if (sub.unknown.length > 0) return [`undefined variable(s) ${sub.unknown.map((u) => `$${u}`).join(", ")}`];
  return q.type === "prometheus" ? promqlProblems(sub.text, recorded) : logqlProblems(sub.text, services);
}

/** Every PromQL expression of the dashboards after variable substitution (for promtool). */
export function substitutedPromql(dashboards: readonly GeneratedDashboard[]): { where: string; expr: string }[] {
  return dashboards.flatMap((d) => {
    const vars = variableValues(d.json);
    return queriesOf(d.json)
      .filter((q) => q.type === "prometheus")
      .map((q) => ({ where: `${q.dashboard} / ${q.panel} / ${q.refId}`, expr: substitute(String(q.target.expr), vars).text }));
  });
}
