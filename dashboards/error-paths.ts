/**
 * Error-path analysis: for the selected service, the operations (span names, any span kind)
 * that fail most, how their errors move along the call graph (failing calls to and from
 * other services), and the Jaeger traces behind them. Each operation in the table links to a
 * Jaeger search for that service and operation restricted to error traces.
 */
import type { DynamicConfigValue } from "@grafana/grafana-foundation-sdk/dashboard";
import { SLI_SOURCES } from "../catalogue/sli-sources";
import type { CataloguedService, EnvironmentName } from "../catalogue/types";
import { DATASOURCES } from "./datasources";
import { JAEGER_ERROR_TAGS } from "./log-streams";
import { note, table, timeseries } from "./panels";
import { eq, RATE_INTERVAL, selector } from "./promql";
import { SERVICEGRAPH } from "./servicegraph-queries";
import { serviceSignals } from "./service-signals";
import { buildDashboard, type Section } from "./shell";
import { JaegerSearchBuilder, promTarget } from "./targets";
import { PLATFORM_FOLDER, type GeneratedDashboard } from "./types";
import { PLATFORM_UIDS } from "./uid";
import { listVariable } from "./variables";

export const ERROR_PATHS_TITLE = "Error paths";

/** Operations listed in the table. */
export const TOP_OPERATIONS = 10;
/** Traces listed per search. */
const TRACE_LIMIT = 50;

const CALLS = SLI_SOURCES.spanmetrics.countMetric;
const ERROR = SLI_SOURCES.spanmetrics.errorMatchers;
const OPERATION = ["service", "span_name", "span_kind"] as const;

/** Table columns, by query. */
export const ERROR_COLUMNS = { A: "Errors per second", B: "Error ratio" } as const;

function rateOver(sel: string, range: string, by: readonly string[]): string {
  return `sum by (${by.join(", ")}) (rate(${sel}[${range}]))`;
}

/** Grafana data link that opens a Jaeger search (Explore) for the row's service and operation, errors only. */
function jaegerOperationLink(): Record<string, unknown> {
  return {
    title: "Error traces of ${__data.fields.span_name}",
    url: "",
    internal: {
      datasourceUid: DATASOURCES.jaeger.uid,
      datasourceName: "Jaeger",
      query: {
        refId: "A",
        datasource: { ...DATASOURCES.jaeger },
        queryType: "search",
        service: "${__data.fields.service}",
        operation: "${__data.fields.span_name}",
        tags: JAEGER_ERROR_TAGS,
        limit: 20,
      },
    },
  };
}

function sections(): Section[] {
  const errors = selector(CALLS, eq("service", "$service"), ERROR);
  const all = selector(CALLS, eq("service", "$service"));
  const topErrors = `topk(${TOP_OPERATIONS}, ${rateOver(errors, "$__range", OPERATION)})`;
  const columns: Record<string, DynamicConfigValue[]> = {
    span_name: [{ id: "links", value: [jaegerOperationLink()] }],
    [ERROR_COLUMNS.A]: [{ id: "unit", value: "cps" }],
    [ERROR_COLUMNS.B]: [{ id: "unit", value: "percentunit" }, { id: "decimals", value: 2 }],
  };
  return [
    {
      title: "Where errors happen",
      panels: [
        table({
          title: `Top ${TOP_OPERATIONS} erroring operations`,
          description: "Spans with status ERROR over the selected range, by operation and span kind (a failing CLIENT span is a failed call to another service). Click an operation for its error traces.",
          width: 24,
          height: 10,
          targets: [
            promTarget("A", topErrors, { instant: true, format: "table" }),
            promTarget("B", `(${rateOver(errors, "$__range", OPERATION)} / ${rateOver(all, "$__range", OPERATION)}) and on (${OPERATION.join(", ")}) ${topErrors}`, {
              instant: true,
              format: "table",
            }),
          ],
          transformations: [
            { id: "merge", options: {} },
            {
              id: "organize",
              options: {
                excludeByName: { Time: true },
                indexByName: { service: 0, span_name: 1, span_kind: 2, "Value #A": 3, "Value #B": 4 },
                renameByName: { "Value #A": ERROR_COLUMNS.A, "Value #B": ERROR_COLUMNS.B },
              },
            },
          ],
          columns,
          sortBy: { column: ERROR_COLUMNS.A, descending: true },
        }),
        timeseries({
          title: "Errors per operation",
          width: 24,
          height: 8,
          unit: "cps",
          min: 0,
          targets: [promTarget("A", `topk(${TOP_OPERATIONS}, ${rateOver(errors, RATE_INTERVAL, ["span_name", "span_kind"])})`, { legend: "{{span_name}} ({{span_kind}})" })],
        }),
      ],
    },
    {
      title: "Along the call path (servicegraph)",
      panels: [
        timeseries({
          title: "Failing calls to other services",
          width: 12,
          height: 8,
          unit: "cps",
          min: 0,
          targets: [promTarget("A", rateOver(selector(SERVICEGRAPH.failed, eq("client", "$service")), RATE_INTERVAL, ["server"]), { legend: "→ {{server}}" })],
        }),
        timeseries({
          title: "Failing calls from other services",
          width: 12,
          height: 8,
          unit: "cps",
          min: 0,
          targets: [promTarget("A", rateOver(selector(SERVICEGRAPH.failed, eq("server", "$service")), RATE_INTERVAL, ["client"]), { legend: "{{client}} →" })],
        }),
      ],
    },
    {
      title: "Error traces (Jaeger)",
      panels: [
        table({
          title: "Traces with an error span",
          description: `The last ${TRACE_LIMIT} traces of $service with an error span; click a trace ID to open the whole path.`,
          width: 24,
          height: 12,
          targets: [new JaegerSearchBuilder("A", "$service", TRACE_LIMIT).tags(JAEGER_ERROR_TAGS)],
        }),
      ],
    },
  ];
}

/** The error-path dashboard over every service that sends traces. */
export function errorPathsDashboard(services: readonly CataloguedService[], environment: EnvironmentName): GeneratedDashboard {
  const traced = services.filter((s) => serviceSignals(s.declaration).traces).map((s) => s.declaration.name);
  const json = buildDashboard({
    uid: PLATFORM_UIDS.errorPaths,
    title: ERROR_PATHS_TITLE,
    description: `Top erroring operations and their traces, per service. Generated by dashboards/error-paths.ts from stacks/services/ for ${environment}.`,
    tags: ["errors", "traces"],
    environment,
    from: "now-1h",
    variables: traced.length === 0 ? [] : [listVariable("service", "Service", traced, { multi: false, includeAll: false })],
    sections:
      traced.length === 0
        ? [{ title: "No traced services", panels: [note({ title: "Nothing to analyse", width: 24, height: 3 }, "No declared service sends traces (`telemetry.otlp`).")] }]
        : sections(),
  });
  return { uid: PLATFORM_UIDS.errorPaths, title: ERROR_PATHS_TITLE, folder: PLATFORM_FOLDER, json };
}
