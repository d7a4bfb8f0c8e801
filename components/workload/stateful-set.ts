import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { PodsRef } from "./flow-policy";
import { podDisruptionBudget } from "./storage";

/** A StatefulSet whose pods start in parallel behind a headless Service. */
export interface StatefulSetArgs extends PodsRef {
  /** Name of the headless Service giving each pod a stable DNS name. */
  headless: string;
  replicas: number;
  podSpec: k8s.types.input.core.v1.PodSpec;
  /** Pod template annotations (exemptions, config checksums). */
  podAnnotations: Record<string, string>;
  /** volumeClaimTemplate, or none for an emptyDir. */
  claim?: k8s.types.input.core.v1.PersistentVolumeClaim;
  /** Create a PodDisruptionBudget (only when replicas > 1). */
  podDisruptionBudget: boolean;
}

/** When `enabled` and there is more than one replica, a PDB that allows one voluntary disruption. */
export function disruptionBudget(pods: PodsRef, replicas: number, enabled: boolean, opts: pulumi.CustomResourceOptions): k8s.policy.v1.PodDisruptionBudget | undefined {
  return replicas > 1 && enabled ? new k8s.policy.v1.PodDisruptionBudget(pods.name, podDisruptionBudget(pods.namespace, pods.labels, pods.selector), opts) : undefined;
}

/** The StatefulSet and, for HA sets, its PodDisruptionBudget. */
export function statefulSet(a: StatefulSetArgs, opts: pulumi.CustomResourceOptions): k8s.apps.v1.StatefulSet {
  const set = new k8s.apps.v1.StatefulSet(a.name, {
    metadata: { name: a.name, namespace: a.namespace, labels: a.labels },
    spec: {
      replicas: a.replicas,
      serviceName: a.headless,
      podManagementPolicy: "Parallel",
      selector: { matchLabels: a.selector },
      template: { metadata: { labels: a.labels, annotations: a.podAnnotations }, spec: a.podSpec },
      volumeClaimTemplates: a.claim === undefined ? undefined : [a.claim],
    },
  }, opts);
  disruptionBudget(a, a.replicas, a.podDisruptionBudget, opts);
  return set;
}
