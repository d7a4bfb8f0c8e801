import type { SeverityClass } from "./team-types";

/**
 * How the `severity` label values map onto the three notification classes. Service
 * alerts use `page` / `ticket` / `info`; platform alerts may use `critical` / `warning`
 * / `info` (kube-prometheus style). Both spellings of a class route identically.
 */
export const SEVERITY_LABELS: Readonly<Record<SeverityClass, readonly string[]>> = {
  page: ["page", "critical"],
  ticket: ["ticket", "warning"],
  info: ["info"],
};

/** The Alertmanager matcher selecting one class, e.g. `severity=~"page|critical"`. */
export function severityMatcher(cls: SeverityClass): string {
  const values = SEVERITY_LABELS[cls];
  return values.length === 1 ? `severity="${values[0]}"` : `severity=~"${values.join("|")}"`;
}

/** Grouping and timing of one severity class. */
export interface SeverityTimings {
  /** Labels a notification groups by. */
  groupBy: string[];
  /** Wait before the first notification of a new group. */
  groupWait: string;
  /** Wait before notifying about changes to a group already notified. */
  groupInterval: string;
  /** Wait before re-sending an unchanged, still-firing group. */
  repeatInterval: string;
}

/**
 * Pages are fast and one incident per SLO; tickets are batched per service and repeat
 * daily; info is batched per namespace and repeats weekly. One table, used by the
 * routing tree and printed in the runbooks.
 */
export const SEVERITY_TIMINGS: Readonly<Record<SeverityClass, SeverityTimings>> = {
  page: { groupBy: ["alertname", "service", "slo"], groupWait: "30s", groupInterval: "5m", repeatInterval: "4h" },
  ticket: { groupBy: ["alertname", "service"], groupWait: "5m", groupInterval: "30m", repeatInterval: "24h" },
  info: { groupBy: ["alertname", "namespace"], groupWait: "10m", groupInterval: "1h", repeatInterval: "168h" },
};
