import * as fs from "fs";
import * as path from "path";
import { loadCatalogue } from "../../catalogue/load";
import { ENVIRONMENTS } from "../../catalogue/types";
import { renderPolicyDocument, resilienceArtifactPath, resilienceConfigMapName, resilienceEnvironment } from "../../resilience/delivery";
import type { ResiliencePolicyDocument } from "../../resilience/document";
import { resolveResiliencePolicies } from "../../resilience/resolve";
import { POLICY_SCHEMA_FILE, policySchemaProblems } from "../../resilience/schema";
import { svc } from "./fixtures";

const REPO = path.join(__dirname, "..", "..");
const catalogue = loadCatalogue(REPO);

/** Every document the example catalogue generates, plus fixtures that reach every fallback and every null section. */
function generatedDocuments(): ResiliencePolicyDocument[] {
  const docs = ENVIRONMENTS.flatMap((env) => catalogue.map((s) => resolveResiliencePolicies(s, catalogue, env)));
  const extra = svc("extra", {
    tier: "best-effort",
    deps: [
      { external: "a", resilience: { timeout: false, retry: false, circuitBreaker: false, bulkhead: false, fallback: { strategy: "fail-fast" } } },
      { external: "b", resilience: { fallback: { strategy: "default-value", value: { items: [], total: null } } } },
      { external: "c", resilience: { fallback: { strategy: "degraded" } } },
      { external: "d", resilience: { fallback: { strategy: "cached", maxAge: "30s" } } },
    ],
  });
  return [...docs, resolveResiliencePolicies(extra, [extra], "production")];
}

/** The storefront's production document, for breaking by hand. */
function storefront(): ResiliencePolicyDocument {
  return resolveResiliencePolicies(catalogue.find((s) => s.declaration.name === "storefront")!, catalogue, "production");
}

test("the schema file is the versioned one the documents point at", () => {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, POLICY_SCHEMA_FILE), "utf8"));
  expect(schema.$id).toBe("https://github.com/sevensa/observability-platform/blob/main/resilience/schema/resilience-policy.v1.json");
  expect(schema.properties.schemaVersion).toEqual({ const: 1 });
});

test("the JSON Schema validates every generated document (3 services × 3 environments, and every fallback)", () => {
  const docs = generatedDocuments();
  expect(docs).toHaveLength(10);
  for (const doc of docs) expect({ service: doc.service, env: doc.environment, problems: policySchemaProblems(doc) }).toEqual({ service: doc.service, env: doc.environment, problems: [] });
});

describe("the JSON Schema rejects a hand-broken document", () => {
  test.each<[string, (d: any) => void, string[]]>([
    ["a misspelt field", (d) => { d.dependencies["pricing-engine"].timeout = 300; }, ["/dependencies/pricing-engine: must NOT have additional properties (timeout)"]],
    ["a duration in seconds as text", (d) => { d.dependencies["pricing-engine"].timeoutMs = "300ms"; }, ["/dependencies/pricing-engine/timeoutMs: must be integer,null"]],
    ["zero attempts", (d) => { d.dependencies["pricing-engine"].retry.maxAttempts = 0; }, ["/dependencies/pricing-engine/retry/maxAttempts: must be >= 1"]],
    ["an unknown jitter", (d) => { d.dependencies["pricing-engine"].retry.backoff.jitter = "decorrelated"; }, ["/dependencies/pricing-engine/retry/backoff/jitter: must be equal to one of the allowed values: none, full, half"]],
    ["a failure rate of 100%", (d) => { d.dependencies["checkout-api"].circuitBreaker.failureRatePercent = 100; }, ["/dependencies/checkout-api/circuitBreaker/failureRatePercent: must be < 100"]],
    ["a cached fallback without maxAgeMs", (d) => { delete d.dependencies["pricing-engine"].fallback.maxAgeMs; }, ["/dependencies/pricing-engine/fallback: must have required property 'maxAgeMs'", '/dependencies/pricing-engine/fallback: must match "then" schema']],
    ["maxAgeMs on a degraded fallback", (d) => { d.dependencies["checkout-api"].fallback.maxAgeMs = 1000; }, ["/dependencies/checkout-api/fallback: must NOT be valid", '/dependencies/checkout-api/fallback: must match "else" schema']],
    ["schema version 2", (d) => { d.schemaVersion = 2; }, ["/schemaVersion: must be equal to constant"]],
    ["a missing deadline", (d) => { delete d.requestDeadlineMs; }, ["(document): must have required property 'requestDeadlineMs'"]],
    ["an upper-case dependency name", (d) => { d.dependencies.Stripe = d.dependencies["checkout-api"]; }, ['/dependencies: must match pattern "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"', "/dependencies: property name must be valid"]],
  ])("%s", (_name, breakIt, problems) => {
    const doc = storefront();
    breakIt(doc);
    expect(policySchemaProblems(doc)).toEqual(problems);
  });

  test("renderPolicyDocument refuses a document its schema rejects, naming the service and the problem", () => {
    const doc = storefront() as any;
    doc.dependencies["pricing-engine"].retry.maxAttempts = 0;
    expect(() => renderPolicyDocument(doc)).toThrow(
      "the resilience policy document of storefront does not match resilience-policy.v1.json:\n/dependencies/pricing-engine/retry/maxAttempts: must be >= 1",
    );
  });
});

test("delivery: the rendered file round-trips, and names, path and environment variable are the documented ones", () => {
  const doc = storefront();
  const text = renderPolicyDocument(doc);
  expect(text.endsWith("}\n")).toBe(true);
  expect(JSON.parse(text)).toEqual(doc);
  expect(JSON.parse(text).$comment).toMatch(/^Generated by resilience\/ from stacks\/services\/storefront\.ts \(environment production\)/);
  expect(resilienceConfigMapName("storefront")).toBe("storefront-resilience");
  expect(resilienceArtifactPath("storefront")).toBe("services/storefront/resilience.json");
  expect(resilienceEnvironment()).toEqual({ SEVENSA_RESILIENCE_POLICY_FILE: "/etc/sevensa/resilience/resilience.json" });
});
