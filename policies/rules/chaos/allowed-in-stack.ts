import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { chaosKind, isChaosObject } from "../../lib/chaos";
import { readConfig } from "../../lib/config";

export const CHAOS_ALLOWED_IN_STACK = "chaos-allowed-in-stack";

/** Configuration of the chaos-allowed policy. */
export interface ChaosAllowedConfig {
  /** Whether this stack may hold Chaos Mesh objects (the stack config's chaos.allowed). @default false */
  allowed: boolean;
}

/**
 * No Chaos Mesh object (any `chaos-mesh.org` kind: experiments, Schedules, Workflows, status
 * checks) exists in a stack whose pack config says chaos is not allowed (production, local).
 *
 * Severity: critical. Why: instability caused by chaos experiments is the plan's highest-impact
 * risk; an experiment that reaches production by a copy-paste is an outage we caused ourselves.
 */
export function chaosAllowedInStack(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: CHAOS_ALLOWED_IN_STACK,
    description: "Chaos Mesh objects exist only in stacks that allow chaos.",
    enforcementLevel,
    severity: "critical",
    configSchema: {
      properties: {
        allowed: { type: "boolean", default: false, description: "Whether this stack may hold Chaos Mesh objects." },
      },
    },
    validateResource: (args, reportViolation) => {
      if (!isChaosObject(args.type, args.props)) return;
      if (readConfig<ChaosAllowedConfig>(args, { allowed: false }).allowed) return;
      reportViolation(
        `${chaosKind(args.type, args.props)} "${args.name}": chaos experiments are not allowed in this stack (${CHAOS_ALLOWED_IN_STACK}.allowed is false); remove it: experiments run only in stacks whose config sets chaos.allowed: true (staging)`,
      );
    },
  };
}
