import type { EnvironmentName } from "../catalogue/types";
import { batchProcessor, extensions, memoryLimiter, otlpExporter, otlpReceiver, selfTelemetry } from "./collector-common";
import { OTLP_GRPC_PORT } from "./endpoints";
import { logParsingOperators } from "./log-parsing";
import { renderCollectorConfig, type CollectorDefinition } from "./pipeline";

/** Pod annotation of a service that pushes its logs over OTLP: its stdout is then not collected (no duplicates). */
export const LOG_TRANSPORT_ANNOTATION = "sevensa.io/log-transport";
/** Resource attribute the agent reads that annotation into (and removes again). */
export const LOG_TRANSPORT_ATTRIBUTE = "sevensa.log_transport";
/** Where the kubelet writes container logs on every node. */
export const POD_LOG_DIR = "/var/log/pods";
/** The environment variable (from the downward API) naming the agent's node. */
export const NODE_NAME_ENV = "K8S_NODE_NAME";

/** What the agent config is made from. */
export interface AgentConfigInput {
  /** Stack environment; set as deployment.environment.name where the SDK did not. */
  environment: EnvironmentName;
  /** Namespace the agents run in; their own container logs are not collected (no feedback loop). */
  agentNamespace: string;
  /** DNS name of the gateway's headless Service (every gateway pod), for trace-ID load balancing. */
  gatewayHeadlessHost: string;
  /** DNS name of the gateway's ClusterIP Service, for metrics and logs. */
  gatewayHost: string;
}

/** Processor ids of the agent, in pipeline order. */
const K8S = "k8s_attributes";
const ENV = "resource/environment";
const DROP_OTLP_LOG_PODS = "filter/otlp-log-pods";

/**
 * The agent (DaemonSet) as a typed definition: OTLP from the node's pods and container log files,
 * Kubernetes metadata for both, traces to the gateway pod that owns the trace ID (so every span
 * of a trace meets in one replica for tail sampling), metrics and logs to the gateway Service.
 */
export function agentDefinition(input: AgentConfigInput): CollectorDefinition {
  const common = ["memory_limiter", K8S, ENV, "batch"];
  return {
    receivers: {
      otlp: otlpReceiver(),
      file_log: {
        include: [`${POD_LOG_DIR}/*/*/*.log`],
        exclude: [`${POD_LOG_DIR}/${input.agentNamespace}_*/*/*.log`],
        start_at: "end",
        include_file_name: false,
        // The container operator reads namespace, pod, uid and container from the path (then it is removed).
        include_file_path: true,
        retry_on_failure: { enabled: true },
        operators: logParsingOperators(),
      },
    },
    processors: {
      memory_limiter: memoryLimiter(),
      [K8S]: {
        auth_type: "serviceAccount",
        passthrough: false,
        filter: { node_from_env_var: NODE_NAME_ENV },
        extract: {
          metadata: ["k8s.namespace.name", "k8s.pod.name", "k8s.pod.uid", "k8s.node.name", "k8s.deployment.name"],
          labels: [{ tag_name: "service.name", key: "app.kubernetes.io/name", from: "pod" }],
          annotations: [{ tag_name: LOG_TRANSPORT_ATTRIBUTE, key: LOG_TRANSPORT_ANNOTATION, from: "pod" }],
        },
        pod_association: [
          { sources: [{ from: "resource_attribute", name: "k8s.pod.uid" }] },
          { sources: [{ from: "resource_attribute", name: "k8s.pod.ip" }] },
          { sources: [{ from: "connection" }] },
        ],
      },
      [DROP_OTLP_LOG_PODS]: {
        error_mode: "ignore",
        logs: { log_record: [`resource.attributes["${LOG_TRANSPORT_ATTRIBUTE}"] == "otlp"`] },
      },
      [ENV]: {
        attributes: [
          { key: "deployment.environment.name", value: input.environment, action: "insert" },
          { key: LOG_TRANSPORT_ATTRIBUTE, action: "delete" },
        ],
      },
      batch: batchProcessor(),
    },
    exporters: {
      load_balancing: {
        routing_key: "traceID",
        protocol: { otlp: { tls: { insecure: true }, timeout: "10s" } },
        resolver: { dns: { hostname: input.gatewayHeadlessHost, port: String(OTLP_GRPC_PORT), interval: "15s" } },
      },
      "otlp_grpc/gateway": otlpExporter(`${input.gatewayHost}:${OTLP_GRPC_PORT}`),
    },
    connectors: {},
    extensions: extensions(),
    pipelines: [
      { id: "traces", receivers: ["otlp"], processors: common, exporters: ["load_balancing"] },
      { id: "metrics", receivers: ["otlp"], processors: common, exporters: ["otlp_grpc/gateway"] },
      { id: "logs/otlp", receivers: ["otlp"], processors: common, exporters: ["otlp_grpc/gateway"] },
      { id: "logs/files", receivers: ["file_log"], processors: ["memory_limiter", K8S, DROP_OTLP_LOG_PODS, ENV, "batch"], exporters: ["otlp_grpc/gateway"] },
    ],
    telemetry: selfTelemetry(),
  };
}

/** The agent config file as plain data (render with renderYaml). */
export function generateAgentConfig(input: AgentConfigInput): Record<string, unknown> {
  return renderCollectorConfig("agent", agentDefinition(input));
}
