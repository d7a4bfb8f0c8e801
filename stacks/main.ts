import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { PagerDutyOnCall } from "../components/pagerduty-oncall";
import { ObservabilityPlatform } from "../components/platform";
import { pagerDutyKeySecrets } from "../routing/secrets";
import { parseStackConfig } from "./config/load";
import { plainPulumiPromiseStacks } from "./promise-stacks";
import { PROJECT, type StackConfig } from "./config/schema";
import { generateStack, REPO_ROOT, type Declarations } from "./generate";
import { missingReceiverSecrets, receiverSecretValues } from "./receiver-secrets";

/** The Kubernetes provider of a stack: renders manifests to a directory, or talks to a cluster. */
function kubernetesProvider(config: StackConfig): k8s.Provider {
  const k = config.kubernetes;
  return k.mode === "render"
    ? new k8s.Provider("kubernetes", { renderYamlToDirectory: path.resolve(REPO_ROOT, k.renderDir) })
    : new k8s.Provider("kubernetes", { context: k.context });
}

/**
 * The Pulumi program: validate the stack config, generate every configuration from the
 * declarations, then create the platform. Nothing is created before validation passes.
 */
export async function main(declarations?: Declarations): Promise<Record<string, unknown>> {
  plainPulumiPromiseStacks();
  const stack = pulumi.getStack();
  const config = parseStackConfig(stack, pulumi.runtime.allConfig());
  const generated = generateStack(stack, config, declarations);
  const pagerDutyOn = config.pagerDuty?.enabled === true;
  const pagerDutyKeys = generated.teams.flatMap((t) => pagerDutyKeySecrets(t.declaration));
  // Every receiver secret is checked before the first resource (PagerDuty's included) exists.
  missingReceiverSecrets(stack, config, generated.receiverSecretNames, pagerDutyOn ? pagerDutyKeys : []);
  const onCall = pagerDutyOn ? new PagerDutyOnCall("sevensa-oncall", { teams: generated.teams, namePrefix: config.pagerDuty?.namePrefix }) : undefined;
  const receiverSecrets = receiverSecretValues(
    stack,
    config,
    generated.receiverSecretNames,
    onCall === undefined ? undefined : { names: pagerDutyKeys, values: onCall.routingKeys },
  );

  const grafanaAdminPassword = config.grafanaAdminPassword === true ? new pulumi.Config(PROJECT).requireSecret("grafanaAdminPassword") : undefined;
  const provider = kubernetesProvider(config);
  const platform = new ObservabilityPlatform("sevensa", { config, plan: generated.plan, receiverSecrets, grafanaAdminPassword, services: generated.services }, { providers: { kubernetes: provider } });

  return {
    namespace: platform.namespace,
    prometheusUrl: platform.prometheusUrl,
    alertmanagerUrl: platform.alertmanagerUrl,
    grafanaUrl: platform.grafanaUrl,
    grafanaAdminPassword: platform.grafanaAdminPassword,
    services: generated.services.map((s) => s.declaration.name),
  };
}
