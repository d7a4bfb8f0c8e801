import { alertWindows, burnRateFactor, burnRateWindows, minimumObjective } from "../../alert-rules/burn-rate";
import { alertNameKebab, runbookUrl } from "../../alert-rules/runbook-url";
import { errorBudget, formatNumber } from "../../alert-rules/format-number";

describe("burn-rate window table", () => {
  test("30d gives the workbook's 14.4, 6, 3 and 1", () => {
    expect(burnRateWindows("30d").map((w) => [w.severity, w.long, w.short, w.factor])).toEqual([
      ["page", "1h", "5m", 14.4],
      ["page", "6h", "30m", 6],
      ["ticket", "1d", "2h", 3],
      ["ticket", "3d", "6h", 1],
    ]);
  });

  test.each([
    ["28d", [13.44, 5.6, 2.8, 0.933333333333]],
    ["7d", [3.36, 1.4, 0.7, 0.233333333333]],
    ["4w", [13.44, 5.6, 2.8, 0.933333333333]],
  ])("factors follow budget share × period / long window for %s", (period, factors) => {
    expect(burnRateWindows(period).map((w) => w.factor)).toEqual(factors);
  });

  test("every short window is 1/12 of its long window", () => {
    expect(burnRateWindows().map((w) => burnRateFactor(1, w.long, w.short))).toEqual([12, 12, 12, 12]);
  });

  test("the objective below which the fastest page cannot fire is 1 - 1/factor", () => {
    expect(minimumObjective("30d")).toBeCloseTo(93.0556, 4);
    expect(minimumObjective("28d")).toBeCloseTo(92.5595, 4);
    expect(minimumObjective("7d")).toBeCloseTo(70.2381, 4);
  });

  test("the distinct windows, shortest first", () => {
    expect(alertWindows()).toEqual(["5m", "30m", "1h", "2h", "6h", "1d", "3d"]);
  });
});

describe("stable numbers", () => {
  test.each<[number, string]>([
    [1 - 0.999, "0.001"],
    [0.0009999999999999432, "0.001"],
    [14.4 * 0.001, "0.0144"],
    [0.05 * 720 / 6, "6"],
    [0.1 * 672 / 72, "0.933333333333"],
    [-0, "0"],
    [1e-7, "1e-7"],
    [300, "300"],
  ])("%p prints as %s", (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  test("error budgets from percent objectives carry no float noise", () => {
    expect([99.9, 99.95, 99.5, 99, 95, 99.999].map(errorBudget)).toEqual([0.001, 0.0005, 0.005, 0.01, 0.05, 0.00001]);
  });

  test("non-finite numbers are refused", () => {
    expect(() => formatNumber(NaN)).toThrow("cannot print NaN as a PromQL number");
  });
});

describe("runbook URLs", () => {
  test.each([
    ["SLOErrorBudgetBurn", "slo-error-budget-burn"],
    ["OtelCollectorExporterQueueFilling", "otel-collector-exporter-queue-filling"],
    ["Watchdog", "watchdog"],
    ["InfoInhibitor", "info-inhibitor"],
    ["PrometheusRuleGroupIterationsMissed", "prometheus-rule-group-iterations-missed"],
  ])("%s → %s", (alert, kebab) => {
    expect(alertNameKebab(alert)).toBe(kebab);
    expect(runbookUrl(alert)).toBe(`https://github.com/sevensa/observability-platform/blob/main/docs/runbooks/${kebab}.md`);
  });
});
