import type { EnforcementLevel, PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { readConfig } from "../../lib/config";
import { K8S, REPLICATED_TYPES, selectorMatches, subject } from "../../lib/k8s";
import { autoscalerMinimums, guaranteedReplicas } from "../../lib/replicas";

export const PDB_ALLOWS_DISRUPTION = "k8s-pdb-allows-disruption";

/** Configuration of the PodDisruptionBudget policy. */
export interface PdbConfig {
  /** Whether every HA set (a Deployment or StatefulSet of 2 or more replicas) must have a PodDisruptionBudget. @default false */
  requireForHaSets: boolean;
}

interface Workload {
  resource: PolicyResource;
  namespace: unknown;
  labels: Record<string, string>;
  replicas: number;
}

function workloads(resources: PolicyResource[]): Workload[] {
  const hpas = autoscalerMinimums(resources);
  return resources
    .filter((r) => REPLICATED_TYPES.has(r.type))
    .map((r) => ({
      resource: r,
      namespace: r.props.metadata?.namespace,
      labels: (r.props.spec?.template?.metadata?.labels ?? {}) as Record<string, string>,
      replicas: guaranteedReplicas(r, hpas).replicas,
    }));
}

function percent(v: unknown): number | undefined {
  return typeof v === "string" && v.endsWith("%") ? Number(v.slice(0, -1)) : undefined;
}

/**
 * Every PodDisruptionBudget allows at least one voluntary disruption: `maxUnavailable` is not 0
 * (or 0%), `minAvailable` is not 100% and is below the replicas of every set it selects. With
 * `requireForHaSets`, every Deployment or StatefulSet of two or more replicas has one (an
 * autoscaled set counts its HorizontalPodAutoscaler's `minReplicas`).
 *
 * Severity: medium. Why: a budget that allows no disruption blocks every node drain, so cluster
 * upgrades stall or get forced (evicting all replicas at once); a missing budget lets a drain take
 * every Alertmanager replica at the same time.
 */
export function pdbAllowsDisruption(enforcementLevel: EnforcementLevel): StackValidationPolicy {
  return {
    name: PDB_ALLOWS_DISRUPTION,
    description: "PodDisruptionBudgets allow a voluntary disruption; HA sets have one where the stack requires it.",
    enforcementLevel,
    severity: "medium",
    configSchema: {
      properties: {
        requireForHaSets: { type: "boolean", default: false, description: "Every set of 2 or more replicas must have a PodDisruptionBudget." },
      },
    },
    validateStack: (args, reportViolation) => {
      const config = readConfig<PdbConfig>(args, { requireForHaSets: false });
      const sets = workloads(args.resources);
      const covered = new Set<PolicyResource>();
      for (const pdb of args.resources.filter((r) => r.type === K8S.podDisruptionBudget)) {
        const who = subject(pdb.type, pdb.name);
        const spec = pdb.props.spec ?? {};
        const selected = sets.filter((w) => w.namespace === pdb.props.metadata?.namespace && selectorMatches(spec.selector, w.labels));
        selected.forEach((w) => covered.add(w.resource));
        const maxU = spec.maxUnavailable;
        const minA = spec.minAvailable;
        if (maxU === 0 || percent(maxU) === 0) {
          reportViolation(`${who}: maxUnavailable ${maxU} allows no voluntary disruption, so no node can be drained; set maxUnavailable: 1`, pdb.urn);
        } else if (percent(minA) !== undefined && (percent(minA) as number) >= 100) {
          reportViolation(`${who}: minAvailable ${minA} allows no voluntary disruption, so no node can be drained; set maxUnavailable: 1`, pdb.urn);
        } else if (typeof minA === "number") {
          for (const w of selected.filter((s) => minA >= s.replicas)) {
            reportViolation(
              `${who}: minAvailable ${minA} is not below the ${w.replicas} replicas of ${subject(w.resource.type, w.resource.name)}, so no node can be drained; set maxUnavailable: 1`,
              pdb.urn,
            );
          }
        }
      }
      if (!config.requireForHaSets) return;
      for (const w of sets.filter((s) => s.replicas >= 2 && !covered.has(s.resource))) {
        reportViolation(
          `${subject(w.resource.type, w.resource.name)} runs ${w.replicas} replicas without a PodDisruptionBudget; a node drain may take them all at once: enable highAvailability.podDisruptionBudgets`,
          w.resource.urn,
        );
      }
    },
  };
}
