/**
 * The multiwindow, multi-burn-rate alert windows of the Google SRE Workbook
 * (chapter 5, "Alerting on SLOs"), as a typed table. Each row spends `budgetShare` of the
 * period's error budget within `long`; `short` (1/12 of `long`) makes the alert stop soon
 * after the burn stops. The burn-rate factor is derived from the period:
 *
 *     factor = budgetShare × period / long
 *
 * which gives 14.4, 6, 3 and 1 for a 30d period.
 */
import { durationMs } from "../catalogue/durations";

/** Alert severity of a burn-rate window. */
export type BurnSeverity = "page" | "ticket";

/** One row of the window table, before the period is known. */
export interface BurnRateWindow {
  /** Page or ticket. */
  severity: BurnSeverity;
  /** Share of the period's error budget spent within `long` (0.02 = 2%). */
  budgetShare: number;
  /** Long window: the budget share is measured over it. */
  long: string;
  /** Short window, 1/12 of the long one: the burn must still be going on. */
  short: string;
  /**
   * How long the condition must hold before firing. None: the short window already
   * requires the burn to be current, and a `for` would delay a full outage's page.
   */
  for?: string;
}

/** A window row with its factor for a given period. */
export interface BurnRateAlertWindow extends BurnRateWindow {
  /** Burn rate (multiple of the sustainable error rate) above which the row fires. */
  factor: number;
}

/** The workbook's four windows: two page, two ticket. */
export const BURN_RATE_WINDOWS: readonly BurnRateWindow[] = [
  { severity: "page", budgetShare: 0.02, long: "1h", short: "5m" },
  { severity: "page", budgetShare: 0.05, long: "6h", short: "30m" },
  { severity: "ticket", budgetShare: 0.1, long: "1d", short: "2h" },
  { severity: "ticket", budgetShare: 0.1, long: "3d", short: "6h" },
];

/** The SLO period when a definition states none. */
export const DEFAULT_PERIOD = "30d";

/** `budgetShare × period / long`, e.g. 0.02 × 30d / 1h = 14.4. */
export function burnRateFactor(budgetShare: number, period: string, long: string): number {
  return Number(((budgetShare * durationMs(period)) / durationMs(long)).toPrecision(12));
}

const windowsByPeriod = new Map<string, readonly BurnRateAlertWindow[]>();

/** The window table with factors for `period` (computed once per period). */
export function burnRateWindows(period: string = DEFAULT_PERIOD): BurnRateAlertWindow[] {
  let windows = windowsByPeriod.get(period);
  if (windows === undefined) {
    windows = BURN_RATE_WINDOWS.map((w) => Object.freeze({ ...w, factor: burnRateFactor(w.budgetShare, period, w.long) }));
    windowsByPeriod.set(period, windows);
  }
  return [...windows];
}

/** The windows of one severity, in table order. */
export function windowsOf(severity: BurnSeverity, period: string = DEFAULT_PERIOD): BurnRateAlertWindow[] {
  return burnRateWindows(period).filter((w) => w.severity === severity);
}

/**
 * The objective (percent) at or below which the fastest page can never fire: even 100%
 * errors burn only 1 / (1 - objective) times, so the objective must exceed 100 × (1 - 1/factor).
 * 93.0555… for a 30d period (factor 14.4).
 */
export function minimumObjective(period: string = DEFAULT_PERIOD): number {
  const fastest = Math.max(...burnRateWindows(period).map((w) => w.factor));
  return 100 * (1 - 1 / fastest);
}

/** Every distinct window the alerts read, shortest first. */
export function alertWindows(): string[] {
  return [...ALERT_WINDOWS];
}

const ALERT_WINDOWS: readonly string[] = [...new Set(BURN_RATE_WINDOWS.flatMap((w) => [w.short, w.long]))].sort(
  (a, b) => durationMs(a) - durationMs(b),
);
