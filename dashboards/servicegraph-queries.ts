/**
 * Queries on the servicegraph connector's edge metrics. An edge is one (client, server) pair;
 * `client` and `server` hold `service.name`, which is the declaration name of a declared
 * service (or, for a database call, the database name).
 */
import { formatNumber } from "../alert-rules/format-number";
import { eq, selector, sumRate } from "./promql";

export const SERVICEGRAPH = {
  requests: "traces_service_graph_request_total",
  failed: "traces_service_graph_request_failed_total",
  serverBuckets: "traces_service_graph_request_server_seconds_bucket",
  clientBuckets: "traces_service_graph_request_client_seconds_bucket",
} as const;

/** Which side of the edge the service is on. */
export type EdgeSide = "client" | "server";

/** The other side's label. */
function peer(side: EdgeSide): EdgeSide {
  return side === "client" ? "server" : "client";
}

/** Edge queries of the calls `service` makes (side `client`) or receives (side `server`), per peer. */
export interface EdgeQueries {
  requestRate: string;
  errorRatio: string;
  /** Latency quantile as the service itself measures it (client side for its calls, server side for calls to it). */
  latencyQuantile(q: number): string;
}

export function edgeQueries(service: string, side: EdgeSide): EdgeQueries {
  const other = peer(side);
  const m = eq(side, service);
  const buckets = side === "client" ? SERVICEGRAPH.clientBuckets : SERVICEGRAPH.serverBuckets;
  return {
    requestRate: sumRate(selector(SERVICEGRAPH.requests, m), [other]),
    errorRatio: `${sumRate(selector(SERVICEGRAPH.failed, m), [other])} / ${sumRate(selector(SERVICEGRAPH.requests, m), [other])}`,
    latencyQuantile: (q) => `histogram_quantile(${formatNumber(q)}, ${sumRate(selector(buckets, m), [other, "le"])})`,
  };
}
