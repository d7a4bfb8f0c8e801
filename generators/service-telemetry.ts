import type { CataloguedService, EnvironmentName } from "../catalogue/types";
import { SCRAPE_CONTRACT } from "./scrape-contract";

/** What the OTEL_* environment of a service is made from. */
export interface OtelEnvInput {
  service: CataloguedService;
  environment: EnvironmentName;
  /** OTLP/HTTP endpoint of the node-local collector agent, e.g. `http://otel-agent.monitoring-agents.svc:4318`. */
  otlpEndpoint: string;
  /** Head-sampling ratio in percent (0–100) for the parent-based ratio sampler. */
  headSamplingPercent: number;
}

/** A ratio in percent printed as the sampler argument (0–1) without float noise. */
function ratioText(percent: number): string {
  return String(Number((percent / 100).toFixed(6)));
}

/**
 * The standard OpenTelemetry SDK environment for a declared service: service name and resource
 * attributes (the same `service`/`namespace` identity Prometheus labels carry), the parent-based
 * ratio sampler from the stack's sampling config, and the OTLP exporter endpoint. Plain data;
 * the workload mounts it with `envFrom`.
 */
export function otelEnvironment(input: OtelEnvInput): Record<string, string> {
  const d = input.service.declaration;
  const attrs = [
    `service.namespace=${d.namespace}`,
    `deployment.environment.name=${input.environment}`,
    `sevensa.team=${d.team}`,
    `sevensa.tier=${d.tier}`,
  ];
  return {
    OTEL_SERVICE_NAME: d.name,
    OTEL_RESOURCE_ATTRIBUTES: attrs.join(","),
    OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
    OTEL_TRACES_SAMPLER_ARG: ratioText(input.headSamplingPercent),
    OTEL_EXPORTER_OTLP_ENDPOINT: input.otlpEndpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
    OTEL_TRACES_EXPORTER: "otlp",
    OTEL_METRICS_EXPORTER: "otlp",
    OTEL_LOGS_EXPORTER: "otlp",
    OTEL_METRICS_EXEMPLAR_FILTER: "trace_based",
    OTEL_PROPAGATORS: "tracecontext,baggage",
  };
}

/** Pod labels and annotations a workload carries so Prometheus discovers it (the scrape contract). */
export interface ScrapeMarkers {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** The scrape-contract markers of a declared service; a service without `scrape` only gets its name label. */
export function scrapeMarkers(service: CataloguedService): ScrapeMarkers {
  const d = service.declaration;
  const labels: Record<string, string> = { [SCRAPE_CONTRACT.serviceLabel]: d.name };
  const scrape = d.telemetry.scrape;
  if (scrape === undefined) return { labels, annotations: {} };
  labels[SCRAPE_CONTRACT.optInLabel] = "true";
  const annotations: Record<string, string> = {
    [SCRAPE_CONTRACT.portAnnotation]: String(scrape.port),
    [SCRAPE_CONTRACT.pathAnnotation]: scrape.path ?? "/metrics",
  };
  if (scrape.interval !== undefined) annotations[SCRAPE_CONTRACT.intervalAnnotation] = scrape.interval;
  return { labels, annotations };
}
