import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** A persistent volume per replica. */
export interface StorageSpec {
  /** Size, a Kubernetes quantity such as `50Gi`. */
  size: string;
  /** StorageClass. @default - the cluster default */
  storageClass?: string;
}

/** The volumeClaimTemplate for `storage`, or undefined for an emptyDir. */
export function volumeClaim(name: string, storage: StorageSpec | null): k8s.types.input.core.v1.PersistentVolumeClaim | undefined {
  if (storage === null) return undefined;
  return {
    metadata: { name },
    spec: {
      accessModes: ["ReadWriteOnce"],
      storageClassName: storage.storageClass,
      resources: { requests: { storage: storage.size } },
    },
  };
}

/** A PodDisruptionBudget that always allows exactly one voluntary disruption. */
export function podDisruptionBudget(
  namespace: pulumi.Input<string>,
  labels: Record<string, string>,
  selector: Record<string, string>,
): k8s.policy.v1.PodDisruptionBudgetArgs {
  return { metadata: { namespace, labels }, spec: { maxUnavailable: 1, selector: { matchLabels: selector } } };
}
