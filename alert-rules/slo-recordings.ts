/**
 * Recording rules of one SLO (10 rules): the 5m error and total rates, the error ratio per
 * window, the burn rate per window and the error budget left over the period.
 *
 * Windows up to 1h read the raw counters. Longer windows are the ratio of
 * `sum_over_time` of the recorded 5m error rate to that of the 5m total rate: the ratio of
 * summed errors to summed totals (volume-weighted, never an average of ratios), reading
 * one recorded series per SLO instead of days of raw samples of every raw series. The
 * period's budget sums the 5m rates at 5m steps (see `budgetRemainingRule`).
 */
import { durationMs } from "../catalogue/durations";
import { alertWindows } from "./burn-rate";
import { formatNumber } from "./format-number";
import { BASE_WINDOW, LONGEST_RAW_WINDOW, PERIOD_LABEL, RECORDING_NAMES, WINDOW_LABEL } from "./recording-names";
import type { ResolvedSlo } from "./resolve-slo";
import { sliQueries } from "./sli-queries";
import type { RecordingRule } from "./types";

/** Labels every recorded series of an SLO carries. */
export function sloLabels(r: ResolvedSlo): Record<string, string> {
  return { service: r.service.name, namespace: r.service.namespace, slo: r.slo.name };
}

/** Selector of an SLO's recorded series: `{service="x", slo="y"}` plus extra matchers. */
export function sloSelector(r: ResolvedSlo, ...extra: string[]): string {
  return `{${[`service="${r.service.name}"`, `slo="${r.slo.name}"`, ...extra].join(", ")}}`;
}

/** True when `window` is read from the raw counters rather than from the 5m recordings. */
export function isRawWindow(window: string): boolean {
  return durationMs(window) <= durationMs(LONGEST_RAW_WINDOW);
}

/** PromQL of the error ratio of an SLO over `window` (any window but the 5m base). */
export function errorRatioExpr(r: ResolvedSlo, window: string): string {
  if (isRawWindow(window)) {
    const q = sliQueries(r.service, r.slo.sli, window);
    return `(${q.errorRate} or vector(0)) / ${q.totalRate}`;
  }
  const sel = sloSelector(r);
  return `sum_over_time(${RECORDING_NAMES.errorRate}${sel}[${window}]) / sum_over_time(${RECORDING_NAMES.totalRate}${sel}[${window}])`;
}

/** The recorded windows of `slo:sli_error:ratio`: every alert window except the 5m base. */
export function ratioWindows(): string[] {
  return alertWindows().filter((w) => w !== BASE_WINDOW);
}

/** The two 5m rate recordings every other rule of the SLO builds on. */
export function baseRateRules(r: ResolvedSlo): RecordingRule[] {
  const q = sliQueries(r.service, r.slo.sli, BASE_WINDOW);
  return [
    { record: RECORDING_NAMES.errorRate, expr: `${q.errorRate} or vector(0)`, labels: sloLabels(r) },
    { record: RECORDING_NAMES.totalRate, expr: q.totalRate, labels: sloLabels(r) },
  ];
}

/** `slo:sli_error:ratio{window=...}` for one window. */
export function errorRatioRule(r: ResolvedSlo, window: string): RecordingRule {
  return { record: RECORDING_NAMES.errorRatio, expr: errorRatioExpr(r, window), labels: { ...sloLabels(r), [WINDOW_LABEL]: window } };
}

/** `slo:error_budget:burn_rate` for every window, in one rule (the 5m one from the base rates). */
export function burnRateRule(r: ResolvedSlo): RecordingRule {
  const budget = formatNumber(r.budget);
  const base = `${RECORDING_NAMES.errorRate}${sloSelector(r)} / ${RECORDING_NAMES.totalRate}${sloSelector(r)}`;
  return {
    record: RECORDING_NAMES.burnRate,
    expr:
      `${RECORDING_NAMES.errorRatio}${sloSelector(r)} / ${budget}\n` +
      `or\nlabel_replace(${base}, "${WINDOW_LABEL}", "${BASE_WINDOW}", "", "") / ${budget}`,
    labels: sloLabels(r),
  };
}

/**
 * `slo:error_budget:remaining_ratio` over the SLO's period. The period sums the 5m rates at
 * 5m steps (a subquery): the steps tile the period, so every request still counts once,
 * and a 30d window reads 8,640 points per series instead of 86,400 at a 30s recording
 * interval. The alert windows keep plain `sum_over_time`, which has no step alignment lag.
 */
export function budgetRemainingRule(r: ResolvedSlo): RecordingRule {
  const range = `[${r.period}:${BASE_WINDOW}]`;
  const sel = sloSelector(r);
  return {
    record: RECORDING_NAMES.budgetRemaining,
    expr:
      `1 - (sum_over_time(${RECORDING_NAMES.errorRate}${sel}${range}) / sum_over_time(${RECORDING_NAMES.totalRate}${sel}${range}))` +
      ` / ${formatNumber(r.budget)}`,
    labels: { ...sloLabels(r), [PERIOD_LABEL]: r.period },
  };
}
