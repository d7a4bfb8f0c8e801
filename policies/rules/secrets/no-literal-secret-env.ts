import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { workloadContainers, type Props } from "../../lib/k8s";
import { whySecret } from "../../lib/secret-patterns";

export const NO_LITERAL_SECRET_ENV = "k8s-no-literal-secret-env";

/**
 * No container sets a secret-looking environment variable as a literal `value`: a variable
 * whose name says it is a secret (…_PASSWORD, …_TOKEN, …_API_KEY, …_WEBHOOK_URL) or whose value
 * is shaped like one. Secrets come through `valueFrom.secretKeyRef`. The message names the
 * variable, never the value.
 *
 * Severity: critical. Why: a literal env value is stored in the workload spec, readable by
 * anyone who can read Deployments, and shown in every preview diff.
 */
export function noLiteralSecretEnv(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: NO_LITERAL_SECRET_ENV,
    description: "Secret-looking environment variables come from a Secret (valueFrom.secretKeyRef), never a literal value.",
    enforcementLevel,
    severity: "critical",
    validateResource: (args, reportViolation) => {
      for (const { ref, where } of workloadContainers(args.type, args.name, args.props)) {
        for (const e of (ref.container.env ?? []) as Props[]) {
          if (typeof e.value !== "string") continue;
          const why = whySecret(String(e.name), e.value);
          if (why === undefined) continue;
          reportViolation(`${where}: env ${e.name}: ${why}; take it from a Secret with valueFrom.secretKeyRef`);
        }
      }
    },
  };
}
