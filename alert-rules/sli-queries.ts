/**
 * SLI query builders: for one SLI and one window, the PromQL of bad events per second and
 * of all events per second, each a single series without labels.
 */
import { durationSeconds } from "../catalogue/durations";
import { analysePromql, isPlainSum, queryUnit, substituteWindow } from "../catalogue/promql";
import { SLI_SOURCES } from "../catalogue/sli-sources";
import type { RatioSli, ServiceDeclaration, SliDefinition } from "../catalogue/types";
import { formatNumber } from "./format-number";

/** Bad and total events per second over one window. */
export interface SliQueries {
  /** Bad events per second. May be empty (no series) when nothing failed. */
  errorRate: string;
  /** All events per second. */
  totalRate: string;
}

/** `{service="x", namespace="y", extra...}` from matcher fragments. */
function selector(service: ServiceDeclaration, ...extra: string[]): string {
  const matchers = [`service="${service.name}"`, `namespace="${service.namespace}"`, ...extra.filter((m) => m !== "")];
  return `{${matchers.join(", ")}}`;
}

/** `le` label value as exporters print a bucket boundary (Go's shortest form: 0.25, 1, 2.5). */
export function leValue(seconds: number): string {
  return formatNumber(seconds);
}

/**
 * Matcher for the bucket of a boundary. Whole numbers arrive as `le="1"` through remote write
 * and OTLP but as `le="1.0"` when Prometheus 3 scrapes a classic histogram (it normalises
 * `le` to float notation), so both spellings match.
 */
export function leMatcher(seconds: number): string {
  const value = leValue(seconds);
  return Number.isInteger(seconds) ? `le=~"${value}|${value}.0"` : `le="${value}"`;
}

/**
 * A generic SLI query as events per second over `window`, as one series. A per-window
 * count is divided by the window's seconds, in parentheses so it stays one operand.
 */
function ratioQueryRate(query: string, window: string): string {
  const text = substituteWindow(query, window).trim();
  const summed = isPlainSum(text) ? text : `sum(${text})`;
  return queryUnit(analysePromql(text).functions) === "per-window"
    ? `(${summed} / ${formatNumber(durationSeconds(window))})`
    : summed;
}

function ratioSliQueries(sli: RatioSli, window: string): SliQueries {
  const totalRate = ratioQueryRate(sli.totalQuery, window);
  if (sli.errorQuery !== undefined) {
    return { errorRate: ratioQueryRate(sli.errorQuery, window), totalRate };
  }
  if (sli.goodQuery === undefined) {
    throw new Error("ratio SLI has neither errorQuery nor goodQuery (validate the catalogue first)");
  }
  return { errorRate: `${totalRate} - (${ratioQueryRate(sli.goodQuery, window)} or vector(0))`, totalRate };
}

/**
 * The SLI of `sli` for `service` over `window`, as per-second rates.
 *
 * - availability: requests with a 5xx status (or spans with status ERROR) over all requests;
 * - latency: requests slower than the threshold bucket over all requests of the histogram;
 * - ratio: the declared queries, summed to one series and, when they count per window
 *   (`increase`), divided by the window's seconds.
 */
export function sliQueries(service: ServiceDeclaration, sli: SliDefinition, window: string): SliQueries {
  switch (sli.kind) {
    case "availability": {
      const src = SLI_SOURCES[sli.source];
      return {
        errorRate: `sum(rate(${src.countMetric}${selector(service, src.scopeMatchers, src.errorMatchers)}[${window}]))`,
        totalRate: `sum(rate(${src.countMetric}${selector(service, src.scopeMatchers)}[${window}]))`,
      };
    }
    case "latency": {
      const src = SLI_SOURCES[sli.source];
      const total = `sum(rate(${src.histogramCountMetric}${selector(service, src.scopeMatchers)}[${window}]))`;
      const good = `sum(rate(${src.bucketMetric}${selector(service, src.scopeMatchers, leMatcher(sli.thresholdSeconds))}[${window}]))`;
      return { errorRate: `${total} - (${good} or vector(0))`, totalRate: total };
    }
    case "ratio":
      return ratioSliQueries(sli, window);
  }
}
