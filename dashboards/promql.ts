/**
 * Small PromQL text helpers shared by the dashboard files: selectors from matcher lists and
 * the range every panel query uses.
 */

/** Grafana's rate interval: at least four scrape intervals, so `rate()` always has two samples. */
export const RATE_INTERVAL = "$__rate_interval";

/** `name{m1, m2}`; empty matchers are dropped, and no braces are printed when none remain. */
export function selector(metric: string, ...matchers: string[]): string {
  const kept = matchers.filter((m) => m !== "");
  return kept.length === 0 ? metric : `${metric}{${kept.join(", ")}}`;
}

/** `label="value"` with the value quoted as PromQL needs (template variables such as `$service` stay as they are). */
export function eq(label: string, value: string): string {
  return `${label}=${JSON.stringify(value)}`;
}

/** `label=~"regex"`. */
export function re(label: string, regex: string): string {
  return `${label}=~${JSON.stringify(regex)}`;
}

/** `sum by (labels) (rate(selector[range]))`, or `sum(...)` without labels; the range is `$__rate_interval` unless given. */
export function sumRate(sel: string, by: readonly string[] = [], range: string = RATE_INTERVAL): string {
  const rate = `rate(${sel}[${range}])`;
  return by.length === 0 ? `sum(${rate})` : `sum by (${by.join(", ")}) (${rate})`;
}

/** `label="v"` for one value, `label=~"v1|v2"` for several (regex metacharacters escaped). */
export function oneOf(label: string, values: readonly string[]): string {
  if (values.length === 0) throw new Error(`oneOf(${label}): no values`);
  return values.length === 1 ? eq(label, values[0]) : re(label, values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));
}
