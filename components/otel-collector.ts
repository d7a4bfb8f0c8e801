import * as crypto from "crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { NODE_NAME_ENV, POD_LOG_DIR } from "../telemetry/agent-config";
import { GATEWAY_POD_ENV } from "../telemetry/label-contract";
import {
  agentNamespaceName,
  collectorNames,
  COLLECTOR_METRICS_PORT,
  HEALTH_PORT,
  OTLP_GRPC_PORT,
  OTLP_HTTP_PORT,
} from "../telemetry/endpoints";
import { IMAGES, imageVersion } from "./versions";
import { podAntiAffinity, type AntiAffinityMode } from "./workload/affinity";
import { API_SERVER_EGRESS, defaultDenySpec, type Flow } from "./workload/network-policy";
import { flowPolicy } from "./workload/flow-policy";
import { selectorLabels, standardLabels } from "./workload/labels";
import { exemptionAnnotations, httpProbe, securePodSpec, type Resources, type SecureContainerArgs } from "./workload/security";
import { disruptionBudget } from "./workload/stateful-set";

/** CPU-based autoscaling of the gateway. */
export interface GatewayAutoscaling {
  minReplicas: number;
  maxReplicas: number;
  /** Average CPU utilisation in percent of requests. */
  targetCpuUtilization: number;
}

/** Arguments of the OtelCollector component. */
export interface OtelCollectorArgs {
  /** Image the agent and gateway run: the custom otelcol-sevensa image (`collectorImageRef`, pinned by tag). @default IMAGES.otelCollector */
  image?: string;
  /** Platform namespace; the gateway runs here. @default - none (required) */
  namespace: pulumi.Input<string>;
  /** Platform namespace name as plain text (flows and DNS names are built from it). @default - none (required) */
  namespaceName: string;
  /** Namespace the agent DaemonSet runs in; created by this component with Pod Security "privileged". @default agentNamespaceName(namespaceName) */
  agentNamespace?: string;
  /** The generated agent config (telemetry/agent-config.ts); holds no secrets. @default - none (required) */
  agentConfigYaml: string;
  /** The generated gateway config (telemetry/gateway-config.ts); holds no secrets. @default - none (required) */
  gatewayConfigYaml: string;
  /** Requests and limits of each agent. @default - none (required) */
  agentResources: Resources;
  /** Requests and limits of each gateway replica. @default - none (required) */
  gatewayResources: Resources;
  /** Gateway replicas when not autoscaled. @default 1 */
  gatewayReplicas?: number;
  /** A HorizontalPodAutoscaler for the gateway; `null` keeps `gatewayReplicas`. @default null */
  autoscaling?: GatewayAutoscaling | null;
  /** Spread of gateway replicas across nodes. @default "none" */
  antiAffinity?: AntiAffinityMode;
  /** A PodDisruptionBudget for the gateway (only when it can run more than one replica). @default false */
  podDisruptionBudget?: boolean;
}

const CONFIG_DIR = "/etc/otelcol";
const CONFIG_FILE = "config.yaml";
const AGENT_NAME = "otel-agent";
const GATEWAY_NAME = "otel-gateway";
const PROMETHEUS_PODS = { "app.kubernetes.io/name": "prometheus" };

/** Annotation carrying the config's hash, so a config change rolls the pods (the collector does not hot-reload). */
export const CONFIG_HASH_ANNOTATION = "sevensa.io/config-sha256";

function sha256(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}

function collectorContainer(name: string, resources: Resources, extra: Partial<SecureContainerArgs> = {}): SecureContainerArgs {
  return {
    name,
    image: IMAGES.otelCollector,
    args: [`--config=${CONFIG_DIR}/${CONFIG_FILE}`],
    ports: [
      { name: "otlp-grpc", containerPort: OTLP_GRPC_PORT },
      { name: "otlp-http", containerPort: OTLP_HTTP_PORT },
      { name: "metrics", containerPort: COLLECTOR_METRICS_PORT },
      { name: "health", containerPort: HEALTH_PORT },
    ],
    resources,
    probes: { liveness: httpProbe("/", HEALTH_PORT, 10), readiness: httpProbe("/", HEALTH_PORT, 5) },
    ...extra,
    volumeMounts: [{ name: "config", mountPath: CONFIG_DIR, readOnly: true }, ...(extra.volumeMounts ?? [])],
  };
}

/**
 * The two-tier OpenTelemetry Collector. Agents (a DaemonSet in their own namespace, since they
 * read the node's container log files) receive OTLP from the pods of their node through a
 * Service with `internalTrafficPolicy: Local`, add Kubernetes metadata, and send traces to the
 * gateway replica that owns the trace ID. The gateway (a Deployment, autoscaled where configured)
 * tail-samples, derives RED metrics and the service graph, and exports to Jaeger, Loki and
 * Prometheus.
 */
export class OtelCollector extends pulumi.ComponentResource {
  /** Namespace of the agents. */
  public readonly agentNamespace: pulumi.Output<string>;
  /** OTLP/HTTP endpoint services send to (their node's agent). */
  public readonly agentOtlpHttpEndpoint: pulumi.Output<string>;
  /** OTLP/gRPC endpoint of the gateway (in-cluster). */
  public readonly gatewayOtlpEndpoint: pulumi.Output<string>;

  constructor(name: string, args: OtelCollectorArgs, opts?: pulumi.ComponentResourceOptions) {
    super("sevensa:telemetry:OtelCollector", name, {}, opts);
    const agentNsName = args.agentNamespace ?? agentNamespaceName(args.namespaceName);
    const gatewayReplicas = args.gatewayReplicas ?? 1;
    const autoscaling = args.autoscaling ?? null;
    const antiAffinity = args.antiAffinity ?? "none";
    if (autoscaling !== null && autoscaling.minReplicas > autoscaling.maxReplicas) {
      throw new Error(`OtelCollector ${name}: autoscaling.minReplicas ${autoscaling.minReplicas} is above maxReplicas ${autoscaling.maxReplicas}`);
    }
    const names = collectorNames(name);
    const parent = { parent: this };
    const version = imageVersion(IMAGES.otelCollector);
    const ns = args.namespace;

    // ---- agent: own namespace, RBAC for k8sattributes, DaemonSet, node-local Service ----
    const agentLabels = standardLabels({ name: AGENT_NAME, instance: names.agent, version, component: "telemetry-agent" });
    const agentSelector = selectorLabels({ name: AGENT_NAME, instance: names.agent });
    const agentNs = new k8s.core.v1.Namespace(`${name}-agents`, {
      metadata: {
        name: agentNsName,
        labels: {
          // hostPath (node log files) is forbidden by "baseline" and "restricted"; nothing else runs here.
          "pod-security.kubernetes.io/enforce": "privileged",
          "pod-security.kubernetes.io/warn": "baseline",
          "app.kubernetes.io/part-of": "sevensa-observability",
        },
        annotations: { "sevensa.io/why-privileged": "the collector agent reads /var/log/pods (hostPath, read-only); every other pod setting stays restricted" },
      },
    }, parent);
    const agentNsOut = agentNs.metadata.name;
    new k8s.networking.v1.NetworkPolicy(`${name}-agents-default-deny`, {
      metadata: { name: "default-deny", namespace: agentNsOut },
      spec: defaultDenySpec(),
    }, parent);

    const agentSa = new k8s.core.v1.ServiceAccount(names.agent, { metadata: { name: names.agent, namespace: agentNsOut, labels: agentLabels } }, parent);
    const reader = new k8s.rbac.v1.ClusterRole(`${names.agent}-k8sattributes`, {
      metadata: { labels: agentLabels },
      // k8s.deployment.name is derived from the ReplicaSet name in the pod's owner reference: no replicaset watch.
      rules: [{ apiGroups: [""], resources: ["pods", "namespaces"], verbs: ["get", "list", "watch"] }],
    }, parent);
    new k8s.rbac.v1.ClusterRoleBinding(`${names.agent}-k8sattributes`, {
      metadata: { labels: agentLabels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: reader.metadata.name },
      subjects: [{ kind: "ServiceAccount", name: agentSa.metadata.name, namespace: agentNsOut }],
    }, parent);
    const agentConfig = new k8s.core.v1.ConfigMap(`${names.agent}-config`, {
      metadata: { namespace: agentNsOut, labels: agentLabels },
      data: { [CONFIG_FILE]: args.agentConfigYaml },
    }, parent);

    const agentContainers: SecureContainerArgs[] = [
      collectorContainer("otel-collector", args.agentResources, {
        image: args.image ?? IMAGES.otelCollector,
        env: [{ name: NODE_NAME_ENV, valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
        volumeMounts: [{ name: "pod-logs", mountPath: POD_LOG_DIR, readOnly: true }],
        exemptions: [
          { kind: "host-path", reason: "filelog reads the node's container logs under /var/log/pods (mounted read-only)" },
          { kind: "run-as-root", reason: "container log files are root-owned with mode 0640; root reads them as owner, with every capability dropped" },
        ],
      }),
    ];
    const agentPod = securePodSpec(names.agent, {
      containers: agentContainers,
      serviceAccountName: agentSa.metadata.name,
      runAsUser: 0,
      volumes: [
        { name: "config", configMap: { name: agentConfig.metadata.name } },
        { name: "pod-logs", hostPath: { path: POD_LOG_DIR, type: "Directory" } },
      ],
    });
    new k8s.apps.v1.DaemonSet(names.agent, {
      metadata: { name: names.agent, namespace: agentNsOut, labels: agentLabels },
      spec: {
        selector: { matchLabels: agentSelector },
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: {
            labels: agentLabels,
            annotations: { ...exemptionAnnotations(agentContainers), [CONFIG_HASH_ANNOTATION]: sha256(args.agentConfigYaml) },
          },
          spec: { ...agentPod, tolerations: [{ operator: "Exists" }] },
        },
      },
    }, parent);
    const agentService = new k8s.core.v1.Service(names.agent, {
      metadata: { name: names.agent, namespace: agentNsOut, labels: agentLabels },
      spec: {
        type: "ClusterIP",
        internalTrafficPolicy: "Local",
        selector: agentSelector,
        ports: [
          { name: "otlp-grpc", port: OTLP_GRPC_PORT, targetPort: "otlp-grpc" },
          { name: "otlp-http", port: OTLP_HTTP_PORT, targetPort: "otlp-http" },
        ],
      },
    }, parent);

    const gatewaySelector = selectorLabels({ name: GATEWAY_NAME, instance: names.gateway });
    const agentIngress: Flow[] = [
      { why: "OTLP from every instrumented pod on the node", anyPod: true, ports: [{ port: OTLP_GRPC_PORT }, { port: OTLP_HTTP_PORT }] },
      { why: "Prometheus scrapes the agent's own metrics", pods: PROMETHEUS_PODS, namespace: { name: args.namespaceName }, ports: [{ port: COLLECTOR_METRICS_PORT }] },
    ];
    const agentEgress: Flow[] = [
      { why: "traces, metrics and logs to the gateway", pods: gatewaySelector, namespace: { name: args.namespaceName }, ports: [{ port: OTLP_GRPC_PORT }] },
      API_SERVER_EGRESS,
    ];
    flowPolicy({ name: names.agent, namespace: agentNsOut, labels: agentLabels, selector: agentSelector }, agentIngress, agentEgress, parent);

    // ---- gateway: Deployment, Services (load-balanced and headless), HPA, PDB ----
    const gatewayLabels = standardLabels({ name: GATEWAY_NAME, instance: names.gateway, version, component: "telemetry-gateway" });
    const gatewayConfig = new k8s.core.v1.ConfigMap(`${names.gateway}-config`, {
      metadata: { namespace: ns, labels: gatewayLabels },
      data: { [CONFIG_FILE]: args.gatewayConfigYaml },
    }, parent);
    const gatewayContainers: SecureContainerArgs[] = [
      collectorContainer("otel-collector", args.gatewayResources, {
        image: args.image ?? IMAGES.otelCollector,
        env: [{ name: GATEWAY_POD_ENV, valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
      }),
    ];
    const gatewayPod = securePodSpec(names.gateway, {
      containers: gatewayContainers,
      affinity: podAntiAffinity(antiAffinity, gatewaySelector),
      volumes: [{ name: "config", configMap: { name: gatewayConfig.metadata.name } }],
    });
    const deployment = new k8s.apps.v1.Deployment(names.gateway, {
      metadata: { name: names.gateway, namespace: ns, labels: gatewayLabels },
      spec: {
        // With an autoscaler the replica count is the autoscaler's; setting it here would fight it.
        replicas: autoscaling === null ? gatewayReplicas : undefined,
        selector: { matchLabels: gatewaySelector },
        template: {
          metadata: {
            labels: gatewayLabels,
            annotations: { ...exemptionAnnotations(gatewayContainers), [CONFIG_HASH_ANNOTATION]: sha256(args.gatewayConfigYaml) },
          },
          spec: gatewayPod,
        },
      },
    }, parent);
    const otlpPorts = [
      { name: "otlp-grpc", port: OTLP_GRPC_PORT, targetPort: "otlp-grpc" },
      { name: "otlp-http", port: OTLP_HTTP_PORT, targetPort: "otlp-http" },
    ];
    const gatewayService = new k8s.core.v1.Service(names.gateway, {
      metadata: { name: names.gateway, namespace: ns, labels: gatewayLabels },
      spec: { type: "ClusterIP", selector: gatewaySelector, ports: otlpPorts },
    }, parent);
    new k8s.core.v1.Service(names.gatewayHeadless, {
      metadata: { name: names.gatewayHeadless, namespace: ns, labels: gatewayLabels },
      spec: { clusterIP: "None", selector: gatewaySelector, ports: [otlpPorts[0]] },
    }, parent);
    if (autoscaling !== null) {
      new k8s.autoscaling.v2.HorizontalPodAutoscaler(names.gateway, {
        metadata: { name: names.gateway, namespace: ns, labels: gatewayLabels },
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: deployment.metadata.name },
          minReplicas: autoscaling.minReplicas,
          maxReplicas: autoscaling.maxReplicas,
          metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: autoscaling.targetCpuUtilization } } }],
          // Scaling moves traces between replicas (trace-ID hashing); scale down slowly.
          behavior: { scaleDown: { stabilizationWindowSeconds: 600, policies: [{ type: "Pods", value: 1, periodSeconds: 120 }] } },
        },
      }, parent);
    }
    const maxReplicas = autoscaling === null ? gatewayReplicas : autoscaling.maxReplicas;
    disruptionBudget({ name: names.gateway, namespace: ns, labels: gatewayLabels, selector: gatewaySelector }, maxReplicas, args.podDisruptionBudget ?? false, parent);
    const gatewayIngress: Flow[] = [
      { why: "OTLP from the agents", pods: { "app.kubernetes.io/name": AGENT_NAME }, namespace: { name: agentNsName }, ports: [{ port: OTLP_GRPC_PORT }] },
      { why: "Prometheus scrapes the gateway's own metrics", pods: PROMETHEUS_PODS, ports: [{ port: COLLECTOR_METRICS_PORT }] },
    ];
    const gatewayEgress: Flow[] = [
      { why: "sampled traces to Jaeger (OTLP)", pods: { "app.kubernetes.io/name": "jaeger" }, ports: [{ port: OTLP_GRPC_PORT }] },
      { why: "logs to Loki (OTLP/HTTP)", pods: { "app.kubernetes.io/name": "loki" }, ports: [{ port: 3100 }] },
      { why: "metrics to every Prometheus replica (remote write)", pods: PROMETHEUS_PODS, ports: [{ port: 9090 }] },
    ];
    flowPolicy({ name: names.gateway, namespace: ns, labels: gatewayLabels, selector: gatewaySelector }, gatewayIngress, gatewayEgress, parent);

    this.agentNamespace = agentNsOut;
    this.agentOtlpHttpEndpoint = pulumi.interpolate`http://${agentService.metadata.name}.${agentNsOut}.svc:${OTLP_HTTP_PORT}`;
    this.gatewayOtlpEndpoint = pulumi.interpolate`${gatewayService.metadata.name}.${ns}.svc:${OTLP_GRPC_PORT}`;
    this.registerOutputs({
      agentNamespace: this.agentNamespace,
      agentOtlpHttpEndpoint: this.agentOtlpHttpEndpoint,
      gatewayOtlpEndpoint: this.gatewayOtlpEndpoint,
    });
  }
}

/** The ingress flow Prometheus must allow for the gateway's remote write (PrometheusArgs.extraIngress). */
export const GATEWAY_REMOTE_WRITE_FLOW: Flow = {
  why: "remote write from the OpenTelemetry collector gateway",
  pods: { "app.kubernetes.io/name": GATEWAY_NAME },
  ports: [{ port: 9090 }],
};
