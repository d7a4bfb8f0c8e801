import { batchProcessor, extensions, memoryLimiter, otlpExporter, otlpReceiver, selfTelemetry } from "./collector-common";
import { derivedMetricStatements, logLabelStatements, metricLabelStatements, pushedMetricStatements } from "./label-contract";
import { renderCollectorConfig, type CollectorDefinition } from "./pipeline";
import { servicegraphConnector, spanmetricsConnector } from "./red-metrics";
import type { SamplingConfig } from "./sampling-schema";
import { tailSamplingProcessor } from "./tail-sampling";

/** What the gateway config is made from. */
export interface GatewayConfigInput {
  /** Validated sampling config of the stack. */
  sampling: SamplingConfig;
  /** Jaeger's OTLP/gRPC endpoint as host:port. */
  jaegerOtlpEndpoint: string;
  /** Loki's OTLP logs URL (`http://…:3100/otlp/v1/logs`). */
  lokiOtlpLogsUrl: string;
  /** Remote-write URL of every Prometheus replica (see prometheusRemoteWriteUrls). */
  prometheusRemoteWriteUrls: string[];
}

/** The id of the remote-write exporter to Prometheus replica `i`. */
export function remoteWriteExporterId(i: number): string {
  return `prometheus_remote_write/${i}`;
}

/**
 * The gateway (Deployment) as a typed definition. Every span feeds spanmetrics and servicegraph
 * (RED metrics and the dependency graph, computed before sampling); the same spans go through
 * tail sampling to Jaeger. Metrics (pushed and derived) get the `service`/`namespace` label
 * contract (pushed ones also `pod`, derived ones the gateway replica's `collector_pod`) and are
 * remote-written to every Prometheus replica; logs get their stream labels and go to Loki over OTLP.
 */
export function gatewayDefinition(input: GatewayConfigInput): CollectorDefinition {
  if (input.prometheusRemoteWriteUrls.length === 0) throw new Error("gateway: prometheusRemoteWriteUrls is empty (at least one Prometheus replica)");
  const remoteWrite = Object.fromEntries(
    input.prometheusRemoteWriteUrls.map((endpoint, i) => [
      remoteWriteExporterId(i),
      {
        http: { endpoint },
        // Units and types as Prometheus suffixes: traces_span_metrics_calls_total, …_duration_seconds_bucket.
        translation_strategy: "UnderscoreEscapingWithSuffixes",
        resource_to_telemetry_conversion: { enabled: false },
        target_info: { enabled: false },
        remote_write_queue: { enabled: true },
        retry_on_failure: { enabled: true },
      },
    ]),
  );
  return {
    receivers: { otlp: otlpReceiver() },
    processors: {
      memory_limiter: memoryLimiter(),
      tail_sampling: tailSamplingProcessor(input.sampling),
      "transform/label-contract": { error_mode: "ignore", metric_statements: metricLabelStatements() },
      "transform/pushed-metrics": { error_mode: "ignore", metric_statements: pushedMetricStatements() },
      "transform/derived-metrics": { error_mode: "ignore", metric_statements: derivedMetricStatements() },
      "transform/loki-labels": { error_mode: "ignore", log_statements: logLabelStatements() },
      batch: batchProcessor(),
    },
    exporters: {
      "otlp_grpc/jaeger": otlpExporter(input.jaegerOtlpEndpoint),
      "otlp_http/loki": { logs_endpoint: input.lokiOtlpLogsUrl, sending_queue: { enabled: true }, retry_on_failure: { enabled: true } },
      ...remoteWrite,
    },
    connectors: { span_metrics: spanmetricsConnector(), service_graph: servicegraphConnector() },
    extensions: extensions(),
    pipelines: [
      { id: "traces/red", receivers: ["otlp"], processors: ["memory_limiter"], exporters: ["span_metrics", "service_graph"] },
      { id: "traces/sampled", receivers: ["otlp"], processors: ["memory_limiter", "tail_sampling", "batch"], exporters: ["otlp_grpc/jaeger"] },
      { id: "metrics", receivers: ["otlp"], processors: ["memory_limiter", "transform/label-contract", "transform/pushed-metrics", "batch"], exporters: Object.keys(remoteWrite) },
      {
        id: "metrics/red",
        receivers: ["span_metrics", "service_graph"],
        processors: ["memory_limiter", "transform/derived-metrics", "transform/label-contract", "batch"],
        exporters: Object.keys(remoteWrite),
      },
      { id: "logs", receivers: ["otlp"], processors: ["memory_limiter", "transform/loki-labels", "batch"], exporters: ["otlp_http/loki"] },
    ],
    telemetry: selfTelemetry(),
  };
}

/** The gateway config file as plain data (render with renderYaml). */
export function generateGatewayConfig(input: GatewayConfigInput): Record<string, unknown> {
  return renderCollectorConfig("gateway", gatewayDefinition(input));
}
