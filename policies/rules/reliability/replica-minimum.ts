import type { EnforcementLevel, StackValidationPolicy } from "@pulumi/policy";
import { readConfig } from "../../lib/config";
import { labelsOf, REPLICATED_TYPES, subject } from "../../lib/k8s";
import { autoscalerMinimums, guaranteedReplicas } from "../../lib/replicas";

export const REPLICA_MINIMUM = "k8s-replica-minimum";

/** Configuration of the replica-minimum policy. */
export interface ReplicaMinimumConfig {
  /**
   * Minimum replicas by `app.kubernetes.io/name`, e.g. production:
   * `{ "alertmanager": 3, "prometheus": 2, "otel-gateway": 2 }`. @default {}
   */
  minimums: Record<string, number>;
}

const NAME_LABEL = "app.kubernetes.io/name";

/**
 * The sets that must survive a node loss run enough replicas for this stack: each Deployment or
 * StatefulSet whose `app.kubernetes.io/name` (on the workload or its pod template) has a
 * configured minimum runs at least that many (`spec.replicas`, or the `minReplicas` of a
 * HorizontalPodAutoscaler targeting it). Production: Alertmanager ≥ 3 (a gossip quorum that
 * survives one loss), Prometheus ≥ 2 (an HA pair), the collector gateway ≥ 2.
 *
 * Severity: high. Why: a single Alertmanager or Prometheus is a single point of failure of
 * the paging path: when it restarts, nobody is paged for anything.
 */
export function replicaMinimum(enforcementLevel: EnforcementLevel): StackValidationPolicy {
  return {
    name: REPLICA_MINIMUM,
    description: "HA sets (Alertmanager, Prometheus, collector gateway) run at least the stack's minimum replicas.",
    enforcementLevel,
    severity: "high",
    configSchema: {
      properties: {
        minimums: { type: "object", additionalProperties: { type: "integer", minimum: 1 }, default: {}, description: "Minimum replicas by app.kubernetes.io/name." },
      },
    },
    validateStack: (args, reportViolation) => {
      const { minimums } = readConfig<ReplicaMinimumConfig>(args, { minimums: {} });
      const hpas = autoscalerMinimums(args.resources);
      for (const r of args.resources) {
        if (!REPLICATED_TYPES.has(r.type)) continue;
        const app = labelsOf(r.props)[NAME_LABEL] ?? r.props.spec?.template?.metadata?.labels?.[NAME_LABEL];
        const minimum = app === undefined ? undefined : minimums[app];
        if (minimum === undefined) continue;
        const { replicas, autoscaled } = guaranteedReplicas(r, hpas);
        if (replicas >= minimum) continue;
        const source = autoscaled ? "its HorizontalPodAutoscaler's minReplicas" : "replicas";
        reportViolation(
          `${subject(r.type, r.name)} (${NAME_LABEL}=${app}) runs ${replicas} ${replicas === 1 ? "replica" : "replicas"}; this stack requires at least ${minimum}: raise ${source} in the stack config`,
          r.urn,
        );
      }
    },
  };
}
