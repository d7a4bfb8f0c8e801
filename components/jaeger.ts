import * as crypto from "crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { JaegerStorage } from "../telemetry/config-schema";
import {
  COLLECTOR_METRICS_PORT,
  HEALTH_PORT,
  JAEGER_QUERY_GRPC_PORT,
  JAEGER_QUERY_HTTP_PORT,
  OTLP_GRPC_PORT,
  OTLP_HTTP_PORT,
} from "../telemetry/endpoints";
import { BADGER_DIR, JAEGER_HEALTH_PATH, SEARCH_PASSWORD_FILE, SEARCH_SECRET_DIR, SEARCH_USERNAME_ENV } from "../telemetry/jaeger-config";
import { IMAGES, imageVersion } from "./versions";
import { podAntiAffinity, type AntiAffinityMode } from "./workload/affinity";
import type { Flow } from "./workload/network-policy";
import { flowPolicy } from "./workload/flow-policy";
import { selectorLabels, standardLabels } from "./workload/labels";
import { exemptionAnnotations, httpProbe, securePodSpec, type Resources, type SecureContainerArgs } from "./workload/security";
import { volumeClaim } from "./workload/storage";
import { disruptionBudget } from "./workload/stateful-set";

/** Arguments of the Jaeger component. */
export interface JaegerArgs {
  /** Namespace the platform runs in. @default - none (required) */
  namespace: pulumi.Input<string>;
  /** The generated Jaeger v2 config (telemetry/jaeger-config.ts); holds no secrets. @default - none (required) */
  configYaml: string;
  /** The storage backend the config was generated for (volumes and credentials follow from it). @default - none (required) */
  storage: JaegerStorage;
  /** Replicas; more than one only with OpenSearch/Elasticsearch storage. @default 1 */
  replicas?: number;
  /** Requests and limits. @default - none (required) */
  resources: Resources;
  /** Spread of replicas across nodes. @default "none" */
  antiAffinity?: AntiAffinityMode;
  /** A PodDisruptionBudget (only when replicas > 1). @default false */
  podDisruptionBudget?: boolean;
}

const CONFIG_DIR = "/etc/jaeger";
/** uid the upstream image runs as. */
const JAEGER_UID = 10001;

/** Port of an external search backend URL (explicit, else the scheme's). */
function urlPort(url: string): number {
  const u = new URL(url);
  return u.port !== "" ? Number(u.port) : u.protocol === "https:" ? 443 : 80;
}

/**
 * Jaeger v2 (one binary, one config file): OTLP from the collector gateway, the query service
 * and UI for Grafana, storage per stack — memory (a Deployment), badger on a persistent volume (a
 * StatefulSet of one), or an external OpenSearch/Elasticsearch whose username (environment) and
 * password (mounted file) come from a Kubernetes Secret that this component only references.
 */
export class Jaeger extends pulumi.ComponentResource {
  /** OTLP/gRPC endpoint (host:port) for the gateway. */
  public readonly otlpEndpoint: pulumi.Output<string>;
  /** Query URL (UI and API) for Grafana. */
  public readonly queryUrl: pulumi.Output<string>;

  constructor(name: string, args: JaegerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("sevensa:tracing:Jaeger", name, {}, opts);
    const replicas = args.replicas ?? 1;
    const antiAffinity = args.antiAffinity ?? "none";
    const storage = args.storage;
    const external = storage.type === "opensearch" || storage.type === "elasticsearch";
    if (replicas > 1 && !external) {
      throw new Error(`Jaeger ${name}: replicas ${replicas} needs OpenSearch/Elasticsearch storage; ${storage.type} keeps traces per replica`);
    }
    const labels = standardLabels({ name: "jaeger", instance: name, version: imageVersion(IMAGES.jaeger), component: "tracing" });
    const selector = selectorLabels({ name: "jaeger", instance: name });
    const parent = { parent: this };
    const ns = args.namespace;

    const config = new k8s.core.v1.ConfigMap(`${name}-config`, {
      metadata: { namespace: ns, labels },
      data: { "config.yaml": args.configYaml },
    }, parent);

    const env: k8s.types.input.core.v1.EnvVar[] = [];
    const mounts: k8s.types.input.core.v1.VolumeMount[] = [
      { name: "config", mountPath: CONFIG_DIR, readOnly: true },
      { name: "tmp", mountPath: "/tmp" },
    ];
    const volumes: k8s.types.input.core.v1.Volume[] = [
      { name: "config", configMap: { name: config.metadata.name } },
      { name: "tmp", emptyDir: {} },
    ];
    if (external) {
      env.push({ name: SEARCH_USERNAME_ENV, valueFrom: { secretKeyRef: { name: storage.credentialsSecret.name, key: storage.credentialsSecret.usernameKey } } });
      mounts.push({ name: "search-credentials", mountPath: SEARCH_SECRET_DIR, readOnly: true });
      volumes.push({
        name: "search-credentials",
        secret: { secretName: storage.credentialsSecret.name, items: [{ key: storage.credentialsSecret.passwordKey, path: SEARCH_PASSWORD_FILE }] },
      });
    }
    if (storage.type === "badger") mounts.push({ name: "data", mountPath: BADGER_DIR });

    const containers: SecureContainerArgs[] = [
      {
        name: "jaeger",
        image: IMAGES.jaeger,
        args: [`--config=${CONFIG_DIR}/config.yaml`],
        ports: [
          { name: "otlp-grpc", containerPort: OTLP_GRPC_PORT },
          { name: "otlp-http", containerPort: OTLP_HTTP_PORT },
          { name: "query", containerPort: JAEGER_QUERY_HTTP_PORT },
          { name: "query-grpc", containerPort: JAEGER_QUERY_GRPC_PORT },
          { name: "metrics", containerPort: COLLECTOR_METRICS_PORT },
          { name: "health", containerPort: HEALTH_PORT },
        ],
        env,
        volumeMounts: mounts,
        resources: args.resources,
        probes: { liveness: httpProbe(JAEGER_HEALTH_PATH, HEALTH_PORT, 15), readiness: httpProbe(JAEGER_HEALTH_PATH, HEALTH_PORT, 5) },
      },
    ];
    const podSpec = securePodSpec(name, {
      containers,
      runAsUser: JAEGER_UID,
      affinity: podAntiAffinity(antiAffinity, selector),
      volumes,
    });
    const template = {
      metadata: {
        labels,
        annotations: { ...exemptionAnnotations(containers), "sevensa.io/config-sha256": crypto.createHash("sha256").update(args.configYaml).digest("hex") },
      },
      spec: podSpec,
    };
    if (storage.type === "badger") {
      const claim = volumeClaim("data", storage.volume);
      new k8s.core.v1.Service(`${name}-headless`, {
        metadata: { name: `${name}-headless`, namespace: ns, labels },
        spec: { clusterIP: "None", selector, ports: [{ name: "query", port: JAEGER_QUERY_HTTP_PORT, targetPort: "query" }] },
      }, parent);
      new k8s.apps.v1.StatefulSet(name, {
        metadata: { name, namespace: ns, labels },
        spec: { replicas: 1, serviceName: `${name}-headless`, selector: { matchLabels: selector }, template, volumeClaimTemplates: claim === undefined ? undefined : [claim] },
      }, parent);
    } else {
      new k8s.apps.v1.Deployment(name, {
        metadata: { name, namespace: ns, labels },
        spec: {
          replicas,
          // Memory storage: two pods at once would split the traces between them.
          strategy: external ? { type: "RollingUpdate" } : { type: "Recreate" },
          selector: { matchLabels: selector },
          template,
        },
      }, parent);
    }
    const service = new k8s.core.v1.Service(name, {
      metadata: { name, namespace: ns, labels },
      spec: {
        type: "ClusterIP",
        selector,
        ports: [
          { name: "otlp-grpc", port: OTLP_GRPC_PORT, targetPort: "otlp-grpc" },
          { name: "otlp-http", port: OTLP_HTTP_PORT, targetPort: "otlp-http" },
          { name: "query", port: JAEGER_QUERY_HTTP_PORT, targetPort: "query" },
          { name: "query-grpc", port: JAEGER_QUERY_GRPC_PORT, targetPort: "query-grpc" },
        ],
      },
    }, parent);
    disruptionBudget({ name, namespace: ns, labels, selector }, replicas, args.podDisruptionBudget ?? false, parent);

    const ingress: Flow[] = [
      { why: "sampled traces from the collector gateway", pods: { "app.kubernetes.io/name": "otel-gateway" }, ports: [{ port: OTLP_GRPC_PORT }, { port: OTLP_HTTP_PORT }] },
      { why: "Grafana's Jaeger datasource", pods: { "app.kubernetes.io/name": "grafana" }, ports: [{ port: JAEGER_QUERY_HTTP_PORT }] },
      { why: "Prometheus scrapes Jaeger's metrics", pods: { "app.kubernetes.io/name": "prometheus" }, ports: [{ port: COLLECTOR_METRICS_PORT }] },
    ];
    const egress: Flow[] = [
      { why: "Service Performance Monitoring queries spanmetrics in Prometheus", pods: { "app.kubernetes.io/name": "prometheus" }, ports: [{ port: 9090 }] },
    ];
    if (external) {
      const ports = [...new Set(storage.serverUrls.map(urlPort))].map((port) => ({ port }));
      egress.push({ why: `${storage.type} storage outside the cluster`, cidr: "0.0.0.0/0", ports });
    }
    flowPolicy({ name, namespace: ns, labels, selector }, ingress, egress, parent);

    this.otlpEndpoint = pulumi.interpolate`${service.metadata.name}.${ns}.svc:${OTLP_GRPC_PORT}`;
    this.queryUrl = pulumi.interpolate`http://${service.metadata.name}.${ns}.svc:${JAEGER_QUERY_HTTP_PORT}`;
    this.registerOutputs({ otlpEndpoint: this.otlpEndpoint, queryUrl: this.queryUrl });
  }
}

/** The egress flow Grafana needs for the Jaeger datasource (GrafanaArgs.extraEgress). */
export const GRAFANA_TO_JAEGER_FLOW: Flow = {
  why: "Jaeger datasource",
  pods: { "app.kubernetes.io/name": "jaeger" },
  ports: [{ port: JAEGER_QUERY_HTTP_PORT }],
};
