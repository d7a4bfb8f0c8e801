/**
 * Where the SLI presets read from: metric names, the label matcher that marks an error,
 * and the histogram bucket boundaries a latency threshold must be one of.
 *
 * Every service metric carries the `service` and `namespace` labels (platform label
 * contract). The collector pipeline must export spanmetrics with `service` (not
 * `service_name`) and with the histogram unit set to seconds and these boundaries.
 */
import type { AvailabilitySli } from "./types";

/** One SLI source. */
export interface SliSource {
  /** Counter of all requests, as Prometheus sees it (availability). */
  countMetric: string;
  /** Count series of the duration histogram (latency: the denominator matching the buckets). */
  histogramCountMetric: string;
  /** Histogram bucket series of request durations in seconds (`le` label). */
  bucketMetric: string;
  /** Label matchers, without braces, that select only the requests that count as errors. */
  errorMatchers: string;
  /** Label matchers, without braces, that select the requests the SLI is about (all of them, or server spans only). */
  scopeMatchers: string;
  /** Bucket boundaries (seconds) of the duration histogram; a latency threshold must be one of them. */
  bucketBoundaries: readonly number[];
}

/**
 * `http.server.request.duration` of the OpenTelemetry HTTP semantic conventions, exported
 * to Prometheus; its advised bucket boundaries. A 5xx response is an error.
 */
const OTEL_HTTP: SliSource = {
  countMetric: "http_server_request_duration_seconds_count",
  histogramCountMetric: "http_server_request_duration_seconds_count",
  bucketMetric: "http_server_request_duration_seconds_bucket",
  errorMatchers: 'http_response_status_code=~"5.."',
  scopeMatchers: "",
  bucketBoundaries: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
};

/**
 * The collector's spanmetrics connector (server spans only), with the connector's default
 * bucket boundaries expressed in seconds. A span with status ERROR is an error.
 */
const SPANMETRICS: SliSource = {
  countMetric: "traces_span_metrics_calls_total",
  histogramCountMetric: "traces_span_metrics_duration_seconds_count",
  bucketMetric: "traces_span_metrics_duration_seconds_bucket",
  errorMatchers: 'status_code="STATUS_CODE_ERROR"',
  scopeMatchers: 'span_kind="SPAN_KIND_SERVER"',
  bucketBoundaries: [0.002, 0.004, 0.006, 0.008, 0.01, 0.05, 0.1, 0.2, 0.4, 0.8, 1, 1.4, 2, 5, 10, 15],
};

/** The SLI sources by the name a declaration uses. */
export const SLI_SOURCES: Readonly<Record<AvailabilitySli["source"], SliSource>> = {
  "otel-http": OTEL_HTTP,
  spanmetrics: SPANMETRICS,
};
