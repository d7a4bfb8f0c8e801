import * as crypto from "crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { LokiStorage } from "../telemetry/config-schema";
import { LOKI_GRPC_PORT, LOKI_HTTP_PORT, LOKI_MEMBERLIST_PORT, lokiHeadlessName } from "../telemetry/endpoints";
import { LOKI_DATA_DIR, S3_ACCESS_KEY_ENV, S3_SECRET_KEY_ENV } from "../telemetry/loki-config";
import { IMAGES, imageVersion } from "./versions";
import { podAntiAffinity, type AntiAffinityMode } from "./workload/affinity";
import type { Flow } from "./workload/network-policy";
import { flowPolicy } from "./workload/flow-policy";
import { httpService } from "./workload/http-service";
import { statefulSet } from "./workload/stateful-set";
import { selectorLabels, standardLabels } from "./workload/labels";
import { exemptionAnnotations, httpProbe, securePodSpec, type Resources, type SecureContainerArgs } from "./workload/security";
import { volumeClaim } from "./workload/storage";

/** Arguments of the Loki component. */
export interface LokiArgs {
  /** Namespace the platform runs in. @default - none (required) */
  namespace: pulumi.Input<string>;
  /** The generated Loki config (telemetry/loki-config.ts); holds `${ENV}` references, no secrets. @default - none (required) */
  configYaml: string;
  /** The storage the config was generated for (volume and credentials follow from it). @default - none (required) */
  storage: LokiStorage;
  /** Replicas of the monolith; more than one only with S3 storage (scale-out mode). @default 1 */
  replicas?: number;
  /** Requests and limits. @default - none (required) */
  resources: Resources;
  /** Spread of replicas across nodes. @default "none" */
  antiAffinity?: AntiAffinityMode;
  /** A PodDisruptionBudget (only when replicas > 1). @default false */
  podDisruptionBudget?: boolean;
}

const CONFIG_DIR = "/etc/loki";
/** uid the upstream image runs as. */
const LOKI_UID = 10001;

function endpointPort(endpoint: string): number {
  const u = new URL(endpoint);
  return u.port !== "" ? Number(u.port) : u.protocol === "https:" ? 443 : 80;
}

/**
 * Grafana Loki as a StatefulSet running every target in one binary. Filesystem storage on a
 * volume (one replica) for local and staging; for production S3-compatible object storage whose
 * access keys come from a referenced Kubernetes Secret, and several replicas joined by
 * memberlist (the scale-out mode). Logs arrive over OTLP from the collector gateway.
 */
export class Loki extends pulumi.ComponentResource {
  /** In-cluster URL (Grafana's Loki datasource). */
  public readonly url: pulumi.Output<string>;
  /** OTLP logs endpoint for the gateway. */
  public readonly otlpLogsUrl: pulumi.Output<string>;

  constructor(name: string, args: LokiArgs, opts?: pulumi.ComponentResourceOptions) {
    super("sevensa:logging:Loki", name, {}, opts);
    const replicas = args.replicas ?? 1;
    const antiAffinity = args.antiAffinity ?? "none";
    const storage = args.storage;
    if (replicas > 1 && storage.type !== "s3") {
      throw new Error(`Loki ${name}: replicas ${replicas} needs S3 storage; filesystem storage is one replica`);
    }
    const labels = standardLabels({ name: "loki", instance: name, version: imageVersion(IMAGES.loki), component: "log-store" });
    const selector = selectorLabels({ name: "loki", instance: name });
    const parent = { parent: this };
    const ns = args.namespace;
    const headless = lokiHeadlessName(name);

    const config = new k8s.core.v1.ConfigMap(`${name}-config`, {
      metadata: { namespace: ns, labels },
      data: { "config.yaml": args.configYaml },
    }, parent);

    const env: k8s.types.input.core.v1.EnvVar[] = [];
    if (storage.type === "s3") {
      const ref = (key: string) => ({ secretKeyRef: { name: storage.credentialsSecret.name, key } });
      env.push(
        { name: S3_ACCESS_KEY_ENV, valueFrom: ref(storage.credentialsSecret.accessKeyIdKey) },
        { name: S3_SECRET_KEY_ENV, valueFrom: ref(storage.credentialsSecret.secretAccessKeyKey) },
      );
    }
    const containers: SecureContainerArgs[] = [
      {
        name: "loki",
        image: IMAGES.loki,
        args: [`-config.file=${CONFIG_DIR}/config.yaml`, "-config.expand-env=true"],
        ports: [
          { name: "http", containerPort: LOKI_HTTP_PORT },
          { name: "grpc", containerPort: LOKI_GRPC_PORT },
          { name: "memberlist", containerPort: LOKI_MEMBERLIST_PORT },
        ],
        env,
        volumeMounts: [
          { name: "config", mountPath: CONFIG_DIR, readOnly: true },
          { name: "data", mountPath: LOKI_DATA_DIR },
          { name: "tmp", mountPath: "/tmp" },
        ],
        resources: args.resources,
        probes: { liveness: httpProbe("/ready", LOKI_HTTP_PORT, 60), readiness: httpProbe("/ready", LOKI_HTTP_PORT, 15) },
      },
    ];
    const claim = volumeClaim("data", storage.volume);
    const podSpec = securePodSpec(name, {
      containers,
      runAsUser: LOKI_UID,
      affinity: podAntiAffinity(antiAffinity, selector),
      terminationGracePeriodSeconds: 300,
      volumes: [
        { name: "config", configMap: { name: config.metadata.name } },
        { name: "tmp", emptyDir: {} },
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
          { name: "http", port: LOKI_HTTP_PORT, targetPort: "http" },
          { name: "grpc", port: LOKI_GRPC_PORT, targetPort: "grpc" },
          { name: "memberlist", port: LOKI_MEMBERLIST_PORT, targetPort: "memberlist" },
        ],
      },
    }, parent);
    const service = httpService({ name, namespace: ns, labels, selector }, LOKI_HTTP_PORT, parent);
    statefulSet({
      name, namespace: ns, labels, selector, headless, replicas, podSpec, claim,
      podAnnotations: { ...exemptionAnnotations(containers), "sevensa.io/config-sha256": crypto.createHash("sha256").update(args.configYaml).digest("hex") },
      podDisruptionBudget: args.podDisruptionBudget ?? false,
    }, parent);

    const peers: Flow = { why: "ring and query traffic between Loki replicas", pods: { "app.kubernetes.io/name": "loki" }, ports: [{ port: LOKI_GRPC_PORT }, { port: LOKI_MEMBERLIST_PORT }] };
    const ingress: Flow[] = [
      { why: "logs over OTLP from the collector gateway", pods: { "app.kubernetes.io/name": "otel-gateway" }, ports: [{ port: LOKI_HTTP_PORT }] },
      { why: "Grafana's Loki datasource", pods: { "app.kubernetes.io/name": "grafana" }, ports: [{ port: LOKI_HTTP_PORT }] },
      { why: "Prometheus scrapes Loki's metrics", pods: { "app.kubernetes.io/name": "prometheus" }, ports: [{ port: LOKI_HTTP_PORT }] },
      ...(replicas > 1 ? [peers] : []),
    ];
    const egress: Flow[] = [...(replicas > 1 ? [peers] : [])];
    if (storage.type === "s3") {
      egress.push({ why: "S3-compatible object storage", cidr: "0.0.0.0/0", ports: [{ port: endpointPort(storage.endpoint) }] });
    }
    flowPolicy({ name, namespace: ns, labels, selector }, ingress, egress, parent);

    this.url = pulumi.interpolate`http://${service.metadata.name}.${ns}.svc:${LOKI_HTTP_PORT}`;
    this.otlpLogsUrl = pulumi.interpolate`${this.url}/otlp/v1/logs`;
    this.registerOutputs({ url: this.url, otlpLogsUrl: this.otlpLogsUrl });
  }
}

/** The egress flow Grafana needs for the Loki datasource (GrafanaArgs.extraEgress). */
export const GRAFANA_TO_LOKI_FLOW: Flow = {
  why: "Loki datasource",
  pods: { "app.kubernetes.io/name": "loki" },
  ports: [{ port: LOKI_HTTP_PORT }],
};
