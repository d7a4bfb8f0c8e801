import { durationMs, formatDuration, isPrometheusDuration } from "../../catalogue/durations";
import { analysePromql, isPlainSum, queryUnit, substituteWindow } from "../../catalogue/promql";

describe("Prometheus durations", () => {
  test.each([
    ["30d", 30 * 86_400_000],
    ["4w", 28 * 86_400_000],
    ["1h30m", 5_400_000],
    ["90s", 90_000],
    ["250ms", 250],
    ["1y", 365 * 86_400_000],
  ])("%s is %d ms", (text, ms) => {
    expect(isPrometheusDuration(text)).toBe(true);
    expect(durationMs(text)).toBe(ms);
  });

  test.each(["", "30", "30days", "1.5h", "30m1h", "-5m", " 5m", "5M"])("%j is not a duration", (text) => {
    expect(isPrometheusDuration(text)).toBe(false);
    expect(() => durationMs(text)).toThrow(`"${text}" is not a Prometheus duration (e.g. 30d, 4w, 12h, 90s)`);
  });

  test("formatting prints the shortest form", () => {
    expect([3 * 86_400_000, 5_400_000, 90_000, 7 * 86_400_000].map(formatDuration)).toEqual(["3d", "1h30m", "1m30s", "7d"]);
  });
});

describe("PromQL analysis", () => {
  test("finds functions and label names", () => {
    expect(analysePromql('sum by (code) (rate(x_total{job="a", code=~"5.."}[5m])) / ignoring(code) increase(y[1h])')).toEqual({
      error: undefined,
      functions: ["rate", "increase"],
      labelNames: ["code", "job", "code", "code"],
    });
  });

  test("reports the first syntax error with its position", () => {
    expect(analysePromql("sum(rate(x[5m])) +").error).toBe("unexpected end of query at character 19");
    expect(analysePromql("x{a=}").error).toBe('unexpected "}" at character 5');
    expect(analysePromql("   ").error).toBe("the query is empty");
  });

  test("units of SLI queries", () => {
    expect([["rate"], ["increase", "sum_over_time"], ["rate", "increase"], ["avg_over_time"]].map(queryUnit)).toEqual([
      "per-second",
      "per-window",
      "mixed",
      "none",
    ]);
  });

  test("plain sums are recognised; grouped sums and binary expressions are not", () => {
    expect(["sum(rate(x[5m]))", "sum by (a) (x)", "sum(x) / 2", "rate(x[5m])", "sum without (a) (x)"].map(isPlainSum)).toEqual([true, false, false, false, false]);
  });

  test("window substitution replaces every placeholder", () => {
    expect(substituteWindow("rate(a[{{window}}]) / rate(b[{{window}}])", "1h")).toBe("rate(a[1h]) / rate(b[1h])");
  });
});
