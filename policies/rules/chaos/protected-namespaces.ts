import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { chaosKind, faultsOf, isChaosObject, selectorsOf } from "../../lib/chaos";
import { readConfig } from "../../lib/config";

export const CHAOS_PROTECTED_NAMESPACES = "chaos-protected-namespaces";

/** Configuration of the protected-namespaces policy. */
export interface ProtectedNamespacesConfig {
  /** Namespaces no chaos object lives in or targets: kube-system, the platform's, the chaos engine's, the stack's list. @default ["kube-system"] */
  protectedNamespaces: string[];
}

const CLOUD_KINDS = new Set(["AWSChaos", "GCPChaos", "AzureChaos"]);

/**
 * No Chaos Mesh object lives in a protected namespace, and every fault it injects names its
 * target namespaces explicitly (`selector.namespaces`, and `target.selector.namespaces` for a
 * NetworkChaos target) with none of them protected. Cloud faults (AWS, GCP, Azure) select no
 * pods and are not checked here.
 *
 * Severity: critical. Why: a fault in kube-system, the platform's namespace or the chaos engine's
 * own namespace takes down DNS, the alerting path or the abort switch, so the experiment can
 * neither be observed nor stopped; an empty namespace list widens the blast radius to whatever
 * the selector happens to match.
 */
export function chaosProtectedNamespaces(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: CHAOS_PROTECTED_NAMESPACES,
    description: "Chaos objects neither live in nor target protected namespaces, and name their target namespaces.",
    enforcementLevel,
    severity: "critical",
    configSchema: {
      properties: {
        protectedNamespaces: { type: "array", items: { type: "string" }, default: ["kube-system"], description: "Namespaces chaos never touches." },
      },
    },
    validateResource: (args, reportViolation) => {
      if (!isChaosObject(args.type, args.props)) return;
      const { protectedNamespaces } = readConfig<ProtectedNamespacesConfig>(args, { protectedNamespaces: ["kube-system"] });
      const who = `${chaosKind(args.type, args.props)} "${args.name}"`;
      const list = protectedNamespaces.join(", ");
      const own = args.props.metadata?.namespace;
      if (typeof own === "string" && protectedNamespaces.includes(own)) {
        reportViolation(`${who} lives in the protected namespace "${own}" (protected here: ${list}); create it in the target service's namespace`);
      }
      for (const fault of faultsOf(args.type, args.props)) {
        if (CLOUD_KINDS.has(fault.kind)) continue;
        for (const s of selectorsOf(fault)) {
          if (s.role === "target" && s.selector === undefined) continue;
          const namespaces: unknown[] = s.selector?.namespaces ?? [];
          if (namespaces.length === 0) {
            reportViolation(`${who} ${s.at}.namespaces is empty; name the target service's namespace so the blast radius is explicit`);
            continue;
          }
          for (const ns of namespaces.filter((n): n is string => typeof n === "string" && protectedNamespaces.includes(n))) {
            reportViolation(`${who} ${s.at} targets the protected namespace "${ns}" (protected here: ${list}); target a declared service's namespace`);
          }
        }
      }
    },
  };
}
