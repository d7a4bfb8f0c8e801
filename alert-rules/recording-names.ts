/**
 * Names of the SLO recording rules: the series dashboards read. Every series carries the
 * labels `service`, `namespace` and `slo`; the per-window ones also carry `window`.
 *
 * | name                               | extra labels | value                                                                 |
 * |------------------------------------|--------------|-----------------------------------------------------------------------|
 * | `slo:sli_error:rate5m`             |              | bad events per second over the last 5m                                |
 * | `slo:sli_total:rate5m`             |              | all events per second over the last 5m (the request rate)             |
 * | `slo:sli_error:ratio`              | `window`     | error ratio (0–1) over 30m, 1h, 2h, 6h, 1d, 3d                         |
 * | `slo:error_budget:burn_rate`       | `window`     | error ratio ÷ error budget, over 5m, 30m, 1h, 2h, 6h, 1d, 3d           |
 * | `slo:error_budget:remaining_ratio` | `period`     | 1 − (error ratio over the period ÷ budget): 1 untouched, ≤ 0 spent     |
 *
 * The 5m error ratio is `slo:sli_error:rate5m / slo:sli_total:rate5m`. Windows up to 1h are
 * read from the raw counters; longer windows and the period are sums of the 5m rates
 * (ratio of summed errors to summed totals, so every request weighs the same; the period
 * sums them at 5m steps). Series are recorded every 30s (5m rates, 30m/1h/6h ratios, burn
 * rates), every 2m (2h/1d/3d ratios) and every 5m (budget remaining).
 */

/** Recording rule names, by what they hold. */
export const RECORDING_NAMES = {
  /** Bad events per second over the base window (5m). */
  errorRate: "slo:sli_error:rate5m",
  /** All events per second over the base window (5m). */
  totalRate: "slo:sli_total:rate5m",
  /** Error ratio over the window in the `window` label. */
  errorRatio: "slo:sli_error:ratio",
  /** Burn rate (error ratio ÷ error budget) over the window in the `window` label. */
  burnRate: "slo:error_budget:burn_rate",
  /** Share of the period's error budget left (label `period`). */
  budgetRemaining: "slo:error_budget:remaining_ratio",
} as const;

/** The label that names the window of `slo:sli_error:ratio` and `slo:error_budget:burn_rate`. */
export const WINDOW_LABEL = "window";

/** The label that names the period of `slo:error_budget:remaining_ratio`. */
export const PERIOD_LABEL = "period";

/** Window of the base rate recordings; also the page's short window. */
export const BASE_WINDOW = "5m";

/**
 * Windows up to this length are computed from the raw counters (at most an hour of raw
 * samples); longer ones from the recorded 5m rates. Computing the 1h window from 5m rates
 * would under-weigh errors younger than 5m and page a full outage after 3 minutes, not 2.
 */
export const LONGEST_RAW_WINDOW = "1h";
