/**
 * The resilience overview: every dependency edge of the catalogue (caller → dependency) from the
 * resilience metrics contract. Counts of open breakers and edges in trouble; one table row per
 * edge with its breaker state, failed calls, retries against its own retry budget, timeout,
 * rejection and fallback rates, most failed calls first; the same signals over time. Every row
 * and series links to the caller's service dashboard.
 */
import type { DataTransformerConfig, DynamicConfigValue } from "@grafana/grafana-foundation-sdk/dashboard";
import type { CataloguedService, EnvironmentName } from "../catalogue/types";
import type { ResiliencePolicyDocument } from "../packages/resilience-client/src/policy-document";
import { DASHBOARD_LABEL, dashboardUrl, hashedUids, ROW_DASHBOARD_URL, SERIES_DASHBOARD_URL, withDashboardLabel, type HashedUid } from "./dashboard-links";
import { stat, stateMappings, stateTimeline, table, timeseries } from "./panels";
import { re, selector, sumRate } from "./promql";
import { BREAKER_STATE_CODES, BREAKER_STATE_DISPLAY, EDGE_KEY, RESILIENCE_SERIES, breakerStateCode, edgeQueries } from "./resilience-queries";
import { retryBudgetRatio, type BudgetedEdge } from "./retry-budget-ratio";
import { buildDashboard } from "./shell";
import { promTarget } from "./targets";
import { PLATFORM_FOLDER, type GeneratedDashboard } from "./types";
import { PLATFORM_UIDS } from "./uid";
import { ALL_VALUE, constantVariable, listVariable } from "./variables";

export const RESILIENCE_OVERVIEW_TITLE = "Resilience overview";

/** Rates of the table and the counts: over the whole selected range. */
const RANGE = "$__range";
/** Rates of the time series. */
const WINDOW = "$__rate_interval";

const FILTER = [re("namespace", "$namespace"), re("service", "$service")];

/** Table columns, by the query that fills them. */
export const EDGE_TABLE_COLUMNS = {
  A: "Breaker (now)",
  B: "Failed calls",
  C: "Retries ÷ budget",
  D: "Timed out (of attempts)",
  E: "Rejected by bulkhead",
  F: "Answered by fallback",
  G: "Breaker opened",
  H: "Calls",
} as const;

type Column = keyof typeof EDGE_TABLE_COLUMNS;

const EDGE_LEGEND = "{{service}} → {{dependency}}";

/** Every edge of the catalogue whose policy retries, with its budget. */
function budgetedEdges(documents: readonly ResiliencePolicyDocument[]): BudgetedEdge[] {
  return documents.flatMap((doc) =>
    Object.entries(doc.dependencies).flatMap(([dependency, p]) =>
      p.retry !== null && p.retry.maxAttempts > 1 ? [{ service: doc.service, dependency, budget: p.retry.budget }] : [],
    ),
  );
}

const SHARE: DynamicConfigValue[] = [
  { id: "unit", value: "percentunit" },
  { id: "decimals", value: 2 },
  { id: "custom.cellOptions", value: { type: "color-text" } },
  { id: "thresholds", value: { mode: "absolute", steps: [{ value: null, color: "green" }, { value: 0.01, color: "orange" }, { value: 0.05, color: "red" }] } },
];

/** The edge table; `ratio` is the retries ÷ budget expression over the range, undefined when no edge retries. */
function edgeTable(ratio: string | undefined, hashed: readonly HashedUid[]) {
  const q = edgeQueries(FILTER, RANGE);
  const queries: Partial<Record<Column, string>> = {
    A: q.breakerState,
    B: q.failedShare,
    ...(ratio !== undefined ? { C: ratio } : {}),
    D: q.timeoutShare,
    E: q.rejectionShare,
    F: q.fallbackShare,
    G: q.breakerOpened,
    H: q.calls,
  };
  const refs = Object.keys(EDGE_TABLE_COLUMNS) as Column[];
  const transformations: DataTransformerConfig[] = [
    { id: "merge", options: {} },
    {
      id: "organize",
      options: {
        excludeByName: { Time: true },
        indexByName: {
          service: 0,
          dependency: 1,
          namespace: 2,
          ...Object.fromEntries(refs.map((ref, i) => [`Value #${ref}`, 3 + i])),
          [DASHBOARD_LABEL]: 3 + refs.length,
        },
        renameByName: Object.fromEntries(refs.map((ref) => [`Value #${ref}`, EDGE_TABLE_COLUMNS[ref]])),
      },
    },
  ];
  const columns: Record<string, DynamicConfigValue[]> = {
    service: [{ id: "links", value: [{ title: "Open the dashboard of ${__data.fields.service}", url: ROW_DASHBOARD_URL }] }],
    [DASHBOARD_LABEL]: [{ id: "custom.hidden", value: true }],
    [EDGE_TABLE_COLUMNS.A]: [{ id: "mappings", value: stateMappings(BREAKER_STATE_DISPLAY) }, { id: "custom.cellOptions", value: { type: "color-background" } }],
    [EDGE_TABLE_COLUMNS.B]: SHARE,
    [EDGE_TABLE_COLUMNS.C]: [
      { id: "unit", value: "x" },
      { id: "decimals", value: 2 },
      { id: "custom.cellOptions", value: { type: "color-text" } },
      { id: "thresholds", value: { mode: "absolute", steps: [{ value: null, color: "green" }, { value: 0.8, color: "orange" }, { value: 1, color: "red" }] } },
    ],
    [EDGE_TABLE_COLUMNS.D]: SHARE,
    [EDGE_TABLE_COLUMNS.E]: SHARE,
    [EDGE_TABLE_COLUMNS.F]: SHARE,
    [EDGE_TABLE_COLUMNS.G]: [{ id: "unit", value: "short" }, { id: "decimals", value: 0 }],
    [EDGE_TABLE_COLUMNS.H]: [{ id: "unit", value: "reqps" }],
  };
  return table({
    title: "Every edge, most failed calls first",
    description:
      "One row per caller → dependency edge that reported over the selected range. Failed calls: share of calls that failed before any fallback " +
      "(errors, timeouts, short-circuited by an open breaker, rejected by a full bulkhead). Retries ÷ budget: retries wanted (performed and refused) " +
      "over the edge's own retry budget, above 1 the budget refuses retries. Breaker (now): the worst state over the caller's replicas. " +
      "Click a caller to open its dashboard.",
    width: 24,
    height: 14,
    targets: refs.flatMap((ref) => {
      const expr = queries[ref];
      return expr === undefined ? [] : [promTarget(ref, withDashboardLabel(expr, "service", hashed), { instant: true, format: "table" })];
    }),
    transformations,
    columns,
    sortBy: { column: EDGE_TABLE_COLUMNS.B, descending: true },
  });
}

function countStats(edgeCount: number, ratio: string | undefined) {
  const breaker = breakerStateCode(FILTER, EDGE_KEY);
  const countOrZero = (expr: string) => `count(${expr}) or vector(0)`;
  const reporting = `count by (${EDGE_KEY.join(", ")}) (${selector(RESILIENCE_SERIES.calls, ...FILTER)}) or count by (${EDGE_KEY.join(", ")}) (${selector(RESILIENCE_SERIES.breakerState, ...FILTER)})`;
  const anyRate = (metric: string) => `${sumRate(selector(metric, ...FILTER), EDGE_KEY, RANGE)} > 0`;
  const frame = { width: 4, height: 4, unit: "none" };
  return [
    stat({
      ...frame,
      title: `Edges reporting (of ${edgeCount} declared)`,
      description: "Caller → dependency edges with resilience series. Fewer than declared: a caller does not run, or does not use the resilience client.",
      thresholds: { base: "blue", steps: [] },
      targets: [promTarget("A", countOrZero(reporting), { instant: true })],
    }),
    stat({
      ...frame,
      title: "Breakers open now",
      description: "Edges whose breaker is open on at least one replica.",
      thresholds: { base: "green", steps: [[1, "red"]] },
      targets: [promTarget("A", countOrZero(`${breaker} == ${BREAKER_STATE_CODES.open}`), { instant: true })],
    }),
    stat({
      ...frame,
      title: "Breakers half-open now",
      description: "Edges whose breaker is probing on at least one replica (and open on none).",
      thresholds: { base: "green", steps: [[1, "orange"]] },
      targets: [promTarget("A", countOrZero(`${breaker} == ${BREAKER_STATE_CODES["half-open"]}`), { instant: true })],
    }),
    stat({
      ...frame,
      title: "Edges above retry budget",
      description: "Edges whose callers wanted more retries than their retry budget allows, over the selected range.",
      thresholds: { base: "green", steps: [[1, "red"]] },
      targets: [promTarget("A", ratio === undefined ? "vector(0)" : countOrZero(`(${ratio}) > 1`), { instant: true })],
    }),
    stat({
      ...frame,
      title: "Edges rejecting calls",
      description: "Edges whose bulkhead rejected calls over the selected range.",
      thresholds: { base: "green", steps: [[1, "orange"]] },
      targets: [promTarget("A", countOrZero(anyRate(RESILIENCE_SERIES.bulkheadRejections)), { instant: true })],
    }),
    stat({
      ...frame,
      title: "Edges serving fallbacks",
      description: "Edges whose fallback answered failed calls over the selected range.",
      thresholds: { base: "green", steps: [[1, "orange"]] },
      targets: [promTarget("A", countOrZero(anyRate(RESILIENCE_SERIES.fallbacks)), { instant: true })],
    }),
  ];
}

function overTime(documents: readonly ResiliencePolicyDocument[], hashed: readonly HashedUid[]) {
  const q = edgeQueries(FILTER, WINDOW);
  const ratio = retryBudgetRatio(budgetedEdges(documents), FILTER, WINDOW);
  const links = [{ title: "Open the dashboard of ${__field.labels.service}", url: SERIES_DASHBOARD_URL }];
  const series = (expr: string) => [promTarget("A", withDashboardLabel(expr, "service", hashed), { legend: EDGE_LEGEND })];
  const share = (title: string, description: string, expr: string, width: number) =>
    timeseries({ title, description, width, height: 8, unit: "percentunit", min: 0, links, targets: series(expr) });
  const breakers = stateTimeline({
    title: "Circuit breakers (worst replica per edge)",
    description: "Breaker state of every edge with a breaker: open (red) when open on any replica, half-open (orange) when probing on any.",
    width: 24,
    height: 10,
    states: BREAKER_STATE_DISPLAY,
    links,
    targets: series(breakerStateCode(FILTER, ["service", "dependency"])),
  });
  const retries =
    ratio === undefined
      ? []
      : [
          timeseries({
            title: "Retries ÷ budget per edge",
            description: "Retries wanted (performed and refused) over each edge's own retry budget; above 1 (dashed line) the budget refuses retries.",
            width: 12,
            height: 8,
            unit: "x",
            min: 0,
            thresholds: { base: "green", steps: [[1, "red"]] },
            links,
            targets: series(ratio),
          }),
        ];
  return [
    breakers,
    ...retries,
    share("Failed calls per edge", "Share of calls that failed before any fallback.", q.failedShare, ratio === undefined ? 24 : 12),
    share("Timeouts per edge", "Share of attempts (calls and retries) cut off by the per-attempt timeout.", q.timeoutShare, 8),
    share("Bulkhead rejections per edge", "Share of calls rejected because every bulkhead slot and queue place was taken.", q.rejectionShare, 8),
    share("Fallbacks per edge", "Share of calls answered by the fallback.", q.fallbackShare, 8),
  ];
}

/**
 * The resilience overview of the catalogue. `documents` are the resolved policy documents of
 * the services (any order; those without dependencies add nothing).
 */
export function resilienceOverviewDashboard(
  services: readonly CataloguedService[],
  documents: readonly ResiliencePolicyDocument[],
  environment: EnvironmentName,
): GeneratedDashboard {
  const callers = documents.filter((d) => Object.keys(d.dependencies).length > 0);
  const edgeCount = callers.reduce((n, d) => n + Object.keys(d.dependencies).length, 0);
  const names = callers.map((d) => d.service);
  const namespaces = [...new Set(callers.map((d) => d.namespace))].sort();
  const hashed = hashedUids(services.map((s) => s.declaration.name));
  const ratio = retryBudgetRatio(budgetedEdges(documents), FILTER, RANGE);
  const json = buildDashboard({
    uid: PLATFORM_UIDS.resilienceOverview,
    title: RESILIENCE_OVERVIEW_TITLE,
    description:
      `Every declared dependency edge (${edgeCount} from ${callers.length} calling services), from the resilience metrics contract and the ${environment} policies. ` +
      `Generated by dashboards/resilience-overview.ts from stacks/services/ for ${environment}.`,
    tags: ["resilience", "overview"],
    environment,
    from: "now-1h",
    variables: [
      namespaces.length === 0 ? constantVariable("namespace", ALL_VALUE) : listVariable("namespace", "Namespace", namespaces, { multi: true, includeAll: true }),
      names.length === 0 ? constantVariable("service", ALL_VALUE) : listVariable("service", "Caller", names, { multi: true, includeAll: true }),
    ],
    links: [
      { title: "SLO overview", url: dashboardUrl(PLATFORM_UIDS.sloOverview) },
      { title: "Service map", url: dashboardUrl(PLATFORM_UIDS.serviceMap) },
    ],
    sections: [
      { title: "Edges", panels: [...countStats(edgeCount, ratio), edgeTable(ratio, hashed)] },
      { title: "Over time", panels: overTime(documents, hashed) },
    ],
  });
  return { uid: PLATFORM_UIDS.resilienceOverview, title: RESILIENCE_OVERVIEW_TITLE, folder: PLATFORM_FOLDER, json };
}
