import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { chaosKind, faultsOf, isChaosObject } from "../../lib/chaos";
import { readConfig } from "../../lib/config";
import { parseGoDuration } from "../../lib/duration";

export const CHAOS_DURATION_BOUNDED = "chaos-duration-bounded";

/** Configuration of the duration policy. */
export interface ChaosDurationConfig {
  /** The longest fault this stack allows, a Go duration (the stack config's chaos.maxDuration). @default "5m" */
  maxDuration: string;
}

/**
 * Every fault a Chaos Mesh object injects (an experiment, a Schedule's embedded experiment, a
 * Workflow's chaos template) has a duration (`duration`, or a Workflow template's `deadline`)
 * that is a Go duration no longer than the stack's maximum.
 *
 * Severity: high. Why: a fault without an end runs until someone notices and deletes it; the
 * maximum bounds the error budget an experiment can burn if its abort condition fails.
 */
export function chaosDurationBounded(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: CHAOS_DURATION_BOUNDED,
    description: "Every chaos fault has a duration within the stack's maximum.",
    enforcementLevel,
    severity: "high",
    configSchema: {
      properties: {
        maxDuration: { type: "string", pattern: "^([0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h))+$", default: "5m", description: "The longest fault allowed, a Go duration." },
      },
    },
    validateResource: (args, reportViolation) => {
      if (!isChaosObject(args.type, args.props)) return;
      const { maxDuration } = readConfig<ChaosDurationConfig>(args, { maxDuration: "5m" });
      const max = parseGoDuration(maxDuration);
      if (max === undefined) throw new Error(`${CHAOS_DURATION_BOUNDED}: pack config maxDuration "${maxDuration}" is not a Go duration like 30m`);
      const who = `${chaosKind(args.type, args.props)} "${args.name}"`;
      for (const fault of faultsOf(args.type, args.props)) {
        const field = fault.at.startsWith("spec.templates[") || fault.at.startsWith("spec.workflow.templates[") ? "duration (or deadline)" : "duration";
        if (fault.duration === undefined || fault.duration === null || fault.duration === "") {
          reportViolation(`${who} ${fault.at} has no ${field}; set one of at most ${maxDuration} so the fault ends by itself`);
          continue;
        }
        const ms = parseGoDuration(String(fault.duration));
        if (ms === undefined) {
          reportViolation(`${who} ${fault.at} ${field} "${fault.duration}" is not a Go duration like 30s or 5m`);
        } else if (ms > max) {
          reportViolation(`${who} ${fault.at} ${field} ${fault.duration} exceeds this stack's maximum of ${maxDuration}; shorten it`);
        }
      }
    },
  };
}
