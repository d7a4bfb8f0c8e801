import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PROMETHEUS_POD_ENV } from "../generators/prometheus-config";
import { RULES_CONFIGMAP_LABEL } from "../generators/scrape-contract";
import { IMAGES, imageVersion } from "./versions";
import { podAntiAffinity, type AntiAffinityMode } from "./workload/affinity";
import { API_SERVER_EGRESS, type Flow } from "./workload/network-policy";
import { flowPolicy } from "./workload/flow-policy";
import { httpService } from "./workload/http-service";
import { statefulSet } from "./workload/stateful-set";
import { selectorLabels, standardLabels } from "./workload/labels";
import { exemptionAnnotations, httpProbe, securePodSpec, type Resources, type SecureContainerArgs } from "./workload/security";
import { configMapWatcher, configReloader } from "./workload/sidecars";
import { volumeClaim, type StorageSpec } from "./workload/storage";

/** Arguments of the Prometheus component. */
export interface PrometheusArgs {
  /** Namespace the platform runs in. @default - none (required) */
  namespace: pulumi.Input<string>;
  /** Namespace name as plain text (for the rule watcher's scope). @default - none (required) */
  namespaceName: string;
  /** The generated prometheus.yml (see generators/prometheus-config.ts). @default - none (required) */
  configYaml: string;
  /** Number of replicas; 2 makes an HA pair told apart by the `prometheus_replica` label. @default 1 */
  replicas?: number;
  /** TSDB retention time. @default "15d" */
  retention?: string;
  /** TSDB retention size, e.g. "45GB". @default - unbounded by size */
  retentionSize?: string;
  /** Persistent volume per replica; `null` uses an emptyDir. @default null */
  storage?: StorageSpec | null;
  /** Requests and limits of the Prometheus container. @default - none (required) */
  resources: Resources;
  /** Spread of replicas across nodes. @default "none" */
  antiAffinity?: AntiAffinityMode;
  /** Create a PodDisruptionBudget (only when replicas > 1). @default false */
  podDisruptionBudget?: boolean;
  /** Extra allowed ingress flows (e.g. remote write from the collector gateway). @default [] */
  extraIngress?: Flow[];
}

export const PROMETHEUS_PORT = 9090;
const PORT = PROMETHEUS_PORT;
const CONFIG_DIR = "/etc/prometheus/config";
/** Where the watcher writes rule files; prometheus.yml loads `${PROMETHEUS_RULE_DIR}/*.yaml`. */
export const PROMETHEUS_RULE_DIR = "/etc/prometheus/rules";
const RULE_DIR = PROMETHEUS_RULE_DIR;

/**
 * Prometheus as a StatefulSet: retention and storage per stack, exemplar storage, the
 * remote-write receiver for the OpenTelemetry collector, Kubernetes discovery of pods following
 * the scrape contract, and rule files from labelled ConfigMaps picked up by a reload.
 */
export class Prometheus extends pulumi.ComponentResource {
  /** In-cluster URL of the query API. */
  public readonly url: pulumi.Output<string>;
  /** Name of the Service. */
  public readonly serviceName: pulumi.Output<string>;

  constructor(name: string, args: PrometheusArgs, opts?: pulumi.ComponentResourceOptions) {
    super("sevensa:metrics:Prometheus", name, {}, opts);
    const replicas = args.replicas ?? 1;
    const retention = args.retention ?? "15d";
    const storage = args.storage ?? null;
    const antiAffinity = args.antiAffinity ?? "none";
    const labels = standardLabels({ name: "prometheus", instance: name, version: imageVersion(IMAGES.prometheus), component: "metrics-store" });
    const selector = selectorLabels({ name: "prometheus", instance: name });
    const parent = { parent: this };
    const ns = args.namespace;
    const headless = `${name}-headless`;

    const sa = new k8s.core.v1.ServiceAccount(name, { metadata: { name, namespace: ns, labels } }, parent);
    const discovery = new k8s.rbac.v1.ClusterRole(`${name}-discovery`, {
      metadata: { labels },
      rules: [
        { apiGroups: [""], resources: ["pods", "services", "endpoints", "nodes"], verbs: ["get", "list", "watch"] },
        { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["get", "list", "watch"] },
      ],
    }, parent);
    new k8s.rbac.v1.ClusterRoleBinding(`${name}-discovery`, {
      metadata: { labels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: discovery.metadata.name },
      subjects: [{ kind: "ServiceAccount", name: sa.metadata.name, namespace: ns }],
    }, parent);
    const ruleReader = new k8s.rbac.v1.Role(`${name}-rules`, {
      metadata: { namespace: ns, labels },
      rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }],
    }, parent);
    new k8s.rbac.v1.RoleBinding(`${name}-rules`, {
      metadata: { namespace: ns, labels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: ruleReader.metadata.name },
      subjects: [{ kind: "ServiceAccount", name: sa.metadata.name, namespace: ns }],
    }, parent);

    const config = new k8s.core.v1.ConfigMap(`${name}-config`, {
      metadata: { namespace: ns, labels },
      data: { "prometheus.yml": args.configYaml },
    }, parent);

    const reloadUrl = `http://127.0.0.1:${PORT}/-/reload`;
    const flags = [
      `--config.file=${CONFIG_DIR}/prometheus.yml`,
      "--storage.tsdb.path=/prometheus",
      `--storage.tsdb.retention.time=${retention}`,
      ...(args.retentionSize !== undefined ? [`--storage.tsdb.retention.size=${args.retentionSize}`] : []),
      "--web.enable-lifecycle",
      "--web.enable-remote-write-receiver",
      "--enable-feature=exemplar-storage",
      `--web.listen-address=:${PORT}`,
    ];
    const containers: SecureContainerArgs[] = [
      {
        name: "prometheus",
        image: IMAGES.prometheus,
        args: flags,
        ports: [{ name: "http", containerPort: PORT }],
        // prometheus.yml's replica label is `${POD_NAME}`, expanded by Prometheus from this variable.
        env: [{ name: PROMETHEUS_POD_ENV, valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
        volumeMounts: [
          { name: "config", mountPath: CONFIG_DIR, readOnly: true },
          { name: "rules", mountPath: RULE_DIR, readOnly: true },
          { name: "data", mountPath: "/prometheus" },
        ],
        resources: args.resources,
        probes: { liveness: httpProbe("/-/healthy", PORT, 30), readiness: httpProbe("/-/ready", PORT, 10) },
      },
      configMapWatcher({ label: RULES_CONFIGMAP_LABEL, folder: RULE_DIR, volume: "rules", namespace: args.namespaceName, reloadUrl }),
      configReloader({ volume: "config", dir: CONFIG_DIR, reloadUrl }),
    ];
    const claim = volumeClaim("data", storage);
    const podSpec = securePodSpec(name, {
      containers,
      serviceAccountName: sa.metadata.name,
      affinity: podAntiAffinity(antiAffinity, selector),
      terminationGracePeriodSeconds: 600,
      volumes: [
        { name: "config", configMap: { name: config.metadata.name } },
        { name: "rules", emptyDir: {} },
        ...(claim === undefined ? [{ name: "data", emptyDir: {} }] : []),
      ],
    });

    new k8s.core.v1.Service(headless, {
      metadata: { name: headless, namespace: ns, labels },
      spec: { clusterIP: "None", selector, ports: [{ name: "http", port: PORT, targetPort: "http" }] },
    }, parent);
    const service = httpService({ name, namespace: ns, labels, selector }, PORT, parent);

    statefulSet({
      name, namespace: ns, labels, selector, headless, replicas, podSpec, claim,
      podAnnotations: exemptionAnnotations(containers),
      podDisruptionBudget: args.podDisruptionBudget ?? false,
    }, parent);

    const ingress: Flow[] = [
      { why: "Grafana queries", pods: { "app.kubernetes.io/name": "grafana" }, ports: [{ port: PORT }] },
      { why: "HA peer and self scrape", pods: { "app.kubernetes.io/name": "prometheus" }, ports: [{ port: PORT }] },
      ...(args.extraIngress ?? []),
    ];
    const egress: Flow[] = [
      { why: "scrape declared workloads in every namespace", anyPod: true, ports: [] },
      { why: "send alerts to every Alertmanager replica", pods: { "app.kubernetes.io/name": "alertmanager" }, ports: [{ port: 9093 }] },
      API_SERVER_EGRESS,
    ];
    flowPolicy({ name, namespace: ns, labels, selector }, ingress, egress, parent);

    this.serviceName = service.metadata.name;
    this.url = pulumi.interpolate`http://${service.metadata.name}.${ns}.svc:${PORT}`;
    this.registerOutputs({ url: this.url, serviceName: this.serviceName });
  }
}
