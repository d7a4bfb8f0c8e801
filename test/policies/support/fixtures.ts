import type { Fixture } from "./run-policy";

export const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
export const STATEFULSET = "kubernetes:apps/v1:StatefulSet";
export const CONFIGMAP = "kubernetes:core/v1:ConfigMap";
export const SECRET = "kubernetes:core/v1:Secret";
export const SERVICE = "kubernetes:core/v1:Service";
export const PDB = "kubernetes:policy/v1:PodDisruptionBudget";
export const HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";

const probe = { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 10 };

/** A container that complies with every workload policy. */
export function goodContainer(name = "app", image = "ghcr.io/sevensa/app:1.4.2"): Record<string, any> {
  return {
    name,
    image,
    ports: [{ name: "http", containerPort: 8080 }],
    env: [
      { name: "LOG_LEVEL", value: "info" },
      { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
    ],
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
    livenessProbe: probe,
    readinessProbe: probe,
    securityContext: {
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    },
  };
}

export const APP_LABELS = { "app.kubernetes.io/name": "web", "app.kubernetes.io/instance": "web" };

/** A Deployment of 3 replicas that complies with every policy of the pack. */
export function goodDeployment(name = "web", labels: Record<string, string> = APP_LABELS): Fixture {
  return {
    type: DEPLOYMENT,
    name,
    props: {
      metadata: { name, namespace: "shop", labels },
      spec: {
        replicas: 3,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels, annotations: {} },
          spec: {
            securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: "RuntimeDefault" } },
            affinity: {
              podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: labels }, topologyKey: "kubernetes.io/hostname" }],
              },
            },
            containers: [goodContainer()],
            volumes: [{ name: "tmp", emptyDir: {} }],
          },
        },
      },
    },
  };
}

/** The pod spec of a workload fixture. */
export function pod(props: Record<string, any>): Record<string, any> {
  return props.spec.template.spec;
}

/** The first container of a workload fixture. */
export function container(props: Record<string, any>): Record<string, any> {
  return props.spec.template.spec.containers[0];
}

/** Sets the exemption annotation of a workload fixture's pod template. */
export function exempt(props: Record<string, any>, lines: string[]): void {
  props.spec.template.metadata.annotations["sevensa.io/security-exemptions"] = lines.join("\n");
}
