/**
 * Which telemetry a declared service produces, decided from its declaration alone: the
 * request-metric sources its dashboard can read RED and latency from, and whether it sends
 * traces (spanmetrics, servicegraph edges and Jaeger traces exist only then).
 */
import type { ServiceDeclaration } from "../catalogue/types";
import type { RequestSource } from "./red-queries";

export interface ServiceSignals {
  /**
   * Request-metric sources, preferred first: the OpenTelemetry HTTP server histogram when an
   * SLI reads it (not sampled, per route), then spanmetrics when the service sends traces.
   * Empty when the service declares neither.
   */
  requestSources: RequestSource[];
  /** The service sends traces: it pushes OTLP, or an SLI reads spanmetrics (which only traces produce). */
  traces: boolean;
}

export function serviceSignals(d: ServiceDeclaration): ServiceSignals {
  const sliSources = new Set(d.slos.flatMap((s) => (s.sli.kind === "ratio" ? [] : [s.sli.source])));
  const traces = d.telemetry.otlp === true || sliSources.has("spanmetrics");
  const requestSources: RequestSource[] = [];
  if (sliSources.has("otel-http")) requestSources.push("otel-http");
  if (traces) requestSources.push("spanmetrics");
  return { requestSources, traces };
}
