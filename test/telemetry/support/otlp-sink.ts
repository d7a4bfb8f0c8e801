import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { freePort, launchCollector, type LaunchedCollector } from "./run-collector";

/** A second collector standing in for Jaeger and Loki: it accepts OTLP and drops it. */
export interface OtlpSink {
  /** host:port of its OTLP/gRPC receiver (the gateway's Jaeger exporter). */
  grpcEndpoint: string;
  /** Full URL of its OTLP/HTTP logs path (the gateway's Loki exporter). */
  logsUrl: string;
  /** Its process, for output on failure. */
  collector: LaunchedCollector;
  stop(): Promise<void>;
}

/**
 * Starts `otelcol` (the same otelcol-sevensa binary) as an OTLP sink on loopback: OTLP gRPC and
 * HTTP in, the debug exporter (basic verbosity) out, no telemetry of its own. With it the
 * gateway's Jaeger and Loki exporters really send, so their `otelcol_exporter_sent_*` counters
 * move. The config goes to `dir`; the caller stops the sink.
 */
export async function startOtlpSink(otelcol: string, dir: string): Promise<OtlpSink> {
  const [grpc, http, health] = [await freePort(), await freePort(), await freePort()];
  const config = {
    extensions: { health_check: { endpoint: `127.0.0.1:${health}` } },
    receivers: { otlp: { protocols: { grpc: { endpoint: `127.0.0.1:${grpc}` }, http: { endpoint: `127.0.0.1:${http}` } } } },
    exporters: { debug: { verbosity: "basic" } },
    service: {
      extensions: ["health_check"],
      telemetry: { metrics: { level: "none" } },
      pipelines: { traces: { receivers: ["otlp"], exporters: ["debug"] }, logs: { receivers: ["otlp"], exporters: ["debug"] } },
    },
  };
  const file = path.join(dir, "otlp-sink.yaml");
  fs.writeFileSync(file, stringify(config));
  const collector = await launchCollector(otelcol, file, health, process.env);
  if (!collector.ready) throw new Error(`the OTLP sink did not become ready:\n${collector.output()}`);
  return { grpcEndpoint: `127.0.0.1:${grpc}`, logsUrl: `http://127.0.0.1:${http}/v1/logs`, collector, stop: () => collector.stop() };
}
