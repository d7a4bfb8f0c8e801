import { defineService } from "../../catalogue/define";

/**
 * checkout-api: TypeScript (Node) service that turns a basket into an order and charges it
 * through Stripe. Instrumented with the OpenTelemetry Node SDK: traces and logs over OTLP,
 * metrics both over OTLP and on the SDK's Prometheus exporter (port 9464).
 */
export default defineService({
  name: "checkout-api",
  namespace: "shop",
  team: "payments",
  tier: "critical",
  language: "typescript",
  description: "Places orders and charges them through Stripe.",
  replicas: 3,
  requestDeadline: "8s",
  telemetry: {
    otlp: true,
    scrape: { port: 9464, portName: "metrics", path: "/metrics", interval: "30s" },
  },
  slos: [
    {
      name: "availability",
      description: "Checkout requests are answered without a server error.",
      objective: 99.9,
      sli: { kind: "availability", source: "otel-http" },
    },
    {
      name: "latency",
      description: "Checkout requests are answered within 500 ms.",
      objective: 99,
      sli: { kind: "latency", source: "otel-http", thresholdSeconds: 0.5 },
    },
    {
      // Payments are counted by the service itself: a declined card is not an error,
      // a failed call to Stripe or an internal failure is. Few per second at night, so
      // the page needs a minimum rate to avoid paging on a handful of failures.
      name: "payment-authorisation",
      description: "Card payments are authorised or declined, never lost to an error.",
      objective: 99.5,
      period: "28d",
      minRequestRate: 0.2,
      sli: {
        kind: "ratio",
        errorQuery: 'sum(increase(checkout_payment_authorisations_total{service="checkout-api", namespace="shop", outcome="error"}[{{window}}]))',
        totalQuery: 'sum(increase(checkout_payment_authorisations_total{service="checkout-api", namespace="shop"}[{{window}}]))',
      },
    },
  ],
  dependencies: [
    {
      service: "pricing-engine",
      // The order total must be exact, so no cached prices (fail-fast from the critical preset);
      // pricing answers within 100 ms, so one quick retry fits easily.
      resilience: { timeout: "250ms", retry: { backoffBase: "25ms", backoffCap: "100ms" } },
    },
    {
      external: "stripe",
      // Charges carry idempotency keys, so lost connections, timeouts and 429s are retried once;
      // a 5xx may have charged the card and is not. Stripe is slow under load: long timeout,
      // and the breaker opens early (25%) to stop piling requests onto it.
      resilience: {
        timeout: "3s",
        retry: { maxAttempts: 2, backoffBase: "200ms", backoffCap: "1s", retryOn: ["connection-error", "timeout", "throttled"] },
        circuitBreaker: { failureRatePercent: 25, minimumCalls: 10, windowCalls: 50, openDuration: "30s", halfOpenProbes: 2 },
        bulkhead: { maxConcurrent: 20, queueSize: 20 },
        // Stripe's test mode allows far fewer concurrent requests.
        environments: { staging: { bulkhead: { maxConcurrent: 5, queueSize: 5 } } },
      },
    },
  ],
  overrides: {
    local: { replicas: 1, pagingDisabled: true },
    staging: { replicas: 2, pagingDisabled: true, objectives: { availability: 99.5 } },
  },
  chaos: {
    experiments: [
      {
        name: "pod-kill",
        purpose: "Losing one replica is absorbed by the others and the order flow never errors.",
        fault: { kind: "pod-kill" },
        duration: "10m",
        schedule: { day: "tuesday", at: "10:00" },
      },
      {
        name: "pricing-latency",
        purpose: "Slow price lookups stay within the checkout latency SLO thanks to the pricing timeout.",
        fault: { kind: "network-delay", dependency: "pricing-engine", latency: "300ms", jitter: "50ms" },
        scope: { mode: "fixed-percent", percent: 50 },
        duration: "15m",
        schedule: { day: "tuesday", at: "14:00" },
      },
      {
        name: "stripe-dns",
        purpose: "A Stripe name-resolution failure is reported as a payment error, never a lost order.",
        fault: { kind: "dns-failure", dependency: "stripe", externalHosts: ["api.stripe.com"] },
        duration: "5m",
        schedule: { day: "wednesday", at: "10:00" },
      },
      {
        name: "cascading-pricing",
        scenario: "cascading-failure",
        purpose: "With pricing slow, losing a checkout replica does not cascade into storefront errors.",
        dependency: "pricing-engine",
        latency: "500ms",
        killAfter: "5m",
        duration: "15m",
        schedule: { day: "thursday", at: "10:00" },
      },
      {
        name: "zone-a-outage",
        scenario: "zone-outage",
        purpose: "Checkout survives the loss of every replica in one zone.",
        zone: "europe-west4-a",
        outage: "pod-failure",
        duration: "10m",
        schedule: { day: "thursday", at: "14:00" },
      },
    ],
  },
});
