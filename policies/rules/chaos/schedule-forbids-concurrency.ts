import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { chaosKind, isChaosObject } from "../../lib/chaos";

export const CHAOS_SCHEDULE_FORBIDS_CONCURRENCY = "chaos-schedule-forbids-concurrency";

/**
 * Every Chaos Mesh Schedule sets `concurrencyPolicy: Forbid` explicitly.
 *
 * Severity: high. Why: with `Allow`, a run that outlives its interval overlaps the next one and
 * the faults stack up (two pod kills at once on a three-replica set is a quorum loss); stating
 * Forbid keeps that true even if the upstream default changes.
 */
export function chaosScheduleForbidsConcurrency(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: CHAOS_SCHEDULE_FORBIDS_CONCURRENCY,
    description: "Chaos Schedules forbid concurrent runs (concurrencyPolicy: Forbid).",
    enforcementLevel,
    severity: "high",
    validateResource: (args, reportViolation) => {
      if (!isChaosObject(args.type, args.props) || chaosKind(args.type, args.props) !== "Schedule") return;
      const policy = args.props.spec?.concurrencyPolicy;
      if (policy === "Forbid") return;
      const now = policy === undefined ? "is not set" : `is "${policy}"`;
      reportViolation(`Schedule "${args.name}": concurrencyPolicy ${now}; set concurrencyPolicy: Forbid so a run never overlaps the previous one`);
    },
  };
}
