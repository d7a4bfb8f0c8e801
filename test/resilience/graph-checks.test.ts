import { loadCatalogue } from "../../catalogue/load";
import { ENVIRONMENTS, type CataloguedService } from "../../catalogue/types";
import { assertResilienceGraph, resilienceGraphProblems } from "../../resilience/graph-checks";
import { worstCaseBackoffMs } from "../../resilience/timeout-budget";
import { svc } from "./fixtures";

const REPO = `${__dirname}/../..`;
const LOOP = "a request can come back to a service it passed, and retries multiply around the loop";
const ONE_LAYER = "retry at one layer only (retry: false or maxAttempts: 1 on the others)";

/** web → orders → stock → db (external), every call with `attempts` attempts, deadlines wide enough. */
function threeHops(webToOrdersAttempts: number): CataloguedService[] {
  const retry = (n: number) => (n === 1 ? false : { maxAttempts: n });
  return [
    svc("web", { deadline: "1m", deps: [{ service: "orders", resilience: { retry: retry(webToOrdersAttempts) } }] }),
    svc("orders", { deadline: "1m", deps: [{ service: "stock", resilience: { retry: { maxAttempts: 3 } } }] }),
    svc("stock", { deadline: "1m", deps: [{ external: "db", resilience: { retry: { maxAttempts: 3 } } }] }),
  ];
}

describe("the example catalogue", () => {
  test.each(ENVIRONMENTS)("passes every graph check in %s", (env) => {
    expect(resilienceGraphProblems(loadCatalogue(REPO), env)).toEqual([]);
  });
});

describe("retry amplification", () => {
  test("a three-hop path whose retries multiply past the limit is reported with the path and the product", () => {
    expect(resilienceGraphProblems(threeHops(3), "production")).toEqual([
      `stacks/services/web.ts: dependencies[0].resilience.retry.maxAttempts: in production, retries multiply along web → orders → stock → db: ` +
        `3 × 3 × 3 = 27 attempts on db per web request, above the limit of 10; ${ONE_LAYER}`,
    ]);
  });

  test.each([
    ["retrying at the lower layers only (1 × 3 × 3 = 9)", 1, {}, []],
    ["a limit of 27 allows 27", 3, { retryAmplificationLimit: 27 }, []],
    [
      "a limit of 8 also reports the two-hop path below (3 × 3 = 9)",
      1,
      { retryAmplificationLimit: 8 },
      [
        `stacks/services/web.ts: dependencies[0].resilience.retry.maxAttempts: in production, retries multiply along web → orders → stock → db: ` +
          `1 × 3 × 3 = 9 attempts on db per web request, above the limit of 8; ${ONE_LAYER}`,
        `stacks/services/orders.ts: dependencies[0].resilience.retry.maxAttempts: in production, retries multiply along orders → stock → db: ` +
          `3 × 3 = 9 attempts on db per orders request, above the limit of 8; ${ONE_LAYER}`,
      ],
    ],
  ] as const)("%s", (_name, webAttempts, options, expected) => {
    expect(resilienceGraphProblems(threeHops(webAttempts), "production", options)).toEqual(expected);
  });

  test("the worst of several paths is reported, and a per-environment override counts only there", () => {
    const catalogue = [
      svc("web", {
        deadline: "1m",
        deps: [
          { service: "search", resilience: { retry: { maxAttempts: 2 } } },
          { service: "orders", resilience: { retry: { maxAttempts: 2 }, environments: { staging: { retry: { maxAttempts: 4 } } } } },
        ],
      }),
      svc("search", { deadline: "1m", deps: [{ external: "index", resilience: { retry: { maxAttempts: 3 } } }] }),
      svc("orders", { deadline: "1m", deps: [{ external: "db", resilience: { retry: { maxAttempts: 3 } } }] }),
    ];
    expect(resilienceGraphProblems(catalogue, "production")).toEqual([]);
    expect(resilienceGraphProblems(catalogue, "staging")).toEqual([
      `stacks/services/web.ts: dependencies[1].resilience.retry.maxAttempts: in staging, retries multiply along web → orders → db: ` +
        `4 × 3 = 12 attempts on db per web request, above the limit of 10; ${ONE_LAYER}`,
    ]);
  });
});

describe("timeout budget", () => {
  test.each([
    [
      "3 attempts of 800 ms with 100 + 200 ms backoff overrun a 2s deadline",
      { timeout: "800ms", retry: { maxAttempts: 3, backoffBase: "100ms", backoffCap: "1s" } },
      "3 attempts × 800 ms + 300 ms worst-case backoff = 2700 ms",
    ],
    [
      "the backoff cap limits each delay (400 + 500 + 500 ms)",
      { timeout: "300ms", retry: { maxAttempts: 4, backoffBase: "400ms", backoffCap: "500ms" } },
      "4 attempts × 300 ms + 1400 ms worst-case backoff = 2600 ms",
    ],
    ["a single attempt longer than the deadline", { timeout: "3s", retry: false as const }, "1 attempt × 3000 ms + 0 ms worst-case backoff = 3000 ms"],
  ])("%s", (_name, resilience, numbers) => {
    const catalogue = [svc("web", { deadline: "2s", deps: [{ service: "orders", resilience }] }), svc("orders")];
    expect(resilienceGraphProblems(catalogue, "production")).toEqual([
      `stacks/services/web.ts: dependencies[0].resilience: in production, web → orders can take ${numbers}, ` +
        "more than the requestDeadline of web (2000 ms); lower retry.maxAttempts or timeout, or raise requestDeadline",
    ]);
  });

  test.each([
    ["exactly filling the deadline (2 × 950 + 100 = 2000 ms)", "2s", { timeout: "950ms", retry: { maxAttempts: 2, backoffBase: "100ms" } }],
    ["no timeout (nothing to add up; critical services are checked separately)", "2s", { timeout: false as const }],
    ["the default deadline of 10s when none is declared", undefined, { timeout: "3s", retry: { maxAttempts: 3, backoffBase: "100ms", backoffCap: "1s" } }],
  ])("passes: %s", (_name, deadline, resilience) => {
    const catalogue = [svc("web", { deadline, deps: [{ service: "orders", resilience }] }), svc("orders")];
    expect(resilienceGraphProblems(catalogue, "production")).toEqual([]);
  });

  test("the per-attempt timeout must exceed the callee's latency objective threshold", () => {
    const catalogue = [
      svc("web", { deps: [{ service: "orders", resilience: { timeout: "250ms" } }, { service: "stock", resilience: { timeout: "251ms" } }] }),
      svc("orders", { latencyMs: 250 }),
      svc("stock", { latencyMs: 250 }),
    ];
    expect(resilienceGraphProblems(catalogue, "production")).toEqual([
      `stacks/services/web.ts: dependencies[0].resilience.timeout: in production, the per-attempt timeout of web → orders is 250 ms, ` +
        `not above the latency objective threshold of orders (slos[1] "latency", 250 ms), so calls that meet that objective would time out; use a timeout above 250 ms`,
    ]);
  });

  test("worst-case backoff sums min(cap, base × 2^(k-1)) over the retries", () => {
    const retry = (maxAttempts: number) => ({
      maxAttempts,
      backoff: { baseMs: 100, capMs: 350, jitter: "full" as const },
      retryOn: ["timeout" as const],
      budget: { percent: 10, minRetriesPerSecond: 1 },
    });
    expect([null, retry(1), retry(2), retry(3), retry(4), retry(5)].map(worstCaseBackoffMs)).toEqual([0, 0, 100, 300, 650, 1000]);
  });
});

describe("critical coverage", () => {
  test("a critical service's call without timeout and breaker is reported twice", () => {
    const catalogue = [svc("checkout", { tier: "critical", deps: [{ external: "stripe", resilience: { timeout: false, circuitBreaker: false } }] })];
    expect(resilienceGraphProblems(catalogue, "production")).toEqual([
      "stacks/services/checkout.ts: dependencies[0].resilience.timeout: in production, checkout is tier critical, so its call to stripe needs a per-attempt timeout; remove timeout: false",
      "stacks/services/checkout.ts: dependencies[0].resilience.circuitBreaker: in production, checkout is tier critical, so its call to stripe needs a circuit breaker; remove circuitBreaker: false",
    ]);
  });

  test("a breaker switched off in one environment is reported in that environment only", () => {
    const catalogue = [svc("checkout", { tier: "critical", deps: [{ external: "stripe", resilience: { environments: { staging: { circuitBreaker: false } } } }] })];
    expect(resilienceGraphProblems(catalogue, "production")).toEqual([]);
    expect(resilienceGraphProblems(catalogue, "staging")).toEqual([
      "stacks/services/checkout.ts: dependencies[0].resilience.circuitBreaker: in staging, checkout is tier critical, so its call to stripe needs a circuit breaker; remove circuitBreaker: false",
    ]);
  });

  test("a standard service may go without breaker and timeout", () => {
    const catalogue = [svc("web", { deps: [{ external: "cdn", resilience: { timeout: false, circuitBreaker: false } }] })];
    expect(resilienceGraphProblems(catalogue, "production")).toEqual([]);
  });
});

describe("cycles", () => {
  test.each([
    [
      "two services calling each other",
      [svc("a", { deps: [{ service: "b", resilience: { retry: false } }] }), svc("b", { deps: [{ service: "a", resilience: { retry: false } }] })],
      [`stacks/services/a.ts: dependencies[0].service: dependency cycle a → b → a; ${LOOP}`],
    ],
    [
      "a three-service loop, reported from the service declared first, at its dependency that starts the loop",
      [
        svc("c", { deps: [{ service: "a", resilience: { retry: false } }] }),
        svc("a", { deps: [{ external: "db", resilience: { retry: false } }, { service: "b", resilience: { retry: false } }] }),
        svc("b", { deps: [{ service: "c", resilience: { retry: false } }] }),
      ],
      [`stacks/services/c.ts: dependencies[0].service: dependency cycle c → a → b → c; ${LOOP}`],
    ],
    [
      "two separate loops, one line each",
      [
        svc("a", { deps: [{ service: "b", resilience: { retry: false } }] }),
        svc("b", { deps: [{ service: "a", resilience: { retry: false } }] }),
        svc("x", { deps: [{ service: "y", resilience: { retry: false } }] }),
        svc("y", { deps: [{ service: "x", resilience: { retry: false } }] }),
      ],
      [`stacks/services/a.ts: dependencies[0].service: dependency cycle a → b → a; ${LOOP}`, `stacks/services/x.ts: dependencies[0].service: dependency cycle x → y → x; ${LOOP}`],
    ],
  ])("%s", (_name, catalogue, expected) => {
    expect(resilienceGraphProblems(catalogue, "production")).toEqual(expected);
  });

  test("retry amplification leaves calls on a cycle out and still checks the calls leaving it", () => {
    const catalogue = [
      svc("a", { deadline: "1m", deps: [{ service: "b", resilience: { retry: { maxAttempts: 4 } } }] }),
      svc("b", { deadline: "1m", deps: [{ service: "a", resilience: { retry: { maxAttempts: 4 } } }, { external: "db", resilience: { retry: { maxAttempts: 4 } } }] }),
    ];
    expect(resilienceGraphProblems(catalogue, "production", { retryAmplificationLimit: 3 })).toEqual([
      `stacks/services/a.ts: dependencies[0].service: dependency cycle a → b → a; ${LOOP}`,
      `stacks/services/b.ts: dependencies[1].resilience.retry.maxAttempts: in production, retries multiply along b → db: 4 attempts on db per b request, above the limit of 3; ${ONE_LAYER}`,
    ]);
  });
});

describe("the whole run", () => {
  test("invalid overrides are reported alone, since nothing can be resolved", () => {
    const catalogue = [svc("web", { deps: [{ service: "orders", resilience: { retry: { maxAttempts: 0 } } }] }), svc("orders")];
    expect(resilienceGraphProblems(catalogue, "production")).toEqual([
      "stacks/services/web.ts: dependencies[0].resilience.retry.maxAttempts: 0 must be a whole number of at least 1",
    ]);
  });

  test("assertResilienceGraph throws every problem of every environment once", () => {
    const catalogue = [svc("checkout", { tier: "critical", deps: [{ external: "stripe", resilience: { timeout: false } }] })];
    expect(() => assertResilienceGraph(catalogue, ["staging", "production"])).toThrow(
      "The resilience checks found 2 problems:\n" +
        "stacks/services/checkout.ts: dependencies[0].resilience.timeout: in staging, checkout is tier critical, so its call to stripe needs a per-attempt timeout; remove timeout: false\n" +
        "stacks/services/checkout.ts: dependencies[0].resilience.timeout: in production, checkout is tier critical, so its call to stripe needs a per-attempt timeout; remove timeout: false",
    );
    expect(() => assertResilienceGraph(loadCatalogue(REPO), ENVIRONMENTS)).not.toThrow();
  });
});
