import * as pulumi from "@pulumi/pulumi";
import { PROJECT, type StackConfig } from "./config/schema";
import { stackFile, StackConfigError } from "./config/load";

/** Value the local stack mounts for receiver secrets it was not given: it has no real receivers. */
export const LOCAL_PLACEHOLDER = "local-stack-has-no-real-receivers";

/**
 * Checks, from plain config, that the stack provides every receiver secret the generated
 * Alertmanager configuration reads; `local` may omit them (its receivers get a documented
 * placeholder, since a laptop has nobody to page). Throws naming the stack file and the keys.
 */
export function missingReceiverSecrets(stack: string, config: StackConfig, needed: string[], providedElsewhere: string[] = []): string[] {
  const given = config.receiverSecrets ?? {};
  const missing = needed.filter((n) => given[n] === undefined && !providedElsewhere.includes(n));
  if (missing.length > 0 && config.environment !== "local") {
    throw new StackConfigError(
      missing
        .map((n) => `${stackFile(stack)}: ${PROJECT}:receiverSecrets.${n}: is required by the Alertmanager configuration; set it with \`pulumi config set --secret --path 'receiverSecrets.${n}' <value> --stack ${stack}\``)
        .join("\n"),
    );
  }
  return missing;
}

/**
 * The secret Output of receiver secret values for exactly the `needed` names: from secret config,
 * or from `provided` (PagerDuty integration keys made by the stack) for the names it holds.
 */
export function receiverSecretValues(
  stack: string,
  config: StackConfig,
  needed: string[],
  provided?: { names: string[]; values: pulumi.Output<Record<string, string>> },
): pulumi.Output<Record<string, string>> {
  const missing = missingReceiverSecrets(stack, config, needed, provided?.names ?? []);
  const given: pulumi.Output<Record<string, string>> =
    new pulumi.Config(PROJECT).getSecretObject<Record<string, string>>("receiverSecrets") ?? pulumi.secret<Record<string, string>>({});
  const made = provided?.values ?? pulumi.output<Record<string, string>>({});
  return pulumi.secret(
    pulumi.all([given, made]).apply(([values, keys]) =>
      Object.fromEntries(
        needed.map((n) => [n, missing.includes(n) ? LOCAL_PLACEHOLDER : (provided?.names.includes(n) === true ? keys[n] : values[n])]),
      ),
    ),
  );
}
