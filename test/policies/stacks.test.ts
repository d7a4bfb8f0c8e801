import * as k8s from "@pulumi/kubernetes";
import * as path from "path";
import { podTemplateOf } from "../../policies/lib/k8s";
import { readStackConfigFile } from "../../stacks/config/read-file";
import { generateStack } from "../../stacks/generate";
import { settle } from "../support/mocks";
import { fakeReceiverSecrets, runProgram } from "../support/program";
import { asPolicyResources, packConfigOf, runPack } from "./support/run-pack";

const ROOT = path.resolve(__dirname, "../..");

function secretsFor(stack: string): Record<string, string> {
  return fakeReceiverSecrets(generateStack(stack, readStackConfigFile(ROOT, stack)).receiverSecretNames);
}

describe.each(["local", "staging", "production"])("the %s stack the real program registers", (stack) => {
  test("passes every policy of the pack at the stack's levels, with no violation at all", async () => {
    const { registered } = await runProgram(stack, secretsFor(stack));
    const resources = asPolicyResources(registered);
    // Not vacuous: the workloads, the rule files and the Alertmanager configuration are there.
    expect(resources.filter((r) => podTemplateOf(r.type, r.props) !== undefined).length).toBeGreaterThanOrEqual(3);
    expect(resources.filter((r) => r.props.metadata?.labels?.["sevensa.io/prometheus-rules"] === "true").length).toBeGreaterThanOrEqual(2);
    expect(resources.some((r) => r.type === "kubernetes:core/v1:Secret" && r.props.stringData?.["alertmanager.yml"] !== undefined)).toBe(true);
    expect(await runPack(resources, packConfigOf(stack))).toEqual([]);
  });
});

test("a production stack with a chaos experiment, an alert without a runbook and a secret in a ConfigMap fails with exactly those violations", async () => {
  const { registered } = await runProgram("production", secretsFor("production"));
  new k8s.apiextensions.CustomResource("checkout-api-pod-kill", {
    apiVersion: "chaos-mesh.org/v1alpha1",
    kind: "PodChaos",
    metadata: { namespace: "shop" },
    spec: { action: "pod-kill", mode: "one", duration: "30s", selector: { namespaces: ["shop"], labelSelectors: { "app.kubernetes.io/name": "checkout-api" } } },
  });
  new k8s.core.v1.ConfigMap("hand-written-rules", {
    metadata: { namespace: "monitoring", labels: { "sevensa.io/prometheus-rules": "true" } },
    data: {
      "hand-written.yaml": [
        "groups:",
        "  - name: hand-written",
        "    rules:",
        "      - alert: CheckoutQueueStuck",
        "        expr: max(checkout_queue_age_seconds) > 600",
        "        labels: { severity: ticket, team: payments, service: checkout-api }",
        "        annotations:",
        "          summary: The checkout queue is stuck",
        "          description: The oldest checkout job is older than 10 minutes.",
      ].join("\n"),
    },
  });
  new k8s.core.v1.ConfigMap("checkout-api-notifier", {
    metadata: { namespace: "shop" },
    data: { "notifier.yaml": "slack:\n  channel: '#payments'\n  webhook: https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXX\n" },
  });
  await settle();

  expect(await runPack(asPolicyResources(registered), packConfigOf("production"))).toEqual([
    {
      policy: "k8s-no-secrets-in-configmaps",
      level: "mandatory",
      message:
        'ConfigMap "checkout-api-notifier" data "notifier.yaml" at slack.webhook: the value looks like a Slack webhook URL; move it into a Secret and reference it (a *_file field, secretKeyRef, or $__file{...})',
    },
    {
      policy: "observability-alert-annotations",
      level: "mandatory",
      message:
        'ConfigMap "hand-written-rules" data "hand-written.yaml" groups[0].rules[0] (alert CheckoutQueueStuck): missing annotations.runbook_url; every alert needs labels.severity and annotations summary, description and runbook_url',
    },
    {
      policy: "chaos-allowed-in-stack",
      level: "mandatory",
      message:
        'PodChaos "checkout-api-pod-kill": chaos experiments are not allowed in this stack (chaos-allowed-in-stack.allowed is false); remove it: experiments run only in stacks whose config sets chaos.allowed: true (staging)',
    },
  ]);
});
