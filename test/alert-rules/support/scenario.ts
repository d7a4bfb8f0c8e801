/**
 * `promtool test rules` scenarios built from synthetic counters: a service whose requests
 * per minute and failures per minute change in phases, and checks of whether the SLO's
 * page or ticket alert is firing at given minutes. Alert presence is read from the
 * `ALERTS` series Prometheus writes, so the checks do not depend on annotation text.
 */
import { stringify } from "yaml";
import { generateServiceRules, renderRuleFile } from "../../../alert-rules";
import { SLO_ALERT_NAME } from "../../../alert-rules/slo-alerts";
import { SLI_SOURCES } from "../../../catalogue/sli-sources";
import type { CataloguedService, SloDefinition } from "../../../catalogue/types";
import { leValue } from "../../../alert-rules/sli-queries";

/** A stretch of constant traffic: `good` and `bad` requests every minute for `minutes`. */
export interface Phase {
  minutes: number;
  good: number;
  bad: number;
}

/** `minutes` of `perMinute` requests of which `errorRatio` fail (must come out as whole requests). */
export function phase(minutes: number, perMinute: number, errorRatio: number): Phase {
  const bad = Math.round(perMinute * errorRatio);
  if (Math.abs(bad - perMinute * errorRatio) > 1e-9) {
    throw new Error(`${errorRatio} of ${perMinute} requests is not a whole number of requests`);
  }
  return { minutes, good: perMinute - bad, bad };
}

/** Is the SLO alert of `severity` firing at `minute` (minutes since the start of the series)? */
export interface AlertCheck {
  minute: number;
  severity: "page" | "ticket";
  firing: boolean;
}

/** No SLO alert (of `severity`, or of any severity) was present at all during the `minutes` up to `untilMinute`. */
export interface QuietCheck {
  untilMinute: number;
  minutes: number;
  severity?: "page" | "ticket";
}

/** A one-service catalogue entry with a single SLO, for scenarios. */
export function syntheticService(slo: SloDefinition, name: string = "scenario-api"): CataloguedService {
  return {
    file: `test/alert-rules/scenarios/${name}.ts`,
    declaration: {
      name,
      namespace: "shop",
      team: "payments",
      tier: "critical",
      language: "typescript",
      description: "Synthetic service of a promtool scenario.",
      telemetry: { otlp: true },
      slos: [slo],
    },
  };
}

/** Promtool's expanding notation for a counter that grows by each phase's per-minute increment. */
function counterValues(phases: Phase[], perMinute: (p: Phase) => number): string {
  let value = 0;
  const parts = ["0"];
  for (const p of phases) {
    const inc = perMinute(p);
    parts.push(`${value + inc}+${inc}x${p.minutes - 1}`);
    value += inc * p.minutes;
  }
  return parts.join(" ");
}

function seriesName(metric: string, labels: Record<string, string>): string {
  return `${metric}{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(",")}}`;
}

/** Input series for the service's SLI: status-code counters (availability) or count and threshold bucket (latency). */
export function inputSeries(service: CataloguedService, phases: Phase[]): Array<{ series: string; values: string }> {
  const decl = service.declaration;
  const sli = decl.slos[0].sli;
  const base = { service: decl.name, namespace: decl.namespace };
  if (sli.kind === "availability") {
    const src = SLI_SOURCES[sli.source];
    if (sli.source !== "otel-http") throw new Error("scenarios model otel-http availability only");
    return [
      { series: seriesName(src.countMetric, { ...base, http_response_status_code: "200" }), values: counterValues(phases, (p) => p.good) },
      { series: seriesName(src.countMetric, { ...base, http_response_status_code: "500" }), values: counterValues(phases, (p) => p.bad) },
    ];
  }
  if (sli.kind === "latency") {
    const src = SLI_SOURCES[sli.source];
    if (sli.source !== "otel-http") throw new Error("scenarios model otel-http latency only");
    return [
      { series: seriesName(src.histogramCountMetric, base), values: counterValues(phases, (p) => p.good + p.bad) },
      { series: seriesName(src.bucketMetric, { ...base, le: leValue(sli.thresholdSeconds) }), values: counterValues(phases, (p) => p.good) },
    ];
  }
  throw new Error("scenarios model availability and latency SLIs");
}

/** The value of a PromQL expression at `minute`: one sample with exactly these labels. */
export interface ValueCheck {
  minute: number;
  expr: string;
  /** Labels of the expected sample, as `{a="b", ...}`. */
  labels: string;
  value: number;
}

/** One scenario: a service, its traffic, and what must (not) fire when. */
export interface Scenario {
  service: CataloguedService;
  phases: Phase[];
  /** Alert presence at single minutes. @default [] */
  checks?: AlertCheck[];
  /** Alerts absent during whole stretches. @default [] */
  quiet?: QuietCheck[];
  /** Values of expressions at given minutes. @default [] */
  values?: ValueCheck[];
  /**
   * Rule evaluation interval of the promtool run, in whole minutes below Prometheus' 5m
   * lookback delta (an alert reading another group's series at 5m would find no sample).
   * @default "1m"
   */
  evaluationInterval?: string;
  /**
   * Order in which promtool evaluates the rule groups at each tick: the rule file's order
   * (recordings before the alerts that read them) or its reverse (every cross-group read
   * one tick old, the most a real Prometheus lags). Without `group_eval_order` promtool
   * picks an order at random per run, which once made a one-tick boundary flaky.
   * @default "file"
   */
  groupOrder?: "file" | "reversed";
}

/** Prometheus' default lookback delta, in minutes. */
const LOOKBACK_MINUTES = 5;

/** Minutes the scenario's series last. */
export function scenarioMinutes(s: Scenario): number {
  return s.phases.reduce((sum, p) => sum + p.minutes, 0);
}

/** The files of one scenario: the generated rules (production) and a promtool test file. */
export function scenarioFiles(scenario: Scenario): Record<string, string> {
  const { service, phases } = scenario;
  const checks = scenario.checks ?? [];
  const quiet = scenario.quiet ?? [];
  const decl = service.declaration;
  const ruleFile = generateServiceRules(service, "production");
  const rules = renderRuleFile(ruleFile, service.file);
  const evaluationInterval = scenario.evaluationInterval ?? "1m";
  const intervalMinutes = /^([1-9][0-9]*)m$/.exec(evaluationInterval);
  if (intervalMinutes === null || Number(intervalMinutes[1]) >= LOOKBACK_MINUTES) {
    throw new Error(`scenario evaluationInterval "${evaluationInterval}" must be whole minutes below the ${LOOKBACK_MINUTES}m lookback delta`);
  }
  const groupNames = ruleFile.groups.map((g) => g.name);
  const groupEvalOrder = (scenario.groupOrder ?? "file") === "file" ? groupNames : [...groupNames].reverse();
  const tests = checks.map((c) => ({
    expr: `ALERTS{alertname="${SLO_ALERT_NAME}", alertstate="firing", severity="${c.severity}"}`,
    eval_time: `${c.minute}m`,
    exp_samples: c.firing
      ? [
          {
            labels: seriesName("ALERTS", {
              alertname: SLO_ALERT_NAME,
              alertstate: "firing",
              namespace: decl.namespace,
              service: decl.name,
              severity: c.severity,
              slo: decl.slos[0].name,
              team: decl.team,
            }),
            value: 1,
          },
        ]
      : [],
  }));
  const quietTests = quiet.map((q) => ({
    expr: `count_over_time(ALERTS{alertname="${SLO_ALERT_NAME}"${q.severity === undefined ? "" : `, severity="${q.severity}"`}}[${q.minutes}m])`,
    eval_time: `${q.untilMinute}m`,
    exp_samples: [],
  }));
  const valueTests = (scenario.values ?? []).map((v) => ({ expr: v.expr, eval_time: `${v.minute}m`, exp_samples: [{ labels: v.labels, value: v.value }] }));
  const testFile = {
    rule_files: ["rules.yaml"],
    evaluation_interval: evaluationInterval,
    group_eval_order: groupEvalOrder,
    tests: [{ interval: "1m", input_series: inputSeries(service, phases), promql_expr_test: [...tests, ...quietTests, ...valueTests] }],
  };
  return { "rules.yaml": rules, "test.yaml": stringify(testFile, { lineWidth: 0 }) };
}
