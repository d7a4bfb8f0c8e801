import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ALERTMANAGER_SECRETS_DIR } from "../routing/secrets";
import { IMAGES, imageVersion } from "./versions";
import { podAntiAffinity, type AntiAffinityMode } from "./workload/affinity";
import type { Flow } from "./workload/network-policy";
import { flowPolicy } from "./workload/flow-policy";
import { httpService } from "./workload/http-service";
import { statefulSet } from "./workload/stateful-set";
import { selectorLabels, standardLabels } from "./workload/labels";
import { exemptionAnnotations, httpProbe, securePodSpec, type Resources, type SecureContainerArgs } from "./workload/security";
import { configReloader } from "./workload/sidecars";
import { volumeClaim, type StorageSpec } from "./workload/storage";

/** Arguments of the Alertmanager component. */
export interface AlertmanagerArgs {
  /** Namespace the platform runs in. @default - none (required) */
  namespace: pulumi.Input<string>;
  /** Namespace name as plain text (peer DNS names are built from it). @default - none (required) */
  namespaceName: string;
  /** Replicas, clustered by gossip. @default 1 */
  replicas?: number;
  /** The generated alertmanager.yml; stored in a Secret, never a ConfigMap. @default - none (required) */
  configYaml: pulumi.Input<string>;
  /**
   * Receiver secrets by file name, mounted at `ALERTMANAGER_SECRETS_DIR` (routing/secrets.ts), the
   * directory the generated config's `*_file` fields point into; values stay secret Outputs. @default {}
   */
  receiverSecrets?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Persistent volume for silences and the notification log; `null` uses an emptyDir. @default null */
  storage?: StorageSpec | null;
  /** Requests and limits. @default - none (required) */
  resources: Resources;
  /** Spread of replicas across nodes. @default "none" */
  antiAffinity?: AntiAffinityMode;
  /** Create a PodDisruptionBudget (only when replicas > 1). @default false */
  podDisruptionBudget?: boolean;
  /** Public URL Alertmanager links to in notifications. @default - the in-cluster URL */
  externalUrl?: string;
}

export const ALERTMANAGER_PORT = 9093;
const CLUSTER_PORT = 9094;
const CONFIG_DIR = "/etc/alertmanager/config";

/** host:port of every replica of the StatefulSet `name`, by its stable pod DNS name. */
export function alertmanagerPeers(name: string, namespace: string, replicas: number, port: number): string[] {
  return Array.from({ length: replicas }, (_, i) => `${name}-${i}.${name}-headless.${namespace}.svc:${port}`);
}

/**
 * Alertmanager as a StatefulSet of N replicas clustered by gossip. Its configuration lives in a
 * Secret (with the receiver secret files beside it) and is reloaded when it changes. Every
 * Prometheus replica addresses every Alertmanager replica directly (`peers`).
 */
export class Alertmanager extends pulumi.ComponentResource {
  /** host:port of each replica, for Prometheus' alerting config. */
  public readonly peers: string[];
  /** In-cluster URL of the API. */
  public readonly url: pulumi.Output<string>;

  constructor(name: string, args: AlertmanagerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("sevensa:alerting:Alertmanager", name, {}, opts);
    const replicas = args.replicas ?? 1;
    const antiAffinity = args.antiAffinity ?? "none";
    const labels = standardLabels({ name: "alertmanager", instance: name, version: imageVersion(IMAGES.alertmanager), component: "alert-router" });
    const selector = selectorLabels({ name: "alertmanager", instance: name });
    const parent = { parent: this };
    const ns = args.namespace;
    const headless = `${name}-headless`;
    this.peers = alertmanagerPeers(name, args.namespaceName, replicas, ALERTMANAGER_PORT);

    const config = new k8s.core.v1.Secret(`${name}-config`, {
      metadata: { namespace: ns, labels },
      type: "Opaque",
      stringData: { "alertmanager.yml": args.configYaml },
    }, parent);
    const receivers = new k8s.core.v1.Secret(`${name}-receivers`, {
      metadata: { namespace: ns, labels },
      type: "Opaque",
      stringData: pulumi.secret(args.receiverSecrets ?? {}),
    }, parent);

    const clusterFlags =
      replicas > 1
        ? [
            `--cluster.listen-address=0.0.0.0:${CLUSTER_PORT}`,
            "--cluster.advertise-address=$(POD_IP):9094",
            ...alertmanagerPeers(name, args.namespaceName, replicas, CLUSTER_PORT).map((p) => `--cluster.peer=${p}`),
          ]
        : ["--cluster.listen-address="];
    const containers: SecureContainerArgs[] = [
      {
        name: "alertmanager",
        image: IMAGES.alertmanager,
        args: [
          `--config.file=${CONFIG_DIR}/alertmanager.yml`,
          "--storage.path=/alertmanager",
          `--web.listen-address=:${ALERTMANAGER_PORT}`,
          ...(args.externalUrl !== undefined ? [`--web.external-url=${args.externalUrl}`] : []),
          ...clusterFlags,
        ],
        env: [{ name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } }],
        ports: [
          { name: "http", containerPort: ALERTMANAGER_PORT },
          { name: "mesh-tcp", containerPort: CLUSTER_PORT, protocol: "TCP" },
          { name: "mesh-udp", containerPort: CLUSTER_PORT, protocol: "UDP" },
        ],
        volumeMounts: [
          { name: "config", mountPath: CONFIG_DIR, readOnly: true },
          { name: "receivers", mountPath: ALERTMANAGER_SECRETS_DIR, readOnly: true },
          { name: "data", mountPath: "/alertmanager" },
        ],
        resources: args.resources,
        probes: { liveness: httpProbe("/-/healthy", ALERTMANAGER_PORT), readiness: httpProbe("/-/ready", ALERTMANAGER_PORT, 5) },
      },
      configReloader({ volume: "config", dir: CONFIG_DIR, reloadUrl: `http://127.0.0.1:${ALERTMANAGER_PORT}/-/reload` }),
    ];
    const claim = volumeClaim("data", args.storage ?? null);
    const podSpec = securePodSpec(name, {
      containers,
      affinity: podAntiAffinity(antiAffinity, selector),
      volumes: [
        { name: "config", secret: { secretName: config.metadata.name } },
        { name: "receivers", secret: { secretName: receivers.metadata.name, defaultMode: 0o440 } },
        ...(claim === undefined ? [{ name: "data", emptyDir: {} }] : []),
      ],
    });

    new k8s.core.v1.Service(headless, {
      metadata: { name: headless, namespace: ns, labels },
      spec: {
        clusterIP: "None",
        publishNotReadyAddresses: true,
        selector,
        ports: [
          { name: "http", port: ALERTMANAGER_PORT, targetPort: "http" },
          { name: "mesh-tcp", port: CLUSTER_PORT, targetPort: "mesh-tcp", protocol: "TCP" },
          { name: "mesh-udp", port: CLUSTER_PORT, targetPort: "mesh-udp", protocol: "UDP" },
        ],
      },
    }, parent);
    const service = httpService({ name, namespace: ns, labels, selector }, ALERTMANAGER_PORT, parent);
    statefulSet({
      name, namespace: ns, labels, selector, headless, replicas, podSpec, claim,
      podAnnotations: exemptionAnnotations(containers),
      podDisruptionBudget: args.podDisruptionBudget ?? false,
    }, parent);

    const mesh = [{ port: CLUSTER_PORT, protocol: "TCP" as const }, { port: CLUSTER_PORT, protocol: "UDP" as const }];
    const ingress: Flow[] = [
      { why: "alerts from every Prometheus replica", pods: { "app.kubernetes.io/name": "prometheus" }, ports: [{ port: ALERTMANAGER_PORT }] },
      { why: "Grafana's Alertmanager datasource", pods: { "app.kubernetes.io/name": "grafana" }, ports: [{ port: ALERTMANAGER_PORT }] },
      { why: "gossip between replicas", pods: selector, ports: mesh },
    ];
    const egress: Flow[] = [
      { why: "gossip between replicas", pods: selector, ports: mesh },
      { why: "notification receivers (PagerDuty, Slack, webhooks) over HTTPS", cidr: "0.0.0.0/0", ports: [{ port: 443 }] },
    ];
    flowPolicy({ name, namespace: ns, labels, selector }, ingress, egress, parent);

    this.url = pulumi.interpolate`http://${service.metadata.name}.${ns}.svc:${ALERTMANAGER_PORT}`;
    this.registerOutputs({ url: this.url, peers: this.peers });
  }
}
