import { generateServiceRules, isAlertingRule, type AlertingRule, type Rule, type RuleFile } from "../../alert-rules";
import { loadCatalogue } from "../../catalogue/load";
import type { CataloguedService, ServiceDeclaration, SloDefinition } from "../../catalogue/types";
import { ENVIRONMENTS } from "../../catalogue/types";
import * as path from "path";

const REPO = path.resolve(__dirname, "../..");

function service(slos: SloDefinition[], extra: Partial<ServiceDeclaration> = {}): CataloguedService {
  return {
    file: "stacks/services/orders.ts",
    declaration: {
      name: "orders",
      namespace: "shop",
      team: "commerce",
      tier: "standard",
      language: "go",
      description: "Takes orders.",
      telemetry: { otlp: true },
      slos,
      ...extra,
    },
  };
}

const AVAILABILITY: SloDefinition = {
  name: "availability",
  description: "Orders are accepted.",
  objective: 99.9,
  minRequestRate: 2,
  sli: { kind: "availability", source: "otel-http" },
};

const HTTP_ERRORS = 'http_server_request_duration_seconds_count{service="orders", namespace="shop", http_response_status_code=~"5.."}';
const HTTP_ALL = 'http_server_request_duration_seconds_count{service="orders", namespace="shop"}';
const SEL = '{service="orders", slo="availability"}';
const LABELS = { service: "orders", namespace: "shop", slo: "availability" };
const RUNBOOK = "https://github.com/sevensa/observability-platform/blob/main/docs/runbooks/slo-error-budget-burn.md";

const longRatio = (w: string) => ({
  record: "slo:sli_error:ratio",
  expr: `sum_over_time(slo:sli_error:rate5m${SEL}[${w}]) / sum_over_time(slo:sli_total:rate5m${SEL}[${w}])`,
  labels: { ...LABELS, window: w },
});
const rawRatio = (w: string) => ({
  record: "slo:sli_error:ratio",
  expr: `(sum(rate(${HTTP_ERRORS}[${w}])) or vector(0)) / sum(rate(${HTTP_ALL}[${w}]))`,
  labels: { ...LABELS, window: w },
});

describe("generateServiceRules: exact output for one availability SLO at 99.9% over 30d", () => {
  const expected: RuleFile = {
    groups: [
      {
        name: "orders-slo-short",
        interval: "30s",
        rules: [
          { record: "slo:sli_error:rate5m", expr: `sum(rate(${HTTP_ERRORS}[5m])) or vector(0)`, labels: LABELS },
          { record: "slo:sli_total:rate5m", expr: `sum(rate(${HTTP_ALL}[5m]))`, labels: LABELS },
          rawRatio("30m"),
          rawRatio("1h"),
          longRatio("6h"),
          {
            record: "slo:error_budget:burn_rate",
            expr:
              `slo:sli_error:ratio${SEL} / 0.001\nor\n` +
              `label_replace(slo:sli_error:rate5m${SEL} / slo:sli_total:rate5m${SEL}, "window", "5m", "", "") / 0.001`,
            labels: LABELS,
          },
          {
            alert: "SLOErrorBudgetBurn",
            expr: [
              "max without (window) (",
              "  (",
              `      slo:sli_error:ratio{service="orders", slo="availability", window="1h"} / 0.001 > 14.4`,
              "    and ignoring (window)",
              `      slo:sli_error:rate5m${SEL} / slo:sli_total:rate5m${SEL} / 0.001 > 14.4`,
              "  )",
              "or",
              "  (",
              `      slo:sli_error:ratio{service="orders", slo="availability", window="6h"} / 0.001 > 6`,
              "    and ignoring (window)",
              `      slo:sli_error:ratio{service="orders", slo="availability", window="30m"} / 0.001 > 6`,
              "  )",
              ")",
              "and",
              `  avg_over_time(slo:sli_total:rate5m${SEL}[1h]) >= 2`,
            ].join("\n"),
            labels: { severity: "page", team: "commerce", ...LABELS },
            annotations: {
              summary: "orders: availability SLO is burning its error budget fast",
              description:
                'Orders are accepted. The 99.9% objective over 30d is at risk: the error budget burns {{ $value | printf "%.1f" }}× faster than sustainable ' +
                "(page above 14.4× over 1h and 5m, or 6× over 6h and 30m: 2% of the budget in 1h or 5% in 6h). " +
                "Pages only while the last 1h averaged at least 2 requests per second.",
              runbook_url: RUNBOOK,
            },
          },
        ],
      },
      {
        name: "orders-slo-long",
        interval: "2m",
        rules: [
          longRatio("2h"),
          longRatio("1d"),
          longRatio("3d"),
          {
            alert: "SLOErrorBudgetBurn",
            expr: [
              "max without (window) (",
              "  (",
              `      slo:sli_error:ratio{service="orders", slo="availability", window="1d"} / 0.001 > 3`,
              "    and ignoring (window)",
              `      slo:sli_error:ratio{service="orders", slo="availability", window="2h"} / 0.001 > 3`,
              "  )",
              "or",
              "  (",
              `      slo:sli_error:ratio{service="orders", slo="availability", window="3d"} / 0.001 > 1`,
              "    and ignoring (window)",
              `      slo:sli_error:ratio{service="orders", slo="availability", window="6h"} / 0.001 > 1`,
              "  )",
              ")",
            ].join("\n"),
            labels: { severity: "ticket", team: "commerce", ...LABELS },
            annotations: {
              summary: "orders: availability SLO is burning its error budget steadily",
              description:
                'Orders are accepted. The 99.9% objective over 30d is at risk: the error budget burns {{ $value | printf "%.1f" }}× faster than sustainable ' +
                "(ticket above 3× over 1d and 2h, or 1× over 3d and 6h: 10% of the budget in 1d or 10% in 3d).",
              runbook_url: RUNBOOK,
            },
          },
        ],
      },
      {
        name: "orders-slo-period",
        interval: "5m",
        rules: [
          {
            record: "slo:error_budget:remaining_ratio",
            expr: `1 - (sum_over_time(slo:sli_error:rate5m${SEL}[30d:5m]) / sum_over_time(slo:sli_total:rate5m${SEL}[30d:5m])) / 0.001`,
            labels: { ...LABELS, period: "30d" },
          },
        ],
      },
    ],
  };

  test("matches rule for rule", () => {
    expect(generateServiceRules(service([AVAILABILITY]), "production")).toEqual(expected);
  });

  test("is pure: the same input twice gives equal output and the input is not changed", () => {
    const svc = service([AVAILABILITY]);
    const before = JSON.stringify(svc);
    expect(generateServiceRules(svc, "production")).toEqual(generateServiceRules(svc, "production"));
    expect(JSON.stringify(svc)).toBe(before);
  });
});

/** Rules of one SLO, from every group. */
function rulesOf(file: RuleFile, slo: string): Rule[] {
  return file.groups.flatMap((g) => g.rules).filter((r) => r.labels?.slo === slo);
}

function alertsOf(file: RuleFile, slo: string): AlertingRule[] {
  return rulesOf(file, slo).filter(isAlertingRule);
}

describe("the example catalogue, in every environment", () => {
  const catalogue = loadCatalogue(REPO);
  const cases = catalogue.flatMap((s) => ENVIRONMENTS.flatMap((env) => s.declaration.slos.map((slo) => [s.declaration.name, env, slo.name] as const)));

  test.each(cases)("%s %s %s: at most 12 rules, exactly one page and one ticket SLOErrorBudgetBurn", (name, env, sloName) => {
    const svc = catalogue.find((s) => s.declaration.name === name) as CataloguedService;
    const file = generateServiceRules(svc, env);
    expect(rulesOf(file, sloName).length).toBeLessThanOrEqual(12);
    const alerts = alertsOf(file, sloName);
    expect(alerts.map((a) => [a.alert, a.labels.severity])).toEqual([
      ["SLOErrorBudgetBurn", "page"],
      ["SLOErrorBudgetBurn", "ticket"],
    ]);
    for (const a of alerts) {
      expect(a.labels).toEqual({
        severity: a.labels.severity,
        team: svc.declaration.team,
        service: svc.declaration.name,
        namespace: svc.declaration.namespace,
        slo: sloName,
      });
    }
  });

  test("rule count per SLO is exactly 12 (10 recordings, 2 alerts)", () => {
    const counts = catalogue.flatMap((s) => s.declaration.slos.map((slo) => rulesOf(generateServiceRules(s, "production"), slo.name).length));
    expect(new Set(counts)).toEqual(new Set([12]));
  });

  test("no day-long window reads raw samples: every range of 2h or more selects a recorded slo: series", () => {
    let checked = 0;
    for (const svc of catalogue) {
      for (const rule of generateServiceRules(svc, "production").groups.flatMap((g) => g.rules)) {
        for (const m of rule.expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\{[^}]*\}\[(\d+[smhdwy])(?::\d+[smhdwy])?\]/g)) {
          const [, metric, range] = m;
          if (["2h", "6h", "1d", "3d", "7d", "28d", "30d"].includes(range)) {
            expect(`${metric}[${range}]`).toMatch(/^slo:sli_(error|total):rate5m\[/);
            checked++;
          }
        }
      }
    }
    // 7 SLOs × (2h, 6h, 1d, 3d error ratios and the period's budget) × (errors, totals).
    expect(checked).toBe(7 * 5 * 2);
  });

  test("long windows evaluate less often than short ones", () => {
    const file = generateServiceRules(catalogue[0], "production");
    const intervalOf = (window: string) =>
      file.groups.find((g) => g.rules.some((r) => r.labels?.window === window && "record" in r))?.interval;
    expect([intervalOf("30m"), intervalOf("1h"), intervalOf("6h")]).toEqual(["30s", "30s", "30s"]);
    expect([intervalOf("2h"), intervalOf("1d"), intervalOf("3d")]).toEqual(["2m", "2m", "2m"]);
    expect(file.groups.map((g) => [g.name.replace(/^.*-slo-/, ""), g.interval])).toEqual([
      ["short", "30s"],
      ["long", "2m"],
      ["period", "5m"],
    ]);
  });
});

describe("environment overrides and numbers", () => {
  const checkout = loadCatalogue(REPO).find((s) => s.declaration.name === "checkout-api") as CataloguedService;

  test("an environment's objective override changes the budget in that environment only", () => {
    const budgetIn = (env: "staging" | "production") =>
      [...alertsOf(generateServiceRules(checkout, env), "availability")[0].expr.matchAll(/ \/ ([0-9.]+) >/g)].map((m) => m[1]);
    expect(new Set(budgetIn("production"))).toEqual(new Set(["0.001"]));
    expect(new Set(budgetIn("staging"))).toEqual(new Set(["0.005"]));
  });

  test("paging disabled keeps severity page (routing sends it to tickets) and says so", () => {
    const page = alertsOf(generateServiceRules(checkout, "staging"), "availability")[0];
    expect(page.labels.severity).toBe("page");
    expect(page.annotations.description).toContain(
      "Paging is disabled for checkout-api in staging: Alertmanager routes this page to the team's ticket receiver.",
    );
    expect(alertsOf(generateServiceRules(checkout, "production"), "availability")[0].annotations.description).not.toContain("Paging is disabled");
  });

  test.each([
    [99.95, "30d", "0.0005", ["14.4", "6", "3", "1"]],
    [99.9, "28d", "0.001", ["13.44", "5.6", "2.8", "0.933333333333"]],
    [99, "7d", "0.01", ["3.36", "1.4", "0.7", "0.233333333333"]],
  ])("objective %s over %s prints budget %s and factors %j without float noise", (objective, period, budget, factors) => {
    const file = generateServiceRules(service([{ ...AVAILABILITY, objective, period }]), "production");
    const alerts = alertsOf(file, "availability");
    const thresholds = alerts.flatMap((a) => [...a.expr.matchAll(/ \/ ([0-9.e-]+) > ([0-9.e-]+)/g)].map((m) => [m[1], m[2]]));
    expect(new Set(thresholds.map((t) => t[0]))).toEqual(new Set([budget]));
    expect([...new Set(thresholds.map((t) => t[1]))]).toEqual(factors);
    const allText = JSON.stringify(file);
    expect(allText).not.toMatch(/\d\.\d*(0000000|9999999)\d/);
  });

  test("the minimum request rate gates the page only", () => {
    const [page, ticket] = alertsOf(generateServiceRules(service([{ ...AVAILABILITY, minRequestRate: 0.25 }]), "production"), "availability");
    expect(page.expr.endsWith('\nand\n  avg_over_time(slo:sli_total:rate5m{service="orders", slo="availability"}[1h]) >= 0.25')).toBe(true);
    expect(ticket.expr).not.toContain("avg_over_time");
    const ungated = alertsOf(generateServiceRules(service([{ ...AVAILABILITY, minRequestRate: undefined }]), "production"), "availability")[0];
    expect(ungated.expr).not.toContain("avg_over_time");
  });
});

describe("SLI queries of the other presets and of ratio SLIs", () => {
  const baseRules = (slo: SloDefinition) =>
    generateServiceRules(service([slo]), "production")
      .groups[0].rules.slice(0, 2)
      .map((r) => r.expr);

  test("spanmetrics availability counts server spans with status ERROR", () => {
    expect(baseRules({ ...AVAILABILITY, sli: { kind: "availability", source: "spanmetrics" } })).toEqual([
      'sum(rate(traces_span_metrics_calls_total{service="orders", namespace="shop", span_kind="SPAN_KIND_SERVER", status_code="STATUS_CODE_ERROR"}[5m])) or vector(0)',
      'sum(rate(traces_span_metrics_calls_total{service="orders", namespace="shop", span_kind="SPAN_KIND_SERVER"}[5m]))',
    ]);
  });

  test("latency counts requests above the threshold bucket as errors", () => {
    expect(baseRules({ ...AVAILABILITY, sli: { kind: "latency", source: "otel-http", thresholdSeconds: 0.25 } })).toEqual([
      `sum(rate(${HTTP_ALL}[5m])) - (sum(rate(http_server_request_duration_seconds_bucket{service="orders", namespace="shop", le="0.25"}[5m])) or vector(0)) or vector(0)`,
      `sum(rate(${HTTP_ALL}[5m]))`,
    ]);
  });

  test("a whole-second latency threshold matches both le spellings (1 from remote write, 1.0 as Prometheus 3 scrapes it)", () => {
    expect(baseRules({ ...AVAILABILITY, sli: { kind: "latency", source: "otel-http", thresholdSeconds: 1 } })[0]).toBe(
      `sum(rate(${HTTP_ALL}[5m])) - (sum(rate(http_server_request_duration_seconds_bucket{service="orders", namespace="shop", le=~"1|1.0"}[5m])) or vector(0)) or vector(0)`,
    );
  });

  test("a ratio SLI with increase() is turned into a per-second rate, one series", () => {
    expect(
      baseRules({
        ...AVAILABILITY,
        sli: { kind: "ratio", errorQuery: 'increase(jobs_total{result="failed"}[{{window}}])', totalQuery: "sum(increase(jobs_total[{{window}}]))" },
      }),
    ).toEqual(['(sum(increase(jobs_total{result="failed"}[5m])) / 300) or vector(0)', "(sum(increase(jobs_total[5m])) / 300)"]);
  });

  test("a ratio SLI with goodQuery and rate() counts total minus good as errors", () => {
    expect(
      baseRules({
        ...AVAILABILITY,
        sli: { kind: "ratio", goodQuery: 'sum by (code) (rate(req_total{code="200"}[{{window}}]))', totalQuery: "sum(rate(req_total[{{window}}]))" },
      }),
    ).toEqual([
      'sum(rate(req_total[5m])) - (sum(sum by (code) (rate(req_total{code="200"}[5m]))) or vector(0)) or vector(0)',
      "sum(rate(req_total[5m]))",
    ]);
  });
});
