/**
 * Every metric a platform alert (alert-rules/platform-rules.ts) selects is one the platform
 * produces: a name listed in dashboards/known-metrics.ts, matched and grouped only on labels
 * its group declares. Expressions are parsed with @prometheus-io/lezer-promql through the
 * dashboards' helper (test/dashboards/support/inspect.ts, analysePromql).
 */
import { generatePlatformRules, isAlertingRule } from "../../alert-rules";
import { KNOWN_METRICS, metricGroupOf } from "../../dashboards/known-metrics";
import { analysePromql } from "../dashboards/support/inspect";

/**
 * Series Prometheus writes itself for its alerting rules, read by InfoInhibitor. Not in
 * known-metrics.ts (no dashboard reads them); a test below fails once the list adds them.
 */
const RULE_STATE_SERIES: ReadonlySet<string> = new Set(["ALERTS"]);

/**
 * The metric names a `__name__=~` regex selects, when it is a plain alternation (letters,
 * digits, `_`, `:`, and `(a|b)` groups, which may nest). Anything else (`.*`, classes) is an
 * error: a rule must spell out which series it reads.
 */
function expandNameRegex(regex: string): string[] {
  let pos = 0;
  const alternatives = (): string[] => {
    let out = sequence();
    while (regex[pos] === "|") {
      pos++;
      out = [...out, ...sequence()];
    }
    return out;
  };
  const sequence = (): string[] => {
    let prefixes = [""];
    while (pos < regex.length && regex[pos] !== "|" && regex[pos] !== ")") {
      const c = regex[pos];
      let parts: string[];
      if (c === "(") {
        pos++;
        parts = alternatives();
        if (regex[pos] !== ")") throw new Error(`name regex ${regex}: unclosed group`);
        pos++;
      } else if (/[A-Za-z0-9_:]/.test(c)) {
        parts = [c];
        pos++;
      } else {
        throw new Error(`name regex ${regex}: "${c}" at ${pos + 1} is not a plain alternation of names; list the names`);
      }
      prefixes = prefixes.flatMap((p) => parts.map((q) => p + q));
    }
    return prefixes;
  };
  const names = alternatives();
  if (pos !== regex.length) throw new Error(`name regex ${regex}: unbalanced ")" at ${pos + 1}`);
  return names;
}

/** Problems of one rule expression: unknown metrics, labels its metric's group does not declare. */
function ruleMetricProblems(expr: string): string[] {
  const info = analysePromql(expr);
  if (info.error !== undefined) return [info.error];
  const problems: string[] = [];
  const labelsInExpr = new Set<string>(info.createdLabels);
  let ruleState = false;
  for (const sel of info.selectors) {
    const nameRegex = sel.matchers.find((m) => m.label === "__name__" && m.op === "=~");
    const names = sel.metric !== undefined ? [sel.metric] : nameRegex !== undefined ? expandNameRegex(nameRegex.value) : [];
    if (names.length === 0) problems.push(`a selector names no metric: {${sel.matchers.map((m) => `${m.label}${m.op}"${m.value}"`).join(", ")}}`);
    for (const name of names) {
      if (RULE_STATE_SERIES.has(name)) {
        ruleState = true;
        continue;
      }
      const group = metricGroupOf(name);
      if (group === undefined || !KNOWN_METRICS.has(name)) {
        problems.push(`metric ${name} is produced by nothing the platform declares (dashboards/known-metrics.ts)`);
        continue;
      }
      for (const l of group.labels) labelsInExpr.add(l);
      for (const m of sel.matchers) {
        if (m.label !== "__name__" && !group.labels.includes(m.label)) problems.push(`${name} has no label ${m.label} (its labels: ${group.labels.join(", ")})`);
      }
    }
  }
  // ALERTS carries whatever labels the alerts have, so grouping over it cannot be checked.
  if (!ruleState) {
    for (const l of info.groupingLabels) if (!labelsInExpr.has(l)) problems.push(`grouping label ${l} is on none of the selected series`);
  }
  return problems;
}

const rules = generatePlatformRules()
  .groups.flatMap((g) => g.rules)
  .filter(isAlertingRule);

describe("metrics the platform alerts select", () => {
  test.each(rules.map((r) => ({ alert: r.alert, expr: r.expr })))("$alert selects only known metrics, on their declared labels", ({ expr }) => {
    expect(ruleMetricProblems(expr)).toEqual([]);
  });

  test("the names read, regex alternatives expanded, are exactly these", () => {
    const names = rules.flatMap((r) =>
      analysePromql(r.expr).selectors.flatMap((sel) => {
        const re = sel.matchers.find((m) => m.label === "__name__" && m.op === "=~");
        return sel.metric !== undefined ? [sel.metric] : re !== undefined ? expandNameRegex(re.value) : [];
      }),
    );
    expect([...new Set(names)].sort()).toEqual([
      "ALERTS",
      "alertmanager_notifications_failed_total",
      "alertmanager_notifications_total",
      "loki_discarded_samples_total",
      "loki_request_duration_seconds_count",
      "otelcol_exporter_enqueue_failed_log_records_total",
      "otelcol_exporter_enqueue_failed_metric_points_total",
      "otelcol_exporter_enqueue_failed_spans_total",
      "otelcol_exporter_queue_capacity",
      "otelcol_exporter_queue_size",
      "otelcol_exporter_send_failed_log_records_total",
      "otelcol_exporter_send_failed_metric_points_total",
      "otelcol_exporter_send_failed_spans_total",
      "otelcol_receiver_refused_log_records_total",
      "otelcol_receiver_refused_metric_points_total",
      "otelcol_receiver_refused_spans_total",
      "prometheus_notifications_dropped_total",
      "prometheus_notifications_errors_total",
      "prometheus_notifications_sent_total",
      "prometheus_rule_evaluation_failures_total",
      "prometheus_rule_group_iterations_missed_total",
    ]);
  });

  test("ALERTS is read (by InfoInhibitor) and still missing from known-metrics.ts, so the exemption is needed", () => {
    expect(rules.filter((r) => analysePromql(r.expr).selectors.some((s) => s.metric === "ALERTS")).map((r) => r.alert)).toEqual(["InfoInhibitor"]);
    expect(KNOWN_METRICS.has("ALERTS")).toBe(false);
  });
});

describe("the check catches", () => {
  test("a misspelt metric", () => {
    expect(ruleMetricProblems('sum by (job) (rate(otelcol_exporter_sent_spanz_total{exporter="x"}[5m])) > 0')).toEqual([
      "metric otelcol_exporter_sent_spanz_total is produced by nothing the platform declares (dashboards/known-metrics.ts)",
      "grouping label job is on none of the selected series",
    ]);
  });

  test("a regex alternative that names an unknown metric, and only that one", () => {
    expect(ruleMetricProblems('rate({__name__=~"otelcol_receiver_refused_(spans|profiles)_total"}[5m]) > 0')).toEqual([
      "metric otelcol_receiver_refused_profiles_total is produced by nothing the platform declares (dashboards/known-metrics.ts)",
    ]);
  });

  test("a label the metric does not carry, and grouping on it", () => {
    expect(ruleMetricProblems('sum by (namespace) (rate(loki_discarded_samples_total{service="x"}[5m])) > 0')).toEqual([
      "loki_discarded_samples_total has no label service (its labels: route, method, status_code, reason, tenant, job, instance)",
      "grouping label namespace is on none of the selected series",
    ]);
  });

  test("a name regex that is not a list of names", () => {
    expect(() => ruleMetricProblems('rate({__name__=~"otelcol_.*_total"}[5m])')).toThrow(
      'name regex otelcol_.*_total: "." at 9 is not a plain alternation of names; list the names',
    );
  });

  test("a selector with no name at all", () => {
    expect(ruleMetricProblems('rate({job="loki"}[5m])')).toEqual(['a selector names no metric: {job="loki"}']);
  });

  test("a syntax error", () => {
    expect(ruleMetricProblems("sum by (job (rate(up[5m]))")[0]).toMatch(/^syntax error at character \d+/);
  });

  test("name regexes expand nested groups", () => {
    expect(expandNameRegex("a_(b|c(d|e))_f|g")).toEqual(["a_b_f", "a_cd_f", "a_ce_f", "g"]);
  });
});
