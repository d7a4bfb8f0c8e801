import { defineService } from "../../catalogue/define";

/**
 * pricing-engine: Python (FastAPI) service computing prices, discounts and tax. Its
 * OpenTelemetry SDK pushes traces and logs over OTLP; request metrics come from the
 * collector's spanmetrics, and process metrics are scraped from prometheus_client.
 */
export default defineService({
  name: "pricing-engine",
  namespace: "shop",
  team: "pricing",
  tier: "standard",
  language: "python",
  description: "Computes prices, discounts and tax for baskets.",
  replicas: 2,
  requestDeadline: "2s",
  telemetry: {
    otlp: true,
    scrape: { port: 8000, portName: "metrics" },
  },
  slos: [
    {
      name: "availability",
      description: "Price calculations finish without an error.",
      objective: 99.9,
      sli: { kind: "availability", source: "spanmetrics" },
    },
    {
      name: "latency",
      description: "Price calculations finish within 100 ms.",
      objective: 99,
      sli: { kind: "latency", source: "spanmetrics", thresholdSeconds: 0.1 },
    },
  ],
  dependencies: [
    {
      external: "postgres",
      // Queries answer in a few milliseconds; retries hide a dropped connection. The pool holds
      // 20 connections per replica, so at most 20 queries run and 40 wait.
      resilience: {
        timeout: "250ms",
        retry: { maxAttempts: 3, backoffBase: "25ms", backoffCap: "100ms", retryOn: ["connection-error", "timeout"] },
        bulkhead: { maxConcurrent: 20, queueSize: 40 },
        // One shared development database: a breaker would only hide mistakes.
        environments: { local: { circuitBreaker: false } },
      },
    },
  ],
  overrides: {
    local: { replicas: 1, pagingDisabled: true },
    staging: { replicas: 1 },
    production: { replicas: 3 },
  },
  chaos: {
    experiments: [
      {
        name: "postgres-loss",
        purpose: "Five percent packet loss to the database is hidden by retries.",
        fault: { kind: "network-loss", dependency: "postgres", externalHosts: ["pricing-db.shop.internal"], lossPercent: 5 },
        // One replica in staging: `one` reaches its only pod, which a standard service with a single
        // replica may take (never mode "all": with more replicas the fault stays on one pod).
        scope: { mode: "one" },
        duration: "10m",
        schedule: { day: "friday", at: "10:00" },
      },
    ],
  },
});
