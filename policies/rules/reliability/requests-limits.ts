import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { workloadContainers } from "../../lib/k8s";

export const REQUESTS_LIMITS = "k8s-resources-requests-limits";

/**
 * Every container (init containers too) requests CPU and memory and has a memory limit. A CPU
 * limit is not required (throttling hurts latency more than it protects neighbours).
 *
 * Severity: medium. Why: without requests the scheduler packs pods blindly and Prometheus is
 * the first to be evicted under pressure; without a memory limit one leaking container takes
 * the node's memory from the alerting path.
 */
export function requestsLimits(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: REQUESTS_LIMITS,
    description: "Containers request CPU and memory and have a memory limit.",
    enforcementLevel,
    severity: "medium",
    validateResource: (args, reportViolation) => {
      for (const { ref, where } of workloadContainers(args.type, args.name, args.props)) {
        const r = ref.container.resources ?? {};
        const missing = [
          r.requests?.cpu === undefined ? "resources.requests.cpu" : undefined,
          r.requests?.memory === undefined ? "resources.requests.memory" : undefined,
          r.limits?.memory === undefined ? "resources.limits.memory" : undefined,
        ].filter((m): m is string => m !== undefined);
        if (missing.length === 0) continue;
        reportViolation(`${where}: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set; request cpu and memory and limit memory`);
      }
    },
  };
}
