/**
 * The known-metrics table agrees with what produces the series: the pinned collector
 * version, the SLI sources the SLO rules read, the connector settings of the gateway, and the
 * SLO recording names.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { RECORDING_NAMES } from "../../alert-rules/recording-names";
import { SLI_SOURCES } from "../../catalogue/sli-sources";
import { KNOWN_METRIC_GROUPS, KNOWN_METRICS, OTELCOL_VERSION_CHECKED } from "../../dashboards/known-metrics";
import { RESILIENCE_METRICS } from "../../resilience";
import { SERVICE_GRAPH_METRICS, SPANMETRICS_NAMESPACE, spanmetricsConnector } from "../../telemetry/red-metrics";
import { REPO_ROOT } from "./support/context";

test("the names were checked against the collector release the platform builds", () => {
  const manifest = parse(fs.readFileSync(path.join(REPO_ROOT, "toolchain/otelcol/builder-config.yaml"), "utf8")) as { dist: { version: string } };
  expect(OTELCOL_VERSION_CHECKED).toBe(manifest.dist.version);
});

test("every metric the SLI presets read is known", () => {
  const sliMetrics = Object.values(SLI_SOURCES).flatMap((s) => [s.countMetric, s.histogramCountMetric, s.bucketMetric]);
  expect(sliMetrics.filter((m) => !KNOWN_METRICS.has(m))).toEqual([]);
});

test("every SLO recording is known", () => {
  expect(Object.values(RECORDING_NAMES).filter((m) => !KNOWN_METRICS.has(m))).toEqual([]);
});

test("spanmetrics names follow the gateway's connector settings: namespace traces.span.metrics, duration in seconds", () => {
  expect(SPANMETRICS_NAMESPACE).toBe("traces.span.metrics");
  expect((spanmetricsConnector().histogram as { unit: string }).unit).toBe("s");
  const group = KNOWN_METRIC_GROUPS.find((g) => g.key === "spanmetrics");
  expect(group?.metrics).toEqual([
    "traces_span_metrics_calls_total",
    "traces_span_metrics_duration_seconds_bucket",
    "traces_span_metrics_duration_seconds_count",
    "traces_span_metrics_duration_seconds_sum",
  ]);
});

test("servicegraph names match the telemetry path's list", () => {
  const expected = [
    SERVICE_GRAPH_METRICS.requests,
    SERVICE_GRAPH_METRICS.failed,
    ...[SERVICE_GRAPH_METRICS.serverSeconds, SERVICE_GRAPH_METRICS.clientSeconds].flatMap((b) => [`${b}_bucket`, `${b}_count`, `${b}_sum`]),
  ];
  expect(KNOWN_METRIC_GROUPS.find((g) => g.key === "servicegraph")?.metrics).toEqual(expected);
});

test("no metric is listed by two groups, and every group says where its names come from", () => {
  const all = KNOWN_METRIC_GROUPS.flatMap((g) => g.metrics);
  expect(all.length).toBe(new Set(all).size);
  for (const g of KNOWN_METRIC_GROUPS) {
    expect([g.key, g.source.length > 20, g.labels.length > 0]).toEqual([g.key, true, true]);
  }
});

describe("resilience metrics", () => {
  const groups = KNOWN_METRIC_GROUPS.filter((g) => g.key.startsWith("resilience-"));

  test("one group per instrument of the contract: its Prometheus name, its attributes plus the service labels and the scope label", () => {
    expect(groups.map((g) => [g.key, g.metrics, g.labels])).toEqual(
      Object.entries(RESILIENCE_METRICS).map(([key, m]) => [`resilience-${key}`, [m.prometheus], [...m.attributes, "service", "namespace", "pod", "otel_scope_name", "job", "instance"]]),
    );
    expect(groups.map((g) => g.metrics[0])).toEqual([
      "resilience_calls_total",
      "resilience_retries_total",
      "resilience_retry_budget_exhausted_total",
      "resilience_timeouts_total",
      "resilience_circuit_breaker_state",
      "resilience_circuit_breaker_transitions_total",
      "resilience_bulkhead_rejections_total",
      "resilience_fallbacks_total",
    ]);
  });

  test("each Prometheus name follows the OTLP translation the other groups follow: dots to underscores, no suffix for a {…} unit, _total on counters", () => {
    for (const m of Object.values(RESILIENCE_METRICS)) {
      expect([m.name, m.unit.startsWith("{") && m.unit.endsWith("}"), m.prometheus]).toEqual([
        m.name,
        true,
        `${m.name.replace(/\./g, "_")}${m.instrument === "counter" ? "_total" : ""}`,
      ]);
    }
  });
});
