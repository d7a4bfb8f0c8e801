import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { allowFlowsSpec, describeFlows, type Flow } from "./network-policy";

/** Where a component's pods are and what they are called. */
export interface PodsRef {
  /** Object name (also the Pulumi name). */
  name: string;
  namespace: pulumi.Input<string>;
  labels: Record<string, string>;
  selector: Record<string, string>;
}

/**
 * The NetworkPolicy allowing exactly `ingress` and `egress` (plus DNS) for the pods of `pods`,
 * annotated `sevensa.io/flows` with one line per flow and why it exists.
 */
export function flowPolicy(pods: PodsRef, ingress: Flow[], egress: Flow[], opts: pulumi.CustomResourceOptions): k8s.networking.v1.NetworkPolicy {
  return new k8s.networking.v1.NetworkPolicy(pods.name, {
    metadata: { name: pods.name, namespace: pods.namespace, labels: pods.labels, annotations: { "sevensa.io/flows": describeFlows(ingress, egress) } },
    spec: allowFlowsSpec(pods.selector, ingress, egress),
  }, opts);
}
