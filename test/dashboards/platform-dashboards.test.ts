/**
 * The cross-team dashboards: the SLO overview (sorted by error budget left, rows linking to the
 * service dashboards), the service map (node graph frames from servicegraph edges), platform
 * health (every signal, tier, queue, sampling decision and backend) and error paths.
 */
import type { CataloguedService } from "../../catalogue/types";
import { generateDashboards } from "../../dashboards";
import { PLATFORM_JOBS } from "../../dashboards/platform-jobs";
import { SERVICE_MAP_QUERIES } from "../../dashboards/service-map";
import { exampleCatalogue } from "./support/context";
import { panelsOf } from "./support/inspect";

type Json = Record<string, unknown>;

const services = exampleCatalogue();
const dashboards = generateDashboards(services, "production");
const byUid = (uid: string) => dashboards.find((d) => d.uid === uid) as (typeof dashboards)[number];
const panel = (uid: string, title: string) => panelsOf(byUid(uid).json).find((p) => p.title === title) as Json;
const exprs = (p: Json) => (p.targets as Json[]).map((t) => [t.refId, t.expr]);

test("the platform dashboards live in the platform folder", () => {
  expect(dashboards.filter((d) => d.uid.startsWith("sevensa-")).map((d) => [d.uid, d.title, d.folder])).toEqual([
    ["sevensa-slo-overview", "SLO overview", "platform"],
    ["sevensa-service-map", "Service map", "platform"],
    ["sevensa-platform-health", "Platform health", "platform"],
    ["sevensa-error-paths", "Error paths", "platform"],
    ["sevensa-resilience-overview", "Resilience overview", "platform"],
  ]);
});

describe("SLO overview", () => {
  const t = panel("sevensa-slo-overview", "Every SLO, least error budget left first");
  const withDashboard = (e: string) => `label_replace(sum by (service, namespace, slo) (${e}), "dashboard", "svc-$1", "service", "(.+)")`;

  test("one row per SLO from four instant queries merged on service, namespace and slo", () => {
    expect(exprs(t)).toEqual([
      ["A", withDashboard('slo:error_budget:remaining_ratio{namespace=~"$namespace"}')],
      ["B", withDashboard('slo:error_budget:burn_rate{namespace=~"$namespace", window="1h"}')],
      ["C", withDashboard('slo:error_budget:burn_rate{namespace=~"$namespace", window="1d"}')],
      ["D", withDashboard('1 - slo:sli_error:ratio{namespace=~"$namespace", window="1d"}')],
    ]);
    expect((t.targets as Json[]).map((x) => [x.instant, x.format])).toEqual(Array(4).fill([true, "table"]));
    expect((t.transformations as Json[]).map((x) => x.id)).toEqual(["merge", "organize"]);
  });

  test("sorted by error budget left, least first", () => {
    expect((t.options as Json).sortBy).toEqual([{ displayName: "Error budget left", desc: false }]);
    expect(exprs(panel("sevensa-slo-overview", "20 SLOs with the least error budget left"))).toEqual([
      ["A", 'bottomk(20, slo:error_budget:remaining_ratio{namespace=~"$namespace"})'],
    ]);
  });

  test("a service cell opens that service's dashboard; the UID column is hidden", () => {
    const overrides = (t.fieldConfig as { overrides: Array<{ matcher: { options: string }; properties: Json[] }> }).overrides;
    const props = (name: string) => overrides.find((o) => o.matcher.options === name)?.properties;
    expect(props("service")).toEqual([
      { id: "links", value: [{ title: "Open the dashboard of ${__data.fields.service}", url: "/d/${__data.fields.dashboard}?${__url_time_range}" }] },
    ]);
    expect(props("dashboard")).toEqual([{ id: "custom.hidden", value: true }]);
  });

  test("a service whose UID is hashed gets its exact UID in the link column", () => {
    const long = "a-very-long-service-name-for-testing-1";
    const extra: CataloguedService = { file: `stacks/services/${long}.ts`, declaration: { ...services[0].declaration, name: long } };
    const overview = generateDashboards([...services, extra], "production").find((d) => d.uid === "sevensa-slo-overview") as (typeof dashboards)[number];
    const a = ((panelsOf(overview.json).find((p) => p.type === "table") as Json).targets as Json[])[0].expr;
    expect(a).toBe(
      `label_replace(${withDashboard('slo:error_budget:remaining_ratio{namespace=~"$namespace"}')}, "dashboard", "svc-a-very-long-service-name-fo-5810aefa", "service", "${long}")`,
    );
  });

  test("namespaces of the catalogue as a multi-select with All", () => {
    const ns = ((byUid("sevensa-slo-overview").json.templating as Json).list as Json[]).find((v) => v.name === "namespace") as Json;
    expect([ns.type, ns.query, ns.multi, ns.includeAll, ns.allValue]).toEqual(["custom", "shop", true, true, ".*"]);
  });
});

describe("service map", () => {
  const map = panel("sevensa-service-map", "Service dependency map");

  test("a node graph of edges (A: requests, B: error ratio) and nodes (C, D) from servicegraph metrics", () => {
    expect(map.type).toBe("nodeGraph");
    expect(exprs(map)).toEqual(Object.entries(SERVICE_MAP_QUERIES));
    expect(SERVICE_MAP_QUERIES.A).toBe(
      'label_join(sum by (client, server) (rate(traces_service_graph_request_total[$__range])), "id", "->", "client", "server")',
    );
    expect(SERVICE_MAP_QUERIES.B).toBe(
      'label_join((sum by (client, server) (rate(traces_service_graph_request_failed_total[$__range])) or sum by (client, server) (rate(traces_service_graph_request_total[$__range])) * 0) / sum by (client, server) (rate(traces_service_graph_request_total[$__range])), "id", "->", "client", "server")',
    );
  });

  test("edge and node frames are merged separately and renamed to the node graph's field names", () => {
    const tr = map.transformations as Json[];
    expect(tr.map((x) => [x.id, x.filter])).toEqual([
      ["merge", { id: "byRefId", options: "/^(A|B)$/" }],
      ["merge", { id: "byRefId", options: "/^(C|D)$/" }],
      ["organize", undefined],
    ]);
    expect((tr[2].options as Json).renameByName).toEqual({
      client: "source",
      server: "target",
      "Value #A": "mainstat",
      "Value #B": "secondarystat",
      "Value #C": "mainstat",
      "Value #D": "secondarystat",
    });
    expect((map.options as Json).edges).toEqual({ mainStatUnit: "reqps", secondaryStatUnit: "percentunit" });
  });
});

describe("platform health", () => {
  const titles = panelsOf(byUid("sevensa-platform-health").json).map((p) => p.title);

  test("accepted, refused and dropped for spans, log records and metric points; queues; sampling decisions; backends", () => {
    for (const kind of ["Accepted", "Refused", "Dropped"]) {
      expect(titles.filter((t) => String(t).startsWith(`${kind}: `))).toEqual([`${kind}: spans`, `${kind}: log records`, `${kind}: metric points`]);
    }
    expect(titles).toEqual(expect.arrayContaining(["Queue size", "Queue fill", "Decisions per policy", "Traces kept and dropped", "Prometheus", "Alertmanager", "Loki", "Jaeger"]));
  });

  test("per tier: collector series are grouped by scrape job (otel-agent, otel-gateway)", () => {
    expect(exprs(panel("sevensa-platform-health", "Accepted: spans"))).toEqual([
      ["A", 'sum by (job) (rate(otelcol_receiver_accepted_spans_total{job=~"otel-agent|otel-gateway"}[$__rate_interval]))'],
    ]);
    expect(exprs(panel("sevensa-platform-health", "Dropped: log records"))).toEqual([
      ["A", 'sum by (job, exporter) (rate(otelcol_exporter_enqueue_failed_log_records_total{job=~"otel-agent|otel-gateway"}[$__rate_interval]))'],
      ["B", 'sum by (job, exporter) (rate(otelcol_exporter_send_failed_log_records_total{job=~"otel-agent|otel-gateway"}[$__rate_interval]))'],
    ]);
  });

  test("one up stat per platform job", () => {
    const ups = panelsOf(byUid("sevensa-platform-health").json).filter((p) => String(p.title).endsWith(": targets up"));
    expect(ups.map((p) => ((p.targets as Json[])[0].expr as string).match(/job="([^"]+)"/)?.[1]).sort()).toEqual(Object.values(PLATFORM_JOBS).sort());
  });
});

describe("error paths", () => {
  const ep = byUid("sevensa-error-paths");

  test("a service list of every service that sends traces", () => {
    const v = ((ep.json.templating as Json).list as Json[]).find((x) => x.name === "service") as Json;
    expect([v.query, v.multi, (v.current as Json).value]).toEqual(["checkout-api,pricing-engine,storefront", false, "checkout-api"]);
  });

  test("top erroring operations, each linking to a Jaeger search for its error traces", () => {
    const t = panel("sevensa-error-paths", "Top 10 erroring operations");
    expect(exprs(t)[0]).toEqual([
      "A",
      'topk(10, sum by (service, span_name, span_kind) (rate(traces_span_metrics_calls_total{service="$service", status_code="STATUS_CODE_ERROR"}[$__range])))',
    ]);
    const overrides = (t.fieldConfig as { overrides: Array<{ matcher: { options: string }; properties: Json[] }> }).overrides;
    expect(overrides.find((o) => o.matcher.options === "span_name")?.properties).toEqual([
      {
        id: "links",
        value: [
          {
            title: "Error traces of ${__data.fields.span_name}",
            url: "",
            internal: {
              datasourceUid: "sevensa-jaeger",
              datasourceName: "Jaeger",
              query: {
                refId: "A",
                datasource: { type: "jaeger", uid: "sevensa-jaeger" },
                queryType: "search",
                service: "${__data.fields.service}",
                operation: "${__data.fields.span_name}",
                tags: "error=true",
                limit: 20,
              },
            },
          },
        ],
      },
    ]);
  });

  test("the traces behind them: a Jaeger search for error traces of the selected service", () => {
    expect((panel("sevensa-error-paths", "Traces with an error span").targets as Json[])[0]).toEqual({
      refId: "A",
      datasource: { type: "jaeger", uid: "sevensa-jaeger" },
      queryType: "search",
      service: "$service",
      limit: 50,
      tags: "error=true",
    });
  });
});
