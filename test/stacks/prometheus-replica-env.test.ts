import * as path from "path";
import { parse } from "yaml";
import { ObservabilityPlatform } from "../../components/platform";
import { IMAGES } from "../../components/versions";
import { readStackConfigFile } from "../../stacks/config/read-file";
import { planPlatform } from "../../stacks/plan";
import { one, recordRegistrations, settle } from "../support/mocks";

/**
 * The production Prometheus pods hand prometheus.yml's `${POD_NAME}` its value: the container sets
 * POD_NAME from the pod's own name, and the image is one that expands `${VAR}` in external labels
 * without a flag (3.x). test/stacks/prometheus-production-config.test.ts shows the real server
 * doing the expansion.
 */
const root = path.resolve(__dirname, "../..");

test("each production Prometheus replica gets its pod name into the ${POD_NAME} its replica label reads", async () => {
  const registered = recordRegistrations("production");
  const config = readStackConfigFile(root, "production");
  const plan = planPlatform({ stack: "production", config, alertmanagerYaml: "route:\n  receiver: sink\nreceivers:\n  - name: sink\n", ruleFiles: {} });
  new ObservabilityPlatform("sevensa", { config, plan, receiverSecrets: { "payments-pagerduty": "rk" } });
  await settle();

  const statefulSet = one(registered, "kubernetes:apps/v1:StatefulSet", "sevensa-prometheus").inputs;
  expect(statefulSet.spec.replicas).toBe(2);
  const prometheus = statefulSet.spec.template.spec.containers.find((c: { name: string }) => c.name === "prometheus");
  expect(prometheus.env).toEqual([{ name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }]);

  const configMap = one(registered, "kubernetes:core/v1:ConfigMap", "sevensa-prometheus-config").inputs;
  const yml = parse(configMap.data["prometheus.yml"] as string) as { global: { external_labels: Record<string, string> } };
  expect(yml.global.external_labels).toEqual({ environment: "production", prometheus_replica: "${POD_NAME}" });

  // 2.x expands external labels only with --enable-feature=expand-external-labels, which the
  // component does not pass: pinning a 2.x image would bring back one literal label for both replicas.
  expect(IMAGES.prometheus).toMatch(/^quay\.io\/prometheus\/prometheus:v3\.\d+\.\d+$/);
});
