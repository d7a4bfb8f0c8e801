import { dashboardUrl } from "../../dashboards/dashboard-links";
import { serviceDashboardUid } from "../../dashboards/uid";
import { DATASOURCE_UIDS } from "../../generators/grafana-datasources";
import { TELEMETRY_DATASOURCE_UIDS } from "../../telemetry/datasources";
import { agentNamespaceName } from "../../telemetry/endpoints";

/**
 * Links a runbook gives: the generated Grafana dashboards (by their stable UIDs), and
 * Grafana Explore panes on the Prometheus, Jaeger and Loki datasources.
 */

/** Where the runbooks' links point. */
export interface RunbookLinkOptions {
  /** Grafana's public URL (the production stack's `grafana.rootUrl`). @default "https://grafana.sevensa.example" */
  grafanaUrl?: string;
  /** UID of the provisioned Jaeger datasource. @default "sevensa-jaeger" */
  jaegerDatasourceUid?: string;
  /** UID of the provisioned Loki datasource. @default "sevensa-loki" */
  lokiDatasourceUid?: string;
  /** UID of the provisioned Prometheus datasource. @default "sevensa-prometheus" */
  prometheusDatasourceUid?: string;
  /** Kubernetes namespace of the platform (the production stack's `namespace`). @default "monitoring" */
  platformNamespace?: string;
}

export type ResolvedLinkOptions = Required<RunbookLinkOptions>;

export function resolveLinkOptions(o: RunbookLinkOptions = {}): ResolvedLinkOptions {
  return {
    grafanaUrl: (o.grafanaUrl ?? "https://grafana.sevensa.example").replace(/\/$/, ""),
    jaegerDatasourceUid: o.jaegerDatasourceUid ?? TELEMETRY_DATASOURCE_UIDS.jaeger,
    lokiDatasourceUid: o.lokiDatasourceUid ?? TELEMETRY_DATASOURCE_UIDS.loki,
    prometheusDatasourceUid: o.prometheusDatasourceUid ?? DATASOURCE_UIDS.prometheus,
    platformNamespace: o.platformNamespace ?? "monitoring",
  };
}

/** A generated dashboard by UID. */
export function dashboardLink(o: ResolvedLinkOptions, uid: string): string {
  return `${o.grafanaUrl}${dashboardUrl(uid)}`;
}

/** The generated dashboard of a catalogued service. */
export function serviceDashboardLink(o: ResolvedLinkOptions, service: string): string {
  return dashboardLink(o, serviceDashboardUid(service));
}

function explore(o: ResolvedLinkOptions, datasourceUid: string, type: string, query: Record<string, unknown>, from: string): string {
  const panes = { a: { datasource: datasourceUid, queries: [{ refId: "A", datasource: { type, uid: datasourceUid }, ...query }], range: { from, to: "now" } } };
  // Parentheses are escaped too, so that the URL can sit inside a Markdown link.
  const encoded = encodeURIComponent(JSON.stringify(panes)).replace(/\(/g, "%28").replace(/\)/g, "%29");
  return `${o.grafanaUrl}/explore?schemaVersion=1&panes=${encoded}`;
}

/** Explore: Jaeger search for traces of `service` with errors, last hour. */
export function errorTracesLink(o: ResolvedLinkOptions, service: string): string {
  return explore(o, o.jaegerDatasourceUid, "jaeger", { queryType: "search", service, tags: "error=true" }, "now-1h");
}

/** Explore: Loki query `logql`, last hour. */
export function logsLink(o: ResolvedLinkOptions, logql: string): string {
  return explore(o, o.lokiDatasourceUid, "loki", { expr: logql, queryType: "range" }, "now-1h");
}

/** Explore: Prometheus query `promql`, last 6 hours. */
export function metricsLink(o: ResolvedLinkOptions, promql: string): string {
  return explore(o, o.prometheusDatasourceUid, "prometheus", { expr: promql }, "now-6h");
}

/**
 * LogQL of a service's error logs. Loki indexes exactly `service`, `namespace` and
 * `severity` (telemetry/label-contract.ts); severity carries the OpenTelemetry level name.
 */
export function serviceErrorLogs(service: string, namespace: string): string {
  return `{service="${service}", namespace="${namespace}", severity=~"error|fatal"}`;
}

/**
 * LogQL of a platform component's logs: its pods' `app.kubernetes.io/name` becomes the
 * `service` stream label (the agent's k8sattributes processor). Not filtered by severity,
 * since upstream components do not write the platform's log schema.
 */
export function platformLogs(namespace: string, app: string): string {
  return `{service="${app}", namespace="${namespace}"}`;
}

/** Namespace of the node-local collector agents, whose own logs are not collected. */
export function agentNamespace(platformNamespace: string): string {
  return agentNamespaceName(platformNamespace);
}
