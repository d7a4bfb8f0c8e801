import { parse } from "yaml";
import { agentDefinition } from "../../telemetry/agent-config";
import { gatewayDefinition } from "../../telemetry/gateway-config";
import { renderCollectorConfig, type CollectorDefinition, type PipelineDefinition } from "../../telemetry/pipeline";
import { bucketDurations } from "../../telemetry/red-metrics";
import { tailSamplingProcessor } from "../../telemetry/tail-sampling";
import { PROMETHEUS_REPLICAS, stackPlan, stackTelemetry, STACKS } from "./support/stacks";

function definitions(stack: (typeof STACKS)[number]): { agent: CollectorDefinition; gateway: CollectorDefinition } {
  const t = stackTelemetry(stack);
  return {
    agent: agentDefinition({ environment: stack, agentNamespace: "monitoring-agents", gatewayHeadlessHost: "gw-headless", gatewayHost: "gw" }),
    gateway: gatewayDefinition({
      sampling: t.sampling,
      jaegerOtlpEndpoint: "jaeger:4317",
      lokiOtlpLogsUrl: "http://loki:3100/otlp/v1/logs",
      prometheusRemoteWriteUrls: Array.from({ length: PROMETHEUS_REPLICAS[stack] }, (_, i) => `http://p-${i}:9090/api/v1/write`),
    }),
  };
}

/** Every pipeline of both tiers, as the rendered YAML carries them (not the definitions). */
function renderedPipelines(stack: (typeof STACKS)[number]): { tier: string; id: string; p: { receivers: string[]; processors: string[]; exporters: string[] } }[] {
  const plan = stackPlan(stack);
  return (["agent", "gateway"] as const).flatMap((tier) => {
    const doc = parse(plan.files[`otel/${tier}.yaml`]) as any;
    return Object.entries(doc.service.pipelines).map(([id, p]) => ({ tier, id, p: p as any }));
  });
}

/**
 * The processor chain a span goes through from the SDK to Jaeger: the agent's traces pipeline,
 * then (through the load-balancing exporter) the gateway pipelines that receive OTLP and export
 * to Jaeger.
 */
function tracePathToJaeger(stack: (typeof STACKS)[number]): string[] {
  const all = renderedPipelines(stack);
  const agent = all.filter((x) => x.tier === "agent" && x.id.startsWith("traces") && x.p.exporters.includes("load_balancing"));
  const gateway = all.filter((x) => x.tier === "gateway" && x.id.startsWith("traces") && x.p.exporters.includes("otlp_grpc/jaeger"));
  expect(agent).toHaveLength(1);
  expect(gateway).toHaveLength(1);
  return [...agent[0].p.processors.map((p) => `agent:${p}`), ...gateway[0].p.processors.map((p) => `gateway:${p}`)];
}

describe.each(STACKS)("collector pipelines of the %s stack", (stack) => {
  test("every pipeline of agent and gateway starts with memory_limiter", () => {
    const pipelines = renderedPipelines(stack);
    expect(pipelines.map((x) => `${x.tier} ${x.id}`)).toEqual([
      "agent traces",
      "agent metrics",
      "agent logs/otlp",
      "agent logs/files",
      "gateway traces/red",
      "gateway traces/sampled",
      "gateway metrics",
      "gateway metrics/red",
      "gateway logs",
    ]);
    for (const x of pipelines) expect(`${x.tier} ${x.id}: ${x.p.processors[0]}`).toBe(`${x.tier} ${x.id}: memory_limiter`);
  });

  test("k8sattributes comes before tail sampling on the way to Jaeger", () => {
    expect(tracePathToJaeger(stack)).toEqual([
      "agent:memory_limiter",
      "agent:k8s_attributes",
      "agent:resource/environment",
      "agent:batch",
      "gateway:memory_limiter",
      "gateway:tail_sampling",
      "gateway:batch",
    ]);
  });

  test("errors are always kept: a top-level status_code ERROR policy, outside the rate limit, and no drop policy", () => {
    const gw = parse(stackPlan(stack).files["otel/gateway.yaml"]) as any;
    const policies = gw.processors.tail_sampling.policies;
    expect(policies[0]).toEqual({ name: "keep-errors", type: "status_code", status_code: { status_codes: ["ERROR"] } });
    expect(policies.map((p: any) => p.type)).toEqual(["status_code", "latency", "and"]);
    expect(JSON.stringify(policies)).not.toMatch(/"drop"|invert_match/);
  });

  test("traces leave the agent keyed by trace id for the gateway's headless Service", () => {
    const agent = parse(stackPlan(stack).files["otel/agent.yaml"]) as any;
    expect(agent.exporters.load_balancing).toEqual({
      routing_key: "traceID",
      protocol: { otlp: { tls: { insecure: true }, timeout: "10s" } },
      resolver: { dns: { hostname: "sevensa-otel-gateway-headless.monitoring.svc.cluster.local", port: "4317", interval: "15s" } },
    });
  });

  test("RED metrics are computed from every span, before sampling, and remote-written to each Prometheus replica", () => {
    const gw = parse(stackPlan(stack).files["otel/gateway.yaml"]) as any;
    expect(gw.service.pipelines["traces/red"]).toEqual({ receivers: ["otlp"], processors: ["memory_limiter"], exporters: ["span_metrics", "service_graph"] });
    const replicas = PROMETHEUS_REPLICAS[stack];
    const writers = Array.from({ length: replicas }, (_, i) => `prometheus_remote_write/${i}`);
    expect(gw.service.pipelines.metrics.exporters).toEqual(writers);
    expect(gw.service.pipelines["metrics/red"]).toEqual({
      receivers: ["span_metrics", "service_graph"],
      processors: ["memory_limiter", "transform/derived-metrics", "transform/label-contract", "batch"],
      exporters: writers,
    });
    expect(gw.exporters["prometheus_remote_write/0"].http.endpoint).toBe("http://sevensa-prometheus-0.sevensa-prometheus-headless.monitoring.svc:9090/api/v1/write");
  });
});

describe("tail sampling settings follow from the typed config", () => {
  test("production: buffers sized from the trace rate, threshold in ms, baseline capped by the rate limit", () => {
    expect(tailSamplingProcessor(stackTelemetry("production").sampling)).toEqual({
      decision_wait: "10s",
      num_traces: 10000,
      expected_new_traces_per_sec: 500,
      decision_cache: { sampled_cache_size: 30000, non_sampled_cache_size: 30000 },
      policies: [
        { name: "keep-errors", type: "status_code", status_code: { status_codes: ["ERROR"] } },
        { name: "keep-slow", type: "latency", latency: { threshold_ms: 1000 } },
        {
          name: "baseline",
          type: "and",
          and: {
            and_sub_policy: [
              { name: "baseline-probabilistic", type: "probabilistic", probabilistic: { sampling_percentage: 5 } },
              { name: "baseline-rate-limit", type: "rate_limiting", rate_limiting: { spans_per_second: 2000 } },
            ],
          },
        },
      ],
    });
  });

  test("local keeps the whole baseline and decides sooner", () => {
    const t = tailSamplingProcessor(stackTelemetry("local").sampling) as any;
    expect([t.decision_wait, t.num_traces, t.policies[1].latency.threshold_ms, t.policies[2].and.and_sub_policy[0].probabilistic.sampling_percentage]).toEqual(["5s", 200, 500, 100]);
  });

  test("a decision wait not shorter than the trace timeout is refused even without the schema", () => {
    const s = stackTelemetry("local").sampling;
    expect(() => tailSamplingProcessor({ ...s, tail: { ...s.tail, decisionWait: "30s" } })).toThrow('sampling.tail.decisionWait: "30s" is not shorter than traceTimeout "30s"');
  });
});

describe("the spanmetrics histogram matches the SLI presets", () => {
  test("buckets in seconds become Go durations without float noise", () => {
    expect(bucketDurations([0.002, 0.05, 0.1, 1, 1.4, 15])).toEqual(["2ms", "50ms", "100ms", "1s", "1400ms", "15s"]);
    expect(() => bucketDurations([0.0005])).toThrow("bucket 0.0005s is not a whole number of milliseconds");
  });

  test("the connector exports seconds, with exemplars, under the traces.span.metrics namespace", () => {
    const gw = parse(stackPlan("staging").files["otel/gateway.yaml"]) as any;
    expect(gw.connectors.span_metrics.namespace).toBe("traces.span.metrics");
    expect(gw.connectors.span_metrics.histogram).toEqual({
      unit: "s",
      explicit: { buckets: ["2ms", "4ms", "6ms", "8ms", "10ms", "50ms", "100ms", "200ms", "400ms", "800ms", "1s", "1400ms", "2s", "5s", "10s", "15s"] },
    });
    expect(gw.connectors.span_metrics.exemplars).toEqual({ enabled: true });
  });
});

describe("the label contract of pushed telemetry", () => {
  test("metrics get service and namespace from resource attributes (k8s namespace wins over service.namespace)", () => {
    const gw = parse(stackPlan("local").files["otel/gateway.yaml"]) as any;
    expect(gw.processors["transform/label-contract"].metric_statements).toEqual([
      'set(datapoint.attributes["service"], resource.attributes["service.name"]) where resource.attributes["service.name"] != nil',
      'set(datapoint.attributes["namespace"], resource.attributes["service.namespace"]) where resource.attributes["service.namespace"] != nil',
      'set(datapoint.attributes["namespace"], resource.attributes["k8s.namespace.name"]) where resource.attributes["k8s.namespace.name"] != nil',
      'set(datapoint.attributes["service"], datapoint.attributes["service.name"]) where datapoint.attributes["service"] == nil and datapoint.attributes["service.name"] != nil',
    ]);
  });

  test("pushed series carry their pod; derived series the gateway replica that counted them", () => {
    const gw = parse(stackPlan("local").files["otel/gateway.yaml"]) as any;
    expect(gw.processors["transform/pushed-metrics"].metric_statements).toEqual([
      'set(datapoint.attributes["pod"], resource.attributes["k8s.pod.name"]) where resource.attributes["k8s.pod.name"] != nil',
    ]);
    expect(gw.processors["transform/derived-metrics"].metric_statements).toEqual([
      'delete_key(resource.attributes, "service.instance.id")',
      'set(datapoint.attributes["collector_pod"], "${env:POD_NAME}")',
    ]);
  });

  test("logs get the service and namespace stream labels the same way", () => {
    const gw = parse(stackPlan("local").files["otel/gateway.yaml"]) as any;
    expect(gw.processors["transform/loki-labels"].log_statements).toEqual([
      'set(resource.attributes["service"], resource.attributes["service.name"]) where resource.attributes["service.name"] != nil',
      'set(resource.attributes["namespace"], resource.attributes["service.namespace"]) where resource.attributes["service.namespace"] != nil',
      'set(resource.attributes["namespace"], resource.attributes["k8s.namespace.name"]) where resource.attributes["k8s.namespace.name"] != nil',
    ]);
  });

  test("stdout of pods that push logs over OTLP is dropped in the files pipeline (no duplicates)", () => {
    const agent = parse(stackPlan("local").files["otel/agent.yaml"]) as any;
    expect(agent.service.pipelines["logs/files"].processors).toEqual(["memory_limiter", "k8s_attributes", "filter/otlp-log-pods", "resource/environment", "batch"]);
    expect(agent.processors["filter/otlp-log-pods"].logs.log_record).toEqual(['resource.attributes["sevensa.log_transport"] == "otlp"']);
  });
});

describe("renderCollectorConfig refuses broken definitions", () => {
  const { agent } = definitions("local");
  const withPipeline = (p: Partial<PipelineDefinition>): CollectorDefinition => ({
    ...agent,
    pipelines: agent.pipelines.map((x) => (x.id === "traces" ? { ...x, ...p } : x)),
  });

  test.each([
    ["a pipeline not starting with memory_limiter", withPipeline({ processors: ["batch", "memory_limiter"] }), "agent: pipeline traces: the first processor must be memory_limiter, found batch"],
    ["a pipeline without processors", withPipeline({ processors: [] }), "agent: pipeline traces: the first processor must be memory_limiter, found none"],
    ["a processor that is not configured", withPipeline({ processors: ["memory_limiter", "tail_sampling"] }), 'agent: pipeline traces: processor "tail_sampling" is used but not configured'],
    ["a component outside the distribution", withPipeline({ exporters: ["kafka"] }), 'agent: pipeline traces: exporter type "kafka" is not in the otelcol-sevensa distribution (otlp_grpc, otlp_http, load_balancing, prometheus_remote_write, debug)'],
    ["a configured exporter no pipeline uses", withPipeline({ exporters: ["otlp_grpc/gateway"] }), 'agent: exporter "load_balancing" is configured but no pipeline uses it'],
  ])("%s", (_name, def, message) => {
    expect(() => renderCollectorConfig("agent", def)).toThrow(message);
  });

  test("a connector must be both exported to and received from", () => {
    const { gateway } = definitions("local");
    const broken = { ...gateway, pipelines: gateway.pipelines.map((p) => (p.id === "metrics/red" ? { ...p, receivers: ["span_metrics"] } : p)) };
    expect(() => renderCollectorConfig("gateway", broken)).toThrow('gateway: connector "service_graph" must be an exporter of one pipeline and a receiver of another');
  });
});
