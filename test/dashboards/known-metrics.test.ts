/**
 * The known-metrics table agrees with what produces the series: the pinned collector
 * version, the SLI sources the SLO rules read, the connector settings of the gateway, and the
 * SLO recording names.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { RECORDING_NAMES } from "../../alert-rules/recording-names";
import { SLI_SOURCES } from "../../catalogue/sli-sources";
import { KNOWN_METRIC_GROUPS, KNOWN_METRICS, OTELCOL_VERSION_CHECKED } from "../../dashboards/known-metrics";
import { RESILIENCE_METRICS } from "../../resilience";
import { SERVICE_GRAPH_METRICS, SPANMETRICS_NAMESPACE, spanmetricsConnector } from "../../telemetry/red-metrics";
import { PROVEN_BY_E2E, UNPROVEN, type ProvenNames } from "../telemetry/support/proven-names";
import { REPO_ROOT } from "./support/context";

test("the names were checked against the collector release the platform builds", () => {
  const manifest = parse(fs.readFileSync(path.join(REPO_ROOT, "toolchain/otelcol/builder-config.yaml"), "utf8")) as { dist: { version: string } };
  expect(OTELCOL_VERSION_CHECKED).toBe(manifest.dist.version);
});

test("every metric the SLI presets read is known", () => {
  const sliMetrics = Object.values(SLI_SOURCES).flatMap((s) => [s.countMetric, s.histogramCountMetric, s.bucketMetric]);
  expect(sliMetrics.filter((m) => !KNOWN_METRICS.has(m))).toEqual([]);
});

test("every SLO recording is known", () => {
  expect(Object.values(RECORDING_NAMES).filter((m) => !KNOWN_METRICS.has(m))).toEqual([]);
});

test("spanmetrics names follow the gateway's connector settings: namespace traces.span.metrics, duration in seconds", () => {
  expect(SPANMETRICS_NAMESPACE).toBe("traces.span.metrics");
  expect((spanmetricsConnector().histogram as { unit: string }).unit).toBe("s");
  const group = KNOWN_METRIC_GROUPS.find((g) => g.key === "spanmetrics");
  expect(group?.metrics).toEqual([
    "traces_span_metrics_calls_total",
    "traces_span_metrics_duration_seconds_bucket",
    "traces_span_metrics_duration_seconds_count",
    "traces_span_metrics_duration_seconds_sum",
  ]);
});

test("servicegraph names match the telemetry path's list", () => {
  const expected = [
    SERVICE_GRAPH_METRICS.requests,
    SERVICE_GRAPH_METRICS.failed,
    ...[SERVICE_GRAPH_METRICS.serverSeconds, SERVICE_GRAPH_METRICS.clientSeconds].flatMap((b) => [`${b}_bucket`, `${b}_count`, `${b}_sum`]),
  ];
  expect(KNOWN_METRIC_GROUPS.find((g) => g.key === "servicegraph")?.metrics).toEqual(expected);
});

test("no metric is listed by two groups, and every group says where its names come from", () => {
  const all = KNOWN_METRIC_GROUPS.flatMap((g) => g.metrics);
  expect(all.length).toBe(new Set(all).size);
  for (const g of KNOWN_METRIC_GROUPS) {
    expect([g.key, g.source.length > 20, g.labels.length > 0]).toEqual([g.key, true, true]);
  }
});

describe("resilience metrics", () => {
  const groups = KNOWN_METRIC_GROUPS.filter((g) => g.key.startsWith("resilience-"));

  test("one group per instrument of the contract: its Prometheus name, its attributes plus the service labels and the scope label", () => {
    expect(groups.map((g) => [g.key, g.metrics, g.labels])).toEqual(
      Object.entries(RESILIENCE_METRICS).map(([key, m]) => [`resilience-${key}`, [m.prometheus], [...m.attributes, "service", "namespace", "pod", "otel_scope_name", "job", "instance"]]),
    );
    expect(groups.map((g) => g.metrics[0])).toEqual([
      "resilience_calls_total",
      "resilience_retries_total",
      "resilience_retry_budget_exhausted_total",
      "resilience_timeouts_total",
      "resilience_circuit_breaker_state",
      "resilience_circuit_breaker_transitions_total",
      "resilience_bulkhead_rejections_total",
      "resilience_fallbacks_total",
    ]);
  });

  test("each Prometheus name follows the OTLP translation the other groups follow: dots to underscores, no suffix for a {…} unit, _total on counters", () => {
    for (const m of Object.values(RESILIENCE_METRICS)) {
      expect([m.name, m.unit.startsWith("{") && m.unit.endsWith("}"), m.prometheus]).toEqual([
        m.name,
        true,
        `${m.name.replace(/\./g, "_")}${m.instrument === "counter" ? "_total" : ""}`,
      ]);
    }
  });
});

/**
 * Which end-to-end test proves which name, from test/telemetry/support/proven-names.ts: each
 * e2e test asserts the names of its own entry arrive from the real binaries, so a name added
 * here by hand fails until a binary has produced it (or UNPROVEN says why not).
 */
describe("names proven by a real binary", () => {
  /** Groups whose series the collector writes (connectors, its own telemetry) or carries (resilience). */
  const CHECKED = (key: string) => ["spanmetrics", "servicegraph", "otelcol-internal"].includes(key) || key.startsWith("resilience-");
  const checked = KNOWN_METRIC_GROUPS.filter((g) => CHECKED(g.key)).flatMap((g) => g.metrics);
  const proofs = (name: string, config?: ProvenNames["config"]) =>
    PROVEN_BY_E2E.filter((p) => p.names.includes(name) && (config === undefined || p.config === config)).map((p) => p.test);

  test("every name the collector produces or carries is proven by an end-to-end test, or UNPROVEN says why not", () => {
    expect(checked.filter((n) => proofs(n).length === 0 && UNPROVEN[n] === undefined)).toEqual([]);
  });

  test("the proof lists name only known names, and UNPROVEN nothing a test proves", () => {
    expect(PROVEN_BY_E2E.flatMap((p) => p.names).filter((n) => !KNOWN_METRICS.has(n))).toEqual([]);
    expect(Object.keys(UNPROVEN).filter((n) => !KNOWN_METRICS.has(n))).toEqual([]);
    expect(Object.keys(UNPROVEN).filter((n) => proofs(n).length > 0)).toEqual([]);
  });

  test("the gateway end to end proves the spanmetrics and servicegraph names and the collector's gauges and success-path counters (with _total) as generated", () => {
    const byGateway = checked.filter((n) => proofs(n, "as generated").includes("test/telemetry/gateway-e2e.test.ts"));
    expect(byGateway).toEqual([
      "traces_span_metrics_calls_total",
      "traces_span_metrics_duration_seconds_bucket",
      "traces_span_metrics_duration_seconds_count",
      "traces_span_metrics_duration_seconds_sum",
      "traces_service_graph_request_total",
      "traces_service_graph_request_failed_total",
      "traces_service_graph_request_server_seconds_bucket",
      "traces_service_graph_request_server_seconds_count",
      "traces_service_graph_request_server_seconds_sum",
      "traces_service_graph_request_client_seconds_bucket",
      "traces_service_graph_request_client_seconds_count",
      "traces_service_graph_request_client_seconds_sum",
      "otelcol_receiver_accepted_spans_total",
      "otelcol_receiver_refused_spans_total",
      "otelcol_receiver_accepted_metric_points_total",
      "otelcol_receiver_refused_metric_points_total",
      "otelcol_receiver_accepted_log_records_total",
      "otelcol_receiver_refused_log_records_total",
      "otelcol_exporter_sent_spans_total",
      "otelcol_exporter_sent_metric_points_total",
      "otelcol_exporter_sent_log_records_total",
      "otelcol_exporter_queue_size",
      "otelcol_exporter_queue_capacity",
      "otelcol_processor_tail_sampling_count_traces_sampled_total",
      "otelcol_processor_tail_sampling_global_count_traces_sampled_total",
      "otelcol_processor_tail_sampling_sampling_traces_on_memory",
      "otelcol_processor_tail_sampling_sampling_trace_dropped_too_early_total",
    ]);
  });

  test("the failure counters (sends that fail, a full queue) are proven by the failure end to end, with the generated reader", () => {
    const failure = "test/telemetry/collector-failure-names-e2e.test.ts";
    const onlyOnFailure = checked.filter((n) => !proofs(n, "as generated").includes("test/telemetry/gateway-e2e.test.ts") && proofs(n, "with failure settings").includes(failure));
    expect(onlyOnFailure).toEqual([
      "otelcol_exporter_send_failed_spans_total",
      "otelcol_exporter_enqueue_failed_spans_total",
      "otelcol_exporter_send_failed_metric_points_total",
      "otelcol_exporter_enqueue_failed_metric_points_total",
      "otelcol_exporter_send_failed_log_records_total",
      "otelcol_exporter_enqueue_failed_log_records_total",
    ]);
  });

  test("Jaeger, as generated, serves the three counters its platform-health panels read with _total", () => {
    expect(checked.filter((n) => proofs(n, "as generated").includes("test/telemetry/jaeger-names-e2e.test.ts"))).toEqual([
      "otelcol_receiver_accepted_spans_total",
      "otelcol_exporter_sent_spans_total",
      "otelcol_exporter_send_failed_spans_total",
    ]);
  });

  test("the resilience names are proven by the resilience end to end, and these groups by no end-to-end test", () => {
    const resilience = KNOWN_METRIC_GROUPS.filter((g) => g.key.startsWith("resilience-")).flatMap((g) => g.metrics);
    expect(resilience.map((n) => proofs(n, "as generated"))).toEqual(resilience.map(() => ["test/dashboards/resilience-metrics-e2e.test.ts"]));
    expect(KNOWN_METRIC_GROUPS.filter((g) => !CHECKED(g.key)).map((g) => g.key)).toEqual(["slo-recordings", "http-semconv", "prometheus", "alertmanager", "loki", "scrape"]);
  });
});
