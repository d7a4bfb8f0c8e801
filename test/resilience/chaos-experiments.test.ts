import { loadCatalogue } from "../../catalogue/load";
import { deriveResilienceExperiments } from "../../resilience/chaos-experiments";
import { resolveResiliencePolicies } from "../../resilience/resolve";
import { svc } from "./fixtures";

const catalogue = loadCatalogue(`${__dirname}/../..`);
const staging = (name: string) => resolveResiliencePolicies(catalogue.find((s) => s.declaration.name === name)!, catalogue, "staging");

test("storefront → pricing-engine: latency above the timeout and an abort, hypotheses written from the policy's numbers", () => {
  const experiments = deriveResilienceExperiments(staging("storefront")).filter((e) => e.dependency === "pricing-engine");
  const s = '{service="storefront",dependency="pricing-engine"';
  const breaker =
    ` The circuit breaker opens once at least 20 of the last 50 attempts are recorded and more than 50% of them failed: resilience_circuit_breaker_state${s},state="open"} becomes 1 ` +
    "and calls are short-circuited instead of waiting." +
    ` The cached fallback serves answers at most 300 s old (resilience_fallbacks_total${s},strategy="cached"} rises).` +
    " After the fault ends, the breaker goes half-open on the first call after its 30 s open period, lets 3 probes through and closes: " +
    `resilience_circuit_breaker_transitions_total${s},from="half-open",to="closed"} increases.`;
  expect(experiments).toEqual([
    {
      service: "storefront",
      namespace: "shop",
      dependency: "pricing-engine",
      dependencyKind: "service",
      fault: "latency",
      latency: "600ms",
      durationSeconds: 120,
      hypothesis:
        "With 600 ms latency injected on the calls from storefront to pricing-engine (above the 300 ms per-attempt timeout), every attempt times out: " +
        `resilience_timeouts_total${s}} rises by up to 2 per call, and a call gives up within 650 ms (2 × 300 ms + 50 ms backoff), inside the 15000 ms request deadline.` +
        breaker,
    },
    {
      service: "storefront",
      namespace: "shop",
      dependency: "pricing-engine",
      dependencyKind: "service",
      fault: "abort",
      durationSeconds: 120,
      hypothesis:
        "With every call from storefront to pricing-engine failing, every attempt fails (a connection error, or a timeout when packets are dropped). Failed attempts are retried once while the retry budget of 20% of calls " +
        `(plus 1/s) lasts; beyond it retries are refused and resilience_retry_budget_exhausted_total${s}} rises instead of the load on pricing-engine.` +
        breaker,
    },
  ]);
});

test("the fault lasts two open periods plus a minute when that is longer than two minutes", () => {
  const web = svc("web", { deps: [{ external: "slow-recovery", resilience: { circuitBreaker: { openDuration: "2m" } } }] });
  expect(deriveResilienceExperiments(resolveResiliencePolicies(web, [web], "staging")).map((e) => [e.fault, e.durationSeconds])).toEqual([
    ["latency", 300],
    ["abort", 300],
  ]);
});

test("a call without timeout gets no latency experiment, one without breaker no abort experiment; the hypotheses say what is missing", () => {
  const web = svc("web", {
    deps: [
      { external: "no-timeout", resilience: { timeout: false } },
      { external: "no-breaker", resilience: { circuitBreaker: false, retry: false, fallback: { strategy: "default-value", value: 0 } } },
      { external: "nothing", resilience: { timeout: false, circuitBreaker: false } },
    ],
  });
  const experiments = deriveResilienceExperiments(resolveResiliencePolicies(web, [web], "staging"));
  expect(experiments.map((e) => [e.dependency, e.fault])).toEqual([
    ["no-timeout", "abort"],
    ["no-breaker", "latency"],
  ]);
  expect(experiments[1].hypothesis).toBe(
    "With 2000 ms latency injected on the calls from web to no-breaker (above the 1000 ms per-attempt timeout), every attempt times out: " +
      'resilience_timeouts_total{service="web",dependency="no-breaker"} rises by up to 1 per call, and a call gives up within 1000 ms (1 × 1000 ms + 0 ms backoff), ' +
      "inside the 10000 ms request deadline. There is no circuit breaker, so every call keeps paying for its attempts. " +
      'The default-value fallback answers (resilience_fallbacks_total{service="web",dependency="no-breaker",strategy="default-value"} rises).',
  );
});

test("every example service gets experiments for each of its dependencies, all in plain data", () => {
  const all = catalogue.flatMap((s) => deriveResilienceExperiments(staging(s.declaration.name)));
  expect(all.map((e) => `${e.service}→${e.dependency}:${e.fault}${e.latency === undefined ? "" : `@${e.latency}`}`)).toEqual([
    "checkout-api→pricing-engine:latency@500ms",
    "checkout-api→pricing-engine:abort",
    "checkout-api→stripe:latency@6000ms",
    "checkout-api→stripe:abort",
    "pricing-engine→postgres:latency@500ms",
    "pricing-engine→postgres:abort",
    "storefront→checkout-api:latency@18000ms",
    "storefront→checkout-api:abort",
    "storefront→pricing-engine:latency@600ms",
    "storefront→pricing-engine:abort",
  ]);
  expect(JSON.parse(JSON.stringify(all))).toEqual(all);
});
