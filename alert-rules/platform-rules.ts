/**
 * Alerts on the platform itself: the OpenTelemetry collectors, Prometheus, Alertmanager,
 * Loki and Jaeger, plus `Watchdog` (always firing, for a dead-man's switch) and
 * `InfoInhibitor` (kube-prometheus' pattern: mutes `info` alerts in a namespace while
 * nothing more severe fires there). Owned by team `platform`.
 */
import { runbookUrl } from "./runbook-url";
import type { AlertingRule, RuleFile, RuleGroup } from "./types";

/** Team that owns every platform alert. */
export const PLATFORM_TEAM = "platform";

/** Severities of platform alerts; `none` marks the two meta alerts that never notify a person. */
export type PlatformSeverity = "critical" | "warning" | "info" | "none";

/** One platform alert, as a row of the table below. */
interface PlatformAlert {
  alert: string;
  expr: string;
  for?: string;
  severity: PlatformSeverity;
  summary: string;
  description: string;
}

const OTELCOL_SIGNALS = "(spans|metric_points|log_records)";
const JAEGER_EXPORTER = 'exporter=~"jaeger_storage_exporter.*"';

const COLLECTOR: PlatformAlert[] = [
  {
    alert: "OtelCollectorReceiverRefusingData",
    expr: `sum by (job, receiver) (rate({__name__=~"otelcol_receiver_refused_${OTELCOL_SIGNALS}_total"}[5m])) > 0`,
    for: "5m",
    severity: "warning",
    summary: "An OpenTelemetry collector is refusing incoming telemetry",
    description:
      "Receiver {{ $labels.receiver }} of {{ $labels.job }} refuses {{ $value | humanize }} items/s (memory limiter or a failing pipeline downstream); senders retry or lose data.",
  },
  {
    alert: "OtelCollectorDroppingData",
    expr: `sum by (job, exporter) (rate({__name__=~"otelcol_exporter_enqueue_failed_${OTELCOL_SIGNALS}_total"}[5m])) > 0`,
    for: "2m",
    severity: "critical",
    summary: "An OpenTelemetry collector is dropping telemetry",
    description:
      "Exporter {{ $labels.exporter }} of {{ $labels.job }} cannot enqueue {{ $value | humanize }} items/s: its sending queue is full and the data is lost.",
  },
  {
    alert: "OtelCollectorExporterSendFailing",
    expr: `sum by (job, exporter) (rate({__name__=~"otelcol_exporter_send_failed_${OTELCOL_SIGNALS}_total", exporter!~"jaeger_storage_exporter.*"}[5m])) > 0`,
    for: "5m",
    severity: "warning",
    summary: "An OpenTelemetry collector exporter fails to send",
    description:
      "Exporter {{ $labels.exporter }} of {{ $labels.job }} fails to send {{ $value | humanize }} items/s to its backend; the queue absorbs it until it is full.",
  },
  {
    alert: "OtelCollectorExporterQueueFilling",
    expr: "max by (job, exporter) (otelcol_exporter_queue_size / otelcol_exporter_queue_capacity) > 0.8",
    for: "5m",
    severity: "warning",
    summary: "An OpenTelemetry collector exporter queue is filling up",
    description:
      "The sending queue of exporter {{ $labels.exporter }} of {{ $labels.job }} is {{ $value | humanizePercentage }} full; when it is full, data is dropped.",
  },
];

const PROMETHEUS: PlatformAlert[] = [
  {
    alert: "PrometheusRuleEvaluationFailures",
    expr: "sum by (job, instance, rule_group) (increase(prometheus_rule_evaluation_failures_total[5m])) > 0",
    for: "5m",
    severity: "critical",
    summary: "Prometheus fails to evaluate rules",
    description:
      "{{ $labels.instance }} failed {{ $value | humanize }} rule evaluations in group {{ $labels.rule_group }} in the last 5m: SLO recordings and alerts of that group may be missing.",
  },
  {
    alert: "PrometheusRuleGroupIterationsMissed",
    expr: "sum by (job, instance, rule_group) (increase(prometheus_rule_group_iterations_missed_total[5m])) > 0",
    for: "10m",
    severity: "warning",
    summary: "Prometheus rule group evaluations take longer than their interval",
    description:
      "{{ $labels.instance }} skipped {{ $value | humanize }} evaluations of rule group {{ $labels.rule_group }} in the last 5m because the previous one had not finished.",
  },
  {
    alert: "PrometheusNotificationErrors",
    expr:
      "sum by (job, instance, alertmanager) (rate(prometheus_notifications_errors_total[5m]))\n/\n" +
      "sum by (job, instance, alertmanager) (rate(prometheus_notifications_sent_total[5m]))\n> 0.01",
    for: "5m",
    severity: "critical",
    summary: "Prometheus fails to send alerts to Alertmanager",
    description:
      "{{ $labels.instance }} fails to send {{ $value | humanizePercentage }} of its alert notifications to {{ $labels.alertmanager }}.",
  },
  {
    alert: "PrometheusNotificationsDropped",
    expr: "sum by (job, instance) (rate(prometheus_notifications_dropped_total[5m])) > 0",
    for: "5m",
    severity: "warning",
    summary: "Prometheus drops alert notifications",
    description: "{{ $labels.instance }} drops {{ $value | humanize }} alert notifications/s (queue full or no Alertmanager reachable).",
  },
];

const ALERTMANAGER: PlatformAlert[] = [
  {
    alert: "AlertmanagerNotificationFailures",
    expr:
      "sum by (job, instance, integration) (rate(alertmanager_notifications_failed_total[5m]))\n/\n" +
      "sum by (job, instance, integration) (rate(alertmanager_notifications_total[5m]))\n> 0.01",
    for: "5m",
    severity: "critical",
    summary: "Alertmanager fails to deliver notifications",
    description:
      "{{ $labels.instance }} fails {{ $value | humanizePercentage }} of its {{ $labels.integration }} notifications: people are not being told about alerts.",
  },
];

const LOKI_PUSH = 'route=~"loki_api_v1_push|otlp_v1_logs"';

const LOKI: PlatformAlert[] = [
  {
    alert: "LokiIngestionErrors",
    expr:
      `sum by (job) (rate(loki_request_duration_seconds_count{${LOKI_PUSH}, status_code=~"5.."}[5m]))\n/\n` +
      `sum by (job) (rate(loki_request_duration_seconds_count{${LOKI_PUSH}}[5m]))\n> 0.05`,
    for: "5m",
    severity: "critical",
    summary: "Loki fails to ingest logs",
    description: "{{ $value | humanizePercentage }} of log pushes to {{ $labels.job }} fail with a server error; logs are being lost or delayed.",
  },
  {
    alert: "LokiDiscardingSamples",
    expr: "sum by (job, reason) (rate(loki_discarded_samples_total[5m])) > 0",
    for: "15m",
    severity: "warning",
    summary: "Loki discards log lines",
    description: "{{ $labels.job }} discards {{ $value | humanize }} log lines/s for reason {{ $labels.reason }} (limits, too old, too long).",
  },
];

const JAEGER: PlatformAlert[] = [
  {
    alert: "JaegerStorageErrors",
    expr: `sum by (job, exporter) (rate(otelcol_exporter_send_failed_spans_total{${JAEGER_EXPORTER}}[5m])) > 0`,
    for: "5m",
    severity: "critical",
    summary: "Jaeger fails to write spans to its storage",
    description: "{{ $labels.job }} fails to store {{ $value | humanize }} spans/s through {{ $labels.exporter }}; traces are incomplete.",
  },
];

const META: PlatformAlert[] = [
  {
    alert: "Watchdog",
    expr: "vector(1)",
    severity: "none",
    summary: "Always firing: proves the alerting pipeline works end to end",
    description:
      "This alert always fires. Alertmanager routes it to the dead-man's-switch receiver; when that receiver stops hearing from it, Prometheus or Alertmanager is down.",
  },
  {
    alert: "InfoInhibitor",
    expr:
      // One series per namespace: two info alerts differing only in alertname would otherwise give
      // two results with the same labels once the rule sets alertname, and Prometheus rejects the
      // whole evaluation ("vector contains metrics with the same labelset after applying alert labels").
      'group by (namespace) (ALERTS{severity="info", alertstate="firing"} == 1)\nunless on (namespace)\n' +
      'ALERTS{alertname!="InfoInhibitor", severity=~"page|ticket|critical|warning", alertstate="firing"} == 1',
    severity: "none",
    summary: "Mutes info alerts in a namespace where nothing more severe fires",
    description:
      "Fires while an info alert fires in namespace {{ $labels.namespace }} and no page, ticket, critical or warning alert does. Alertmanager inhibits info alerts with it and sends it nowhere.",
  },
];

function toRule(a: PlatformAlert): AlertingRule {
  return {
    alert: a.alert,
    expr: a.expr,
    ...(a.for === undefined ? {} : { for: a.for }),
    labels: { severity: a.severity, team: PLATFORM_TEAM },
    annotations: { summary: a.summary, description: a.description, runbook_url: runbookUrl(a.alert) },
  };
}

function group(name: string, alerts: PlatformAlert[]): RuleGroup {
  return { name: `platform-${name}`, rules: alerts.map(toRule) };
}

/** The platform's own alert rules (one group per component). */
export function generatePlatformRules(): RuleFile {
  return {
    groups: [
      group("otel-collector", COLLECTOR),
      group("prometheus", PROMETHEUS),
      group("alertmanager", ALERTMANAGER),
      group("loki", LOKI),
      group("jaeger", JAEGER),
      group("meta", META),
    ],
  };
}
