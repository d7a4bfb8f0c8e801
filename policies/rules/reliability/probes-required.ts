import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { exemptionHint, exemptionsInForce, isExempt, parseExemptions } from "../../lib/exemptions";
import { containerSubject, containersOf, LONG_RUNNING_TYPES, podTemplateOf, subject } from "../../lib/k8s";

export const PROBES_REQUIRED = "k8s-probes-required";

/**
 * Every container of a long-running workload (Deployment, StatefulSet, DaemonSet, ReplicaSet)
 * has a liveness and a readiness probe, unless a named `no-probes` exemption says why not.
 * Init containers and Jobs run to completion and are not checked.
 *
 * Severity: medium. Why: without readiness a rolling update sends traffic (and alerts) to a
 * replica that is not serving; without liveness a hung Alertmanager stays "Running" and pages
 * nobody.
 */
export function probesRequired(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: PROBES_REQUIRED,
    description: "Containers of long-running workloads have liveness and readiness probes, unless a named no-probes exemption says why not.",
    enforcementLevel,
    severity: "medium",
    validateResource: (args, reportViolation) => {
      if (!LONG_RUNNING_TYPES.has(args.type)) return;
      const template = podTemplateOf(args.type, args.props);
      if (template === undefined) return;
      const owner = subject(args.type, args.name);
      const { exemptions } = parseExemptions(template);
      for (const ref of containersOf(template.spec).filter((r) => !r.init)) {
        const name = String(ref.container.name);
        if (isExempt(exemptions, name, "no-probes")) continue;
        const missing = ["livenessProbe", "readinessProbe"].filter((p) => ref.container[p] === undefined || ref.container[p] === null);
        if (missing.length === 0) continue;
        reportViolation(
          `${containerSubject(owner, ref)}: has no ${missing.join(" and no ")}; add liveness and readiness probes${exemptionHint(name, "no-probes")}${exemptionsInForce(exemptions, name)}`,
        );
      }
    },
  };
}
