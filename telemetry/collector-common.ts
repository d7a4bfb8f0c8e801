import { COLLECTOR_METRICS_PORT, HEALTH_PORT, OTLP_GRPC_PORT, OTLP_HTTP_PORT } from "./endpoints";

/**
 * Settings both collector tiers share. memory_limiter works in percent of the container's
 * memory limit (the collector reads the cgroup limit), so it follows the stack's resources.
 */
export function memoryLimiter(): Record<string, unknown> {
  return { check_interval: "1s", limit_percentage: 80, spike_limit_percentage: 25 };
}

export function batchProcessor(): Record<string, unknown> {
  return { send_batch_size: 8192, send_batch_max_size: 16384, timeout: "2s" };
}

/** OTLP receiver on every interface of the pod (gRPC 4317, HTTP 4318). */
export function otlpReceiver(): Record<string, unknown> {
  return { protocols: { grpc: { endpoint: `0.0.0.0:${OTLP_GRPC_PORT}` }, http: { endpoint: `0.0.0.0:${OTLP_HTTP_PORT}` } } };
}

/** health_check for the kubelet's probes; pprof and zpages on loopback only (port-forward to use). */
export function extensions(): Record<string, unknown> {
  return {
    health_check: { endpoint: `0.0.0.0:${HEALTH_PORT}` },
    pprof: { endpoint: "127.0.0.1:1777" },
    zpages: { endpoint: "127.0.0.1:55679" },
  };
}

/**
 * The collector's own metrics, pulled by Prometheus on 8888; its logs as JSON on stderr.
 * `without_type_suffix: false`: with only host and port, otelcol 0.159 serves its counters
 * without `_total` (`otelcol_receiver_accepted_spans`), while the platform's alerts and
 * dashboards (dashboards/known-metrics.ts) read the `_total` names; the gateway end-to-end test
 * proves the names Prometheus stores.
 */
export function selfTelemetry(): Record<string, unknown> {
  return {
    metrics: { level: "normal", readers: [{ pull: { exporter: { prometheus: { host: "0.0.0.0", port: COLLECTOR_METRICS_PORT, without_type_suffix: false } } } }] },
    logs: { level: "info", encoding: "json" },
  };
}

/** A gRPC OTLP exporter to an in-cluster endpoint (plain text inside the cluster network). */
export function otlpExporter(endpoint: string): Record<string, unknown> {
  return { endpoint, tls: { insecure: true }, sending_queue: { enabled: true }, retry_on_failure: { enabled: true } };
}
