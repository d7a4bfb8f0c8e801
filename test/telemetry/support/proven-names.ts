import { RESILIENCE_METRICS } from "../../../resilience";

/**
 * Which metric names of dashboards/known-metrics.ts a real binary has produced, and in which
 * end-to-end test. Each e2e test named here asserts every name of its entry arrives (so an
 * entry cannot claim more than its test checks), and test/dashboards/known-metrics.test.ts
 * requires every collector-produced known name to be in an entry here or in UNPROVEN with the
 * reason (so a name added to known-metrics.ts by hand cannot go unchecked).
 *
 * Finding of these tests (otelcol-sevensa 0.159.0): a telemetry reader with only host and port
 * serves the collector's counters WITHOUT the `_total` suffix (`otelcol_receiver_accepted_spans`),
 * so the `_total` names the platform's dashboards and alerts query found nothing. The generated
 * reader (telemetry/collector-common.ts) now sets `without_type_suffix: false`, and the gateway end
 * to end asserts the `_total` names are stored and the suffixless ones are not. Jaeger 2.13 (its
 * own collector inside) appends `_total` with its reader as generated.
 */

/** Histogram series of a Prometheus histogram named `base`. */
function histogram(base: string): string[] {
  return [`${base}_bucket`, `${base}_count`, `${base}_sum`];
}

const SIGNALS = ["spans", "metric_points", "log_records"] as const;

/** Names one end-to-end test proves. */
export interface ProvenNames {
  /** The test file, relative to the repository root. */
  test: string;
  /** What the test runs and where it finds the names. */
  how: string;
  /** The generated config as it is, or with the test's own failure settings (unreachable exporters, small queues). */
  config: "as generated" | "with failure settings";
  names: readonly string[];
}

/** The spanmetrics and servicegraph series the gateway remote-writes into Prometheus. */
export const GATEWAY_CONNECTOR_NAMES: ProvenNames = {
  test: "test/telemetry/gateway-e2e.test.ts",
  how:
    "otelcol-sevensa runs the generated local gateway; a CLIENT span of storefront and its failed SERVER child in checkout-api are " +
    "pushed over OTLP/HTTP; the series are read back from a real Prometheus 2.42 (remote-write receiver)",
  config: "as generated",
  names: [
    "traces_span_metrics_calls_total",
    ...histogram("traces_span_metrics_duration_seconds"),
    "traces_service_graph_request_total",
    "traces_service_graph_request_failed_total",
    ...histogram("traces_service_graph_request_server_seconds"),
    ...histogram("traces_service_graph_request_client_seconds"),
  ],
};

const GATEWAY_TELEMETRY_HOW =
  "the same gateway run (Jaeger and Loki exporters sending to a second otelcol-sevensa as OTLP sink; spans, metric points and a log " +
  "record pushed); Prometheus 2.42 scrapes the config's service.telemetry Prometheus reader every second (job otelcol-gateway)";

/** Known counter names the gateway serves on the success path (with `_total`, never without). */
export const GATEWAY_COUNTER_NAMES: readonly string[] = [
  ...SIGNALS.flatMap((s) => [`otelcol_receiver_accepted_${s}_total`, `otelcol_receiver_refused_${s}_total`]),
  ...SIGNALS.map((s) => `otelcol_exporter_sent_${s}_total`),
  "otelcol_processor_tail_sampling_count_traces_sampled_total",
  "otelcol_processor_tail_sampling_global_count_traces_sampled_total",
  "otelcol_processor_tail_sampling_sampling_trace_dropped_too_early_total",
];

/** The gateway's own telemetry, as generated, that carries a known name: the gauges and the success-path counters. */
export const GATEWAY_TELEMETRY_NAMES: ProvenNames = {
  test: "test/telemetry/gateway-e2e.test.ts",
  how: GATEWAY_TELEMETRY_HOW,
  config: "as generated",
  names: ["otelcol_exporter_queue_size", "otelcol_exporter_queue_capacity", "otelcol_processor_tail_sampling_sampling_traces_on_memory", ...GATEWAY_COUNTER_NAMES],
};

/** The gateway's own telemetry on the failure path (sends that fail, a full sending queue). */
export const GATEWAY_FAILURE_NAMES: ProvenNames = {
  test: "test/telemetry/collector-failure-names-e2e.test.ts",
  how:
    "otelcol-sevensa runs the generated local gateway with every exporter pointed at a loopback server that accepts and " +
    "never answers, retries off, a 5 s timeout and a one-request sending queue; Prometheus 2.42 scrapes its telemetry",
  config: "with failure settings",
  names: [
    ...SIGNALS.map((s) => `otelcol_exporter_send_failed_${s}_total`),
    ...SIGNALS.map((s) => `otelcol_exporter_enqueue_failed_${s}_total`),
    // A failed send adds 0 to the sent counter, so the sent series exist too.
    ...SIGNALS.map((s) => `otelcol_exporter_sent_${s}_total`),
    ...SIGNALS.flatMap((s) => [`otelcol_receiver_accepted_${s}_total`, `otelcol_receiver_refused_${s}_total`]),
    "otelcol_processor_tail_sampling_count_traces_sampled_total",
    "otelcol_processor_tail_sampling_global_count_traces_sampled_total",
    "otelcol_processor_tail_sampling_sampling_trace_dropped_too_early_total",
  ],
};

/** Jaeger v2's own telemetry as generated: the names the platform-health Jaeger panels read. */
export const JAEGER_TELEMETRY_NAMES: ProvenNames = {
  test: "test/telemetry/jaeger-names-e2e.test.ts",
  how:
    "the toolchain's Jaeger 2.13 runs the generated local config (memory storage) on loopback; a span is pushed over OTLP/HTTP and " +
    "the config's service.telemetry Prometheus reader is read with Prometheus' Accept header (Jaeger's embedded collector appends _total)",
  config: "as generated",
  names: ["otelcol_receiver_accepted_spans_total", "otelcol_exporter_sent_spans_total", "otelcol_exporter_send_failed_spans_total"],
};

/** The resilience contract's series (that test compares the arrived names with the contract's, exactly). */
export const RESILIENCE_NAMES: ProvenNames = {
  test: "test/dashboards/resilience-metrics-e2e.test.ts",
  how:
    "the resilience client's own instruments on the OpenTelemetry SDK are pushed over OTLP/HTTP through the generated local gateway " +
    "into a real Prometheus 2.42",
  config: "as generated",
  names: Object.values(RESILIENCE_METRICS).map((m) => m.prometheus),
};

/** Every entry, for the known-metrics test. */
export const PROVEN_BY_E2E: readonly ProvenNames[] = [
  GATEWAY_CONNECTOR_NAMES,
  GATEWAY_TELEMETRY_NAMES,
  GATEWAY_FAILURE_NAMES,
  JAEGER_TELEMETRY_NAMES,
  RESILIENCE_NAMES,
];

/**
 * Known names of the collector groups no binary run has produced, each with the reason. Empty
 * now; a name added to known-metrics.ts goes into an e2e test's list above, or here with why not.
 */
export const UNPROVEN: Readonly<Record<string, string>> = {};
