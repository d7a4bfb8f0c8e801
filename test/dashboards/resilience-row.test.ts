/**
 * The "Resilience" row of a service dashboard (issue 10, point 4): none without dependencies;
 * with dependencies, per dependency a policy note and one panel per protection its resolved
 * policy switches on in the environment, titled with the policy's numbers, reading the metrics
 * contract's series of that dependency.
 */
import type { CataloguedService, DependencyDeclaration, EnvironmentName } from "../../catalogue/types";
import { serviceDashboard } from "../../dashboards/service-dashboard";
import { resolveResiliencePolicies } from "../../resilience";
import { exampleCatalogue } from "./support/context";
import { panelsOf } from "./support/inspect";

type Json = Record<string, unknown>;

const EXAMPLES = exampleCatalogue();

function synthetic(dependencies: DependencyDeclaration[] | undefined): CataloguedService {
  return {
    file: "stacks/services/svc.ts",
    declaration: {
      name: "svc",
      namespace: "ns",
      team: "payments",
      tier: "standard",
      language: "go",
      description: "A test service.",
      telemetry: { otlp: true },
      slos: [{ name: "availability", description: "No errors.", objective: 99.9, sli: { kind: "availability", source: "spanmetrics" } }],
      ...(dependencies === undefined ? {} : { dependencies }),
    },
  };
}

function example(name: string): CataloguedService {
  return EXAMPLES.find((s) => s.declaration.name === name) as CataloguedService;
}

function dashboardOf(cs: CataloguedService, env: EnvironmentName) {
  const catalogue = [...EXAMPLES.filter((s) => s.declaration.name !== cs.declaration.name), cs];
  return serviceDashboard(cs, env, [], resolveResiliencePolicies(cs, catalogue, env));
}

/** The panels under the row titled "Resilience", or undefined when there is no such row. */
function resilienceRow(cs: CataloguedService, env: EnvironmentName): Json[] | undefined {
  const ps = dashboardOf(cs, env).json.panels as Json[];
  const start = ps.findIndex((p) => p.type === "row" && p.title === "Resilience");
  if (start < 0) return undefined;
  const end = ps.findIndex((p, i) => i > start && p.type === "row");
  return ps.slice(start + 1, end < 0 ? undefined : end);
}

const titles = (ps: Json[] | undefined) => ps?.map((p) => p.title);

describe("which resilience panels a service gets", () => {
  test.each([
    {
      what: "no dependencies: no resilience row",
      cs: synthetic(undefined),
      env: "production" as const,
      titles: undefined,
    },
    {
      what: "an empty dependency list: no resilience row",
      cs: synthetic([]),
      env: "production" as const,
      titles: undefined,
    },
    {
      what: "every protection switched off: the policy note and the calls only",
      cs: synthetic([{ external: "db", resilience: { timeout: false, retry: false, circuitBreaker: false, bulkhead: false, fallback: { strategy: "fail-fast" } } }]),
      env: "production" as const,
      titles: ["db: policy", "db: calls by outcome"],
    },
    {
      what: "one attempt and a default value: no retry panel, the fallback panel",
      cs: synthetic([{ service: "pricing-engine", resilience: { retry: { maxAttempts: 1 }, fallback: { strategy: "default-value", value: { price: null } } } }]),
      env: "production" as const,
      titles: [
        "pricing-engine: policy",
        "pricing-engine: calls by outcome",
        "pricing-engine: circuit breaker state per replica",
        "pricing-engine: circuit breaker transitions",
        "pricing-engine: timeouts (after 1s)",
        "pricing-engine: bulkhead rejections (32 concurrent + 16 queued)",
        "pricing-engine: fallbacks served (default-value)",
      ],
    },
    {
      what: "checkout-api in production: pricing-engine from the critical preset with its own timeout, stripe with every protection declared, both fail-fast",
      cs: example("checkout-api"),
      env: "production" as const,
      titles: [
        "pricing-engine: policy",
        "pricing-engine: calls by outcome",
        "pricing-engine: circuit breaker state per replica",
        "pricing-engine: circuit breaker transitions",
        "pricing-engine: retries vs budget (10% of calls + 1/s)",
        "pricing-engine: timeouts (after 250ms)",
        "pricing-engine: bulkhead rejections (64 concurrent + 32 queued)",
        "stripe: policy",
        "stripe: calls by outcome",
        "stripe: circuit breaker state per replica",
        "stripe: circuit breaker transitions",
        "stripe: retries vs budget (10% of calls + 1/s)",
        "stripe: timeouts (after 3s)",
        "stripe: bulkhead rejections (20 concurrent + 20 queued)",
      ],
    },
    {
      what: "checkout-api in staging: Stripe's test-mode bulkhead",
      cs: example("checkout-api"),
      env: "staging" as const,
      titles: expect.arrayContaining(["stripe: bulkhead rejections (5 concurrent + 5 queued)"]),
    },
    {
      what: "storefront in production: no retries to checkout-api, a degraded and a cached fallback",
      cs: example("storefront"),
      env: "production" as const,
      titles: [
        "checkout-api: policy",
        "checkout-api: calls by outcome",
        "checkout-api: circuit breaker state per replica",
        "checkout-api: circuit breaker transitions",
        "checkout-api: timeouts (after 9s)",
        "checkout-api: bulkhead rejections (16 concurrent + 8 queued)",
        "checkout-api: fallbacks served (degraded)",
        "pricing-engine: policy",
        "pricing-engine: calls by outcome",
        "pricing-engine: circuit breaker state per replica",
        "pricing-engine: circuit breaker transitions",
        "pricing-engine: retries vs budget (20% of calls + 1/s)",
        "pricing-engine: timeouts (after 300ms)",
        "pricing-engine: bulkhead rejections (32 concurrent + 16 queued)",
        "pricing-engine: fallbacks served (cached, at most 5m old)",
      ],
    },
    {
      what: "storefront in local: the breaker to pricing-engine is switched off there, so its breaker panels go",
      cs: example("storefront"),
      env: "local" as const,
      titles: expect.not.arrayContaining(["pricing-engine: circuit breaker state per replica", "pricing-engine: circuit breaker transitions"]),
    },
    {
      what: "pricing-engine in local: postgres without a breaker",
      cs: example("pricing-engine"),
      env: "local" as const,
      titles: [
        "postgres: policy",
        "postgres: calls by outcome",
        "postgres: retries vs budget (20% of calls + 1/s)",
        "postgres: timeouts (after 250ms)",
        "postgres: bulkhead rejections (20 concurrent + 40 queued)",
      ],
    },
  ])("$what", ({ cs, env, titles: expected }) => {
    expect(titles(resilienceRow(cs, env))).toEqual(expected);
  });

  test("storefront in local keeps its other pricing-engine panels", () => {
    expect(titles(resilienceRow(example("storefront"), "local"))?.filter((t) => String(t).startsWith("pricing-engine: "))).toEqual([
      "pricing-engine: policy",
      "pricing-engine: calls by outcome",
      "pricing-engine: retries vs budget (20% of calls + 1/s)",
      "pricing-engine: timeouts (after 300ms)",
      "pricing-engine: bulkhead rejections (32 concurrent + 16 queued)",
      "pricing-engine: fallbacks served (cached, at most 5m old)",
    ]);
  });

  test("a service without dependencies queries no resilience series at all", () => {
    const exprs = panelsOf(dashboardOf(synthetic(undefined), "production").json).flatMap((p) => ((p.targets as Json[] | undefined) ?? []).map((t) => String(t.expr)));
    expect(exprs.length).toBeGreaterThan(10);
    expect(exprs.filter((e) => e.includes("resilience_"))).toEqual([]);
  });

  test("the row sits after the servicegraph rows and before the logs", () => {
    const rows = (dashboardOf(example("checkout-api"), "production").json.panels as Json[]).filter((p) => p.type === "row").map((p) => String(p.title));
    expect(rows.slice(-4)).toEqual(["Upstream: calls checkout-api receives (servicegraph)", "Resilience", "Logs (Loki)", "Traces (Jaeger)"]);
  });
});

describe("the resilience panels of checkout-api → stripe", () => {
  const row = resilienceRow(example("checkout-api"), "production") as Json[];
  const byTitle = (t: string) => row.find((p) => p.title === t) as Json;
  const targets = (t: string) => (byTitle(t).targets as Json[]).map((x) => [x.refId, x.expr, x.legendFormat]);
  const sel = 'service="$service", namespace="$namespace", dependency="stripe"';

  test("the policy note: kind, source, and every protection with its numbers", () => {
    expect((byTitle("stripe: policy").options as Json).content).toBe(
      [
        "**stripe** (external system): policy for production, resolved from `stacks/services/checkout-api.ts` and the critical tier preset.",
        "",
        "| Protection | Setting |",
        "|---|---|",
        "| Timeout | 3s per attempt |",
        "| Retry | 2 attempts, backoff 200ms–1s (full jitter), on connection-error, timeout, throttled; budget 10% of calls + 1/s |",
        "| Circuit breaker | opens above 25% failures of the last 50 attempts (at least 10), open 30s, then 2 probes |",
        "| Bulkhead | 20 concurrent, 20 queued |",
        "| Fallback | fail-fast |",
      ].join("\n"),
    );
  });

  test("a declared service's note links to its dashboard", () => {
    expect(String((byTitle("pricing-engine: policy").options as Json).content)).toMatch(/^\*\*\[pricing-engine\]\(\/d\/svc-pricing-engine\)\*\* \(declared service\)/);
  });

  test("breaker state: the worst state per replica as 0 closed, 1 half-open, 2 open, shown by name and colour", () => {
    const p = byTitle("stripe: circuit breaker state per replica");
    expect(p.type).toBe("state-timeline");
    expect(targets("stripe: circuit breaker state per replica")).toEqual([
      [
        "A",
        `max by (pod) (2 * resilience_circuit_breaker_state{${sel}, state="open"} or 1 * resilience_circuit_breaker_state{${sel}, state="half-open"} or 0 * resilience_circuit_breaker_state{${sel}, state="closed"})`,
        "{{pod}}",
      ],
    ]);
    expect((p.fieldConfig as { defaults: Json }).defaults.mappings).toEqual([
      {
        type: "value",
        options: { "0": { text: "closed", color: "green", index: 0 }, "1": { text: "half-open", color: "orange", index: 1 }, "2": { text: "open", color: "red", index: 2 } },
      },
    ]);
  });

  test("retries and refusals against the budget line of the policy (the alert's threshold)", () => {
    expect(targets("stripe: retries vs budget (10% of calls + 1/s)")).toEqual([
      ["A", `sum(rate(resilience_retries_total{${sel}}[$__rate_interval]))`, "retries"],
      ["B", `sum(rate(resilience_retry_budget_exhausted_total{${sel}}[$__rate_interval]))`, "refused by the budget"],
      ["C", `0.1 * sum(rate(resilience_calls_total{${sel}}[$__rate_interval])) + 1`, "budget"],
    ]);
  });

  test("calls by outcome, transitions, timeouts and rejections", () => {
    expect(targets("stripe: calls by outcome")).toEqual([["A", `sum by (outcome) (rate(resilience_calls_total{${sel}}[$__rate_interval]))`, "{{outcome}}"]]);
    expect(targets("stripe: circuit breaker transitions")).toEqual([
      ["A", `sum by (from, to) (increase(resilience_circuit_breaker_transitions_total{${sel}}[$__rate_interval]))`, "{{from}} → {{to}}"],
    ]);
    expect(targets("stripe: timeouts (after 3s)")).toEqual([["A", `sum(rate(resilience_timeouts_total{${sel}}[$__rate_interval]))`, "attempts timed out"]]);
    expect(targets("stripe: bulkhead rejections (20 concurrent + 20 queued)")).toEqual([
      ["A", `sum(rate(resilience_bulkhead_rejections_total{${sel}}[$__rate_interval]))`, "rejected"],
    ]);
  });

  test("fallbacks by strategy and outcome (storefront → pricing-engine)", () => {
    const sf = resilienceRow(example("storefront"), "production") as Json[];
    const p = sf.find((x) => x.title === "pricing-engine: fallbacks served (cached, at most 5m old)") as Json;
    expect((p.targets as Json[]).map((x) => [x.expr, x.legendFormat])).toEqual([
      [
        'sum by (strategy, outcome) (rate(resilience_fallbacks_total{service="$service", namespace="$namespace", dependency="pricing-engine"}[$__rate_interval]))',
        "{{strategy}} after {{outcome}}",
      ],
    ]);
  });

  test("each dependency starts on a line of its own; every line fills the 24 columns", () => {
    const grid = row.map((p) => ({ title: String(p.title), ...(p.gridPos as { x: number; y: number; w: number }) }));
    expect(grid.filter((g) => g.title.endsWith(": policy")).map((g) => g.x)).toEqual([0, 0]);
    const lines = new Map<number, number>();
    for (const g of grid) lines.set(g.y, (lines.get(g.y) ?? 0) + g.w);
    expect([...lines.values()]).toEqual(Array(lines.size).fill(24));
  });
});

describe("the policy document the dashboard is given", () => {
  const checkout = example("checkout-api");

  test("a service with dependencies needs one", () => {
    expect(() => serviceDashboard(checkout, "production", [])).toThrow(
      "stacks/services/checkout-api.ts: dependencies: the dashboard of checkout-api needs its resolved resilience policy document (resolveResiliencePolicies) for production",
    );
  });

  test("another service's or another environment's document is refused", () => {
    const storefront = resolveResiliencePolicies(example("storefront"), EXAMPLES, "production");
    expect(() => serviceDashboard(checkout, "production", [], storefront)).toThrow(
      "stacks/services/checkout-api.ts: dependencies: the dashboard of checkout-api for production was given the resilience policy document of storefront for production",
    );
    const staging = resolveResiliencePolicies(checkout, EXAMPLES, "staging");
    expect(() => serviceDashboard(checkout, "production", [], staging)).toThrow(
      "stacks/services/checkout-api.ts: dependencies: the dashboard of checkout-api for production was given the resilience policy document of checkout-api for staging",
    );
  });

  test("a service without dependencies needs none", () => {
    expect(serviceDashboard(synthetic(undefined), "production", []).uid).toBe("svc-svc");
  });
});
