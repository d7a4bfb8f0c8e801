/**
 * The two alerts of one SLO, both named `SLOErrorBudgetBurn`: `severity: page` when either
 * page window pair burns faster than its factor, `severity: ticket` likewise for the ticket
 * pairs. Both long and short window of a pair must exceed the factor. The page is gated by
 * the SLO's minimum request rate (mean over the last hour), when one is declared.
 */
import { BASE_WINDOW, RECORDING_NAMES, WINDOW_LABEL } from "./recording-names";
import { type BurnRateAlertWindow, type BurnSeverity, windowsOf } from "./burn-rate";
import { formatNumber } from "./format-number";
import type { ResolvedSlo } from "./resolve-slo";
import { runbookUrl } from "./runbook-url";
import { sloSelector } from "./slo-recordings";
import type { AlertingRule } from "./types";

/** Name of every SLO burn-rate alert. */
export const SLO_ALERT_NAME = "SLOErrorBudgetBurn";

/** Window over which the mean request rate is compared with `minRequestRate`. */
export const MIN_RATE_WINDOW = "1h";

/** Burn-rate PromQL of one window: the recorded ratio, or the 5m base rates, over the budget. */
function burnExpr(r: ResolvedSlo, window: string): string {
  const budget = formatNumber(r.budget);
  if (window === BASE_WINDOW) {
    return `${RECORDING_NAMES.errorRate}${sloSelector(r)} / ${RECORDING_NAMES.totalRate}${sloSelector(r)} / ${budget}`;
  }
  return `${RECORDING_NAMES.errorRatio}${sloSelector(r, `${WINDOW_LABEL}="${window}"`)} / ${budget}`;
}

/** `(long burn > factor and short burn > factor)` of one window pair. */
function pairExpr(r: ResolvedSlo, w: BurnRateAlertWindow): string {
  const factor = formatNumber(w.factor);
  return (
    `  (\n` +
    `      ${burnExpr(r, w.long)} > ${factor}\n` +
    `    and ignoring (${WINDOW_LABEL})\n` +
    `      ${burnExpr(r, w.short)} > ${factor}\n` +
    `  )`
  );
}

/** The alert condition of one severity; its value is the highest long-window burn rate. */
export function burnAlertExpr(r: ResolvedSlo, severity: BurnSeverity): string {
  const pairs = windowsOf(severity, r.period).map((w) => pairExpr(r, w));
  const condition = `max without (${WINDOW_LABEL}) (\n${pairs.join("\nor\n")}\n)`;
  const min = r.slo.minRequestRate;
  if (severity !== "page" || min === undefined) {
    return condition;
  }
  return `${condition}\nand\n  avg_over_time(${RECORDING_NAMES.totalRate}${sloSelector(r)}[${MIN_RATE_WINDOW}]) >= ${formatNumber(min)}`;
}

/** Go-template-safe text: a literal `{{` in a declared description must not start an action. */
function templateLiteral(text: string): string {
  return text.split("{{").join('{{ "{{" }}');
}

/** `14.4× over 1h and 5m, or 6× over 6h and 30m`. */
function windowsText(windows: BurnRateAlertWindow[]): string {
  return windows.map((w) => `${formatNumber(w.factor, 4)}× over ${w.long} and ${w.short}`).join(", or ");
}

/** `2% of the budget in 1h or 5% in 6h`. */
function budgetText(windows: BurnRateAlertWindow[]): string {
  return windows.map((w, i) => `${formatNumber(w.budgetShare * 100, 4)}%${i === 0 ? " of the budget" : ""} in ${w.long}`).join(" or ");
}

/** The alert of one severity for one SLO. */
export function burnAlert(r: ResolvedSlo, severity: BurnSeverity): AlertingRule {
  const windows = windowsOf(severity, r.period);
  const pagingOff = severity === "page" && r.pagingDisabled;
  const speed = severity === "page" ? "fast" : "steadily";
  const gate =
    severity === "page" && r.slo.minRequestRate !== undefined
      ? ` Pages only while the last ${MIN_RATE_WINDOW} averaged at least ${formatNumber(r.slo.minRequestRate)} requests per second.`
      : "";
  const note = pagingOff ? ` Paging is disabled for ${r.service.name} in ${r.env}: Alertmanager routes this page to the team's ticket receiver.` : "";
  return {
    alert: SLO_ALERT_NAME,
    expr: burnAlertExpr(r, severity),
    labels: {
      severity,
      team: r.service.team,
      service: r.service.name,
      namespace: r.service.namespace,
      slo: r.slo.name,
    },
    annotations: {
      summary: `${r.service.name}: ${r.slo.name} SLO is burning its error budget ${speed}`,
      description:
        `${templateLiteral(r.slo.description)} The ${formatNumber(r.objective)}% objective over ${r.period} ` +
        `is at risk: the error budget burns {{ $value | printf "%.1f" }}× faster than sustainable ` +
        `(${severity} above ${windowsText(windows)}: ${budgetText(windows)}).${gate}${note}`,
      runbook_url: runbookUrl(SLO_ALERT_NAME),
    },
  };
}
