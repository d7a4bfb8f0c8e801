/**
 * The dashboard of one declared service: overview stats, RED from its request metrics with a
 * latency heatmap (exemplars link to Jaeger through the Prometheus datasource's exemplar
 * setting), one row per SLO, its callers and callees from the servicegraph metrics, error
 * logs from Loki (each line links to its trace through the Loki datasource's derived field),
 * recent error traces from Jaeger, and for a service with dependencies the resilience panels of
 * each dependency (resilience-panels.ts).
 */
import type { Builder } from "@grafana/grafana-foundation-sdk/cog";
import type { Panel } from "@grafana/grafana-foundation-sdk/dashboard";
import { formatNumber } from "../alert-rules/format-number";
import { resolveSlo } from "../alert-rules/resolve-slo";
import type { CataloguedService, EnvironmentName, ServiceDeclaration } from "../catalogue/types";
import type { ResiliencePolicyDocument } from "../packages/resilience-client/src/policy-document";
import { dashboardUrl, SERIES_DASHBOARD_URL, withDashboardLabel, type HashedUid } from "./dashboard-links";
import { errorSeverityRegex, JAEGER_ERROR_TAGS, LOKI_LABELS } from "./log-streams";
import { heatmap, logs, note, stat, table, timeseries } from "./panels";
import { eq, re } from "./promql";
import { redQueries, SOURCE_INFO, type RequestSource, type ServiceRef } from "./red-queries";
import { resilienceSection } from "./resilience-panels";
import { edgeQueries, type EdgeSide } from "./servicegraph-queries";
import { serviceSignals } from "./service-signals";
import { sloPanels, sloRowTitle } from "./slo-panels";
import { JaegerSearchBuilder, lokiTarget, promTarget } from "./targets";
import type { GeneratedDashboard } from "./types";
import { PLATFORM_UIDS, serviceDashboardUid } from "./uid";
import { buildDashboard, type Section } from "./shell";
import { constantVariable } from "./variables";

/** The template variables every query of a service dashboard uses. */
const REF: ServiceRef = { service: "$service", namespace: "$namespace" };

/** Latency quantiles of the RED duration panel. */
export const DURATION_QUANTILES = [0.5, 0.95, 0.99] as const;

/** Error log lines shown. */
const LOG_LINES = 100;
/** Error traces listed. */
const TRACE_LIMIT = 20;

function overviewSection(source: RequestSource | undefined): Section {
  if (source === undefined) {
    return {
      title: "Requests",
      panels: [
        note(
          { title: "No request metrics", width: 24, height: 3 },
          "This service declares neither OTLP traces nor an SLI on HTTP server metrics, so there is no request rate, error ratio or latency to show. " +
            "Set `telemetry.otlp: true` or an `otel-http` SLI in its declaration.",
        ),
      ],
    };
  }
  const q = redQueries(source, REF);
  return {
    title: `Overview (${SOURCE_INFO[source].title})`,
    panels: [
      stat({ title: "Requests", width: 6, height: 4, unit: "reqps", sparkline: true, thresholds: { base: "blue", steps: [] }, targets: [promTarget("A", q.requestRate)] }),
      stat({
        title: "Errors",
        width: 6,
        height: 4,
        unit: "percentunit",
        decimals: 2,
        sparkline: true,
        thresholds: { base: "green", steps: [[0.01, "orange"], [0.05, "red"]] },
        targets: [promTarget("A", q.errorRatio)],
      }),
      stat({ title: "p95 latency", width: 6, height: 4, unit: "s", sparkline: true, thresholds: { base: "blue", steps: [] }, targets: [promTarget("A", q.durationQuantile(0.95))] }),
      stat({ title: "p99 latency", width: 6, height: 4, unit: "s", sparkline: true, thresholds: { base: "blue", steps: [] }, targets: [promTarget("A", q.durationQuantile(0.99))] }),
    ],
  };
}

function redSection(source: RequestSource): Section {
  const q = redQueries(source, REF);
  const info = SOURCE_INFO[source];
  return {
    title: `Rate, errors, duration (${info.title})`,
    panels: [
      timeseries({
        title: `Requests per ${info.operationTitle} (${source})`,
        width: 8,
        height: 8,
        unit: "reqps",
        min: 0,
        targets: [promTarget("A", q.requestRateByOperation, { legend: `{{${info.operationLabel}}}` })],
      }),
      timeseries({
        title: `Error ratio per ${info.operationTitle} (${source})`,
        description: source === "otel-http" ? "Share of responses with a 5xx status." : "Share of server spans with status ERROR.",
        width: 8,
        height: 8,
        unit: "percentunit",
        min: 0,
        targets: [promTarget("A", q.errorRatioByOperation, { legend: `{{${info.operationLabel}}}` })],
      }),
      timeseries({
        title: `Latency percentiles (${source})`,
        width: 8,
        height: 8,
        unit: "s",
        min: 0,
        targets: DURATION_QUANTILES.map((p, i) =>
          promTarget(String.fromCharCode(65 + i), q.durationQuantile(p), { legend: `p${formatNumber(p * 100)}` }),
        ),
      }),
      heatmap({
        title: `Latency heatmap (${source})`,
        description: "Requests per second by duration bucket. Exemplars (dots) are sampled requests; click one to open its trace in Jaeger.",
        width: 24,
        height: 9,
        target: promTarget("A", q.heatmap, { format: "heatmap", exemplar: true, legend: "{{le}}" }),
      }),
    ],
  };
}

function edgePanels(side: EdgeSide, hashed: readonly HashedUid[]): Builder<Panel>[] {
  const q = edgeQueries(REF.service, side);
  const peer = side === "client" ? "server" : "client";
  const what = side === "client" ? "Calls to" : "Calls from";
  const link = [{ title: `Open the dashboard of \${__field.labels.${peer}}`, url: SERIES_DASHBOARD_URL }];
  return [
    timeseries({
      title: `${what} (requests)`,
      width: 8,
      height: 8,
      unit: "reqps",
      min: 0,
      links: link,
      targets: [promTarget("A", withDashboardLabel(q.requestRate, peer, hashed), { legend: `{{${peer}}}` })],
    }),
    timeseries({
      title: `${what} (error ratio)`,
      width: 8,
      height: 8,
      unit: "percentunit",
      min: 0,
      links: link,
      targets: [promTarget("A", withDashboardLabel(q.errorRatio, peer, hashed), { legend: `{{${peer}}}` })],
    }),
    timeseries({
      title: `${what} (p95 latency, ${side} side)`,
      width: 8,
      height: 8,
      unit: "s",
      min: 0,
      links: link,
      targets: [promTarget("A", withDashboardLabel(q.latencyQuantile(0.95), peer, hashed), { legend: `{{${peer}}}` })],
    }),
  ];
}

function dependencySections(d: ServiceDeclaration, hashed: readonly HashedUid[]): Section[] {
  const declared = (d.dependencies ?? []).map((dep) => ("service" in dep ? dep.service : `${dep.external} (external)`));
  return [
    {
      title: `Downstream: calls ${d.name} makes (servicegraph; declared: ${declared.length === 0 ? "none" : declared.join(", ")})`,
      panels: edgePanels("client", hashed),
    },
    { title: `Upstream: calls ${d.name} receives (servicegraph)`, panels: edgePanels("server", hashed) },
  ];
}

function logSection(): Section {
  const stream = [eq(LOKI_LABELS.service, "$service"), eq(LOKI_LABELS.namespace, "$namespace")];
  const errors = `{${[...stream, re(LOKI_LABELS.severity, errorSeverityRegex())].join(", ")}}`;
  return {
    title: "Logs (Loki)",
    panels: [
      timeseries({
        title: "Log lines per severity",
        width: 24,
        height: 6,
        unit: "short",
        min: 0,
        targets: [lokiTarget("A", `sum by (${LOKI_LABELS.severity}) (count_over_time({${stream.join(", ")}}[$__auto]))`).legendFormat(`{{${LOKI_LABELS.severity}}}`)],
      }),
      logs({
        title: "Recent error logs",
        description: "Error, fatal and critical lines, newest first. Open a line: its trace_id links to the trace in Jaeger.",
        width: 24,
        height: 12,
        target: lokiTarget("A", errors, LOG_LINES),
      }),
    ],
  };
}

function traceSection(): Section {
  return {
    title: "Traces (Jaeger)",
    panels: [
      table({
        title: "Recent error traces",
        description: `The last ${TRACE_LIMIT} traces of this service with an error span; click a trace ID to open it.`,
        width: 24,
        height: 9,
        targets: [new JaegerSearchBuilder("A", "$service", TRACE_LIMIT).tags(JAEGER_ERROR_TAGS)],
      }),
    ],
  };
}

/**
 * The resilience row of `cs`, or undefined when it declares no dependencies. Throws when a
 * service with dependencies comes without its policy document, or with another service's or
 * environment's.
 */
function resilienceRow(cs: CataloguedService, environment: EnvironmentName, resilience: ResiliencePolicyDocument | undefined): Section | undefined {
  const d = cs.declaration;
  const declared = (d.dependencies ?? []).length;
  if (declared === 0) return undefined;
  if (resilience === undefined) {
    throw new Error(`${cs.file}: dependencies: the dashboard of ${d.name} needs its resolved resilience policy document (resolveResiliencePolicies) for ${environment}`);
  }
  if (resilience.service !== d.name || resilience.environment !== environment) {
    throw new Error(
      `${cs.file}: dependencies: the dashboard of ${d.name} for ${environment} was given the resilience policy document of ${resilience.service} for ${resilience.environment}`,
    );
  }
  return resilienceSection(resilience, cs.file);
}

/**
 * Builds one service's dashboard. `hashed` lists the catalogue's services with hashed UIDs (for
 * links to peers); `resilience` is the service's resolved policy document in `environment`
 * (required when it declares dependencies, ignored otherwise).
 */
export function serviceDashboard(
  cs: CataloguedService,
  environment: EnvironmentName,
  hashed: readonly HashedUid[],
  resilience?: ResiliencePolicyDocument,
): GeneratedDashboard {
  const d = cs.declaration;
  const uid = serviceDashboardUid(d.name);
  const resilienceRowOrNone = resilienceRow(cs, environment, resilience);
  const signals = serviceSignals(d);
  const [primary, ...others] = signals.requestSources;

  const sections: Section[] = [overviewSection(primary)];
  if (primary !== undefined) sections.push(redSection(primary));
  for (const source of others) sections.push(redSection(source));
  for (const slo of d.slos) {
    const r = resolveSlo(d, slo, environment);
    sections.push({ title: sloRowTitle(r), panels: sloPanels(r, REF) });
  }
  if (signals.traces) sections.push(...dependencySections(d, hashed));
  if (resilienceRowOrNone !== undefined) sections.push(resilienceRowOrNone);
  sections.push(logSection());
  if (signals.traces) sections.push(traceSection());

  const title = `${d.name} (${d.namespace})`;
  const json = buildDashboard({
    uid,
    title,
    description: `${d.description} Generated by dashboards/service-dashboard.ts from ${cs.file} for ${environment}; edit the declaration, not this dashboard.`,
    tags: ["service", `team:${d.team}`, `tier:${d.tier}`, `service:${d.name}`],
    environment,
    variables: [constantVariable("service", d.name), constantVariable("namespace", d.namespace)],
    links: [
      { title: "SLO overview", url: dashboardUrl(PLATFORM_UIDS.sloOverview, { namespace: d.namespace }) },
      { title: "Service map", url: dashboardUrl(PLATFORM_UIDS.serviceMap) },
      ...(signals.traces ? [{ title: "Error paths", url: dashboardUrl(PLATFORM_UIDS.errorPaths, { service: d.name }) }] : []),
      ...(resilienceRowOrNone !== undefined ? [{ title: "Resilience overview", url: dashboardUrl(PLATFORM_UIDS.resilienceOverview, { service: d.name }) }] : []),
      { title: `Team ${d.team}`, tag: `team:${d.team}` },
    ],
    sections,
  });
  return { uid, title, folder: d.team, json };
}
