/**
 * One `promtool test rules` scenario per platform alert (alert-rules/platform-rules.ts): a
 * firing case pinned at its first firing minute (absent the minute before, exact labels and
 * annotations at it) and a quiet case on healthy series of the same metrics.
 *
 * Series are shaped like the real ones (scrape jobs of dashboards/platform-jobs.ts, exporter ids
 * of telemetry/gateway-config.ts, the exporterhelper's `exporter` and `data_type` attributes).
 * Counters start at 0 and grow by a constant every minute (1m sample interval, 1m evaluation
 * interval), so a condition on rate() holds from minute 1 and an alert with `for: D` fires at
 * minute 1 + D. From minute 5 on, rate(x[5m]) is exactly the per-minute increment ÷ 60 in both
 * promtool 2.42 (closed range) and 3.5 (left-open range, extrapolated by one interval);
 * before minute 5 it is (minute × increment) ÷ 300 in both. Expected values below are worked
 * out by hand from that, not read from the generator.
 */

/** One promtool input series. */
export interface InputSeries {
  series: string;
  values: string;
}

/** A firing alert: its labels (without alertname, which promtool adds) and its description. */
export interface ExpectedAlert {
  labels: Record<string, string>;
  description: string;
}

/** What must fire, from which minute, for which series. */
export interface FiringCase {
  /** What the series model. */
  what: string;
  series: InputSeries[];
  /** First minute the alert is firing; the minute before it is not (0 means: already at the first evaluation). */
  firesAt: number;
  alerts: ExpectedAlert[];
  /** Further minutes with the alerts firing then (value-dependent descriptions). @default [] */
  later?: Array<{ minute: number; alerts: ExpectedAlert[] }>;
}

/** Healthy series: the alert is neither pending nor firing at any minute up to `minutes`. */
export interface QuietCase {
  what: string;
  series: InputSeries[];
  minutes: number;
}

/** The scenarios of one alert. */
export interface PlatformScenario {
  alert: string;
  /** The exact summary annotation. */
  summary: string;
  /** The runbook file name (docs/runbooks/<name>), written out, not built by alertNameKebab. */
  runbook: string;
  firing: FiringCase[];
  /** Empty only for Watchdog, which by design has no quiet state. */
  quiet: QuietCase[];
}

/** `metric{a="b",...}` in promtool's series notation. */
export function s(metric: string, labels: Record<string, string>): string {
  return `${metric}{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(",")}}`;
}

const GATEWAY = { job: "otel-gateway", instance: "10.42.0.7:8888" };
const AGENT = { job: "otel-agent", instance: "10.42.1.3:8888" };
const JAEGER = { job: "jaeger", instance: "10.42.2.5:8888" };
const PROMETHEUS = { job: "prometheus", instance: "10.42.0.9:9090" };
const ALERTMANAGER = { job: "alertmanager", instance: "10.42.0.11:9093" };
const LOKI = { job: "loki", instance: "10.42.0.13:3100" };
const AM_URL = "http://10.42.0.11:9093/api/v2/alerts";
const AM_URL_2 = "http://10.42.0.12:9093/api/v2/alerts";
const SLO_GROUP = "/etc/prometheus/rules/checkout-api.yaml;checkout-api-slo";
const PLATFORM_GROUP = "/etc/prometheus/rules/platform.yaml;platform-meta";

/** A counter from 0 growing by `perMinute` every minute, for `minutes` minutes. */
const grows = (perMinute: number, minutes: number) => `0+${perMinute}x${minutes}`;
/** A series constant at `value` for `minutes` minutes. */
const flat = (value: number, minutes: number) => `${value}x${minutes}`;

const platform = (severity: string, labels: Record<string, string>) => ({ ...labels, severity, team: "platform" });

export const PLATFORM_SCENARIOS: PlatformScenario[] = [
  {
    alert: "OtelCollectorReceiverRefusingData",
    summary: "An OpenTelemetry collector is refusing incoming telemetry",
    runbook: "otel-collector-receiver-refusing-data.md",
    firing: [
      {
        what: "the gateway's otlp receiver refuses 2 spans/s (grpc) and 1 log record/s (http): one alert per job and receiver, 3 items/s; the agent's flat refused counter does not fire",
        series: [
          { series: s("otelcol_receiver_refused_spans_total", { ...GATEWAY, receiver: "otlp", transport: "grpc" }), values: grows(120, 15) },
          { series: s("otelcol_receiver_refused_log_records_total", { ...GATEWAY, receiver: "otlp", transport: "http" }), values: grows(60, 15) },
          { series: s("otelcol_receiver_refused_metric_points_total", { ...AGENT, receiver: "otlp", transport: "grpc" }), values: flat(7, 15) },
          { series: s("otelcol_receiver_accepted_spans_total", { ...AGENT, receiver: "otlp", transport: "grpc" }), values: grows(6000, 15) },
        ],
        firesAt: 6,
        alerts: [
          {
            labels: platform("warning", { job: "otel-gateway", receiver: "otlp" }),
            description: "Receiver otlp of otel-gateway refuses 3 items/s (memory limiter or a failing pipeline downstream); senders retry or lose data.",
          },
        ],
      },
    ],
    quiet: [
      {
        what: "both tiers accept everything; refused counters exist but stay flat",
        series: [
          { series: s("otelcol_receiver_refused_spans_total", { ...GATEWAY, receiver: "otlp", transport: "grpc" }), values: flat(40, 30) },
          { series: s("otelcol_receiver_refused_log_records_total", { ...GATEWAY, receiver: "otlp", transport: "http" }), values: flat(0, 30) },
          { series: s("otelcol_receiver_refused_metric_points_total", { ...AGENT, receiver: "otlp", transport: "grpc" }), values: flat(7, 30) },
          { series: s("otelcol_receiver_accepted_spans_total", { ...GATEWAY, receiver: "otlp", transport: "grpc" }), values: grows(6000, 30) },
        ],
        minutes: 30,
      },
    ],
  },
  {
    alert: "OtelCollectorDroppingData",
    summary: "An OpenTelemetry collector is dropping telemetry",
    runbook: "otel-collector-dropping-data.md",
    firing: [
      {
        what: "the gateway's Jaeger exporter cannot enqueue 500 spans a minute: fires 2m after the first failure; at minute 3 rate() reads 1500 ÷ 300 s = 5/s, from minute 5 on 500 ÷ 60 s",
        series: [
          { series: s("otelcol_exporter_enqueue_failed_spans_total", { ...GATEWAY, exporter: "otlp_grpc/jaeger" }), values: grows(500, 12) },
          { series: s("otelcol_exporter_enqueue_failed_log_records_total", { ...GATEWAY, exporter: "otlp_http/loki" }), values: flat(0, 12) },
          { series: s("otelcol_exporter_sent_spans_total", { ...GATEWAY, exporter: "otlp_grpc/jaeger" }), values: grows(9000, 12) },
        ],
        firesAt: 3,
        alerts: [
          {
            labels: platform("critical", { job: "otel-gateway", exporter: "otlp_grpc/jaeger" }),
            description: "Exporter otlp_grpc/jaeger of otel-gateway cannot enqueue 5 items/s: its sending queue is full and the data is lost.",
          },
        ],
        later: [
          {
            minute: 8,
            alerts: [
              {
                labels: platform("critical", { job: "otel-gateway", exporter: "otlp_grpc/jaeger" }),
                description: "Exporter otlp_grpc/jaeger of otel-gateway cannot enqueue 8.333 items/s: its sending queue is full and the data is lost.",
              },
            ],
          },
        ],
      },
    ],
    quiet: [
      {
        what: "every exporter enqueues everything: enqueue_failed counters flat, sent counters growing",
        series: [
          { series: s("otelcol_exporter_enqueue_failed_spans_total", { ...GATEWAY, exporter: "otlp_grpc/jaeger" }), values: flat(3, 30) },
          { series: s("otelcol_exporter_enqueue_failed_metric_points_total", { ...GATEWAY, exporter: "prometheus_remote_write/0" }), values: flat(0, 30) },
          { series: s("otelcol_exporter_sent_spans_total", { ...GATEWAY, exporter: "otlp_grpc/jaeger" }), values: grows(9000, 30) },
        ],
        minutes: 30,
      },
    ],
  },
  {
    alert: "OtelCollectorExporterSendFailing",
    summary: "An OpenTelemetry collector exporter fails to send",
    runbook: "otel-collector-exporter-send-failing.md",
    firing: [
      {
        what: "the gateway's remote write fails 4 points/s; Jaeger's own storage exporter failing too belongs to JaegerStorageErrors, not here",
        series: [
          { series: s("otelcol_exporter_send_failed_metric_points_total", { ...GATEWAY, exporter: "prometheus_remote_write/0" }), values: grows(240, 12) },
          { series: s("otelcol_exporter_send_failed_spans_total", { ...GATEWAY, exporter: "otlp_grpc/jaeger" }), values: flat(0, 12) },
          { series: s("otelcol_exporter_send_failed_spans_total", { ...JAEGER, exporter: "jaeger_storage_exporter" }), values: grows(60, 12) },
        ],
        firesAt: 6,
        alerts: [
          {
            labels: platform("warning", { job: "otel-gateway", exporter: "prometheus_remote_write/0" }),
            description: "Exporter prometheus_remote_write/0 of otel-gateway fails to send 4 items/s to its backend; the queue absorbs it until it is full.",
          },
        ],
      },
    ],
    quiet: [
      {
        what: "every exporter sends everything: send_failed counters flat",
        series: [
          { series: s("otelcol_exporter_send_failed_metric_points_total", { ...GATEWAY, exporter: "prometheus_remote_write/0" }), values: flat(12, 30) },
          { series: s("otelcol_exporter_send_failed_log_records_total", { ...GATEWAY, exporter: "otlp_http/loki" }), values: flat(0, 30) },
          { series: s("otelcol_exporter_sent_metric_points_total", { ...GATEWAY, exporter: "prometheus_remote_write/0" }), values: grows(60000, 30) },
        ],
        minutes: 30,
      },
    ],
  },
  {
    alert: "OtelCollectorExporterQueueFilling",
    summary: "An OpenTelemetry collector exporter queue is filling up",
    runbook: "otel-collector-exporter-queue-filling.md",
    firing: [
      {
        what: "two gateway replicas: the Loki exporter's queue is 90% and 85% full (one alert per job and exporter, the fuller replica's share); the Jaeger queue at 10% stays quiet",
        series: [
          { series: s("otelcol_exporter_queue_size", { ...GATEWAY, exporter: "otlp_http/loki", data_type: "logs" }), values: flat(900, 10) },
          { series: s("otelcol_exporter_queue_capacity", { ...GATEWAY, exporter: "otlp_http/loki", data_type: "logs" }), values: flat(1000, 10) },
          { series: s("otelcol_exporter_queue_size", { job: "otel-gateway", instance: "10.42.0.8:8888", exporter: "otlp_http/loki", data_type: "logs" }), values: flat(850, 10) },
          { series: s("otelcol_exporter_queue_capacity", { job: "otel-gateway", instance: "10.42.0.8:8888", exporter: "otlp_http/loki", data_type: "logs" }), values: flat(1000, 10) },
          { series: s("otelcol_exporter_queue_size", { ...GATEWAY, exporter: "otlp_grpc/jaeger", data_type: "traces" }), values: flat(100, 10) },
          { series: s("otelcol_exporter_queue_capacity", { ...GATEWAY, exporter: "otlp_grpc/jaeger", data_type: "traces" }), values: flat(1000, 10) },
        ],
        firesAt: 5,
        alerts: [
          {
            labels: platform("warning", { job: "otel-gateway", exporter: "otlp_http/loki" }),
            description: "The sending queue of exporter otlp_http/loki of otel-gateway is 90% full; when it is full, data is dropped.",
          },
        ],
      },
    ],
    quiet: [
      {
        what: "queues at most 80% full (the threshold is above 80%)",
        series: [
          { series: s("otelcol_exporter_queue_size", { ...GATEWAY, exporter: "otlp_http/loki", data_type: "logs" }), values: flat(800, 30) },
          { series: s("otelcol_exporter_queue_capacity", { ...GATEWAY, exporter: "otlp_http/loki", data_type: "logs" }), values: flat(1000, 30) },
          { series: s("otelcol_exporter_queue_size", { ...AGENT, exporter: "otlp_grpc/gateway", data_type: "metrics" }), values: flat(0, 30) },
          { series: s("otelcol_exporter_queue_capacity", { ...AGENT, exporter: "otlp_grpc/gateway", data_type: "metrics" }), values: flat(1000, 30) },
        ],
        minutes: 30,
      },
    ],
  },
  {
    alert: "PrometheusRuleEvaluationFailures",
    summary: "Prometheus fails to evaluate rules",
    runbook: "prometheus-rule-evaluation-failures.md",
    firing: [
      {
        what: "the checkout-api SLO group fails 2 evaluations a minute (10 in 5m); the platform group evaluates fine",
        series: [
          { series: s("prometheus_rule_evaluation_failures_total", { ...PROMETHEUS, rule_group: SLO_GROUP }), values: grows(2, 12) },
          { series: s("prometheus_rule_evaluation_failures_total", { ...PROMETHEUS, rule_group: PLATFORM_GROUP }), values: flat(0, 12) },
        ],
        firesAt: 6,
        alerts: [
          {
            labels: platform("critical", { ...PROMETHEUS, rule_group: SLO_GROUP }),
            description: `10.42.0.9:9090 failed 10 rule evaluations in group ${SLO_GROUP} in the last 5m: SLO recordings and alerts of that group may be missing.`,
          },
        ],
      },
    ],
    quiet: [
      {
        what: "failure counters exist (an old failure before the range) and stay flat",
        series: [
          { series: s("prometheus_rule_evaluation_failures_total", { ...PROMETHEUS, rule_group: SLO_GROUP }), values: flat(3, 30) },
          { series: s("prometheus_rule_evaluation_failures_total", { ...PROMETHEUS, rule_group: PLATFORM_GROUP }), values: flat(0, 30) },
        ],
        minutes: 30,
      },
    ],
  },
  {
    alert: "PrometheusRuleGroupIterationsMissed",
    summary: "Prometheus rule group evaluations take longer than their interval",
    runbook: "prometheus-rule-group-iterations-missed.md",
    firing: [
      {
        what: "the SLO group misses one iteration a minute (5 in 5m) for 10 minutes",
        series: [
          { series: s("prometheus_rule_group_iterations_missed_total", { ...PROMETHEUS, rule_group: SLO_GROUP }), values: grows(1, 15) },
          { series: s("prometheus_rule_group_iterations_missed_total", { ...PROMETHEUS, rule_group: PLATFORM_GROUP }), values: flat(0, 15) },
        ],
        firesAt: 11,
        alerts: [
          {
            labels: platform("warning", { ...PROMETHEUS, rule_group: SLO_GROUP }),
            description: `10.42.0.9:9090 skipped 5 evaluations of rule group ${SLO_GROUP} in the last 5m because the previous one had not finished.`,
          },
        ],
      },
    ],
    quiet: [
      {
        what: "no group misses an iteration",
        series: [
          { series: s("prometheus_rule_group_iterations_missed_total", { ...PROMETHEUS, rule_group: SLO_GROUP }), values: flat(0, 30) },
          { series: s("prometheus_rule_group_iterations_missed_total", { ...PROMETHEUS, rule_group: PLATFORM_GROUP }), values: flat(0, 30) },
        ],
        minutes: 30,
      },
    ],
  },
  {
    alert: "PrometheusNotificationErrors",
    summary: "Prometheus fails to send alerts to Alertmanager",
    runbook: "prometheus-notification-errors.md",
    firing: [
      {
        what: "3 of every 100 notifications to the first Alertmanager fail (3% > 1%); the second receives all of its 100",
        series: [
          { series: s("prometheus_notifications_errors_total", { ...PROMETHEUS, alertmanager: AM_URL }), values: grows(3, 12) },
          { series: s("prometheus_notifications_sent_total", { ...PROMETHEUS, alertmanager: AM_URL }), values: grows(100, 12) },
          { series: s("prometheus_notifications_errors_total", { ...PROMETHEUS, alertmanager: AM_URL_2 }), values: flat(0, 12) },
          { series: s("prometheus_notifications_sent_total", { ...PROMETHEUS, alertmanager: AM_URL_2 }), values: grows(100, 12) },
        ],
        firesAt: 6,
        alerts: [
          {
            labels: platform("critical", { ...PROMETHEUS, alertmanager: AM_URL }),
            description: `10.42.0.9:9090 fails to send 3% of its alert notifications to ${AM_URL}.`,
          },
        ],
      },
    ],
    quiet: [
      {
        what: "1 of 200 notifications fails (0.5%, under 1%), the other Alertmanager gets no alerts at all (0 ÷ 0)",
        series: [
          { series: s("prometheus_notifications_errors_total", { ...PROMETHEUS, alertmanager: AM_URL }), values: grows(1, 30) },
          { series: s("prometheus_notifications_sent_total", { ...PROMETHEUS, alertmanager: AM_URL }), values: grows(200, 30) },
          { series: s("prometheus_notifications_errors_total", { ...PROMETHEUS, alertmanager: AM_URL_2 }), values: flat(0, 30) },
          { series: s("prometheus_notifications_sent_total", { ...PROMETHEUS, alertmanager: AM_URL_2 }), values: flat(0, 30) },
        ],
        minutes: 30,
      },
    ],
  },
  {
    alert: "PrometheusNotificationsDropped",
    summary: "Prometheus drops alert notifications",
    runbook: "prometheus-notifications-dropped.md",
    firing: [
      {
        what: "Prometheus drops 60 notifications a minute (1/s)",
        series: [{ series: s("prometheus_notifications_dropped_total", PROMETHEUS), values: grows(60, 12) }],
        firesAt: 6,
        alerts: [
          {
            labels: platform("warning", PROMETHEUS),
            description: "10.42.0.9:9090 drops 1 alert notifications/s (queue full or no Alertmanager reachable).",
          },
        ],
      },
    ],
    quiet: [
      {
        what: "the dropped counter stays flat",
        series: [{ series: s("prometheus_notifications_dropped_total", PROMETHEUS), values: flat(2, 30) }],
        minutes: 30,
      },
    ],
  },
  {
    alert: "AlertmanagerNotificationFailures",
    summary: "Alertmanager fails to deliver notifications",
    runbook: "alertmanager-notification-failures.md",
    firing: [
      {
        what: "6 of 100 Slack notifications a minute fail (6%), PagerDuty delivers all 50",
        series: [
          { series: s("alertmanager_notifications_failed_total", { ...ALERTMANAGER, integration: "slack", reason: "serverError" }), values: grows(6, 12) },
          { series: s("alertmanager_notifications_total", { ...ALERTMANAGER, integration: "slack" }), values: grows(100, 12) },
          { series: s("alertmanager_notifications_failed_total", { ...ALERTMANAGER, integration: "pagerduty", reason: "serverError" }), values: flat(0, 12) },
          { series: s("alertmanager_notifications_total", { ...ALERTMANAGER, integration: "pagerduty" }), values: grows(50, 12) },
        ],
        firesAt: 6,
        alerts: [
          {
            labels: platform("critical", { ...ALERTMANAGER, integration: "slack" }),
            description: "10.42.0.11:9093 fails 6% of its slack notifications: people are not being told about alerts.",
          },
        ],
      },
    ],
    quiet: [
      {
        what: "every notification is delivered; an idle integration (0 ÷ 0) stays quiet",
        series: [
          { series: s("alertmanager_notifications_failed_total", { ...ALERTMANAGER, integration: "slack", reason: "serverError" }), values: flat(4, 30) },
          { series: s("alertmanager_notifications_total", { ...ALERTMANAGER, integration: "slack" }), values: grows(100, 30) },
          { series: s("alertmanager_notifications_failed_total", { ...ALERTMANAGER, integration: "webhook", reason: "serverError" }), values: flat(0, 30) },
          { series: s("alertmanager_notifications_total", { ...ALERTMANAGER, integration: "webhook" }), values: flat(0, 30) },
        ],
        minutes: 30,
      },
    ],
  },
  {
    alert: "LokiIngestionErrors",
    summary: "Loki fails to ingest logs",
    runbook: "loki-ingestion-errors.md",
    firing: [
      {
        what: "of 1000 pushes a minute (900 on the push API, 100 over OTLP) 50 + 50 fail with 5xx (10% > 5%); failing queries do not count",
        series: [
          { series: s("loki_request_duration_seconds_count", { ...LOKI, route: "loki_api_v1_push", method: "POST", status_code: "204" }), values: grows(850, 12) },
          { series: s("loki_request_duration_seconds_count", { ...LOKI, route: "loki_api_v1_push", method: "POST", status_code: "500" }), values: grows(50, 12) },
          { series: s("loki_request_duration_seconds_count", { ...LOKI, route: "otlp_v1_logs", method: "POST", status_code: "200" }), values: grows(50, 12) },
          { series: s("loki_request_duration_seconds_count", { ...LOKI, route: "otlp_v1_logs", method: "POST", status_code: "503" }), values: grows(50, 12) },
          { series: s("loki_request_duration_seconds_count", { ...LOKI, route: "loki_api_v1_query_range", method: "GET", status_code: "500" }), values: grows(5000, 12) },
        ],
        firesAt: 6,
        alerts: [
          {
            labels: platform("critical", { job: "loki" }),
            description: "10% of log pushes to loki fail with a server error; logs are being lost or delayed.",
          },
        ],
      },
    ],
    quiet: [
      {
        what: "every push succeeds and client errors (4xx) are not server errors, while every query fails with 500",
        series: [
          { series: s("loki_request_duration_seconds_count", { ...LOKI, route: "loki_api_v1_push", method: "POST", status_code: "204" }), values: grows(900, 30) },
          { series: s("loki_request_duration_seconds_count", { ...LOKI, route: "loki_api_v1_push", method: "POST", status_code: "429" }), values: grows(100, 30) },
          { series: s("loki_request_duration_seconds_count", { ...LOKI, route: "otlp_v1_logs", method: "POST", status_code: "200" }), values: grows(100, 30) },
          { series: s("loki_request_duration_seconds_count", { ...LOKI, route: "loki_api_v1_query_range", method: "GET", status_code: "500" }), values: grows(5000, 30) },
        ],
        minutes: 30,
      },
    ],
  },
  {
    alert: "LokiDiscardingSamples",
    summary: "Loki discards log lines",
    runbook: "loki-discarding-samples.md",
    firing: [
      {
        what: "two tenants are rate limited (120 + 60 lines a minute): one alert per job and reason, 3 lines/s; the flat line_too_long counter stays quiet",
        series: [
          { series: s("loki_discarded_samples_total", { ...LOKI, reason: "rate_limited", tenant: "shop" }), values: grows(120, 20) },
          { series: s("loki_discarded_samples_total", { ...LOKI, reason: "rate_limited", tenant: "platform" }), values: grows(60, 20) },
          { series: s("loki_discarded_samples_total", { ...LOKI, reason: "line_too_long", tenant: "shop" }), values: flat(9, 20) },
        ],
        firesAt: 16,
        alerts: [
          {
            labels: platform("warning", { job: "loki", reason: "rate_limited" }),
            description: "loki discards 3 log lines/s for reason rate_limited (limits, too old, too long).",
          },
        ],
      },
    ],
    quiet: [
      {
        what: "discard counters stay flat",
        series: [
          { series: s("loki_discarded_samples_total", { ...LOKI, reason: "rate_limited", tenant: "shop" }), values: flat(9, 40) },
          { series: s("loki_discarded_samples_total", { ...LOKI, reason: "line_too_long", tenant: "shop" }), values: flat(0, 40) },
        ],
        minutes: 40,
      },
    ],
  },
  {
    alert: "JaegerStorageErrors",
    summary: "Jaeger fails to write spans to its storage",
    runbook: "jaeger-storage-errors.md",
    firing: [
      {
        what: "Jaeger's storage exporter fails 5 spans/s; the gateway's exporter towards Jaeger failing too is OtelCollectorExporterSendFailing's, not this alert's",
        series: [
          { series: s("otelcol_exporter_send_failed_spans_total", { ...JAEGER, exporter: "jaeger_storage_exporter" }), values: grows(300, 12) },
          { series: s("otelcol_exporter_send_failed_spans_total", { ...GATEWAY, exporter: "otlp_grpc/jaeger" }), values: grows(300, 12) },
        ],
        firesAt: 6,
        alerts: [
          {
            labels: platform("critical", { job: "jaeger", exporter: "jaeger_storage_exporter" }),
            description: "jaeger fails to store 5 spans/s through jaeger_storage_exporter; traces are incomplete.",
          },
        ],
      },
    ],
    quiet: [
      {
        what: "Jaeger stores every span: its send_failed counter stays flat while spans are sent",
        series: [
          { series: s("otelcol_exporter_send_failed_spans_total", { ...JAEGER, exporter: "jaeger_storage_exporter" }), values: flat(17, 30) },
          { series: s("otelcol_exporter_sent_spans_total", { ...JAEGER, exporter: "jaeger_storage_exporter" }), values: grows(3000, 30) },
        ],
        minutes: 30,
      },
    ],
  },
  {
    alert: "Watchdog",
    summary: "Always firing: proves the alerting pipeline works end to end",
    runbook: "watchdog.md",
    firing: [
      {
        what: "no input series at all: fires from the first evaluation on",
        series: [],
        firesAt: 0,
        alerts: [
          {
            labels: { severity: "none", team: "platform" },
            description:
              "This alert always fires. Alertmanager routes it to the dead-man's-switch receiver; when that receiver stops hearing from it, Prometheus or Alertmanager is down.",
          },
        ],
        later: [
          {
            minute: 600,
            alerts: [
              {
                labels: { severity: "none", team: "platform" },
                description:
                  "This alert always fires. Alertmanager routes it to the dead-man's-switch receiver; when that receiver stops hearing from it, Prometheus or Alertmanager is down.",
              },
            ],
          },
        ],
      },
    ],
    quiet: [],
  },
];

const INFO_DESCRIPTION = (ns: string) =>
  `Fires while an info alert fires in namespace ${ns} and no page, ticket, critical or warning alert does. Alertmanager inhibits info alerts with it and sends it nowhere.`;

/** An `ALERTS` series as Prometheus writes it for another rule's alert. */
const alerts = (alertname: string, alertstate: "firing" | "pending", labels: Record<string, string>) => s("ALERTS", { alertname, alertstate, ...labels });

/**
 * InfoInhibitor reads the ALERTS series Prometheus writes for other rules' alerts; the
 * scenarios give those as input series (promtool stores them like any other series).
 */
export const INFO_INHIBITOR_SCENARIO: PlatformScenario = {
  alert: "InfoInhibitor",
  summary: "Mutes info alerts in a namespace where nothing more severe fires",
  runbook: "info-inhibitor.md",
  firing: [
    {
      what: "three info alerts fire in namespace shop (two with the same labels but their alertname) and nothing else: one InfoInhibitor for the namespace",
      series: [
        { series: alerts("CPUThrottlingHigh", "firing", { namespace: "shop", pod: "storefront-7c9d", severity: "info" }), values: flat(1, 10) },
        { series: alerts("KubeQuotaAlmostFull", "firing", { namespace: "shop", severity: "info" }), values: flat(1, 10) },
        { series: alerts("KubeMemoryOvercommit", "firing", { namespace: "shop", severity: "info" }), values: flat(1, 10) },
      ],
      firesAt: 0,
      alerts: [{ labels: { namespace: "shop", severity: "none", team: "platform" }, description: INFO_DESCRIPTION("shop") }],
    },
    {
      what: "an info alert in shop fires throughout; a warning in shop fires from minute 4 to 8 (mutes nothing then) and is stale from 9; a warning in another namespace and a pending page in shop do not count",
      series: [
        { series: alerts("KubeQuotaAlmostFull", "firing", { namespace: "shop", severity: "info" }), values: flat(1, 15) },
        { series: alerts("KubeDeploymentReplicasMismatch", "firing", { namespace: "shop", severity: "warning", team: "commerce" }), values: "_x4 1x4 stale" },
        { series: alerts("KubePodCrashLooping", "firing", { namespace: "payments", severity: "warning" }), values: flat(1, 15) },
        { series: alerts("SLOErrorBudgetBurn", "pending", { namespace: "shop", service: "storefront", slo: "availability", severity: "page", team: "commerce" }), values: flat(1, 15) },
      ],
      firesAt: 0,
      alerts: [{ labels: { namespace: "shop", severity: "none", team: "platform" }, description: INFO_DESCRIPTION("shop") }],
      later: [
        { minute: 3, alerts: [{ labels: { namespace: "shop", severity: "none", team: "platform" }, description: INFO_DESCRIPTION("shop") }] },
        { minute: 4, alerts: [] },
        { minute: 8, alerts: [] },
        { minute: 9, alerts: [{ labels: { namespace: "shop", severity: "none", team: "platform" }, description: INFO_DESCRIPTION("shop") }] },
        { minute: 15, alerts: [{ labels: { namespace: "shop", severity: "none", team: "platform" }, description: INFO_DESCRIPTION("shop") }] },
      ],
    },
  ],
  quiet: [
    {
      what: "no info alert anywhere; page, ticket, critical and warning alerts fire, the Watchdog (severity none) fires",
      series: [
        { series: alerts("SLOErrorBudgetBurn", "firing", { namespace: "shop", service: "checkout-api", slo: "availability", severity: "page", team: "payments" }), values: flat(1, 30) },
        { series: alerts("ResilienceRetriesAboveBudget", "firing", { namespace: "shop", service: "storefront", dependency: "pricing-engine", severity: "ticket", team: "commerce" }), values: flat(1, 30) },
        { series: alerts("KubePodCrashLooping", "firing", { namespace: "payments", severity: "warning" }), values: flat(1, 30) },
      ],
      minutes: 30,
    },
    {
      what: "an info alert that is only pending in shop (it notifies nobody yet)",
      series: [{ series: alerts("KubeQuotaAlmostFull", "pending", { namespace: "shop", severity: "info" }), values: flat(1, 30) }],
      minutes: 30,
    },
    {
      what: "an info alert in shop while a critical alert fires in shop the whole time",
      series: [
        { series: alerts("KubeQuotaAlmostFull", "firing", { namespace: "shop", severity: "info" }), values: flat(1, 30) },
        { series: alerts("KubePersistentVolumeFillingUp", "firing", { namespace: "shop", severity: "critical" }), values: flat(1, 30) },
      ],
      minutes: 30,
    },
  ],
};
