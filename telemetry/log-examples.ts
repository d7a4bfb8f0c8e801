/**
 * One schema-conforming log line per language the plan names, as each service's logger prints
 * it (TypeScript: pino with the schema's formatters; Python: the stdlib logging JSON formatter,
 * which writes ", " and ": " separators; PHP: Monolog's JSON formatter, which escapes "/").
 * docs/log-schema.md shows these exact lines; tests run them through the collector's parsing.
 */
export const LOG_LINE_EXAMPLES = {
  typescript:
    '{"timestamp":"2025-03-14T09:26:53.589Z","severity":"ERROR","message":"payment authorisation failed","service.name":"checkout-api","service.version":"1.8.2","deployment.environment":"production","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","error.type":"StripeCardError","error.message":"Your card was declined.","error.stack":"StripeCardError: Your card was declined.\\n    at authorise (/app/dist/payments.js:42:11)","attributes":{"order.id":"ord_8812","payment.provider":"stripe"}}',
  python:
    '{"timestamp": "2025-03-14T09:26:53.612345+00:00", "severity": "WARN", "message": "price cache miss, recomputing", "service.name": "pricing-engine", "service.version": "3.2.0", "deployment.environment": "production", "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736", "span_id": "b7ad6b7169203331", "attributes": {"sku": "SKU-1042", "cache": "redis"}}',
  php: '{"timestamp":"2025-03-14T09:26:53.498213+00:00","severity":"INFO","message":"checkout started","service.name":"storefront","service.version":"5.14.0","deployment.environment":"production","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"53995c3f42cd8ad8","attributes":{"cart.items":3,"customer.tier":"gold","http.route":"\\/checkout"}}',
} as const;

export type ExampleLanguage = keyof typeof LOG_LINE_EXAMPLES;
