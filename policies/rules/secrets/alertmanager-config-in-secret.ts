import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { alertmanagerConfigsIn } from "../../lib/alertmanager";
import { K8S, subject } from "../../lib/k8s";

export const ALERTMANAGER_CONFIG_IN_SECRET = "alertmanager-config-in-secret";

/**
 * The Alertmanager configuration lives only in a Secret: no ConfigMap holds an entry named
 * `alertmanager.yml`/`alertmanager.yaml` or a YAML document with a `route` and `receivers`.
 *
 * Severity: high. Why: the configuration names receivers and their integrations; even with
 * `*_file` references today, the next hand edit puts a routing key or webhook URL into it, and
 * a ConfigMap would publish it.
 */
export function alertmanagerConfigInSecret(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: ALERTMANAGER_CONFIG_IN_SECRET,
    description: "The Alertmanager configuration is stored only in a Secret, never a ConfigMap.",
    enforcementLevel,
    severity: "high",
    validateResource: (args, reportViolation) => {
      if (args.type !== K8S.configMap) return;
      for (const found of alertmanagerConfigsIn(args.type, args.props)) {
        reportViolation(
          `${subject(args.type, args.name)} data "${found.key}" holds an Alertmanager configuration; store it in a Secret (as the Alertmanager component does), never a ConfigMap`,
        );
      }
    },
  };
}
