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
  dependencies: [{ service: "checkout-api" }, { service: "pricing-engine" }],
  overrides: {
    local: { replicas: 1, pagingDisabled: true },
    staging: { replicas: 2, objectives: { latency: 90 } },
  },
});
