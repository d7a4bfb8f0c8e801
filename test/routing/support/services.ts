import type { CataloguedService, ServiceDeclaration } from "../../../catalogue/types";

/**
 * Stand-ins for the example catalogue (storefront, checkout-api, pricing-engine) with the
 * fields routing reads, used where a test needs a fixed catalogue it can vary.
 */
export function fixtureService(name: string, team: string, extra: Partial<ServiceDeclaration> = {}): CataloguedService {
  return {
    file: `stacks/services/${name}.ts`,
    declaration: {
      name,
      namespace: "shop",
      team,
      tier: "standard",
      language: "typescript",
      description: `${name} fixture.`,
      telemetry: { otlp: true },
      slos: [{ name: "availability", description: "Requests succeed.", objective: 99.9, sli: { kind: "availability", source: "otel-http" } }],
      ...extra,
    },
  };
}

export const FIXTURE_SERVICES: CataloguedService[] = [
  fixtureService("checkout-api", "payments", { tier: "critical" }),
  fixtureService("pricing-engine", "pricing", { language: "python" }),
  fixtureService("storefront", "commerce", { language: "php" }),
];
