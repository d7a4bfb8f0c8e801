/**
 * RED queries (rate, errors, duration) of one service from one request-metric source: the
 * OpenTelemetry HTTP server histogram or the collector's spanmetrics. Metric names, the error
 * matcher and the scope (server spans only for spanmetrics) come from the same table the SLI
 * rules use (`catalogue/sli-sources.ts`), so dashboards and alerts count the same requests.
 */
import { SLI_SOURCES } from "../catalogue/sli-sources";
import type { AvailabilitySli } from "../catalogue/types";
import { formatNumber } from "../alert-rules/format-number";
import { eq, RATE_INTERVAL, selector, sumRate } from "./promql";

/** Name of a request-metric source as declarations write it. */
export type RequestSource = AvailabilitySli["source"];

/** How a source is described on the dashboard, and the label that names an operation in it. */
export const SOURCE_INFO: Readonly<Record<RequestSource, { title: string; operationLabel: string; operationTitle: string }>> = {
  "otel-http": { title: "OpenTelemetry HTTP server metrics", operationLabel: "http_route", operationTitle: "route" },
  spanmetrics: { title: "spanmetrics of server spans", operationLabel: "span_name", operationTitle: "operation" },
};

/** The service a query is about; template variables (`$service`) or literal names. */
export interface ServiceRef {
  service: string;
  namespace: string;
}

/** The PromQL of every RED panel of one source. */
export interface RedQueries {
  /** Requests per second, one series. */
  requestRate: string;
  /** Requests per second per operation. */
  requestRateByOperation: string;
  /** Share of requests that failed (0–1), one series; 0 when nothing failed. */
  errorRatio: string;
  /** Share of requests that failed per operation. */
  errorRatioByOperation: string;
  /** The `q` quantile of the duration in seconds, one series. */
  durationQuantile(q: number): string;
  /** Bucket rates for the latency heatmap (`heatmap` format; exemplars attached). */
  heatmap: string;
}

/** RED queries of `ref` from `source`. */
export function redQueries(source: RequestSource, ref: ServiceRef): RedQueries {
  const src = SLI_SOURCES[source];
  const op = SOURCE_INFO[source].operationLabel;
  const scope = [eq("service", ref.service), eq("namespace", ref.namespace), src.scopeMatchers];
  const all = selector(src.countMetric, ...scope);
  const errors = selector(src.countMetric, ...scope, src.errorMatchers);
  const buckets = selector(src.bucketMetric, ...scope);
  return {
    requestRate: sumRate(all),
    requestRateByOperation: sumRate(all, [op]),
    errorRatio: `(${sumRate(errors)} or vector(0)) / ${sumRate(all)}`,
    errorRatioByOperation: `${sumRate(errors, [op])} / ${sumRate(all, [op])}`,
    durationQuantile: (q) => `histogram_quantile(${formatNumber(q)}, ${sumRate(buckets, ["le"])})`,
    heatmap: `sum by (le) (rate(${buckets}[${RATE_INTERVAL}]))`,
  };
}
