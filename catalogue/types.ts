import type { ChaosDeclaration } from "../chaos/types";

/**
 * The service declaration API: what a service team writes, in one file under
 * `stacks/services/`, to get scraping, SLO rules, dashboards, on-call routes,
 * resilience settings and chaos experiments. Plain data, no Pulumi.
 */
import type { ResilienceOverride } from "../resilience/declaration";

/** The environments (Pulumi stacks) the platform knows. */
export const ENVIRONMENTS = ["local", "staging", "production"] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** How much a service matters: drives alert severity, resilience presets and chaos limits. */
export type Tier = "critical" | "standard" | "best-effort";

/** Implementation language; decides which instrumentation guide and log example applies. */
export type Language = "typescript" | "python" | "php" | "go" | "java";

/** How the service exposes telemetry. At least one of `otlp` or `scrape` must be set. */
export interface TelemetryDeclaration {
  /** The service pushes traces, metrics and logs over OTLP to the node-local collector agent. @default false */
  otlp?: boolean;
  /** The service exposes Prometheus metrics that Prometheus scrapes. @default - not scraped */
  scrape?: ScrapeDeclaration;
}

/** A Prometheus scrape endpoint of the service's pods. */
export interface ScrapeDeclaration {
  /** Container port number that serves metrics. @default - none (required) */
  port: number;
  /** Name of that container port (IANA_SVC_NAME, at most 15 characters). @default "metrics" */
  portName?: string;
  /** HTTP path of the metrics endpoint. @default "/metrics" */
  path?: string;
  /** Scrape interval as a Prometheus duration. @default "30s" */
  interval?: string;
}

/**
 * Availability from OpenTelemetry HTTP server metrics
 * (`http.server.request.duration` exported to Prometheus as
 * `http_server_request_duration_seconds_*`) or from the collector's spanmetrics
 * (`traces_span_metrics_calls_total`). An error is a 5xx response (or span status ERROR).
 */
export interface AvailabilitySli {
  kind: "availability";
  /** Which metrics the SLI is computed from. @default - none (required) */
  source: "otel-http" | "spanmetrics";
}

/**
 * Latency: the share of requests faster than `thresholdSeconds`, from the
 * duration histogram of `source`. The threshold must be an existing bucket boundary.
 */
export interface LatencySli {
  kind: "latency";
  /** Which histogram the SLI is computed from. @default - none (required) */
  source: "otel-http" | "spanmetrics";
  /** Requests at or under this many seconds are good; must be one of the histogram's bucket boundaries. @default - none (required) */
  thresholdSeconds: number;
}

/**
 * Generic ratio SLI from PromQL. Exactly one of `errorQuery` or `goodQuery` is given, plus
 * `totalQuery`. Each query is a counter *increase or rate over `{{window}}`*, e.g.
 * `sum(rate(http_requests_total{job="x",code=~"5.."}[{{window}}]))`.
 */
export interface RatioSli {
  kind: "ratio";
  /** PromQL for bad events over `{{window}}`. @default - none (one of errorQuery/goodQuery) */
  errorQuery?: string;
  /** PromQL for good events over `{{window}}`. @default - none (one of errorQuery/goodQuery) */
  goodQuery?: string;
  /** PromQL for all events over `{{window}}`. @default - none (required) */
  totalQuery: string;
}

export type SliDefinition = AvailabilitySli | LatencySli | RatioSli;

/** A service level objective. */
export interface SloDefinition {
  /** DNS-1123 label, unique within the service. @default - none (required) */
  name: string;
  /** One sentence a human reads on the dashboard and in the alert. @default - none (required) */
  description: string;
  /** Target in percent, e.g. 99.9. Must be > 0 and < 100, and not a fraction like 0.999. @default - none (required) */
  objective: number;
  /** SLO period as a Prometheus duration. @default "30d" */
  period?: string;
  /** Requests per second below which no page fires (low-traffic guard). @default - no minimum */
  minRequestRate?: number;
  /** How the SLI is measured. @default - none (required) */
  sli: SliDefinition;
}

/** A call from this service to another declared service or to a named external system. */
export type DependencyDeclaration =
  | { /** Name of another declared service. */ service: string; /** Resilience policy overrides for this call (see resilience/). @default - tier preset */ resilience?: ResilienceOverride }
  | { /** Name of an external system (DNS-1123), e.g. "stripe". */ external: string; /** Resilience policy overrides for this call. @default - tier preset */ resilience?: ResilienceOverride };

/** Per-environment differences. Only what differs is stated. */
export interface ServiceOverride {
  /** Replica count the service runs with in this environment (chaos modes are bounded by it). @default - the declaration's `replicas` */
  replicas?: number;
  /** SLO objectives that differ in this environment, by SLO name. @default - none */
  objectives?: Record<string, number>;
  /** Disable paging in this environment (tickets still open). @default false */
  pagingDisabled?: boolean;
}

/** One service, as a team declares it. */
export interface ServiceDeclaration {
  /** DNS-1123 label, unique in the catalogue; becomes the `service` label everywhere. @default - none (required) */
  name: string;
  /** Kubernetes namespace the service runs in (DNS-1123). @default - none (required) */
  namespace: string;
  /** Owning team; must be declared under `stacks/teams/`. @default - none (required) */
  team: string;
  /** Criticality. @default - none (required) */
  tier: Tier;
  /** Implementation language. @default - none (required) */
  language: Language;
  /** What the service does, in one sentence. @default - none (required) */
  description: string;
  /** Number of replicas the service runs with. @default 2 */
  replicas?: number;
  /** Request deadline of this service's own handlers, as a Prometheus duration (resilience budget checks). @default "10s" */
  requestDeadline?: string;
  /** How the service exposes telemetry. @default - none (required) */
  telemetry: TelemetryDeclaration;
  /** Service level objectives; at least one. @default - none (required) */
  slos: SloDefinition[];
  /** Outgoing calls. @default [] */
  dependencies?: DependencyDeclaration[];
  /** Per-environment overrides. @default {} */
  overrides?: Partial<Record<EnvironmentName, ServiceOverride>>;
  /** Chaos experiments against this service (run only where the stack allows chaos). @default - no experiments */
  chaos?: ChaosDeclaration;
}

/** A declaration plus the file it came from, as the catalogue loader returns it. */
export interface CataloguedService {
  /** Path of the declaring file relative to the repository root, e.g. `stacks/services/checkout.ts`. */
  file: string;
  declaration: ServiceDeclaration;
}
