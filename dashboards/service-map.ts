/**
 * The service dependency map: a node graph of every service seen in traces, built from the
 * servicegraph connector's edge metrics (request rate and error ratio on every edge, incoming
 * request rate and error ratio on every node), and the same edges as a table with latency.
 *
 * Grafana's node graph reads two frames: nodes (`id`, `title`, `mainstat`, `secondarystat`)
 * and edges (`id`, `source`, `target`, `mainstat`, `secondarystat`). The four instant queries
 * produce those columns as labels (`label_join` / `label_replace`); per-query `merge`
 * transformations join A+B into the edge frame and C+D into the node frame, and `organize`
 * renames the value columns.
 */
import type { DataTransformerConfig, DynamicConfigValue } from "@grafana/grafana-foundation-sdk/dashboard";
import type { CataloguedService, EnvironmentName } from "../catalogue/types";
import { DASHBOARD_LABEL, hashedUids, ROW_DASHBOARD_URL, withDashboardLabel, type HashedUid } from "./dashboard-links";
import { nodeGraph, table } from "./panels";
import { SERVICEGRAPH } from "./servicegraph-queries";
import { buildDashboard } from "./shell";
import { promTarget } from "./targets";
import { PLATFORM_FOLDER, type GeneratedDashboard } from "./types";
import { PLATFORM_UIDS } from "./uid";

export const SERVICE_MAP_TITLE = "Service map";

/** Over the whole selected time range. */
const RANGE = "$__range";

function sumBy(labels: string, metric: string): string {
  return `sum by (${labels}) (rate(${metric}[${RANGE}]))`;
}

/** Failed ÷ all per group, 0 (not absent) for a group without failures. */
function errorRatio(labels: string): string {
  return `(${sumBy(labels, SERVICEGRAPH.failed)} or ${sumBy(labels, SERVICEGRAPH.requests)} * 0) / ${sumBy(labels, SERVICEGRAPH.requests)}`;
}

/** `id` and `title` labels from the server label (nodes). */
function asNode(expr: string, from: "server" | "client"): string {
  const withId = `label_replace(${expr}, "id", "$1", "${from}", "(.+)")`;
  return `sum by (id, title) (label_replace(${withId}, "title", "$1", "${from}", "(.+)"))`;
}

/** The node graph's four queries. */
export const SERVICE_MAP_QUERIES = {
  /** Edges: requests per second, id `client->server`. */
  A: `label_join(${sumBy("client, server", SERVICEGRAPH.requests)}, "id", "->", "client", "server")`,
  /** Edges: error ratio. */
  B: `label_join(${errorRatio("client, server")}, "id", "->", "client", "server")`,
  /** Nodes: incoming requests per second; services that only call others appear with 0. */
  C: `${asNode(sumBy("server", SERVICEGRAPH.requests), "server")} or ${asNode(`${sumBy("client", SERVICEGRAPH.requests)} * 0`, "client")}`,
  /** Nodes: error ratio of incoming requests. */
  D: asNode(errorRatio("server"), "server"),
} as const;

function byRefId(refs: string): DataTransformerConfig["filter"] {
  return { id: "byRefId", options: `/^(${refs})$/` };
}

function mapPanel() {
  const transformations: DataTransformerConfig[] = [
    { id: "merge", options: {}, filter: byRefId("A|B") },
    { id: "merge", options: {}, filter: byRefId("C|D") },
    {
      id: "organize",
      options: {
        excludeByName: { Time: true },
        renameByName: {
          client: "source",
          server: "target",
          "Value #A": "mainstat",
          "Value #B": "secondarystat",
          "Value #C": "mainstat",
          "Value #D": "secondarystat",
        },
      },
    },
  ];
  return nodeGraph({
    title: "Service dependency map",
    description:
      "Every client → server edge seen in traces over the selected range: requests per second and error ratio on the edges, " +
      "incoming requests per second and their error ratio on the services. Databases appear under their database name.",
    width: 24,
    height: 18,
    targets: (Object.keys(SERVICE_MAP_QUERIES) as Array<keyof typeof SERVICE_MAP_QUERIES>).map((ref) =>
      promTarget(ref, SERVICE_MAP_QUERIES[ref], { instant: true, format: "table" }),
    ),
    transformations,
    nodeUnits: { main: "reqps", secondary: "percentunit" },
    edgeUnits: { main: "reqps", secondary: "percentunit" },
  });
}

/** Edge table columns, by query. */
export const EDGE_COLUMNS = { A: "Requests", B: "Error ratio", C: "p95 latency (server side)" } as const;

function edgeTable(hashed: readonly HashedUid[]) {
  const queries: Record<keyof typeof EDGE_COLUMNS, string> = {
    A: sumBy("client, server", SERVICEGRAPH.requests),
    B: errorRatio("client, server"),
    C: `histogram_quantile(0.95, ${sumBy("client, server, le", SERVICEGRAPH.serverBuckets)})`,
  };
  const columns: Record<string, DynamicConfigValue[]> = {
    server: [{ id: "links", value: [{ title: "Open the dashboard of ${__data.fields.server}", url: ROW_DASHBOARD_URL }] }],
    [DASHBOARD_LABEL]: [{ id: "custom.hidden", value: true }],
    [EDGE_COLUMNS.A]: [{ id: "unit", value: "reqps" }],
    [EDGE_COLUMNS.B]: [{ id: "unit", value: "percentunit" }, { id: "decimals", value: 2 }],
    [EDGE_COLUMNS.C]: [{ id: "unit", value: "s" }],
  };
  return table({
    title: "Edges",
    width: 24,
    height: 12,
    targets: (Object.keys(queries) as Array<keyof typeof queries>).map((ref) =>
      promTarget(ref, withDashboardLabel(queries[ref], "server", hashed), { instant: true, format: "table" }),
    ),
    transformations: [
      { id: "merge", options: {} },
      {
        id: "organize",
        options: {
          excludeByName: { Time: true },
          indexByName: { client: 0, server: 1, "Value #A": 2, "Value #B": 3, "Value #C": 4, [DASHBOARD_LABEL]: 5 },
          renameByName: Object.fromEntries(Object.entries(EDGE_COLUMNS).map(([ref, name]) => [`Value #${ref}`, name])),
        },
      },
    ],
    columns,
    sortBy: { column: EDGE_COLUMNS.B, descending: true },
  });
}

/** The dependency map of the whole platform. */
export function serviceMapDashboard(services: readonly CataloguedService[], environment: EnvironmentName): GeneratedDashboard {
  const declared = services.flatMap((s) => (s.declaration.dependencies ?? []).map((d) => `${s.declaration.name} → ${"service" in d ? d.service : d.external}`));
  const json = buildDashboard({
    uid: PLATFORM_UIDS.serviceMap,
    title: SERVICE_MAP_TITLE,
    description:
      `Observed calls between services, from the servicegraph metrics (${declared.length} declared dependencies in the catalogue). ` +
      `Generated by dashboards/service-map.ts from stacks/services/ for ${environment}.`,
    tags: ["service-map", "traces"],
    environment,
    from: "now-1h",
    sections: [{ title: "Dependencies", panels: [mapPanel(), edgeTable(hashedUids(services.map((s) => s.declaration.name)))] }],
  });
  return { uid: PLATFORM_UIDS.serviceMap, title: SERVICE_MAP_TITLE, folder: PLATFORM_FOLDER, json };
}
