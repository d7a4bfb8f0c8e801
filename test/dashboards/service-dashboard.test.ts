/**
 * The per-service dashboard, by behaviour: which panels a declaration gets (the table
 * test: no latency SLO → no latency-SLO panel, but still the latency heatmap), the burn-rate
 * thresholds per window and period, environment overrides, and the exact queries of the
 * heatmap, logs, traces and dependency panels.
 */
import type { CataloguedService, ServiceDeclaration, SloDefinition } from "../../catalogue/types";
import { hashedUids } from "../../dashboards/dashboard-links";
import { serviceDashboard } from "../../dashboards/service-dashboard";
import { resolveResiliencePolicies } from "../../resilience";
import { exampleCatalogue } from "./support/context";
import { panelsOf } from "./support/inspect";

type Json = Record<string, unknown>;

const AVAILABILITY_HTTP: SloDefinition = { name: "availability", description: "No 5xx.", objective: 99.9, sli: { kind: "availability", source: "otel-http" } };
const AVAILABILITY_SPANS: SloDefinition = { name: "availability", description: "No errors.", objective: 99.9, sli: { kind: "availability", source: "spanmetrics" } };
const LATENCY_HTTP: SloDefinition = { name: "latency", description: "Fast.", objective: 99, sli: { kind: "latency", source: "otel-http", thresholdSeconds: 0.5 } };
const LATENCY_SPANS: SloDefinition = { name: "fast", description: "Fast.", objective: 95, period: "7d", sli: { kind: "latency", source: "spanmetrics", thresholdSeconds: 0.1 } };
const RATIO: SloDefinition = {
  name: "jobs",
  description: "Jobs succeed.",
  objective: 99,
  sli: { kind: "ratio", errorQuery: 'sum(rate(jobs_failed_total{service="svc"}[{{window}}]))', totalQuery: 'sum(rate(jobs_total{service="svc"}[{{window}}]))' },
};

function service(telemetry: ServiceDeclaration["telemetry"], slos: SloDefinition[]): CataloguedService {
  return {
    file: "stacks/services/svc.ts",
    declaration: { name: "svc", namespace: "ns", team: "payments", tier: "standard", language: "go", description: "A test service.", telemetry, slos },
  };
}

const EXAMPLES = exampleCatalogue();

/** The panels of `cs`'s dashboard, its resilience policies resolved against the example catalogue. */
function panels(cs: CataloguedService, env: "local" | "staging" | "production" = "production"): Json[] {
  const catalogue = [...EXAMPLES.filter((s) => s.declaration.name !== cs.declaration.name), cs];
  return panelsOf(serviceDashboard(cs, env, [], resolveResiliencePolicies(cs, catalogue, env)).json);
}

function firstExpr(p: Json): string {
  return String((p.targets as Json[])[0].expr);
}

/** The latency-SLO panels: title, the quantile expression, and the threshold line. */
function latencySloPanels(ps: Json[]) {
  return ps
    .filter((p) => / latency vs /.test(String(p.title)))
    .map((p) => ({
      title: p.title,
      expr: firstExpr(p),
      threshold: ((p.fieldConfig as Json).defaults as { thresholds: { steps: Array<{ value: number | null }> } }).thresholds.steps[1].value,
    }));
}

/** The heatmaps: their query, and that exemplars are requested in heatmap format. */
function heatmaps(ps: Json[]) {
  return ps
    .filter((p) => p.type === "heatmap")
    .map((p) => {
      const t = (p.targets as Json[])[0];
      return { expr: t.expr, exemplar: t.exemplar, format: t.format };
    });
}

const HTTP_HEATMAP = {
  expr: 'sum by (le) (rate(http_server_request_duration_seconds_bucket{service="$service", namespace="$namespace"}[$__rate_interval]))',
  exemplar: true,
  format: "heatmap",
};
const SPAN_HEATMAP = {
  expr: 'sum by (le) (rate(traces_span_metrics_duration_seconds_bucket{service="$service", namespace="$namespace", span_kind="SPAN_KIND_SERVER"}[$__rate_interval]))',
  exemplar: true,
  format: "heatmap",
};

describe("which panels a declaration gets", () => {
  test.each([
    {
      what: "availability SLO only, OTLP and HTTP metrics: no latency-SLO panel, heatmaps of both sources",
      cs: service({ otlp: true }, [AVAILABILITY_HTTP]),
      rows: ["SLO availability: 99.9% over 30d (availability from otel-http)"],
      latency: [],
      heatmaps: [HTTP_HEATMAP, SPAN_HEATMAP],
    },
    {
      what: "availability SLO from spanmetrics only: no latency-SLO panel, the spanmetrics heatmap",
      cs: service({ scrape: { port: 8080 } }, [AVAILABILITY_SPANS]),
      rows: ["SLO availability: 99.9% over 30d (availability from spanmetrics)"],
      latency: [],
      heatmaps: [SPAN_HEATMAP],
    },
    {
      what: "ratio SLO only, pushing OTLP: no latency-SLO panel, the spanmetrics heatmap",
      cs: service({ otlp: true }, [RATIO]),
      rows: ["SLO jobs: 99% over 30d (ratio of declared queries)"],
      latency: [],
      heatmaps: [SPAN_HEATMAP],
    },
    {
      what: "ratio SLO only, scraped only: no request histogram at all, so neither panel",
      cs: service({ scrape: { port: 8080 } }, [RATIO]),
      rows: ["SLO jobs: 99% over 30d (ratio of declared queries)"],
      latency: [],
      heatmaps: [],
    },
    {
      what: "availability and latency on HTTP metrics: the p99 panel against 0.5 s",
      cs: service({ otlp: true }, [AVAILABILITY_HTTP, LATENCY_HTTP]),
      rows: ["SLO availability: 99.9% over 30d (availability from otel-http)", "SLO latency: 99% over 30d (latency ≤ 0.5 s from otel-http)"],
      latency: [
        {
          title: "latency: p99 latency vs 0.5 s",
          expr: 'histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{service="$service", namespace="$namespace"}[$__rate_interval])))',
          threshold: 0.5,
        },
      ],
      heatmaps: [HTTP_HEATMAP, SPAN_HEATMAP],
    },
    {
      what: "latency on spanmetrics at 95%: the p95 panel against 0.1 s",
      cs: service({ otlp: true }, [AVAILABILITY_SPANS, LATENCY_SPANS]),
      rows: ["SLO availability: 99.9% over 30d (availability from spanmetrics)", "SLO fast: 95% over 7d (latency ≤ 0.1 s from spanmetrics)"],
      latency: [
        {
          title: "fast: p95 latency vs 0.1 s",
          expr: 'histogram_quantile(0.95, sum by (le) (rate(traces_span_metrics_duration_seconds_bucket{service="$service", namespace="$namespace", span_kind="SPAN_KIND_SERVER"}[$__rate_interval])))',
          threshold: 0.1,
        },
      ],
      heatmaps: [SPAN_HEATMAP],
    },
  ])("$what", ({ cs, rows, latency, heatmaps: expected }) => {
    const ps = panels(cs);
    expect(ps.filter((p) => p.type === "row" && String(p.title).startsWith("SLO ")).map((p) => p.title)).toEqual(rows);
    expect(latencySloPanels(ps)).toEqual(latency);
    expect(heatmaps(ps)).toEqual(expected);
  });

  test("a service with no request metrics says so instead of showing empty panels", () => {
    const ps = panels(service({ scrape: { port: 8080 } }, [RATIO]));
    const note = ps.find((p) => p.type === "text");
    expect(note?.title).toBe("No request metrics");
    expect(ps.filter((p) => p.type === "row").map((p) => p.title)).toEqual(["Requests", "SLO jobs: 99% over 30d (ratio of declared queries)", "Logs (Loki)"]);
  });

  test("servicegraph and Jaeger rows only for a service that sends traces", () => {
    const rowsOf = (cs: CataloguedService) => panels(cs).filter((p) => p.type === "row").map((p) => String(p.title));
    expect(rowsOf(service({ otlp: true }, [RATIO])).filter((t) => /servicegraph|Jaeger/.test(t))).toEqual([
      "Downstream: calls svc makes (servicegraph; declared: none)",
      "Upstream: calls svc receives (servicegraph)",
      "Traces (Jaeger)",
    ]);
    expect(rowsOf(service({ scrape: { port: 8080 } }, [AVAILABILITY_HTTP])).filter((t) => /servicegraph|Jaeger/.test(t))).toEqual([]);
  });
});

describe("SLO panels of checkout-api", () => {
  const checkout = exampleCatalogue().find((s) => s.declaration.name === "checkout-api") as CataloguedService;

  function burnPanels(env: "local" | "staging" | "production", slo: string) {
    return panels(checkout, env)
      .filter((p) => String(p.title).startsWith(`${slo}: `) && / burn rate /.test(String(p.title)))
      .map((p) => {
        const steps = ((p.fieldConfig as Json).defaults as { thresholds: { steps: Array<{ value: number | null; color: string }> } }).thresholds.steps;
        return [firstExpr(p), steps[1].value, steps[1].color];
      });
  }

  test("one burn-rate panel per alert window, the window's factor as the threshold (page red, ticket orange), 30d period", () => {
    expect(burnPanels("production", "availability")).toEqual([
      ['slo:error_budget:burn_rate{service="$service", namespace="$namespace", slo="availability", window=~"1h|5m"}', 14.4, "red"],
      ['slo:error_budget:burn_rate{service="$service", namespace="$namespace", slo="availability", window=~"6h|30m"}', 6, "red"],
      ['slo:error_budget:burn_rate{service="$service", namespace="$namespace", slo="availability", window=~"1d|2h"}', 3, "orange"],
      ['slo:error_budget:burn_rate{service="$service", namespace="$namespace", slo="availability", window=~"3d|6h"}', 1, "orange"],
    ]);
  });

  test("factors follow the SLO's own period (28d)", () => {
    expect(burnPanels("production", "payment-authorisation").map(([, value]) => value)).toEqual([13.44, 5.6, 2.8, 0.933333333333]);
  });

  test("the SLI and budget panels read the recordings with the environment's objective", () => {
    const stats = (env: "staging" | "production") =>
      panels(checkout, env)
        .filter((p) => p.type === "stat" && String(p.title).startsWith("availability: "))
        .map((p) => ({
          title: p.title,
          expr: firstExpr(p),
          steps: ((p.fieldConfig as Json).defaults as { thresholds: { steps: unknown[] } }).thresholds.steps,
        }));
    const remaining = 'slo:error_budget:remaining_ratio{service="$service", namespace="$namespace", slo="availability", period="30d"}';
    expect(stats("production")).toEqual([
      { title: "availability: SLI over 30d", expr: `1 - (1 - ${remaining}) * 0.001`, steps: [{ value: null, color: "red" }, { value: 0.999, color: "green" }] },
      { title: "availability: error budget left", expr: remaining, steps: [{ value: null, color: "red" }, { value: 0, color: "orange" }, { value: 0.25, color: "green" }] },
    ]);
    // staging overrides availability to 99.5
    expect(stats("staging")[0]).toEqual({
      title: "availability: SLI over 30d",
      expr: `1 - (1 - ${remaining}) * 0.005`,
      steps: [{ value: null, color: "red" }, { value: 0.995, color: "green" }],
    });
  });

  test("where paging is switched off, the page panels say so", () => {
    const description = (env: "local" | "production") =>
      panels(checkout, env).find((p) => p.title === "availability: page burn rate (1h / 5m), threshold 14.4×")?.description;
    expect(description("local")).toBe(
      "Error budget burn rate over 1h and 5m. The page alert fires when both are above 14.4× (2% of the 30d budget spent in 1h). Paging is switched off in local: the alert opens a ticket instead.",
    );
    expect(description("production")).toBe("Error budget burn rate over 1h and 5m. The page alert fires when both are above 14.4× (2% of the 30d budget spent in 1h).");
  });
});

describe("the dashboard of checkout-api", () => {
  const catalogue = exampleCatalogue();
  const checkout = catalogue.find((s) => s.declaration.name === "checkout-api") as CataloguedService;
  const d = serviceDashboard(checkout, "production", hashedUids(catalogue.map((s) => s.declaration.name)), resolveResiliencePolicies(checkout, catalogue, "production"));
  const ps = panelsOf(d.json);
  const byTitle = (t: string) => ps.find((p) => p.title === t) as Json;

  test("identity: UID, title, team folder, tags, variables", () => {
    expect([d.uid, d.title, d.folder]).toEqual(["svc-checkout-api", "checkout-api (shop)", "payments"]);
    expect(d.json.tags).toEqual(["sevensa", "generated", "service", "team:payments", "tier:critical", "service:checkout-api"]);
    const vars = ((d.json.templating as Json).list as Json[]).map((v) => [v.name, v.type, v.query]);
    expect(vars).toEqual([
      ["environment", "custom", "production"],
      ["service", "constant", "checkout-api"],
      ["namespace", "constant", "shop"],
    ]);
    expect(d.json.description).toBe(
      "Places orders and charges them through Stripe. Generated by dashboards/service-dashboard.ts from stacks/services/checkout-api.ts for production; edit the declaration, not this dashboard.",
    );
  });

  test("header links to the overview, the map, its error paths, the resilience overview and its team's dashboards", () => {
    expect((d.json.links as Json[]).map((l) => [l.title, l.type, l.url ?? l.tags])).toEqual([
      ["SLO overview", "link", "/d/sevensa-slo-overview?var-namespace=shop"],
      ["Service map", "link", "/d/sevensa-service-map"],
      ["Error paths", "link", "/d/sevensa-error-paths?var-service=checkout-api"],
      ["Resilience overview", "link", "/d/sevensa-resilience-overview?var-service=checkout-api"],
      ["Team payments", "dashboards", ["team:payments"]],
    ]);
  });

  test("error logs from Loki by the index labels, newest first", () => {
    const logs = byTitle("Recent error logs");
    expect(logs.type).toBe("logs");
    expect((logs.targets as Json[])[0]).toEqual({
      refId: "A",
      datasource: { type: "loki", uid: "sevensa-loki" },
      expr: '{service="$service", namespace="$namespace", severity=~"error|fatal"}',
      maxLines: 100,
    });
    expect((logs.options as Json).sortOrder).toBe("Descending");
    expect((logs.options as Json).enableLogDetails).toBe(true);
  });

  test("recent error traces from Jaeger", () => {
    expect((byTitle("Recent error traces").targets as Json[])[0]).toEqual({
      refId: "A",
      datasource: { type: "jaeger", uid: "sevensa-jaeger" },
      queryType: "search",
      service: "$service",
      limit: 20,
      tags: "error=true",
    });
  });

  test("calls to other services come from servicegraph edges and link to the callee's dashboard", () => {
    const calls = byTitle("Calls to (requests)");
    expect(firstExpr(calls)).toBe(
      'label_replace(sum by (server) (rate(traces_service_graph_request_total{client="$service"}[$__rate_interval])), "dashboard", "svc-$1", "server", "(.+)")',
    );
    expect(((calls.fieldConfig as Json).defaults as { links: Json[] }).links.map((l) => [l.title, l.url])).toEqual([
      ["Open the dashboard of ${__field.labels.server}", "/d/${__field.labels.dashboard}?${__url_time_range}"],
    ]);
  });

  test("panel ids are 1..n in layout order and no panel overflows the 24-column grid", () => {
    expect(ps.map((p) => p.id)).toEqual(ps.map((_, i) => i + 1));
    for (const p of ps) {
      const g = p.gridPos as { x: number; w: number };
      expect(g.x + g.w).toBeLessThanOrEqual(24);
    }
  });
});
