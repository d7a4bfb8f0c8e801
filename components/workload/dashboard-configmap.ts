import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { dashboardConfigMapSpec, type GeneratedDashboard } from "../../dashboards";

/**
 * A ConfigMap holding one generated dashboard, labelled so Grafana's watcher picks it up (no
 * restart) and annotated with its folder; `annotations` adds markers such as the service.
 */
export function dashboardConfigMap(
  name: string,
  namespace: pulumi.Input<string>,
  dashboard: GeneratedDashboard,
  opts: pulumi.CustomResourceOptions,
  annotations: Record<string, string> = {},
): k8s.core.v1.ConfigMap {
  const spec = dashboardConfigMapSpec(dashboard);
  return new k8s.core.v1.ConfigMap(name, {
    metadata: { name: spec.name, namespace, labels: spec.labels, annotations: { ...spec.annotations, ...annotations } },
    data: spec.data,
  }, opts);
}
