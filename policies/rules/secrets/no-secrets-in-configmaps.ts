import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { K8S, subject } from "../../lib/k8s";
import { findSecrets, whySecret } from "../../lib/secret-patterns";

export const NO_SECRETS_IN_CONFIGMAPS = "k8s-no-secrets-in-configmaps";

/**
 * No ConfigMap holds a secret-looking value: a literal under a key that names a secret
 * (password, token, api key, routing key, webhook URL, credentials …) or a value shaped like one
 * (Slack or Teams webhook URLs, tokens, private keys, URLs with a password). Each data entry is
 * walked as YAML/JSON, else read line by line. The message names where, never the value.
 *
 * Severity: critical. Why: ConfigMaps are readable by anyone who can read the namespace, are
 * printed by `kubectl describe`, land in `pulumi preview` diffs in plaintext, and are written to
 * the artifacts directory; a receiver key there pages whoever finds it.
 */
export function noSecretsInConfigMaps(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: NO_SECRETS_IN_CONFIGMAPS,
    description: "ConfigMaps hold no secret-looking values (keys, tokens, webhook URLs, passwords).",
    enforcementLevel,
    severity: "critical",
    validateResource: (args, reportViolation) => {
      if (args.type !== K8S.configMap) return;
      const who = subject(args.type, args.name);
      for (const [key, value] of Object.entries((args.props.data ?? {}) as Record<string, unknown>)) {
        if (typeof value !== "string") continue;
        const direct = whySecret(key, value);
        const findings = direct !== undefined && !value.includes("\n") ? [{ at: "the value", why: direct }] : findSecrets(value);
        for (const f of findings) {
          reportViolation(
            `${who} data "${key}" at ${f.at}: ${f.why}; move it into a Secret and reference it (a *_file field, secretKeyRef, or $__file{...})`,
          );
        }
      }
    },
  };
}
