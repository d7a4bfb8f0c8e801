import { RESILIENCE_RUNBOOK_GUIDANCE } from "../../resilience/runbook-guidance";
import { PLATFORM_UIDS } from "../../dashboards/uid";

/**
 * What a human needs beyond the alert's own annotations, per alert type: what it means,
 * the first three things to check, and what usually fixes it. The runbook generator
 * combines this with the alert rules, the catalogue and the teams. Every alert the rule
 * generators emit must have an entry here (a test enforces it).
 */

/** One of the first three checks. */
export type Check =
  /** The dashboard: for service alerts, each service's own; otherwise the one given. */
  | { kind: "dashboard"; dashboard?: { uid: string; title: string }; look: string }
  /** Error traces in Jaeger: of the alerting service, or of every catalogued service. */
  | { kind: "traces"; look: string }
  /** Logs in Loki (and, for a platform component, `kubectl logs` in case Loki is what is down). */
  | { kind: "logs"; app?: string; look: string; /** Also the node-local collector agents (whose own logs only kubectl shows). */ agents?: boolean }
  /** A PromQL query in Explore. */
  | { kind: "metrics"; promql: string; look: string };

export interface RunbookGuidance {
  /**
   * For an alert the scanned rule generators do not emit (it exists per stack, e.g. chaos
   * experiment windows): its severities and summary, so that its runbook always exists.
   * Such an alert is about a catalogued service (labels `service`, `team`).
   * @default - the alert is read from the generated rules
   */
  standalone?: { severities: string[]; summary: string; /** Carries `chaos_experiment`, so it goes to the experiments receiver. */ experimentsRoute?: boolean };
  /** Which component the alert is about, for platform alerts (its `app.kubernetes.io/name`). */
  component?: { name: string; app: string };
  /** One-line summary for the runbook's title; needed where the alert's own summary names a service. @default - the alert's summary annotation */
  summary?: string;
  /** What the alert means and why it matters, in plain words. */
  meaning: string;
  /** The first three things to check, in order. */
  checks: [Check, Check, Check];
  /** What usually resolves it. */
  actions: string[];
}

/** The generated platform health dashboard (dashboards/platform-health.ts). */
const PLATFORM_DASHBOARD = { uid: PLATFORM_UIDS.platformHealth, title: "Platform health" };
const COLLECTOR = { name: "OpenTelemetry collector (gateway)", app: "otel-gateway" };

export const RUNBOOK_GUIDANCE: Readonly<Record<string, RunbookGuidance>> = {
  ...RESILIENCE_RUNBOOK_GUIDANCE,
  SLOErrorBudgetBurn: {
    summary: "<service>: <slo> SLO is burning its error budget fast (page) or steadily (ticket)",
    meaning:
      "A service is failing its users faster than its SLO allows. `severity=page` means the error budget burns so fast (2% of the budget in 1h, or 5% in 6h) that it will be gone in days: act now. " +
      "`severity=ticket` means a slow, steady burn (10% in 1d or 3d): it will not wake anyone, but left alone it spends the budget before the period ends. The alert's value is the current burn rate (1 = exactly sustainable).",
    checks: [
      { kind: "dashboard", look: "The SLO panels show which window burns and since when; the RED panels show whether errors or latency moved, and on which route or operation." },
      { kind: "traces", look: "Open a few failing traces: the first span in error names the failing operation, and whether the error comes from this service or from a dependency." },
      { kind: "logs", look: "Error logs around the start of the burn: a deploy, a configuration change, a dependency timing out, a resource limit." },
    ],
    actions: [
      "If a deploy started the burn, roll it back first and investigate afterwards.",
      "If a dependency is the cause (its spans are the ones in error), page the team that owns it (see *How to escalate*); its own SLO alert may already be firing.",
      "If the burn is real but harmless (e.g. a client retrying bad requests), fix the SLI query rather than silencing the alert.",
      "Silence only with an expiry and a comment linking the incident; a page that is silenced still counts against the budget.",
    ],
  },
  OtelCollectorReceiverRefusingData: {
    component: COLLECTOR,
    meaning: "A collector receiver refuses incoming telemetry, usually because the memory limiter is engaged or a pipeline further down is failing. Senders retry; if it lasts, their buffers overflow and telemetry is lost.",
    checks: [
      { kind: "dashboard", dashboard: PLATFORM_DASHBOARD, look: "Accepted versus refused per signal and collector tier; collector memory against its limit." },
      { kind: "metrics", promql: 'sum by (job, receiver) (rate({__name__=~"otelcol_receiver_refused_(spans|metric_points|log_records)_total"}[5m]))', look: "Which receiver and tier refuses, and how much." },
      { kind: "logs", app: COLLECTOR.app, agents: true, look: "`memory_limiter` messages (data refused due to high memory usage) or exporter errors." },
    ],
    actions: ["Raise the collector's memory limit or replica count if traffic grew.", "If an exporter downstream fails, fix that first: the refusal is back-pressure, not the cause."],
  },
  OtelCollectorDroppingData: {
    component: COLLECTOR,
    meaning:
      "A collector exporter's sending queue is full and telemetry is being dropped. SLOs computed from the lost data are unreliable, so Alertmanager inhibits per-service alerts while this fires: the platform team carries the incident.",
    checks: [
      { kind: "dashboard", dashboard: PLATFORM_DASHBOARD, look: "Exporter queue size against capacity and enqueue failures per exporter." },
      { kind: "traces", look: "Recent traces of the catalogued services: missing or truncated traces confirm the loss and show since when." },
      { kind: "logs", app: COLLECTOR.app, agents: true, look: "Exporter errors (`Exporting failed`, `sending queue is full`) naming the backend that does not keep up." },
    ],
    actions: [
      "Find the backend behind the failing exporter (Prometheus remote write, Loki, Jaeger) and restore it; the queue drains by itself.",
      "While it lasts, service SLO alerts are inhibited: watch the service dashboards yourself and page a service team if its users are affected.",
    ],
  },
  OtelCollectorExporterSendFailing: {
    component: COLLECTOR,
    meaning: "An exporter fails to deliver to its backend. The sending queue absorbs the failures for now; when it is full, data is dropped (OtelCollectorDroppingData).",
    checks: [
      { kind: "dashboard", dashboard: PLATFORM_DASHBOARD, look: "Send failures per exporter and the queue it fills." },
      { kind: "metrics", promql: 'sum by (job, exporter) (rate({__name__=~"otelcol_exporter_send_failed_(spans|metric_points|log_records)_total"}[5m]))', look: "Which exporter and signal fail." },
      { kind: "logs", app: COLLECTOR.app, agents: true, look: "The error the backend returns (connection refused, 429, 5xx, TLS)." },
    ],
    actions: ["Restore the backend or its network path; check its own alerts (LokiIngestionErrors, JaegerStorageErrors).", "If the backend throttles (429), raise its ingestion limits or lower the sampling ratio."],
  },
  OtelCollectorExporterQueueFilling: {
    component: COLLECTOR,
    meaning: "An exporter's sending queue is more than 80% full: the backend does not keep up. At 100% the collector drops data.",
    checks: [
      { kind: "dashboard", dashboard: PLATFORM_DASHBOARD, look: "Queue size against capacity over time: a steady climb is a slow backend, a jump is an outage." },
      { kind: "metrics", promql: "max by (job, exporter) (otelcol_exporter_queue_size / otelcol_exporter_queue_capacity)", look: "Which exporter's queue fills." },
      { kind: "logs", app: COLLECTOR.app, agents: true, look: "Retries and timeouts towards the backend." },
    ],
    actions: ["Scale the backend or the collector's exporter concurrency (`num_consumers`).", "Lower head or tail sampling temporarily if trace volume spiked."],
  },
  PrometheusRuleEvaluationFailures: {
    component: { name: "Prometheus", app: "prometheus" },
    meaning: "Prometheus fails to evaluate rules. SLO recordings and alerts of the failing group are missing: burn-rate alerts of those services cannot fire.",
    checks: [
      { kind: "dashboard", dashboard: PLATFORM_DASHBOARD, look: "Rule evaluation failures per group." },
      { kind: "metrics", promql: "sum by (rule_group) (increase(prometheus_rule_evaluation_failures_total[5m]))", look: "Which rule group fails." },
      { kind: "logs", app: "prometheus", look: "`Evaluating rule failed` with the PromQL error (often many-to-many matching or a query limit)." },
    ],
    actions: ["Fix the service declaration whose generated rules fail and redeploy; `npm test` runs `promtool` on every generated rule."],
  },
  PrometheusRuleGroupIterationsMissed: {
    component: { name: "Prometheus", app: "prometheus" },
    meaning: "A rule group takes longer than its interval, so evaluations are skipped and alerts fire late.",
    checks: [
      { kind: "dashboard", dashboard: PLATFORM_DASHBOARD, look: "Rule group duration against interval." },
      { kind: "metrics", promql: "max by (rule_group) (prometheus_rule_group_last_duration_seconds / prometheus_rule_group_interval_seconds)", look: "Which group overruns, and by how much." },
      { kind: "logs", app: "prometheus", look: "Slow query or out-of-memory messages." },
    ],
    actions: ["Split the group or move long windows to a slower group; give Prometheus more CPU."],
  },
  PrometheusNotificationErrors: {
    component: { name: "Prometheus", app: "prometheus" },
    meaning: "Prometheus cannot deliver alerts to an Alertmanager replica. With one replica down the others still notify; if all fail, nobody is told about anything.",
    checks: [
      { kind: "dashboard", dashboard: PLATFORM_DASHBOARD, look: "Notification errors per Alertmanager replica." },
      { kind: "metrics", promql: "sum by (alertmanager) (rate(prometheus_notifications_errors_total[5m]))", look: "Which Alertmanager replica is unreachable." },
      { kind: "logs", app: "prometheus", look: "`Error sending alert` with the replica address and the error." },
    ],
    actions: ["Check the Alertmanager pods and the NetworkPolicy between Prometheus and Alertmanager."],
  },
  PrometheusNotificationsDropped: {
    component: { name: "Prometheus", app: "prometheus" },
    meaning: "Prometheus drops alert notifications (its queue is full or no Alertmanager is reachable): alerts are being lost.",
    checks: [
      { kind: "dashboard", dashboard: PLATFORM_DASHBOARD, look: "Dropped notifications and queue length." },
      { kind: "metrics", promql: "prometheus_notifications_queue_length / prometheus_notifications_queue_capacity", look: "How full the notification queue is." },
      { kind: "logs", app: "prometheus", look: "`Alert notification queue full` or discovery errors for Alertmanager." },
    ],
    actions: ["Restore Alertmanager reachability; meanwhile watch the Prometheus alerts page directly."],
  },
  AlertmanagerNotificationFailures: {
    component: { name: "Alertmanager", app: "alertmanager" },
    meaning: "Alertmanager fails to deliver notifications through an integration (PagerDuty, Slack, webhook, e-mail): people are not being told about alerts.",
    checks: [
      { kind: "dashboard", dashboard: PLATFORM_DASHBOARD, look: "Failed notifications per integration." },
      { kind: "metrics", promql: "sum by (integration) (rate(alertmanager_notifications_failed_total[5m]))", look: "Which integration fails." },
      { kind: "logs", app: "alertmanager", look: "`Notify for alerts failed` with the receiver and the HTTP status (401/403: a rotated key; 404: a deleted webhook)." },
    ],
    actions: [
      "A rejected key or webhook: update the secret in stack config (`pulumi config set --secret --path 'receiverSecrets.<name>'`) and `pulumi up`; the secret file is re-read on the next send.",
      "Until fixed, watch the Alertmanager UI: every alert is still visible there.",
    ],
  },
  LokiIngestionErrors: {
    component: { name: "Loki", app: "loki" },
    meaning: "Log pushes to Loki fail with server errors: logs are delayed or lost, and log links in other runbooks may show gaps.",
    checks: [
      { kind: "dashboard", dashboard: PLATFORM_DASHBOARD, look: "Push error ratio and ingester health." },
      { kind: "metrics", promql: 'sum by (status_code) (rate(loki_request_duration_seconds_count{route=~"loki_api_v1_push|otlp_v1_logs"}[5m]))', look: "Which status codes the pushes get." },
      { kind: "logs", app: "loki", look: "Ingester or storage errors (use `kubectl logs`: Loki's own logs may not be ingested)." },
    ],
    actions: ["Restore Loki's storage or ingesters; the collectors retry and queue meanwhile."],
  },
  LokiDiscardingSamples: {
    component: { name: "Loki", app: "loki" },
    meaning: "Loki discards log lines it accepted, for a reason in the `reason` label (rate limit, line too long, too old).",
    checks: [
      { kind: "dashboard", dashboard: PLATFORM_DASHBOARD, look: "Discarded lines per reason." },
      { kind: "metrics", promql: "sum by (reason, tenant) (rate(loki_discarded_samples_total[5m]))", look: "The reason and which tenant." },
      { kind: "logs", app: "loki", look: "Limit messages naming the stream." },
    ],
    actions: ["Raise the limit if the volume is legitimate, or fix the service logging too much or too-long lines."],
  },
  JaegerStorageErrors: {
    component: { name: "Jaeger", app: "jaeger" },
    meaning: "Jaeger fails to write spans to its storage: traces are incomplete, and trace links in runbooks and dashboards may show nothing.",
    checks: [
      { kind: "dashboard", dashboard: PLATFORM_DASHBOARD, look: "Span write failures and storage latency." },
      { kind: "traces", look: "Recent traces of the catalogued services: how much is missing and since when." },
      { kind: "logs", app: "jaeger", look: "Storage backend errors (connection, disk full, index)." },
    ],
    actions: ["Restore the storage backend; spans in the collector's queue are retried until it is full."],
  },
  Watchdog: {
    component: { name: "Alerting pipeline", app: "alertmanager" },
    meaning:
      "Always firing, on purpose. Alertmanager sends it every minute to the dead-man's-switch receiver (an external heartbeat monitor). You only look at this runbook when the heartbeat monitor reports that the Watchdog STOPPED arriving: Prometheus, Alertmanager, or the path between them and the outside world is down, and no other alert can reach anyone.",
    checks: [
      { kind: "dashboard", dashboard: PLATFORM_DASHBOARD, look: "Are Prometheus and Alertmanager up, and is Prometheus sending notifications?" },
      { kind: "metrics", promql: 'ALERTS{alertname="Watchdog"}', look: "Is the Watchdog firing in Prometheus at all? If yes, the problem is Alertmanager or its egress; if no, it is Prometheus." },
      { kind: "logs", app: "alertmanager", look: "Notification errors towards the heartbeat URL, or the pods not running at all." },
    ],
    actions: ["Treat it as an outage of alerting: tell the service teams, watch dashboards by hand, restore Prometheus/Alertmanager."],
  },
  InfoInhibitor: {
    component: { name: "Alerting pipeline", app: "alertmanager" },
    meaning:
      "A helper alert, sent nowhere: it fires while an `info` alert fires in a namespace where nothing more severe does, and Alertmanager uses it to hold those `info` alerts back (alerts of chaos experiments excepted). Info alerts are therefore only notified alongside a ticket, page, warning or critical alert in the same namespace. Nothing to do when it fires.",
    checks: [
      { kind: "dashboard", dashboard: PLATFORM_DASHBOARD, look: "Nothing to fix; for curiosity, which info alerts are held back." },
      { kind: "metrics", promql: 'ALERTS{severity="info", alertstate="firing"}', look: "The info alerts it is holding back." },
      { kind: "logs", app: "alertmanager", look: "Nothing expected." },
    ],
    actions: ["None. If an info alert matters on its own, raise it to a ticket in its rule."],
  },
  ChaosExperimentWindow: {
    standalone: { severities: ["info"], summary: "Chaos experiment <experiment> window is open; <service> SLO alerts are muted", experimentsRoute: true },
    meaning:
      "A planned chaos experiment (its Schedule is named in the `chaos_experiment` label) is about to run, runs, or has just run against the service or one of its dependencies. " +
      "The window opens shortly before the start and closes after the page alert's short window has passed the end. While it is open the service's SLOErrorBudgetBurn alerts are inhibited, " +
      "so nobody is paged for a planned fault; this notification goes to the experiments channel only. The experiment aborts itself when the service's page burn-rate condition holds.",
    checks: [
      { kind: "dashboard", look: "Watch the SLO panels during the run: the burn rate should stay below the page threshold; that is the experiment's hypothesis." },
      { kind: "traces", look: "The injected faults show as failing or slow spans; errors in services outside the blast radius mean the fault spreads further than planned." },
      { kind: "logs", look: "How the service reacts: retries, circuit breakers opening, fallbacks; crashes or unbounded retries are findings for the results document." },
    ],
    actions: [
      "Nothing, if the hypothesis holds: record what happened in the experiment's results document.",
      "To stop it now: find its Schedule with `kubectl get schedules.chaos-mesh.org -A | grep <experiment>` and pause it with `kubectl -n <namespace> annotate schedules.chaos-mesh.org <experiment> experiment.chaos-mesh.org/pause=true --overwrite`.",
      "If users outside the planned blast radius are affected, stop it and page the owning team: its SLO alerts are muted until the window closes.",
    ],
  },
};
