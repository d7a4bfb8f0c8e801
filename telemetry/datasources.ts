import { traceIdLineRegex } from "./log-parsing";

/**
 * Grafana datasources of the tracing and logging path, with the correlation links between them.
 * UIDs are fixed: dashboards and links reference them.
 */
export const TELEMETRY_DATASOURCE_UIDS = {
  jaeger: "sevensa-jaeger",
  loki: "sevensa-loki",
} as const;

/** UID of the Prometheus datasource (generators/grafana-datasources.ts DATASOURCE_UIDS.prometheus). */
export const PROMETHEUS_DATASOURCE_UID = "sevensa-prometheus";

/** What the datasource entries are made from. */
export interface TelemetryDatasourcesInput {
  /** In-cluster Jaeger query URL (port 16686). */
  jaegerUrl: string;
  /** In-cluster Loki URL (port 3100). */
  lokiUrl: string;
}

/**
 * `jsonData` to merge into the Prometheus datasource: exemplars (written by spanmetrics with the
 * trace id as `trace_id`) link to the trace in Jaeger.
 */
export function prometheusExemplarJsonData(): Record<string, unknown> {
  return { exemplarTraceIdDestinations: [{ name: "trace_id", datasourceUid: TELEMETRY_DATASOURCE_UIDS.jaeger, urlDisplayLabel: "View trace" }] };
}

/** Span tag → Loki/Prometheus label mapping used by the trace → logs and trace → metrics links. */
const SPAN_TAGS = [
  { key: "service.name", value: "service" },
  { key: "k8s.namespace.name", value: "namespace" },
];

/**
 * The Jaeger and Loki datasource entries (append to `datasources`):
 * - Loki derived field `TraceID` → Jaeger, twice under one name: from the schema's `trace_id`
 *   in the line (stdout logs; regex generated from the log schema) and from the `trace_id`
 *   structured metadata (logs pushed over OTLP, whose line is the message alone);
 * - Jaeger → Loki logs of the span's service and trace id, → Prometheus RED metrics of the
 *   span's service; the node graph is on.
 */
export function telemetryDatasources(input: TelemetryDatasourcesInput): Record<string, unknown>[] {
  const traceLink = { datasourceUid: TELEMETRY_DATASOURCE_UIDS.jaeger, url: "${__value.raw}", urlDisplayLabel: "View trace" };
  return [
    {
      name: "Jaeger",
      type: "jaeger",
      uid: TELEMETRY_DATASOURCE_UIDS.jaeger,
      access: "proxy",
      url: input.jaegerUrl,
      editable: false,
      jsonData: {
        nodeGraph: { enabled: true },
        tracesToLogsV2: {
          datasourceUid: TELEMETRY_DATASOURCE_UIDS.loki,
          spanStartTimeShift: "-5m",
          spanEndTimeShift: "5m",
          tags: SPAN_TAGS,
          filterByTraceID: false,
          filterBySpanID: false,
          customQuery: true,
          query: '{${__tags}} | trace_id="${__span.traceId}"',
        },
        tracesToMetrics: {
          datasourceUid: PROMETHEUS_DATASOURCE_UID,
          spanStartTimeShift: "-5m",
          spanEndTimeShift: "5m",
          tags: SPAN_TAGS,
          queries: [
            { name: "Request rate", query: "sum(rate(traces_span_metrics_calls_total{$__tags}[5m]))" },
            { name: "Error rate", query: 'sum(rate(traces_span_metrics_calls_total{$__tags,status_code="STATUS_CODE_ERROR"}[5m]))' },
            { name: "p95 latency", query: "histogram_quantile(0.95, sum by (le) (rate(traces_span_metrics_duration_seconds_bucket{$__tags}[5m])))" },
          ],
        },
      },
    },
    {
      name: "Loki",
      type: "loki",
      uid: TELEMETRY_DATASOURCE_UIDS.loki,
      access: "proxy",
      url: input.lokiUrl,
      editable: false,
      jsonData: {
        maxLines: 1000,
        derivedFields: [
          { name: "TraceID", matcherType: "regex", matcherRegex: traceIdLineRegex(), ...traceLink },
          { name: "TraceID", matcherType: "label", matcherRegex: "trace_id", ...traceLink },
        ],
      },
    },
  ];
}

