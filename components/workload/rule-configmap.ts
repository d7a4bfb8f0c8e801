import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { RULES_CONFIGMAP_LABEL } from "../../generators/scrape-contract";

/**
 * A ConfigMap holding one Prometheus rule file, labelled so that Prometheus' watcher picks it
 * up and reloads (no restart). The file name is the data key, e.g. `checkout-api.yaml`.
 */
export function ruleConfigMap(
  name: string,
  namespace: pulumi.Input<string>,
  fileName: string,
  yaml: string,
  opts: pulumi.CustomResourceOptions,
  annotations: Record<string, string> = {},
): k8s.core.v1.ConfigMap {
  return new k8s.core.v1.ConfigMap(name, {
    metadata: {
      namespace,
      labels: { [RULES_CONFIGMAP_LABEL]: "true", "app.kubernetes.io/part-of": "sevensa-observability" },
      annotations,
    },
    data: { [fileName]: yaml },
  }, opts);
}
