import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { readConfig } from "../../lib/config";
import { REPLICATED_TYPES, selectorMatches, subject, type Props } from "../../lib/k8s";

export const HA_ANTI_AFFINITY = "k8s-ha-anti-affinity";

/** Configuration of the anti-affinity policy. */
export interface AntiAffinityConfig {
  /** `required`: only a required term counts; `preferred`: a required or preferred term. @default "preferred" */
  mode: "required" | "preferred";
}

/** Whether an affinity term spreads the set's own pods (its selector matches them, with a topology key). */
function spreadsOwnPods(term: Props | undefined, labels: Record<string, string>): boolean {
  return term !== undefined && typeof term.topologyKey === "string" && term.topologyKey !== "" && selectorMatches(term.labelSelector, labels);
}

/**
 * Every HA set (a Deployment, StatefulSet or ReplicaSet of 2 or more replicas) carries a pod
 * anti-affinity term that selects its own pods over a topology key, so its replicas land on
 * different nodes. With mode `required` (production) only a required term counts.
 *
 * Severity: high. Why: three Alertmanager replicas on one node are one replica as far as a node
 * failure is concerned; the HA the stack pays for only exists when the replicas are spread.
 */
export function haAntiAffinity(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: HA_ANTI_AFFINITY,
    description: "HA sets spread their replicas across nodes with pod anti-affinity.",
    enforcementLevel,
    severity: "high",
    configSchema: {
      properties: {
        mode: { type: "string", enum: ["required", "preferred"], default: "preferred", description: "Which anti-affinity terms count." },
      },
    },
    validateResource: (args, reportViolation) => {
      if (!REPLICATED_TYPES.has(args.type)) return;
      const replicas = Number(args.props.spec?.replicas ?? 1);
      if (replicas < 2) return;
      const { mode } = readConfig<AntiAffinityConfig>(args, { mode: "preferred" });
      const template = args.props.spec?.template ?? {};
      const labels = (template.metadata?.labels ?? {}) as Record<string, string>;
      const anti = template.spec?.affinity?.podAntiAffinity ?? {};
      const required = ((anti.requiredDuringSchedulingIgnoredDuringExecution ?? []) as Props[]).some((t) => spreadsOwnPods(t, labels));
      const preferred = ((anti.preferredDuringSchedulingIgnoredDuringExecution ?? []) as Props[]).some((t) => spreadsOwnPods(t.podAffinityTerm, labels));
      const who = subject(args.type, args.name);
      if (required) return;
      if (mode === "preferred" && preferred) return;
      if (mode === "required" && preferred) {
        reportViolation(`${who} runs ${replicas} replicas with only a preferred pod anti-affinity; this stack requires it: set highAvailability.antiAffinity: required`);
        return;
      }
      reportViolation(
        `${who} runs ${replicas} replicas without a pod anti-affinity term selecting its own pods; spread them across nodes: set highAvailability.antiAffinity: ${mode}`,
      );
    },
  };
}
