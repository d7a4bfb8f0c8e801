/**
 * Platform health: what the OpenTelemetry collectors accept, refuse and drop per tier (agent,
 * gateway: the scrape job) and per signal, their exporter queues, the gateway's tail-sampling
 * decisions, and the health of Prometheus, Alertmanager, Loki and Jaeger. Owned by the
 * platform team; the same metrics as the platform alerts (alert-rules/platform-rules.ts).
 */
import type { Builder } from "@grafana/grafana-foundation-sdk/cog";
import type { Panel } from "@grafana/grafana-foundation-sdk/dashboard";
import type { EnvironmentName } from "../catalogue/types";
import { stat, timeseries } from "./panels";
import { COLLECTOR_JOBS_REGEX, PLATFORM_JOBS } from "./platform-jobs";
import { eq, re, selector, sumRate } from "./promql";
import { buildDashboard, type Section } from "./shell";
import { promTarget } from "./targets";
import { PLATFORM_FOLDER, type GeneratedDashboard } from "./types";
import { PLATFORM_UIDS } from "./uid";

export const PLATFORM_HEALTH_TITLE = "Platform health";

/** The three signals the collectors count, as metric-name parts and titles. */
export const SIGNALS = [
  { key: "spans", title: "spans" },
  { key: "log_records", title: "log records" },
  { key: "metric_points", title: "metric points" },
] as const;

const COLLECTORS = re("job", COLLECTOR_JOBS_REGEX);
const JAEGER_STORAGE = re("exporter", "jaeger_storage_exporter.*");

/** Targets A, B, C … from expressions. */
function targets(exprs: ReadonlyArray<readonly [string, string]>) {
  return exprs.map(([expr, legend], i) => promTarget(String.fromCharCode(65 + i), expr, { legend }));
}

function perSignal(title: string, description: string, metric: (signal: string) => string, by: string[], legend: string): Builder<Panel>[] {
  return SIGNALS.map((s) =>
    timeseries({
      title: `${title}: ${s.title}`,
      description,
      width: 8,
      height: 7,
      unit: "cps",
      min: 0,
      targets: targets([[sumRate(selector(metric(s.key), COLLECTORS), by), legend]]),
    }),
  );
}

function collectorSections(): Section[] {
  return [
    {
      title: "Collectors: accepted (per tier)",
      panels: perSignal("Accepted", "Items per second the receivers accepted, per collector tier (scrape job).", (s) => `otelcol_receiver_accepted_${s}_total`, ["job"], "{{job}}"),
    },
    {
      title: "Collectors: refused and dropped",
      panels: [
        ...perSignal(
          "Refused",
          "Items per second receivers refused (memory limiter, a failing pipeline); senders retry or lose them.",
          (s) => `otelcol_receiver_refused_${s}_total`,
          ["job", "receiver"],
          "{{job}} {{receiver}}",
        ),
        ...SIGNALS.map((s) =>
          timeseries({
            title: `Dropped: ${s.title}`,
            description: "Items per second lost by exporters: the sending queue was full (enqueue failed) or sending failed after all retries.",
            width: 8,
            height: 7,
            unit: "cps",
            min: 0,
            targets: targets([
              [sumRate(selector(`otelcol_exporter_enqueue_failed_${s.key}_total`, COLLECTORS), ["job", "exporter"]), "{{job}} {{exporter}} queue full"],
              [sumRate(selector(`otelcol_exporter_send_failed_${s.key}_total`, COLLECTORS), ["job", "exporter"]), "{{job}} {{exporter}} send failed"],
            ]),
          }),
        ),
      ],
    },
    {
      title: "Collectors: exporter queues",
      panels: [
        timeseries({
          title: "Queue size",
          width: 12,
          height: 7,
          unit: "short",
          min: 0,
          targets: targets([[`max by (job, exporter) (${selector("otelcol_exporter_queue_size", COLLECTORS)})`, "{{job}} {{exporter}}"]]),
        }),
        timeseries({
          title: "Queue fill",
          description: "Queue size ÷ capacity; the OtelCollectorExporterQueueFilling alert fires above 80%, data is dropped at 100%.",
          width: 12,
          height: 7,
          unit: "percentunit",
          min: 0,
          max: 1,
          thresholds: { base: "transparent", steps: [[0.8, "orange"]] },
          targets: targets([
            [`max by (job, exporter) (${selector("otelcol_exporter_queue_size", COLLECTORS)} / ${selector("otelcol_exporter_queue_capacity", COLLECTORS)})`, "{{job}} {{exporter}}"],
          ]),
        }),
      ],
    },
    {
      title: "Gateway: tail sampling",
      panels: [
        timeseries({
          title: "Decisions per policy",
          description: "Traces per second each policy voted to keep (sampled=true) or not.",
          width: 12,
          height: 8,
          unit: "cps",
          min: 0,
          targets: targets([[sumRate("otelcol_processor_tail_sampling_count_traces_sampled_total", ["policy", "sampled"]), "{{policy}} sampled={{sampled}}"]]),
        }),
        timeseries({
          title: "Traces kept and dropped",
          width: 12,
          height: 8,
          unit: "cps",
          min: 0,
          targets: targets([[sumRate("otelcol_processor_tail_sampling_global_count_traces_sampled_total", ["sampled"]), "sampled={{sampled}}"]]),
        }),
        timeseries({
          title: "Traces waiting for a decision",
          width: 12,
          height: 7,
          unit: "short",
          min: 0,
          targets: targets([["sum by (job) (otelcol_processor_tail_sampling_sampling_traces_on_memory)", "{{job}}"]]),
        }),
        timeseries({
          title: "Traces dropped before their decision",
          description: "Traces evicted before the decision wait ended (num_traces too small for the load).",
          width: 12,
          height: 7,
          unit: "cps",
          min: 0,
          targets: targets([[sumRate("otelcol_processor_tail_sampling_sampling_trace_dropped_too_early_total", ["job"]), "{{job}}"]]),
        }),
      ],
    },
  ];
}

/** "Targets up" stat of one job. */
function upStat(title: string, job: string): Builder<Panel> {
  return stat({
    title: `${title}: targets up`,
    description: `Scrape targets of job "${job}" that answer, of all of them.`,
    width: 4,
    height: 4,
    unit: "percentunit",
    thresholds: { base: "red", steps: [[1, "green"]] },
    targets: targets([[`sum(${selector("up", eq("job", job))}) / count(${selector("up", eq("job", job))})`, title]]),
  });
}

function upSection(): Section {
  return {
    title: "Components up",
    panels: [
      upStat("Prometheus", PLATFORM_JOBS.prometheus),
      upStat("Alertmanager", PLATFORM_JOBS.alertmanager),
      upStat("Loki", PLATFORM_JOBS.loki),
      upStat("Jaeger", PLATFORM_JOBS.jaeger),
      upStat("Collector agents", PLATFORM_JOBS.collectorAgent),
      upStat("Collector gateways", PLATFORM_JOBS.collectorGateway),
    ],
  };
}

function backendSections(): Section[] {
  const loki = selector("loki_request_duration_seconds_count", re("route", "loki_api_v1_push|otlp_v1_logs"));
  const lokiErrors = selector("loki_request_duration_seconds_count", re("route", "loki_api_v1_push|otlp_v1_logs"), re("status_code", "5.."));
  return [
    {
      title: "Prometheus",
      panels: [
        timeseries({
          title: "Rule evaluation failures",
          width: 8,
          height: 7,
          unit: "cps",
          min: 0,
          targets: targets([[sumRate("prometheus_rule_evaluation_failures_total", ["instance", "rule_group"]), "{{instance}} {{rule_group}}"]]),
        }),
        timeseries({
          title: "Alert notifications to Alertmanager",
          width: 8,
          height: 7,
          unit: "cps",
          min: 0,
          targets: targets([
            [sumRate("prometheus_notifications_sent_total", ["instance"]), "{{instance}} sent"],
            [sumRate("prometheus_notifications_errors_total", ["instance"]), "{{instance}} errors"],
            [sumRate("prometheus_notifications_dropped_total", ["instance"]), "{{instance}} dropped"],
          ]),
        }),
        timeseries({
          title: "Head series and config reload",
          width: 8,
          height: 7,
          unit: "short",
          min: 0,
          targets: targets([
            ["sum by (instance) (prometheus_tsdb_head_series)", "{{instance}} head series"],
            ["min by (instance) (prometheus_config_last_reload_successful)", "{{instance}} last reload ok"],
          ]),
        }),
      ],
    },
    {
      title: "Alertmanager",
      panels: [
        timeseries({
          title: "Notification failure ratio per integration",
          width: 8,
          height: 7,
          unit: "percentunit",
          min: 0,
          thresholds: { base: "transparent", steps: [[0.01, "red"]] },
          targets: targets([
            [`${sumRate("alertmanager_notifications_failed_total", ["integration"])} / ${sumRate("alertmanager_notifications_total", ["integration"])}`, "{{integration}}"],
          ]),
        }),
        timeseries({
          title: "Cluster members",
          description: "Every replica should see all of them; fewer means the gossip cluster is split and notifications may be duplicated.",
          width: 8,
          height: 7,
          unit: "short",
          min: 0,
          targets: targets([["min by (instance) (alertmanager_cluster_members)", "{{instance}}"]]),
        }),
        timeseries({
          title: "Alerts",
          width: 8,
          height: 7,
          unit: "short",
          min: 0,
          targets: targets([["max by (state) (alertmanager_alerts)", "{{state}}"]]),
        }),
      ],
    },
    {
      title: "Loki",
      panels: [
        timeseries({
          title: "Push errors",
          description: "Share of log pushes answered with a server error (LokiIngestionErrors fires above 5%).",
          width: 8,
          height: 7,
          unit: "percentunit",
          min: 0,
          thresholds: { base: "transparent", steps: [[0.05, "red"]] },
          targets: targets([[`(${sumRate(lokiErrors)} or vector(0)) / ${sumRate(loki)}`, "5xx"]]),
        }),
        timeseries({
          title: "Lines received",
          width: 8,
          height: 7,
          unit: "cps",
          min: 0,
          targets: targets([[sumRate("loki_distributor_lines_received_total", ["job"]), "{{job}}"]]),
        }),
        timeseries({
          title: "Lines discarded",
          width: 8,
          height: 7,
          unit: "cps",
          min: 0,
          targets: targets([[sumRate("loki_discarded_samples_total", ["reason"]), "{{reason}}"]]),
        }),
      ],
    },
    {
      title: "Jaeger",
      panels: [
        timeseries({
          title: "Spans received",
          width: 12,
          height: 7,
          unit: "cps",
          min: 0,
          targets: targets([[sumRate(selector("otelcol_receiver_accepted_spans_total", eq("job", PLATFORM_JOBS.jaeger)), ["receiver"]), "{{receiver}}"]]),
        }),
        timeseries({
          title: "Spans written to storage",
          width: 12,
          height: 7,
          unit: "cps",
          min: 0,
          targets: targets([
            [sumRate(selector("otelcol_exporter_sent_spans_total", JAEGER_STORAGE), ["exporter"]), "{{exporter}} written"],
            [sumRate(selector("otelcol_exporter_send_failed_spans_total", JAEGER_STORAGE), ["exporter"]), "{{exporter}} failed"],
          ]),
        }),
      ],
    },
  ];
}

/** The platform health dashboard. */
export function platformHealthDashboard(environment: EnvironmentName): GeneratedDashboard {
  const json = buildDashboard({
    uid: PLATFORM_UIDS.platformHealth,
    title: PLATFORM_HEALTH_TITLE,
    description: `The telemetry pipeline and the monitoring backends. Generated by dashboards/platform-health.ts for ${environment}.`,
    tags: ["platform", "health"],
    environment,
    sections: [upSection(), ...collectorSections(), ...backendSections()],
  });
  return { uid: PLATFORM_UIDS.platformHealth, title: PLATFORM_HEALTH_TITLE, folder: PLATFORM_FOLDER, json };
}
