/**
 * Hardened Helm values of the pinned Chaos Mesh chart (see versions.ts), as plain data:
 * namespace filtering on (only namespaces annotated `chaos-mesh.org/inject: enabled` can be
 * targeted), admission webhooks failing closed, the dashboard in RBAC security mode behind a
 * ClusterIP service without ingress, every image pinned (including the pod-failure pause
 * image the chart leaves at `latest`), profiling and the chart's own Prometheus off, the
 * container runtime and its socket configurable. chaos-daemon stays privileged: it injects
 * faults into other pods' namespaces, which needs it (named exemption, see the component).
 */
import { RUNTIME_SOCKETS, type ContainerRuntime } from "./config-schema";
import { CHAOS_MESH } from "./versions";

/** Inputs of the values. */
export interface ChaosEngineValuesInput {
  /** Container runtime of the nodes. @default "containerd" */
  runtime?: ContainerRuntime;
  /** Runtime socket path on the nodes. @default RUNTIME_SOCKETS[runtime] */
  socketPath?: string;
}

/** Pod security context of the controller-manager and the dashboard. */
const RESTRICTED_POD = { seccompProfile: { type: "RuntimeDefault" } };

/** The chart values. */
export function chaosEngineValues(input: ChaosEngineValuesInput = {}): Record<string, unknown> {
  const runtime = input.runtime ?? "containerd";
  return {
    clusterScoped: true,
    timezone: "UTC",
    enableProfiling: false,
    images: { registry: CHAOS_MESH.imageRegistry, tag: CHAOS_MESH.imageTag },
    controllerManager: {
      enableFilterNamespace: true,
      securityContext: RESTRICTED_POD,
      podChaos: { podFailure: { pauseImage: CHAOS_MESH.pauseImage } },
    },
    chaosDaemon: {
      runtime,
      socketPath: input.socketPath ?? RUNTIME_SOCKETS[runtime],
      mtls: { enabled: true },
    },
    dashboard: {
      create: true,
      securityMode: true,
      gcpSecurityMode: { enabled: false },
      securityContext: RESTRICTED_POD,
      service: { type: "ClusterIP" },
      ingress: { enabled: false },
    },
    dnsServer: { create: true, image: { repository: CHAOS_MESH.dnsServerImage.repository, tag: CHAOS_MESH.dnsServerImage.tag } },
    prometheus: { create: false },
    webhook: { FailurePolicy: "Fail" },
    bpfki: { create: false },
    chaosDlv: { enable: false },
  };
}
