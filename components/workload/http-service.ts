import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { PodsRef } from "./flow-policy";

/** The ClusterIP Service in front of a component's HTTP port (container port named `http`). */
export function httpService(pods: PodsRef, port: number, opts: pulumi.CustomResourceOptions): k8s.core.v1.Service {
  return new k8s.core.v1.Service(pods.name, {
    metadata: { name: pods.name, namespace: pods.namespace, labels: pods.labels },
    spec: { type: "ClusterIP", selector: pods.selector, ports: [{ name: "http", port, targetPort: "http" }] },
  }, opts);
}
