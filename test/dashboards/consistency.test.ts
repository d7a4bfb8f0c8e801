/**
 * Issue 6, point 4: every query of every generated dashboard (all example services and the
 * platform dashboards, in every environment) parses, reads a datasource Grafana is
 * provisioned with, and reads series the platform produces; no two dashboards share a UID.
 * The checker is also run on deliberately broken dashboards to show it catches each fault.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { ENVIRONMENTS } from "../../catalogue/types";
import { generateDashboards } from "../../dashboards";
import type { GeneratedDashboard } from "../../dashboards/types";
import { PROMTOOL_HINT, runTool } from "../support/tools";
import { dashboardProblems, recordedSlos, substitutedPromql } from "./support/consistency";
import { exampleCatalogue, provisionedDatasourceUids } from "./support/context";
import { analysePromql, queriesOf } from "./support/inspect";
import { RESILIENCE_METRICS } from "../../resilience";

const services = exampleCatalogue();
const provisionedUids = provisionedDatasourceUids();

describe.each(ENVIRONMENTS)("dashboards of the example catalogue in %s", (environment) => {
  const dashboards = generateDashboards(services, environment);
  const recorded = recordedSlos(services, environment);
  const ctx = { provisionedUids, services, environment };

  test("one per service plus the five platform dashboards, UIDs unique", () => {
    expect(dashboards.map((d) => d.uid)).toEqual([
      "svc-checkout-api",
      "svc-pricing-engine",
      "svc-storefront",
      "sevensa-slo-overview",
      "sevensa-service-map",
      "sevensa-platform-health",
      "sevensa-error-paths",
      "sevensa-resilience-overview",
    ]);
    expect(new Set(dashboards.map((d) => d.uid)).size).toBe(dashboards.length);
  });

  test.each(generateDashboards(services, environment).map((d) => [d.uid, d] as const))("%s: every query parses, is provisioned and reads known series", (_uid, d) => {
    expect(dashboardProblems(d, ctx, recorded)).toEqual([]);
  });

  test("the checks ran over every query (none skipped as unknown)", () => {
    const byType: Record<string, number> = {};
    for (const q of dashboards.flatMap((d) => queriesOf(d.json))) byType[q.type] = (byType[q.type] ?? 0) + 1;
    expect(Object.keys(byType).sort()).toEqual(["jaeger", "loki", "prometheus"]);
    expect(byType.prometheus).toBeGreaterThan(150);
    expect(byType.loki).toBe(6);
    expect(byType.jaeger).toBe(4);
  });

  test("every instrument of the resilience metrics contract is read by some panel, under its Prometheus name", () => {
    const read = new Set(
      substitutedPromql(dashboards).flatMap((q) => analysePromql(q.expr).selectors.map((sel) => sel.metric)),
    );
    expect(Object.values(RESILIENCE_METRICS).map((m) => m.prometheus).filter((name) => !read.has(name))).toEqual([]);
  });

  test("the real Prometheus parser (promtool check rules) accepts every PromQL expression", () => {
    const exprs = [...new Set(substitutedPromql(dashboards).map((q) => q.expr))];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashboards-promtool-"));
    try {
      const file = path.join(dir, "dashboard-queries.yaml");
      const rules = exprs.map((expr, i) => ({ record: `dashboard:query_${i}`, expr }));
      fs.writeFileSync(file, stringify({ groups: [{ name: "dashboard-queries", rules }] }));
      const run = runTool("promtool", ["check", "rules", file], PROMTOOL_HINT);
      expect(run.output).toContain(`SUCCESS: ${exprs.length} rules found`);
      expect(run.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the checker catches broken dashboards", () => {
  const environment = "production";
  const recorded = recordedSlos(services, environment);
  const ctx = { provisionedUids, services, environment } as const;
  const original = generateDashboards(services, environment).find((d) => d.uid === "svc-checkout-api") as GeneratedDashboard;

  /** A copy of checkout-api's dashboard with the first target of the panel titled `panel` changed. */
  function broken(panel: string, change: (target: Record<string, unknown>) => void): GeneratedDashboard {
    const json = JSON.parse(JSON.stringify(original.json)) as Record<string, unknown>;
    const p = (json.panels as Array<Record<string, unknown>>).find((x) => x.title === panel);
    if (p === undefined) throw new Error(`no panel ${panel}`);
    change((p.targets as Array<Record<string, unknown>>)[0]);
    return { ...original, json };
  }

  test.each([
    [
      "a syntax error",
      "Requests",
      (t: Record<string, unknown>) => (t.expr = 'sum(rate(http_server_request_duration_seconds_count{service="$service"}[$__rate_interval])'),
      'svc-checkout-api / Requests / A: syntax error at character 81 (after variable substitution): ""',
    ],
    [
      "an unknown metric",
      "Requests",
      (t: Record<string, unknown>) => (t.expr = 'sum(rate(http_requests_total{service="$service"}[$__rate_interval]))'),
      "svc-checkout-api / Requests / A: metric http_requests_total is produced by nothing the platform declares (dashboards/known-metrics.ts)",
    ],
    [
      "a label the metric does not have",
      "Requests",
      (t: Record<string, unknown>) => (t.expr = 'sum(rate(http_server_request_duration_seconds_count{service="$service", http_status_code="500"}[$__rate_interval]))'),
      "svc-checkout-api / Requests / A: http_server_request_duration_seconds_count has no label http_status_code (its labels: service, namespace, pod, http_route, http_request_method, http_response_status_code, url_scheme, network_protocol_version, le, job, instance)",
    ],
    [
      "grouping by a label no selected series has",
      "Requests",
      (t: Record<string, unknown>) => (t.expr = 'sum by (route) (rate(http_server_request_duration_seconds_count{service="$service"}[$__rate_interval]))'),
      "svc-checkout-api / Requests / A: grouping label route is on none of the selected series",
    ],
    [
      "an undefined template variable",
      "Requests",
      (t: Record<string, unknown>) => (t.expr = 'sum(rate(http_server_request_duration_seconds_count{service="$svc"}[$__rate_interval]))'),
      "svc-checkout-api / Requests / A: undefined variable(s) $svc",
    ],
    [
      "a window the SLO rules do not record",
      "availability: page burn rate (1h / 5m), threshold 14.4×",
      (t: Record<string, unknown>) => (t.expr = 'slo:error_budget:burn_rate{service="$service", slo="availability", window=~"1h|10m"}'),
      'svc-checkout-api / availability: page burn rate (1h / 5m), threshold 14.4× / A: slo:error_budget:burn_rate: window "10m" is not recorded (recorded: 5m, 30m, 1h, 2h, 6h, 1d, 3d)',
    ],
    [
      "a period the SLO does not have",
      "payment-authorisation: error budget left",
      (t: Record<string, unknown>) => (t.expr = 'slo:error_budget:remaining_ratio{service="$service", slo="payment-authorisation", period="30d"}'),
      'svc-checkout-api / payment-authorisation: error budget left / A: slo:error_budget:remaining_ratio: period "30d" is not recorded (recorded: 28d)',
    ],
    [
      "an unprovisioned datasource",
      "Requests",
      (t: Record<string, unknown>) => (t.datasource = { type: "prometheus", uid: "prometheus" }),
      'svc-checkout-api: datasource UID "prometheus" is not provisioned (sevensa-prometheus, sevensa-alertmanager, sevensa-jaeger, sevensa-loki)',
    ],
    [
      "a LogQL syntax error",
      "Recent error logs",
      (t: Record<string, unknown>) => (t.expr = '{service="$service", severity=~"error|fatal"'),
      'svc-checkout-api / Recent error logs / A: syntax error at character 49 (after variable substitution): ""',
    ],
    [
      "a Loki label that is not indexed",
      "Recent error logs",
      (t: Record<string, unknown>) => (t.expr = '{service="$service", trace_id="abc"}'),
      "svc-checkout-api / Recent error logs / A: Loki stream label trace_id is not an index label (namespace, service, severity)",
    ],
    [
      "a severity the log schema does not have",
      "Recent error logs",
      (t: Record<string, unknown>) => (t.expr = '{service="$service", severity=~"ERROR|fatal"}'),
      'svc-checkout-api / Recent error logs / A: severity "ERROR" is not a level of the log schema',
    ],
    [
      "a resilience label the instrument does not have (timeouts carry no outcome)",
      "stripe: timeouts (after 3s)",
      (t: Record<string, unknown>) =>
        (t.expr = 'sum(rate(resilience_timeouts_total{service="$service", namespace="$namespace", dependency="stripe", outcome="timeout"}[$__rate_interval]))'),
      "svc-checkout-api / stripe: timeouts (after 3s) / A: resilience_timeouts_total has no label outcome (its labels: dependency, service, namespace, pod, otel_scope_name, job, instance)",
    ],
    [
      "a resilience counter under its OpenTelemetry name without the _total suffix",
      "stripe: calls by outcome",
      (t: Record<string, unknown>) => (t.expr = 'sum(rate(resilience_calls{service="$service", dependency="stripe"}[$__rate_interval]))'),
      "svc-checkout-api / stripe: calls by outcome / A: metric resilience_calls is produced by nothing the platform declares (dashboards/known-metrics.ts)",
    ],
    [
      "a Jaeger search for an undeclared service",
      "Recent error traces",
      (t: Record<string, unknown>) => (t.service = "checkout"),
      'svc-checkout-api / Recent error traces / A: Jaeger service "checkout" is not a declared service that sends traces',
    ],
  ])("%s", (_what, panel, change, message) => {
    expect(dashboardProblems(broken(panel, change), ctx, recorded)).toEqual([message]);
  });
});
