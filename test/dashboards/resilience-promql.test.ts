/**
 * The resilience panels compute what their titles say, evaluated by the real Prometheus engine:
 * `promtool test rules` (Debian's 2.42 and the deployed 3.5) runs the generated queries, taken
 * from the generated dashboards with their template variables substituted, over series shaped
 * like the metrics contract's, and compares every resulting sample. Counters rise linearly, so
 * both engines' range semantics give the same exact rates.
 */
import { stringify } from "yaml";
import { generateDashboards, PLATFORM_UIDS } from "../../dashboards";
import type { GeneratedDashboard } from "../../dashboards/types";
import { runPromtool, type PromtoolName } from "../alert-rules/support/promtool";
import { exampleCatalogue } from "./support/context";
import { panelsOf, substitute, variableValues } from "./support/inspect";

type Json = Record<string, unknown>;

const dashboards = generateDashboards(exampleCatalogue(), "production");
const byUid = (uid: string) => dashboards.find((d) => d.uid === uid) as GeneratedDashboard;

/** The expression of `refId` in the panel titled `title`, variables substituted (rates over 5m). */
function query(d: GeneratedDashboard, title: string, refId: string): string {
  const p = panelsOf(d.json).find((x) => x.title === title);
  if (p === undefined) throw new Error(`${d.uid} has no panel ${title}`);
  const t = (p.targets as Json[]).find((x) => x.refId === refId);
  if (t === undefined) throw new Error(`${d.uid} / ${title} has no target ${refId}`);
  const sub = substitute(String(t.expr), { ...variableValues(d.json), __range: "5m", __rate_interval: "5m" });
  if (sub.unknown.length > 0) throw new Error(`undefined variables ${sub.unknown.join(", ")}`);
  return sub.text;
}

/** A counter rising by `perMinute` every minute from 1000 (11 samples, 0m to 10m). */
function counter(series: string, perMinute: number) {
  return { series, values: `1000+${perMinute}x10` };
}
function gauge(series: string, value: number) {
  return { series, values: `${value}x10` };
}

const edge = (service: string, dependency: string, extra: string = "", pod: string = "a") =>
  `{service="${service}", namespace="shop", dependency="${dependency}", pod="${service}-${pod}"${extra}}`;

/**
 * Rates (per second) at 10m: checkout-api → stripe: 18 successful + 2 timed-out calls, 2 retries,
 * 1 refused retry (wanted 3 = its budget 10% × 20 + 1), 5.5 timed-out attempts (a quarter of
 * 22), open on replica b, one opening a minute. checkout-api → pricing-engine: 10 calls, all
 * fine. storefront → checkout-api: 3 fine, 1 rejected by the bulkhead and answered by the
 * degraded fallback, half-open. storefront → pricing-engine: 10 calls, 6 retries (twice its
 * budget 20% × 10 + 1), no breaker series. pricing-engine → postgres: no series at all.
 */
const INPUT = [
  counter(`resilience_calls_total${edge("checkout-api", "stripe", ', outcome="success"')}`, 1080),
  counter(`resilience_calls_total${edge("checkout-api", "stripe", ', outcome="timeout"')}`, 120),
  counter(`resilience_retries_total${edge("checkout-api", "stripe", ', outcome="timeout"')}`, 120),
  counter(`resilience_retry_budget_exhausted_total${edge("checkout-api", "stripe")}`, 60),
  counter(`resilience_timeouts_total${edge("checkout-api", "stripe")}`, 330),
  gauge(`resilience_circuit_breaker_state${edge("checkout-api", "stripe", ', state="closed"')}`, 1),
  gauge(`resilience_circuit_breaker_state${edge("checkout-api", "stripe", ', state="closed"', "b")}`, 0),
  gauge(`resilience_circuit_breaker_state${edge("checkout-api", "stripe", ', state="open"', "b")}`, 1),
  counter(`resilience_circuit_breaker_transitions_total${edge("checkout-api", "stripe", ', from="closed", to="open"', "b")}`, 1),
  counter(`resilience_calls_total${edge("checkout-api", "pricing-engine", ', outcome="success"')}`, 600),
  gauge(`resilience_circuit_breaker_state${edge("checkout-api", "pricing-engine", ', state="closed"')}`, 1),
  counter(`resilience_calls_total${edge("storefront", "checkout-api", ', outcome="success"')}`, 180),
  counter(`resilience_calls_total${edge("storefront", "checkout-api", ', outcome="rejected"')}`, 60),
  counter(`resilience_bulkhead_rejections_total${edge("storefront", "checkout-api")}`, 60),
  counter(`resilience_fallbacks_total${edge("storefront", "checkout-api", ', strategy="degraded", outcome="rejected"')}`, 60),
  gauge(`resilience_circuit_breaker_state${edge("storefront", "checkout-api", ', state="closed"')}`, 0),
  gauge(`resilience_circuit_breaker_state${edge("storefront", "checkout-api", ', state="half-open"')}`, 1),
  counter(`resilience_calls_total${edge("storefront", "pricing-engine", ', outcome="success"')}`, 600),
  counter(`resilience_retries_total${edge("storefront", "pricing-engine", ', outcome="server-error"')}`, 360),
];

/** Expected samples per edge, with the caller's dashboard label the overview adds. */
function perEdge(values: Array<[string, string, number]>) {
  return values.map(([service, dependency, value]) => ({
    labels: `{dashboard="svc-${service}", dependency="${dependency}", namespace="shop", service="${service}"}`,
    value,
  }));
}

const overview = byUid(PLATFORM_UIDS.resilienceOverview);
const TABLE = "Every edge, most failed calls first";
const CHECKOUT = byUid("svc-checkout-api");

const EXPECTED: Array<{ what: string; expr: string; samples: Array<{ labels: string; value: number }> }> = [
  {
    what: "breaker now: the worst state over replicas (2 open, 1 half-open, 0 closed); no row without breaker series",
    expr: query(overview, TABLE, "A"),
    samples: perEdge([["checkout-api", "stripe", 2], ["checkout-api", "pricing-engine", 0], ["storefront", "checkout-api", 1]]),
  },
  {
    what: "failed calls: every outcome but success, 0 (not absent) for an edge without failures",
    expr: query(overview, TABLE, "B"),
    samples: perEdge([["checkout-api", "stripe", 0.1], ["checkout-api", "pricing-engine", 0], ["storefront", "checkout-api", 0.25], ["storefront", "pricing-engine", 0]]),
  },
  {
    what: "retries ÷ budget with each edge's own budget: stripe exactly at it, storefront → pricing-engine twice over, edges without retries 0",
    expr: query(overview, TABLE, "C"),
    samples: perEdge([["checkout-api", "stripe", 1], ["checkout-api", "pricing-engine", 0], ["storefront", "checkout-api", 0], ["storefront", "pricing-engine", 2]]),
  },
  {
    what: "timed out: a share of attempts (calls + retries)",
    expr: query(overview, TABLE, "D"),
    samples: perEdge([["checkout-api", "stripe", 0.25], ["checkout-api", "pricing-engine", 0], ["storefront", "checkout-api", 0], ["storefront", "pricing-engine", 0]]),
  },
  {
    what: "rejected by the bulkhead: a share of calls",
    expr: query(overview, TABLE, "E"),
    samples: perEdge([["checkout-api", "stripe", 0], ["checkout-api", "pricing-engine", 0], ["storefront", "checkout-api", 0.25], ["storefront", "pricing-engine", 0]]),
  },
  {
    what: "answered by fallback: a share of calls",
    expr: query(overview, TABLE, "F"),
    samples: perEdge([["checkout-api", "stripe", 0], ["checkout-api", "pricing-engine", 0], ["storefront", "checkout-api", 0.25], ["storefront", "pricing-engine", 0]]),
  },
  {
    what: "breaker opened: transitions to open over the range",
    expr: query(overview, TABLE, "G"),
    samples: perEdge([["checkout-api", "stripe", 5]]),
  },
  {
    what: "calls per second",
    expr: query(overview, TABLE, "H"),
    samples: perEdge([["checkout-api", "stripe", 20], ["checkout-api", "pricing-engine", 10], ["storefront", "checkout-api", 4], ["storefront", "pricing-engine", 10]]),
  },
  ...(
    [
      ["Edges reporting (of 5 declared)", 4],
      ["Breakers open now", 1],
      ["Breakers half-open now", 1],
      ["Edges above retry budget", 1],
      ["Edges rejecting calls", 1],
      ["Edges serving fallbacks", 1],
    ] as const
  ).map(([title, value]) => ({ what: `stat ${title}`, expr: query(overview, title, "A"), samples: [{ labels: "{}", value }] })),
  {
    what: "service dashboard: stripe's breaker per replica",
    expr: query(CHECKOUT, "stripe: circuit breaker state per replica", "A"),
    samples: [
      { labels: '{pod="checkout-api-a"}', value: 0 },
      { labels: '{pod="checkout-api-b"}', value: 2 },
    ],
  },
  ...(["A", "B", "C"] as const).map((ref, i) => ({
    what: `service dashboard: stripe's retries vs budget, ${ref}`,
    expr: query(CHECKOUT, "stripe: retries vs budget (10% of calls + 1/s)", ref),
    samples: [{ labels: "{}", value: [2, 1, 3][i] }],
  })),
  {
    what: "service dashboard: stripe's calls by outcome",
    expr: query(CHECKOUT, "stripe: calls by outcome", "A"),
    samples: [
      { labels: '{outcome="success"}', value: 18 },
      { labels: '{outcome="timeout"}', value: 2 },
    ],
  },
];

function scenario(expected: typeof EXPECTED) {
  return stringify(
    {
      rule_files: ["empty.yaml"],
      evaluation_interval: "1m",
      tests: [{ interval: "1m", input_series: INPUT, promql_expr_test: expected.map((e) => ({ expr: e.expr, eval_time: "10m", exp_samples: e.samples })) }],
    },
    { lineWidth: 0 },
  );
}

describe.each<PromtoolName>(["debian", "deployed"])("promtool (%s)", (which) => {
  test("every resilience query gives the expected samples", async () => {
    const run = await runPromtool(["test", "rules", "queries.test.yaml"], { "empty.yaml": "groups: []\n", "queries.test.yaml": scenario(EXPECTED) }, which, 60_000);
    expect(`${run.stdout}${run.stderr}`).toContain("SUCCESS");
    expect(run.code).toBe(0);
  }, 90_000);

  test("the comparison can fail: a wrong expected ratio is reported", async () => {
    const wrong = EXPECTED.filter((e) => e.what.startsWith("retries ÷ budget")).map((e) => ({ ...e, samples: e.samples.map((s) => ({ ...s, value: s.value === 2 ? 1.5 : s.value })) }));
    const run = await runPromtool(["test", "rules", "queries.test.yaml"], { "empty.yaml": "groups: []\n", "queries.test.yaml": scenario(wrong) }, which, 60_000);
    expect(`${run.stdout}${run.stderr}`).toContain("FAILED");
    expect(run.code).toBe(1);
  }, 90_000);
});
