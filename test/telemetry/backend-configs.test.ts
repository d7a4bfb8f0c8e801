import { generateJaegerConfig } from "../../telemetry/jaeger-config";
import { generateLokiConfig } from "../../telemetry/loki-config";
import { prometheusExemplarJsonData, telemetryDatasources } from "../../telemetry/datasources";
import { agentOtlpEndpoint } from "../../telemetry/endpoints";
import { stackPlan, stackTelemetry } from "./support/stacks";

const PROM = "http://sevensa-prometheus.monitoring.svc:9090";

describe("Jaeger v2 config per storage", () => {
  test("memory (local): one backend, SPM from Prometheus' spanmetrics in seconds", () => {
    const c = generateJaegerConfig({ storage: stackTelemetry("local").jaeger.storage, prometheusUrl: PROM }) as any;
    expect(c.extensions.jaeger_storage).toEqual({
      backends: { traces: { memory: { max_traces: 20000 } } },
      metric_backends: {
        spanmetrics: { prometheus: { endpoint: PROM, metric_namespace: "traces_span_metrics", latency_unit: "s", normalize_calls: true, normalize_duration: true } },
      },
    });
    expect(c.extensions.jaeger_query.storage).toEqual({ traces: "traces", metrics: "spanmetrics" });
    expect(c.service.pipelines.traces).toEqual({ receivers: ["otlp"], processors: ["memory_limiter", "batch"], exporters: ["jaeger_storage_exporter"] });
  });

  test("badger (staging): keys and values on the volume, span TTL from config", () => {
    const c = generateJaegerConfig({ storage: stackTelemetry("staging").jaeger.storage, prometheusUrl: PROM }) as any;
    expect(c.extensions.jaeger_storage.backends).toEqual({
      traces: { badger: { directories: { keys: "/badger/keys", values: "/badger/values" }, ephemeral: false, ttl: { spans: "72h" } } },
    });
  });

  test("OpenSearch (production): password from a mounted Secret file, username from the environment, an archive index", () => {
    const c = generateJaegerConfig({ storage: stackTelemetry("production").jaeger.storage, prometheusUrl: PROM }) as any;
    const auth = { basic: { username: "${env:JAEGER_SEARCH_USERNAME}", password_file: "/etc/jaeger/search-credentials/password" } };
    expect(c.extensions.jaeger_storage.backends).toEqual({
      traces: { opensearch: { server_urls: ["https://opensearch.sevensa.example:9200"], auth, indices: { index_prefix: "sevensa" } } },
      "traces-archive": { opensearch: { server_urls: ["https://opensearch.sevensa.example:9200"], auth, indices: { index_prefix: "sevensa-archive" } } },
    });
    expect(c.extensions.jaeger_query.storage).toEqual({ traces: "traces", traces_archive: "traces-archive", metrics: "spanmetrics" });
  });
});

describe("Loki config per storage", () => {
  test("filesystem (local): one replica, in-memory ring, schema v13 on TSDB, retention in hours", () => {
    const c = generateLokiConfig({ loki: stackTelemetry("local").loki, headlessHost: "sevensa-loki-headless.monitoring.svc" }) as any;
    expect(c.common).toEqual({
      path_prefix: "/var/loki",
      replication_factor: 1,
      ring: { kvstore: { store: "inmemory" } },
      instance_addr: "127.0.0.1",
      storage: { filesystem: { chunks_directory: "/var/loki/chunks", rules_directory: "/var/loki/rules" } },
    });
    expect(c.schema_config.configs).toEqual([{ from: "2024-04-01", store: "tsdb", object_store: "filesystem", schema: "v13", index: { prefix: "index_", period: "24h" } }]);
    expect(c.limits_config.retention_period).toBe("48h");
    expect(c.compactor.retention_enabled).toBe(true);
    expect(c.memberlist).toBeUndefined();
  });

  test("only namespace, service and severity are index labels; everything else is structured metadata", () => {
    const c = generateLokiConfig({ loki: stackTelemetry("staging").loki, headlessHost: "h" }) as any;
    expect(c.limits_config.otlp_config).toEqual({
      resource_attributes: { ignore_defaults: true, attributes_config: [{ action: "index_label", attributes: ["namespace", "service", "severity"] }] },
    });
    expect(c.limits_config.allow_structured_metadata).toBe(true);
  });

  test("S3 (production): scale-out over memberlist, credentials as environment references only", () => {
    const c = generateLokiConfig({ loki: stackTelemetry("production").loki, headlessHost: "sevensa-loki-headless.monitoring.svc" }) as any;
    expect(c.common.storage).toEqual({
      s3: {
        endpoint: "s3.eu-central-1.amazonaws.com",
        insecure: false,
        region: "eu-central-1",
        bucketnames: "sevensa-loki-production",
        s3forcepathstyle: false,
        access_key_id: "${LOKI_S3_ACCESS_KEY_ID}",
        secret_access_key: "${LOKI_S3_SECRET_ACCESS_KEY}",
      },
    });
    expect([c.common.replication_factor, c.common.ring.kvstore.store]).toEqual([3, "memberlist"]);
    expect(c.memberlist).toEqual({ join_members: ["sevensa-loki-headless.monitoring.svc:7946"], bind_port: 7946 });
    expect(c.limits_config.retention_period).toBe("720h");
    expect([c.schema_config.configs[0].object_store, c.compactor.delete_request_store]).toEqual(["s3", "s3"]);
  });
});

describe("Grafana correlation", () => {
  const [jaeger, loki] = telemetryDatasources({ jaegerUrl: "http://sevensa-jaeger.monitoring.svc:16686", lokiUrl: "http://sevensa-loki.monitoring.svc:3100" }) as any[];

  test("fixed UIDs", () => {
    expect([jaeger.uid, loki.uid]).toEqual(["sevensa-jaeger", "sevensa-loki"]);
  });

  test("Prometheus exemplars link to the trace in Jaeger", () => {
    expect(prometheusExemplarJsonData()).toEqual({ exemplarTraceIdDestinations: [{ name: "trace_id", datasourceUid: "sevensa-jaeger", urlDisplayLabel: "View trace" }] });
  });

  test("Jaeger traces link to the span's logs in Loki (service and trace id) and to its RED metrics", () => {
    expect(jaeger.jsonData.tracesToLogsV2).toMatchObject({ datasourceUid: "sevensa-loki", customQuery: true, query: '{${__tags}} | trace_id="${__span.traceId}"' });
    expect(jaeger.jsonData.tracesToLogsV2.tags).toEqual([{ key: "service.name", value: "service" }, { key: "k8s.namespace.name", value: "namespace" }]);
    expect(jaeger.jsonData.tracesToMetrics.datasourceUid).toBe("sevensa-prometheus");
    expect(jaeger.jsonData.tracesToMetrics.queries[0].query).toBe("sum(rate(traces_span_metrics_calls_total{$__tags}[5m]))");
  });

  test("Loki's two TraceID derived fields: the line regex and the structured metadata", () => {
    expect(loki.jsonData.derivedFields.map((f: any) => [f.name, f.matcherType, f.datasourceUid])).toEqual([
      ["TraceID", "regex", "sevensa-jaeger"],
      ["TraceID", "label", "sevensa-jaeger"],
    ]);
  });
});

describe("the plan of a stack", () => {
  test("writes the four documented files, each with the generated header", () => {
    const plan = stackPlan("staging");
    expect(Object.keys(plan.files)).toEqual(["otel/agent.yaml", "otel/gateway.yaml", "jaeger/config.yaml", "loki/config.yaml"]);
    for (const text of Object.values(plan.files)) expect(text.split("\n")[0]).toMatch(/^# Generated by sevensa-observability from Pulumi\.staging\.yaml via telemetry\/[a-z-]+\.ts\. Do not edit/);
  });

  test("the services' OTLP endpoint is the node-local agent; head sampling comes from the stack", () => {
    const plan = stackPlan("production");
    expect(plan.agentOtlpEndpoint).toBe("http://sevensa-otel-agent.monitoring-agents.svc:4318");
    expect(agentOtlpEndpoint("sevensa-otel", "monitoring", "grpc")).toBe("http://sevensa-otel-agent.monitoring-agents.svc:4317");
    expect(plan.headSamplingPercent).toBe(50);
  });

  test("no generated file holds a secret value", () => {
    for (const stack of ["local", "staging", "production"] as const) {
      for (const text of Object.values(stackPlan(stack).files)) {
        expect(text).not.toMatch(/password:\s*\S|secret_access_key: [^$]|access_key_id: [^$]/);
      }
    }
  });
});
