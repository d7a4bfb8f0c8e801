import { defineService } from "../../catalogue/define";

/**
 * storefront: PHP (Symfony) web shop front end. The OpenTelemetry PHP SDK pushes traces,
 * metrics and logs over OTLP; PHP-FPM has no long-lived process to scrape.
 */
export default defineService({
  name: "storefront",
  namespace: "shop",
  team: "commerce",
  tier: "standard",
  language: "php",
  description: "Serves the web shop: catalogue pages, basket and the way into checkout.",
  replicas: 3,
  requestDeadline: "15s",
  telemetry: { otlp: true },
  slos: [
    {
      name: "availability",
      description: "Shop pages load without a server error.",
      objective: 99.5,
      sli: { kind: "availability", source: "otel-http" },
    },
    {
      name: "latency",
      description: "Shop pages are served within 1 second.",
      objective: 95,
      period: "7d",
      sli: { kind: "latency", source: "otel-http", thresholdSeconds: 1 },
    },
  ],
  dependencies: [
    {
      service: "checkout-api",
      // Placing an order is not idempotent: never retried, and the timeout outlasts checkout-api's
      // own 8s deadline so a payment in progress is never abandoned. A failure shows the
      // "try again" page (the degraded handler).
      resilience: {
        timeout: "9s",
        retry: false,
        circuitBreaker: { minimumCalls: 10, openDuration: "20s" },
        bulkhead: { maxConcurrent: 16, queueSize: 8 },
        fallback: { strategy: "degraded" },
      },
    },
    {
      service: "pricing-engine",
      // Catalogue pages may show a price up to five minutes old rather than an error; the
      // basket re-prices through checkout-api anyway.
      resilience: {
        timeout: "300ms",
        retry: { maxAttempts: 2, backoffBase: "50ms", backoffCap: "200ms" },
        fallback: { strategy: "cached", maxAge: "5m" },
        environments: { local: { circuitBreaker: false } },
      },
    },
  ],
  overrides: {
    local: { replicas: 1, pagingDisabled: true },
    staging: { replicas: 2, objectives: { latency: 90 } },
  },
  chaos: {
    experiments: [
      {
        name: "checkout-partition",
        purpose: "The storefront shows a retry page, not a server error, when checkout is unreachable.",
        fault: { kind: "network-partition", dependency: "checkout-api" },
        duration: "5m",
        schedule: { day: "monday", at: "10:00" },
      },
      {
        name: "cart-delay",
        fault: { kind: "http-delay", port: 8080, path: "/cart*", delay: "2s" },
        duration: "10m",
        schedule: { day: "monday", at: "14:00" },
      },
      {
        name: "cpu-stress",
        fault: { kind: "cpu-stress", workers: 2, loadPercent: 80 },
        duration: "10m",
        schedule: { day: "wednesday", at: "14:00" },
      },
    ],
  },
});
