import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { isAlertingRule } from "../../alert-rules/types";
import { loadCatalogue } from "../../catalogue/load";
import { ENVIRONMENTS } from "../../catalogue/types";
import { generateResilienceRules, renderResilienceRules, RESILIENCE_ALERTS } from "../../resilience/alerts";
import { resolveResiliencePolicies } from "../../resilience/resolve";
import { PROMTOOL_HINT, runTool } from "../support/tools";
import { svc } from "./fixtures";

const REPO = path.join(__dirname, "..", "..");
const catalogue = loadCatalogue(REPO);
const entry = (name: string) => catalogue.find((s) => s.declaration.name === name)!;
const docOf = (name: string, env: (typeof ENVIRONMENTS)[number] = "production") => resolveResiliencePolicies(entry(name), catalogue, env);
const RUNBOOKS = "https://github.com/sevensa/observability-platform/blob/main/docs/runbooks";

describe("generateResilienceRules", () => {
  test("storefront → pricing-engine: the four alerts with the policy's own numbers", () => {
    const rules = generateResilienceRules(entry("storefront"), docOf("storefront")).groups[0].rules.filter(
      (r) => isAlertingRule(r) && r.labels.dependency === "pricing-engine",
    );
    const sel = 'service="storefront", namespace="shop", dependency="pricing-engine"';
    const labels = { team: "commerce", service: "storefront", namespace: "shop", dependency: "pricing-engine" };
    expect(rules).toEqual([
      {
        alert: "ResilienceCircuitBreakerOpen",
        expr: `min by (service, namespace, dependency) (resilience_circuit_breaker_state{${sel}, state="closed"}) == 0`,
        for: "5m",
        labels: { severity: "ticket", ...labels },
        annotations: {
          summary: "storefront: circuit breaker to pricing-engine has been open for 5m",
          description:
            "The circuit breaker of storefront for its calls to pricing-engine has not closed for 5m on at least one replica: its probes keep failing after each 30s open period " +
            "(it opens above 50% failures of the last 50 calls). Meanwhile calls to pricing-engine are answered by the cached fallback.",
          runbook_url: `${RUNBOOKS}/resilience-circuit-breaker-open.md`,
        },
      },
      {
        alert: "ResilienceRetriesAboveBudget",
        expr:
          `sum by (service, namespace, dependency) (rate({__name__=~"resilience_retries_total|resilience_retry_budget_exhausted_total", ${sel}}[5m]))\n>\n` +
          `0.2 * sum by (service, namespace, dependency) (rate(resilience_calls_total{${sel}}[5m])) + 1`,
        for: "10m",
        labels: { severity: "ticket", ...labels },
        annotations: {
          summary: "storefront: retries to pricing-engine exceed the retry budget",
          description:
            "storefront wants to retry {{ $value | humanize }} calls/s to pricing-engine (performed and refused), more than its budget of 20% of calls plus 1/s: " +
            "pricing-engine is failing more than retries can absorb, and the budget now refuses retries.",
          runbook_url: `${RUNBOOKS}/resilience-retries-above-budget.md`,
        },
      },
      {
        alert: "ResilienceBulkheadRejecting",
        expr:
          `sum by (service, namespace, dependency) (rate(resilience_bulkhead_rejections_total{${sel}}[5m]))\n/\n` +
          `sum by (service, namespace, dependency) (rate(resilience_calls_total{${sel}}[5m]))\n> 0.01`,
        for: "5m",
        labels: { severity: "ticket", ...labels },
        annotations: {
          summary: "storefront: bulkhead for pricing-engine rejects calls",
          description:
            "The bulkhead of storefront for pricing-engine (32 concurrent, 16 queued) rejects {{ $value | humanizePercentage }} of calls, more than 1%: " +
            "pricing-engine answers too slowly for the traffic, or the limit is too low.",
          runbook_url: `${RUNBOOKS}/resilience-bulkhead-rejecting.md`,
        },
      },
      {
        alert: "ResilienceFallbackRateHigh",
        expr:
          `sum by (service, namespace, dependency) (rate(resilience_fallbacks_total{${sel}}[5m]))\n/\n` +
          `sum by (service, namespace, dependency) (rate(resilience_calls_total{${sel}}[5m]))\n> 0.05`,
        for: "10m",
        labels: { severity: "ticket", ...labels },
        annotations: {
          summary: "storefront: many calls to pricing-engine are answered by the cached fallback",
          description:
            "storefront answers {{ $value | humanizePercentage }} of its calls to pricing-engine with the cached fallback, more than 5%: users see stale answers while pricing-engine fails.",
          runbook_url: `${RUNBOOKS}/resilience-fallback-rate-high.md`,
        },
      },
    ]);
  });

  test("only the protections a policy has are alerted on; a critical caller's breaker pages; the open time covers two open periods", () => {
    const web = svc("web", {
      tier: "critical",
      deps: [
        { external: "bare", resilience: { retry: false, circuitBreaker: false, bulkhead: false } },
        { external: "slow-to-probe", resilience: { retry: { maxAttempts: 1 }, bulkhead: false, circuitBreaker: { openDuration: "4m" } } },
      ],
    });
    const rules = generateResilienceRules(web, resolveResiliencePolicies(web, [web], "production"), { breakerOpenFor: "3m" }).groups[0].rules;
    expect(rules.map((r) => (isAlertingRule(r) ? [r.alert, r.labels.dependency, r.labels.severity, r.for] : r))).toEqual([
      ["ResilienceCircuitBreakerOpen", "slow-to-probe", "page", "8m"],
    ]);
  });

  test("a service without dependencies gets no rule group", () => {
    expect(generateResilienceRules(entry("pricing-engine"), { ...docOf("pricing-engine"), dependencies: {} })).toEqual({ groups: [] });
  });

  test("every generated alert carries severity, team, summary, description and runbook_url", () => {
    for (const env of ENVIRONMENTS) {
      for (const s of catalogue) {
        for (const rule of generateResilienceRules(s, resolveResiliencePolicies(s, catalogue, env)).groups.flatMap((g) => g.rules)) {
          if (!isAlertingRule(rule)) throw new Error(`${rule.record} is not an alert`);
          expect(["page", "ticket"]).toContain(rule.labels.severity);
          expect(rule.labels.team).toBe(s.declaration.team);
          expect(rule.annotations.summary).not.toBe("");
          expect(rule.annotations.description).not.toBe("");
          expect(Object.values(RESILIENCE_ALERTS)).toContain(rule.alert);
          expect(rule.annotations.runbook_url).toMatch(new RegExp(`^${RUNBOOKS}/resilience-[a-z-]+\\.md$`));
        }
      }
    }
  });
});

describe("with promtool", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "resilience-rules-"));
    for (const s of catalogue) fs.writeFileSync(path.join(dir, `${s.declaration.name}.yaml`), renderResilienceRules(s, docOf(s.declaration.name)));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("promtool check rules accepts every service's resilience rules in every environment", () => {
    const files: string[] = [];
    for (const env of ENVIRONMENTS) {
      for (const s of catalogue) {
        const file = path.join(dir, `${env}-${s.declaration.name}.yaml`);
        fs.writeFileSync(file, renderResilienceRules(s, resolveResiliencePolicies(s, catalogue, env)));
        files.push(file);
      }
    }
    const r = runTool("promtool", ["check", "rules", ...files], PROMTOOL_HINT);
    expect(r.output).not.toMatch(/FAILED/);
    expect(r.status).toBe(0);
  });

  test("the rendered file starts with the generated-file header", () => {
    expect(fs.readFileSync(path.join(dir, "storefront.yaml"), "utf8").split("\n").slice(0, 2)).toEqual([
      "# Generated by alert-rules/ from stacks/services/storefront.ts (resilience policies, environment production).",
      "# Do not edit by hand: change the source and run `npm run artifacts`.",
    ]);
  });

  const cs = (dependency: string, extra = "") => `{service="checkout-api",namespace="shop",dependency="${dependency}"${extra}}`;
  const sf = (dependency: string, extra = "") => `{service="storefront",namespace="shop",dependency="${dependency}"${extra}}`;
  const labels = (service: string, team: string, dependency: string, severity: string) => ({ severity, team, service, namespace: "shop", dependency });

  /** One `promtool test rules` file over the given rule files. */
  function runScenarios(name: string, ruleFiles: string[], tests: unknown[]): { status: number | null; output: string } {
    const file = path.join(dir, `${name}.test.yaml`);
    fs.writeFileSync(file, stringify({ rule_files: ruleFiles, evaluation_interval: "30s", tests }, { lineWidth: 0 }));
    return runTool("promtool", ["test", "rules", file], PROMTOOL_HINT, { cwd: dir });
  }

  const stripeBreaker = {
    summary: "checkout-api: circuit breaker to stripe has been open for 5m",
    description:
      "The circuit breaker of checkout-api for its calls to stripe has not closed for 5m on at least one replica: its probes keep failing after each 30s open period " +
      "(it opens above 25% failures of the last 50 calls). Meanwhile calls to stripe fail at once (fail-fast, no fallback).",
    runbook_url: `${RUNBOOKS}/resilience-circuit-breaker-open.md`,
  };

  test("breaker open on a critical dependency: pending for 5m, then a page; gone once it closes; a replica that recovered does not hide another", () => {
    const r = runScenarios("breaker", ["checkout-api.yaml"], [
      {
        interval: "1m",
        input_series: [
          // Opens at 2m, stays open until 12m, closed again from 13m.
          { series: `resilience_circuit_breaker_state${cs("stripe", ',state="closed",instance="a"')}`, values: "1 1 0x10 1x10" },
          { series: `resilience_circuit_breaker_state${cs("stripe", ',state="closed",instance="b"')}`, values: "1x22" },
          // pricing-engine's breaker opens and closes again every 2 minutes: never 5m in a row.
          { series: `resilience_circuit_breaker_state${cs("pricing-engine", ',state="closed"')}`, values: "1 0 1 0 1 0 1 0 1 0 1 0 1 0 1" },
        ],
        alert_rule_test: [
          { eval_time: "6m", alertname: "ResilienceCircuitBreakerOpen", exp_alerts: [] },
          { eval_time: "8m", alertname: "ResilienceCircuitBreakerOpen", exp_alerts: [{ exp_labels: labels("checkout-api", "payments", "stripe", "page"), exp_annotations: stripeBreaker }] },
          { eval_time: "14m", alertname: "ResilienceCircuitBreakerOpen", exp_alerts: [] },
        ],
      },
    ]);
    expect(r.output).toContain("SUCCESS");
    expect(r.status).toBe(0);
  });

  test("a breaker that closed on every replica does not fire (the check can fail: expecting an alert there fails promtool)", () => {
    const r = runScenarios("breaker-wrong", ["checkout-api.yaml"], [
      {
        interval: "1m",
        input_series: [{ series: `resilience_circuit_breaker_state${cs("stripe", ',state="closed"')}`, values: "1x20" }],
        alert_rule_test: [{ eval_time: "10m", alertname: "ResilienceCircuitBreakerOpen", exp_alerts: [{ exp_labels: labels("checkout-api", "payments", "stripe", "page"), exp_annotations: stripeBreaker }] }],
      },
    ]);
    expect(r.output).toContain("FAILED");
    expect(r.status).not.toBe(0);
  });

  test("retries above budget count performed and refused retries against 20% of calls + 1/s; bulkhead rejections and fallback rate", () => {
    const retriesAlert = (value: string) => ({
      exp_labels: labels("storefront", "commerce", "pricing-engine", "ticket"),
      exp_annotations: {
        summary: "storefront: retries to pricing-engine exceed the retry budget",
        description:
          `storefront wants to retry ${value} calls/s to pricing-engine (performed and refused), more than its budget of 20% of calls plus 1/s: ` +
          "pricing-engine is failing more than retries can absorb, and the budget now refuses retries.",
        runbook_url: `${RUNBOOKS}/resilience-retries-above-budget.md`,
      },
    });
    const r = runScenarios("storefront", ["storefront.yaml"], [
      {
        // 10 calls/s; 2 retries/s performed + 2/s refused = 4/s wanted > 0.2 × 10 + 1 = 3/s. (While the 5m
        // window fills, rate() under-reads both sides, so the fixed 1/s floor keeps it quiet for the first minutes.)
        interval: "1m",
        input_series: [
          { series: `resilience_calls_total${sf("pricing-engine", ',outcome="success"')}`, values: "0+600x30" },
          { series: `resilience_retries_total${sf("pricing-engine", ',outcome="timeout"')}`, values: "0+120x30" },
          { series: `resilience_retry_budget_exhausted_total${sf("pricing-engine")}`, values: "0+120x30" },
        ],
        alert_rule_test: [
          { eval_time: "10m", alertname: "ResilienceRetriesAboveBudget", exp_alerts: [] },
          { eval_time: "17m", alertname: "ResilienceRetriesAboveBudget", exp_alerts: [retriesAlert("4")] },
        ],
      },
      {
        // 2.5 retries/s wanted with no refusals recorded yet: within 0.2 × 10 + 1 = 3/s.
        interval: "1m",
        input_series: [
          { series: `resilience_calls_total${sf("pricing-engine", ',outcome="success"')}`, values: "0+600x30" },
          { series: `resilience_retries_total${sf("pricing-engine", ',outcome="timeout"')}`, values: "0+150x30" },
        ],
        alert_rule_test: [{ eval_time: "25m", alertname: "ResilienceRetriesAboveBudget", exp_alerts: [] }],
      },
      {
        // checkout-api: 10 calls/s, 0.2/s rejected by the bulkhead (2% > 1%).
        interval: "1m",
        input_series: [
          { series: `resilience_calls_total${sf("checkout-api", ',outcome="success"')}`, values: "0+588x30" },
          { series: `resilience_calls_total${sf("checkout-api", ',outcome="rejected"')}`, values: "0+12x30" },
          { series: `resilience_bulkhead_rejections_total${sf("checkout-api")}`, values: "0+12x30" },
        ],
        alert_rule_test: [
          { eval_time: "4m", alertname: "ResilienceBulkheadRejecting", exp_alerts: [] },
          {
            eval_time: "8m",
            alertname: "ResilienceBulkheadRejecting",
            exp_alerts: [
              {
                exp_labels: labels("storefront", "commerce", "checkout-api", "ticket"),
                exp_annotations: {
                  summary: "storefront: bulkhead for checkout-api rejects calls",
                  description:
                    "The bulkhead of storefront for checkout-api (16 concurrent, 8 queued) rejects 2% of calls, more than 1%: checkout-api answers too slowly for the traffic, or the limit is too low.",
                  runbook_url: `${RUNBOOKS}/resilience-bulkhead-rejecting.md`,
                },
              },
            ],
          },
        ],
      },
      {
        // pricing-engine: 1 of 10 calls/s answered by the cached fallback (10% > 5%); the degraded checkout fallback stays at 1%.
        interval: "1m",
        input_series: [
          { series: `resilience_calls_total${sf("pricing-engine", ',outcome="success"')}`, values: "0+540x30" },
          { series: `resilience_calls_total${sf("pricing-engine", ',outcome="timeout"')}`, values: "0+60x30" },
          { series: `resilience_fallbacks_total${sf("pricing-engine", ',strategy="cached",outcome="timeout"')}`, values: "0+60x30" },
          { series: `resilience_calls_total${sf("checkout-api", ',outcome="success"')}`, values: "0+594x30" },
          { series: `resilience_fallbacks_total${sf("checkout-api", ',strategy="degraded",outcome="short-circuited"')}`, values: "0+6x30" },
        ],
        alert_rule_test: [
          { eval_time: "9m", alertname: "ResilienceFallbackRateHigh", exp_alerts: [] },
          {
            eval_time: "13m",
            alertname: "ResilienceFallbackRateHigh",
            exp_alerts: [
              {
                exp_labels: labels("storefront", "commerce", "pricing-engine", "ticket"),
                exp_annotations: {
                  summary: "storefront: many calls to pricing-engine are answered by the cached fallback",
                  description: "storefront answers 10% of its calls to pricing-engine with the cached fallback, more than 5%: users see stale answers while pricing-engine fails.",
                  runbook_url: `${RUNBOOKS}/resilience-fallback-rate-high.md`,
                },
              },
            ],
          },
        ],
      },
    ]);
    expect(r.output).toContain("SUCCESS");
    expect(r.status).toBe(0);
  });
});
