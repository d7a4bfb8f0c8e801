import type * as k8s from "@pulumi/kubernetes";

type Container = k8s.types.input.core.v1.Container;
type PodSpec = k8s.types.input.core.v1.PodSpec;
type Probe = k8s.types.input.core.v1.Probe;

/** What a named exemption switches off. Each one is visible in the pod's annotations and in policy output. */
export type SecurityExemptionKind =
  | "writable-root-filesystem"
  | "run-as-root"
  | "no-probes"
  | "privilege-escalation"
  /** The pod mounts a hostPath volume (read-only node log files for the collector agent). */
  | "host-path";

/** An explicit, named exemption from the restricted defaults, with the reason a reviewer reads. */
export interface SecurityExemption {
  /** What is switched off. @default - none (required) */
  kind: SecurityExemptionKind;
  /** Why; shown in policy violations and the pod annotation. @default - none (required) */
  reason: string;
}

/** Requests and limits: requests for cpu and memory and a memory limit are mandatory. */
export interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu?: string; memory: string };
}

/** Arguments of one container built with the restricted defaults. */
export interface SecureContainerArgs {
  /** Container name. @default - none (required) */
  name: string;
  /** Pinned image (from versions.ts). @default - none (required) */
  image: string;
  /** Arguments. @default [] */
  args?: string[];
  /** Ports. @default [] */
  ports?: k8s.types.input.core.v1.ContainerPort[];
  /** Environment. @default [] */
  env?: k8s.types.input.core.v1.EnvVar[];
  /** Volume mounts. @default [] */
  volumeMounts?: k8s.types.input.core.v1.VolumeMount[];
  /** Requests and limits. @default - none (required) */
  resources: Resources;
  /** Liveness and readiness probes; required unless a `no-probes` exemption is given. @default - none (required) */
  probes?: { liveness: Probe; readiness: Probe; startup?: Probe };
  /** Named exemptions from the restricted defaults. @default [] */
  exemptions?: SecurityExemption[];
}

/** The uid/gid platform containers run as when the image does not dictate one. */
export const NON_ROOT_UID = 65534;

/** Annotation listing every exemption of a pod, as `container: kind (reason)` lines. */
export const EXEMPTIONS_ANNOTATION = "sevensa.io/security-exemptions";

function has(args: SecureContainerArgs, kind: SecurityExemptionKind): boolean {
  return (args.exemptions ?? []).some((e) => e.kind === kind);
}

/**
 * A container with Pod Security Standards "restricted" settings: non-root, read-only root
 * filesystem, no privilege escalation, ALL capabilities dropped, seccomp RuntimeDefault,
 * requests and limits, liveness and readiness probes. Only a named exemption relaxes one.
 *
 * @throws when probes are missing without a `no-probes` exemption, or an exemption has no reason
 */
export function secureContainer(owner: string, args: SecureContainerArgs): Container {
  for (const e of args.exemptions ?? []) {
    if (e.reason.trim() === "") throw new Error(`${owner}: container ${args.name}: exemption ${e.kind} needs a reason`);
  }
  if (args.probes === undefined && !has(args, "no-probes")) {
    throw new Error(`${owner}: container ${args.name}: liveness and readiness probes are required (or a named "no-probes" exemption)`);
  }
  const container: Container = {
    name: args.name,
    image: args.image,
    imagePullPolicy: "IfNotPresent",
    args: args.args,
    ports: args.ports,
    env: args.env,
    volumeMounts: args.volumeMounts,
    resources: { requests: { ...args.resources.requests }, limits: { ...args.resources.limits } },
    securityContext: {
      runAsNonRoot: !has(args, "run-as-root"),
      readOnlyRootFilesystem: !has(args, "writable-root-filesystem"),
      allowPrivilegeEscalation: has(args, "privilege-escalation"),
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    },
  };
  if (args.probes !== undefined) {
    container.livenessProbe = args.probes.liveness;
    container.readinessProbe = args.probes.readiness;
    if (args.probes.startup !== undefined) container.startupProbe = args.probes.startup;
  }
  return container;
}

/** Arguments of a pod spec built with the restricted defaults. */
export interface SecurePodArgs {
  /** Containers. @default - none (required) */
  containers: SecureContainerArgs[];
  /** Volumes. @default [] */
  volumes?: k8s.types.input.core.v1.Volume[];
  /** Service account; its token is mounted only when one is named. @default - none (no token) */
  serviceAccountName?: k8s.types.input.core.v1.PodSpec["serviceAccountName"];
  /** uid and gid (also fsGroup) of the pod. @default NON_ROOT_UID */
  runAsUser?: number;
  /** Affinity (anti-affinity for HA sets). @default - none */
  affinity?: k8s.types.input.core.v1.Affinity;
  /** Grace period. @default 30 */
  terminationGracePeriodSeconds?: number;
}

/** A pod spec whose pod-level and container-level security follow the restricted profile. */
export function securePodSpec(owner: string, args: SecurePodArgs): PodSpec {
  const uid = args.runAsUser ?? NON_ROOT_UID;
  return {
    serviceAccountName: args.serviceAccountName,
    automountServiceAccountToken: args.serviceAccountName !== undefined,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: uid,
      runAsGroup: uid,
      fsGroup: uid,
      seccompProfile: { type: "RuntimeDefault" },
    },
    affinity: args.affinity,
    terminationGracePeriodSeconds: args.terminationGracePeriodSeconds ?? 30,
    containers: args.containers.map((c) => secureContainer(owner, c)),
    volumes: args.volumes,
  };
}

/** Pod annotations recording every exemption, or none when there are none. */
export function exemptionAnnotations(containers: SecureContainerArgs[]): Record<string, string> {
  const lines = containers.flatMap((c) => (c.exemptions ?? []).map((e) => `${c.name}: ${e.kind} (${e.reason})`));
  return lines.length === 0 ? {} : { [EXEMPTIONS_ANNOTATION]: lines.join("\n") };
}

/** An HTTP GET probe with the platform's default timings. */
export function httpProbe(path: string, port: number | string, initialDelaySeconds = 10): Probe {
  return { httpGet: { path, port }, initialDelaySeconds, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 };
}
