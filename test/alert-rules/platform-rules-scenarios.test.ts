/**
 * Behaviour of every platform alert (alert-rules/platform-rules.ts), checked by the real
 * `promtool test rules` on the generated rule file: for each alert a firing case (absent the
 * minute before it fires, then exactly these labels and annotations at its first firing
 * minute) and a quiet case on healthy series of the same metrics (never pending nor firing).
 * The scenarios are in ./platform-rules-scenario-table.ts.
 *
 * Both promtools run every scenario: the one at the deployed Prometheus version (3.5, whose
 * range selectors exclude the left edge) and Debian's 2.42. Two processes at a time.
 */
import { stringify } from "yaml";
import { generatePlatformRules, isAlertingRule, renderRuleFile } from "../../alert-rules";
import { runPromtool, type PromtoolName, type PromtoolRun } from "./support/promtool";
import { INFO_INHIBITOR_SCENARIO, PLATFORM_SCENARIOS, type ExpectedAlert, type PlatformScenario } from "./platform-rules-scenario-table";
import { pool } from "../support/pool";

const SCENARIOS: PlatformScenario[] = [...PLATFORM_SCENARIOS, INFO_INHIBITOR_SCENARIO];
const PROMTOOL_NAMES: PromtoolName[] = ["deployed", "debian"];
/** Written out rather than imported, so a changed base URL fails here. */
const RUNBOOKS = "https://github.com/sevensa/observability-platform/blob/main/docs/runbooks";
const RULES = renderRuleFile(generatePlatformRules(), "alert-rules/platform-rules.ts");
/** The rule file's group order, pinned: promtool's own order is random per run (InfoInhibitor reads other groups' ALERTS). */
const GROUP_EVAL_ORDER = generatePlatformRules().groups.map((g) => g.name);

function expAlerts(sc: PlatformScenario, alerts: ExpectedAlert[]) {
  return alerts.map((a) => ({
    exp_labels: a.labels,
    exp_annotations: { summary: sc.summary, description: a.description, runbook_url: `${RUNBOOKS}/${sc.runbook}` },
  }));
}

/** The promtool test file of one alert's scenarios. */
function scenarioTestFile(sc: PlatformScenario): string {
  const at = (minute: number, alerts: ExpectedAlert[]) => ({ eval_time: `${minute}m`, alertname: sc.alert, exp_alerts: expAlerts(sc, alerts) });
  const firing = sc.firing.map((f) => ({
    interval: "1m",
    input_series: f.series,
    alert_rule_test: [...(f.firesAt > 0 ? [at(f.firesAt - 1, [])] : []), at(f.firesAt, f.alerts), ...(f.later ?? []).map((l) => at(l.minute, l.alerts))],
  }));
  const quiet = sc.quiet.map((q) => ({
    interval: "1m",
    input_series: q.series,
    alert_rule_test: [at(q.minutes, [])],
    // Neither pending nor firing at any evaluation up to the end: no ALERTS sample of it at all.
    promql_expr_test: [{ expr: `count_over_time(ALERTS{alertname="${sc.alert}"}[${q.minutes + 1}m])`, eval_time: `${q.minutes}m`, exp_samples: [] }],
  }));
  return stringify({ rule_files: ["platform-rules.yaml"], evaluation_interval: "1m", group_eval_order: GROUP_EVAL_ORDER, tests: [...firing, ...quiet] }, { lineWidth: 0 });
}

function run(sc: PlatformScenario, which: PromtoolName): Promise<PromtoolRun> {
  return runPromtool(["test", "rules", "test.yaml"], { "platform-rules.yaml": RULES, "test.yaml": scenarioTestFile(sc) }, which, 120_000);
}

const results = new Map<string, PromtoolRun>();
const key = (alert: string, which: PromtoolName) => `${which} ${alert}`;

beforeAll(async () => {
  const jobs = PROMTOOL_NAMES.flatMap((which) => SCENARIOS.map((sc) => ({ which, sc })));
  const runs = await pool(
    jobs.map(({ which, sc }) => () => run(sc, which)),
    2,
  );
  jobs.forEach(({ which, sc }, i) => results.set(key(sc.alert, which), runs[i]));
}, 600_000);

describe("platform alert scenarios", () => {
  test("cover every platform alert the generator emits, each with a firing case and (but the Watchdog) a quiet case", () => {
    const generated = generatePlatformRules()
      .groups.flatMap((g) => g.rules)
      .filter(isAlertingRule)
      .map((r) => r.alert);
    expect(SCENARIOS.map((sc) => sc.alert).sort()).toEqual([...generated].sort());
    expect(generated).toHaveLength(14);
    expect(SCENARIOS.filter((sc) => sc.firing.length === 0).map((sc) => sc.alert)).toEqual([]);
    expect(SCENARIOS.filter((sc) => sc.quiet.length === 0).map((sc) => sc.alert)).toEqual(["Watchdog"]);
  });

  describe.each(PROMTOOL_NAMES)("promtool test rules (%s)", (which) => {
    test.each(SCENARIOS.map((sc) => ({ alert: sc.alert, firing: sc.firing.length, quiet: sc.quiet.length })))("$alert: $firing firing and $quiet quiet case(s)", ({ alert }) => {
      const r = results.get(key(alert, which));
      expect({ code: r?.code, stdout: r?.stdout, stderr: r?.stderr }).toEqual({ code: 0, stdout: expect.stringContaining("SUCCESS"), stderr: "" });
    });
  });

  describe("the checks can fail", () => {
    const refusing = SCENARIOS.find((sc) => sc.alert === "OtelCollectorReceiverRefusingData") as PlatformScenario;

    test("a wrong value in the expected description fails promtool, naming the alert and the minute", async () => {
      const wrong: PlatformScenario = {
        ...refusing,
        firing: [{ ...refusing.firing[0], alerts: [{ ...refusing.firing[0].alerts[0], description: refusing.firing[0].alerts[0].description.replace("refuses 3 items/s", "refuses 4 items/s") }] }],
        quiet: [],
      };
      const r = await run(wrong, "deployed");
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain("alertname: OtelCollectorReceiverRefusingData, time: 6m");
      expect(r.stdout + r.stderr).toContain("refuses 3 items/s");
    });

    test("the quiet check fails on the firing case's series", async () => {
      const loud: PlatformScenario = { ...refusing, firing: [], quiet: [{ what: "firing series", series: refusing.firing[0].series, minutes: 15 }] };
      const r = await run(loud, "deployed");
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain('expr: "count_over_time(ALERTS{alertname=\\"OtelCollectorReceiverRefusingData\\"}[16m])", time: 15m');
      expect(r.stdout + r.stderr).toContain('got: {alertname="OtelCollectorReceiverRefusingData", alertstate="firing", job="otel-gateway", receiver="otlp", severity="warning", team="platform"} 1E+01');
    });
  });
});
