import type { JaegerStorage } from "./config-schema";
import { batchProcessor, memoryLimiter } from "./collector-common";
import { COLLECTOR_METRICS_PORT, HEALTH_PORT, JAEGER_QUERY_GRPC_PORT, JAEGER_QUERY_HTTP_PORT, OTLP_GRPC_PORT, OTLP_HTTP_PORT } from "./endpoints";
import { SPANMETRICS_NAMESPACE } from "./red-metrics";

/** Where the badger volume is mounted. */
export const BADGER_DIR = "/badger";
/** Where the OpenSearch/Elasticsearch password file is mounted (from the credentials Secret). */
export const SEARCH_SECRET_DIR = "/etc/jaeger/search-credentials";
/** File name of the password inside SEARCH_SECRET_DIR. */
export const SEARCH_PASSWORD_FILE = "password";
/** Environment variable the username comes in (secretKeyRef), expanded by the config loader. */
export const SEARCH_USERNAME_ENV = "JAEGER_SEARCH_USERNAME";
/** Path of the health status endpoint (healthcheckv2 with use_v2). */
export const JAEGER_HEALTH_PATH = "/status";

/** What the Jaeger config is made from. */
export interface JaegerConfigInput {
  storage: JaegerStorage;
  /** In-cluster Prometheus query URL, for Service Performance Monitoring from spanmetrics. */
  prometheusUrl: string;
}

const TRACES = "traces";
const ARCHIVE = "traces-archive";
const SPM = "spanmetrics";

function backends(storage: JaegerStorage): Record<string, unknown> {
  switch (storage.type) {
    case "memory":
      return { [TRACES]: { memory: { max_traces: storage.maxTraces } } };
    case "badger":
      return {
        [TRACES]: {
          badger: {
            directories: { keys: `${BADGER_DIR}/keys`, values: `${BADGER_DIR}/values` },
            ephemeral: false,
            ttl: { spans: storage.retention },
          },
        },
      };
    case "opensearch":
    case "elasticsearch": {
      const common = {
        server_urls: storage.serverUrls,
        auth: { basic: { username: `\${env:${SEARCH_USERNAME_ENV}}`, password_file: `${SEARCH_SECRET_DIR}/${SEARCH_PASSWORD_FILE}` } },
      };
      return {
        [TRACES]: { [storage.type]: { ...common, indices: { index_prefix: storage.indexPrefix } } },
        [ARCHIVE]: { [storage.type]: { ...common, indices: { index_prefix: `${storage.indexPrefix}-archive` } } },
      };
    }
  }
}

/**
 * Jaeger v2's one config file: OTLP in, one storage backend per stack (memory, badger on a
 * volume, or external OpenSearch/Elasticsearch whose username and password come from a Secret
 * through an environment variable and a mounted file, never the config), the query service,
 * and Service Performance Monitoring reading the collector's spanmetrics from Prometheus.
 */
export function generateJaegerConfig(input: JaegerConfigInput): Record<string, unknown> {
  const external = input.storage.type === "opensearch" || input.storage.type === "elasticsearch";
  return {
    extensions: {
      healthcheckv2: { use_v2: true, http: { endpoint: `0.0.0.0:${HEALTH_PORT}`, status: { enabled: true, path: JAEGER_HEALTH_PATH } } },
      jaeger_storage: {
        backends: backends(input.storage),
        metric_backends: {
          [SPM]: {
            prometheus: {
              endpoint: input.prometheusUrl,
              metric_namespace: SPANMETRICS_NAMESPACE.replace(/\./g, "_"),
              latency_unit: "s",
              normalize_calls: true,
              normalize_duration: true,
            },
          },
        },
      },
      jaeger_query: {
        storage: { traces: TRACES, ...(external ? { traces_archive: ARCHIVE } : {}), metrics: SPM },
        http: { endpoint: `0.0.0.0:${JAEGER_QUERY_HTTP_PORT}` },
        grpc: { endpoint: `0.0.0.0:${JAEGER_QUERY_GRPC_PORT}` },
      },
    },
    receivers: {
      otlp: { protocols: { grpc: { endpoint: `0.0.0.0:${OTLP_GRPC_PORT}` }, http: { endpoint: `0.0.0.0:${OTLP_HTTP_PORT}` } } },
    },
    processors: { memory_limiter: memoryLimiter(), batch: batchProcessor() },
    exporters: { jaeger_storage_exporter: { trace_storage: TRACES } },
    service: {
      extensions: ["jaeger_storage", "jaeger_query", "healthcheckv2"],
      pipelines: { traces: { receivers: ["otlp"], processors: ["memory_limiter", "batch"], exporters: ["jaeger_storage_exporter"] } },
      telemetry: {
        resource: { "service.name": "jaeger" },
        metrics: { level: "normal", readers: [{ pull: { exporter: { prometheus: { host: "0.0.0.0", port: COLLECTOR_METRICS_PORT } } } }] },
        logs: { level: "info", encoding: "json" },
      },
    },
  };
}
