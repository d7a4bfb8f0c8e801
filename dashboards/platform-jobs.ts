/**
 * Prometheus scrape jobs of the platform's own components, as the platform health dashboard
 * selects them. `prometheus` and `alertmanager` are the jobs of generators/prometheus-config.ts
 * (`platformTargets`); the collector tiers, Jaeger and Loki must be scraped under these names
 * too (their metrics ports: telemetry/endpoints.ts).
 */
export const PLATFORM_JOBS = {
  prometheus: "prometheus",
  alertmanager: "alertmanager",
  collectorAgent: "otel-agent",
  collectorGateway: "otel-gateway",
  jaeger: "jaeger",
  loki: "loki",
} as const;

/** Regex of both collector tiers' jobs. */
export const COLLECTOR_JOBS_REGEX = `${PLATFORM_JOBS.collectorAgent}|${PLATFORM_JOBS.collectorGateway}`;
