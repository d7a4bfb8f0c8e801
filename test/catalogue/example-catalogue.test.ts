import * as path from "path";
import { loadCatalogue } from "../../catalogue/load";
import { validateCatalogue } from "../../catalogue/validate";

const REPO = path.resolve(__dirname, "../..");

test("the example catalogue loads and validates against the declared teams", () => {
  const services = validateCatalogue(loadCatalogue(REPO), { knownTeams: ["commerce", "payments", "pricing", "platform"] });
  expect(
    services.map((s) => ({
      file: s.file,
      name: s.declaration.name,
      team: s.declaration.team,
      tier: s.declaration.tier,
      language: s.declaration.language,
      namespace: s.declaration.namespace,
      dependencies: (s.declaration.dependencies ?? []).map((d) => ("service" in d ? d.service : `external:${d.external}`)),
    })),
  ).toEqual([
    { file: "stacks/services/checkout-api.ts", name: "checkout-api", team: "payments", tier: "critical", language: "typescript", namespace: "shop", dependencies: ["pricing-engine", "external:stripe"] },
    { file: "stacks/services/pricing-engine.ts", name: "pricing-engine", team: "pricing", tier: "standard", language: "python", namespace: "shop", dependencies: ["external:postgres"] },
    { file: "stacks/services/storefront.ts", name: "storefront", team: "commerce", tier: "standard", language: "php", namespace: "shop", dependencies: ["checkout-api", "pricing-engine"] },
  ]);
});

test("the examples cover availability and latency SLOs, one ratio SLO, a minimum request rate and 28d/7d periods", () => {
  const slos = loadCatalogue(REPO).flatMap((s) => s.declaration.slos.map((slo) => `${s.declaration.name}/${slo.name}:${slo.sli.kind}:${slo.period ?? "30d"}${slo.minRequestRate === undefined ? "" : ":min"}`));
  expect(slos).toEqual([
    "checkout-api/availability:availability:30d",
    "checkout-api/latency:latency:30d",
    "checkout-api/payment-authorisation:ratio:28d:min",
    "pricing-engine/availability:availability:30d",
    "pricing-engine/latency:latency:30d",
    "storefront/availability:availability:30d",
    "storefront/latency:latency:7d",
  ]);
});
