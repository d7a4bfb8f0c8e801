import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { generateDashboardProviders, DASHBOARD_FOLDER_ANNOTATION } from "../generators/grafana-providers";
import { renderYaml } from "../generators/render-yaml";
import { DASHBOARD_CONFIGMAP_LABEL } from "../generators/scrape-contract";
import { IMAGES, imageVersion } from "./versions";
import { allowFlowsSpec, API_SERVER_EGRESS, describeFlows, type Flow } from "./workload/network-policy";
import { selectorLabels, standardLabels } from "./workload/labels";
import { exemptionAnnotations, httpProbe, securePodSpec, type Resources, type SecureContainerArgs } from "./workload/security";
import { configMapWatcher } from "./workload/sidecars";
import type { StorageSpec } from "./workload/storage";

/** Arguments of the Grafana component. */
export interface GrafanaArgs {
  /** Namespace the platform runs in. @default - none (required) */
  namespace: pulumi.Input<string>;
  /** Namespace name as plain text (the dashboard watcher's scope). @default - none (required) */
  namespaceName: string;
  /** The datasource provisioning file (from generators/grafana-datasources.ts); holds no secrets. @default - none (required) */
  datasourcesYaml: string;
  /** Public URL users reach Grafana at. @default - none (required) */
  rootUrl: string;
  /** Persistent volume for Grafana's database; `null` uses an emptyDir. @default null */
  storage?: StorageSpec | null;
  /** Requests and limits. @default - none (required) */
  resources: Resources;
  /** Egress flows to datasources beyond Prometheus and Alertmanager (Loki, Jaeger). @default [] */
  extraEgress?: Flow[];
}

const PORT = 3000;
const GRAFANA_UID = 472;
const DASHBOARD_DIR = "/var/lib/grafana/dashboards";

/**
 * Grafana: one replica, admin password from `@pulumi/random` kept in a Secret, anonymous access
 * off, datasources provisioned with fixed UIDs, dashboards discovered from labelled ConfigMaps
 * without a restart.
 */
export class Grafana extends pulumi.ComponentResource {
  /** In-cluster URL. */
  public readonly url: pulumi.Output<string>;
  /** Name of the Secret holding the admin credentials. */
  public readonly adminSecretName: pulumi.Output<string>;
  /** The admin password (a secret Output). */
  public readonly adminPassword: pulumi.Output<string>;

  constructor(name: string, args: GrafanaArgs, opts?: pulumi.ComponentResourceOptions) {
    super("sevensa:dashboards:Grafana", name, {}, opts);
    const labels = standardLabels({ name: "grafana", instance: name, version: imageVersion(IMAGES.grafana), component: "dashboards" });
    const selector = selectorLabels({ name: "grafana", instance: name });
    const parent = { parent: this };
    const ns = args.namespace;

    const password = new random.RandomPassword(`${name}-admin`, { length: 32, special: false }, parent);
    const admin = new k8s.core.v1.Secret(`${name}-admin`, {
      metadata: { namespace: ns, labels },
      type: "Opaque",
      stringData: { "admin-user": "admin", "admin-password": password.result },
    }, parent);
    const provisioning = new k8s.core.v1.ConfigMap(`${name}-provisioning`, {
      metadata: { namespace: ns, labels },
      data: {
        "datasources.yaml": args.datasourcesYaml,
        "dashboards.yaml": renderYaml(generateDashboardProviders(DASHBOARD_DIR), "generators/grafana-providers.ts"),
      },
    }, parent);
    const sa = new k8s.core.v1.ServiceAccount(name, { metadata: { name, namespace: ns, labels } }, parent);
    const reader = new k8s.rbac.v1.Role(`${name}-dashboards`, {
      metadata: { namespace: ns, labels },
      rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }],
    }, parent);
    new k8s.rbac.v1.RoleBinding(`${name}-dashboards`, {
      metadata: { namespace: ns, labels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: reader.metadata.name },
      subjects: [{ kind: "ServiceAccount", name: sa.metadata.name, namespace: ns }],
    }, parent);
    let pvc: k8s.core.v1.PersistentVolumeClaim | undefined;
    if (args.storage !== undefined && args.storage !== null) {
      pvc = new k8s.core.v1.PersistentVolumeClaim(`${name}-data`, {
        metadata: { namespace: ns, labels },
        spec: {
          accessModes: ["ReadWriteOnce"],
          storageClassName: args.storage.storageClass,
          resources: { requests: { storage: args.storage.size } },
        },
      }, parent);
    }

    const secretEnv = (envName: string, key: string) => ({
      name: envName,
      valueFrom: { secretKeyRef: { name: admin.metadata.name, key } },
    });
    const containers: SecureContainerArgs[] = [
      {
        name: "grafana",
        image: IMAGES.grafana,
        ports: [{ name: "http", containerPort: PORT }],
        env: [
          secretEnv("GF_SECURITY_ADMIN_USER", "admin-user"),
          secretEnv("GF_SECURITY_ADMIN_PASSWORD", "admin-password"),
          { name: "GF_AUTH_ANONYMOUS_ENABLED", value: "false" },
          { name: "GF_AUTH_DISABLE_LOGIN_FORM", value: "false" },
          { name: "GF_SECURITY_DISABLE_GRAVATAR", value: "true" },
          { name: "GF_SECURITY_COOKIE_SECURE", value: args.rootUrl.startsWith("https://") ? "true" : "false" },
          { name: "GF_ANALYTICS_REPORTING_ENABLED", value: "false" },
          { name: "GF_ANALYTICS_CHECK_FOR_UPDATES", value: "false" },
          { name: "GF_SERVER_ROOT_URL", value: args.rootUrl },
          { name: "GF_PATHS_PROVISIONING", value: "/etc/grafana/provisioning" },
          { name: "GF_LOG_MODE", value: "console" },
        ],
        volumeMounts: [
          { name: "provisioning", mountPath: "/etc/grafana/provisioning/datasources/datasources.yaml", subPath: "datasources.yaml", readOnly: true },
          { name: "provisioning", mountPath: "/etc/grafana/provisioning/dashboards/dashboards.yaml", subPath: "dashboards.yaml", readOnly: true },
          { name: "data", mountPath: "/var/lib/grafana" },
          { name: "dashboards", mountPath: DASHBOARD_DIR, readOnly: true },
          { name: "tmp", mountPath: "/tmp" },
        ],
        resources: args.resources,
        probes: { liveness: httpProbe("/api/health", PORT, 30), readiness: httpProbe("/api/health", PORT, 5) },
      },
      configMapWatcher({
        label: DASHBOARD_CONFIGMAP_LABEL,
        folder: DASHBOARD_DIR,
        volume: "dashboards",
        namespace: args.namespaceName,
        folderAnnotation: DASHBOARD_FOLDER_ANNOTATION,
      }),
    ];
    const podSpec = securePodSpec(name, {
      containers,
      serviceAccountName: sa.metadata.name,
      runAsUser: GRAFANA_UID,
      volumes: [
        { name: "provisioning", configMap: { name: provisioning.metadata.name } },
        pvc === undefined ? { name: "data", emptyDir: {} } : { name: "data", persistentVolumeClaim: { claimName: pvc.metadata.name } },
        { name: "dashboards", emptyDir: {} },
        { name: "tmp", emptyDir: {} },
      ],
    });
    new k8s.apps.v1.Deployment(name, {
      metadata: { name, namespace: ns, labels },
      spec: {
        replicas: 1,
        strategy: { type: "Recreate" },
        selector: { matchLabels: selector },
        template: { metadata: { labels, annotations: exemptionAnnotations(containers) }, spec: podSpec },
      },
    }, parent);
    const service = new k8s.core.v1.Service(name, {
      metadata: { name, namespace: ns, labels },
      spec: { type: "ClusterIP", selector, ports: [{ name: "http", port: PORT, targetPort: "http" }] },
    }, parent);

    const ingress: Flow[] = [{ why: "users through the cluster's ingress controller", anyPod: true, ports: [{ port: PORT }] }];
    const egress: Flow[] = [
      { why: "Prometheus datasource", pods: { "app.kubernetes.io/name": "prometheus" }, ports: [{ port: 9090 }] },
      { why: "Alertmanager datasource", pods: { "app.kubernetes.io/name": "alertmanager" }, ports: [{ port: 9093 }] },
      ...(args.extraEgress ?? []),
      API_SERVER_EGRESS,
    ];
    new k8s.networking.v1.NetworkPolicy(name, {
      metadata: { name, namespace: ns, labels, annotations: { "sevensa.io/flows": describeFlows(ingress, egress) } },
      spec: allowFlowsSpec(selector, ingress, egress),
    }, parent);

    this.url = pulumi.interpolate`http://${service.metadata.name}.${ns}.svc:${PORT}`;
    this.adminSecretName = admin.metadata.name;
    this.adminPassword = pulumi.secret(password.result);
    this.registerOutputs({ url: this.url, adminSecretName: this.adminSecretName });
  }
}
