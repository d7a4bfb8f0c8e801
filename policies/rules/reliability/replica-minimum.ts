import type { EnforcementLevel, PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { readConfig } from "../../lib/config";
import { K8S, kindOf, labelsOf, REPLICATED_TYPES, subject } from "../../lib/k8s";

export const REPLICA_MINIMUM = "k8s-replica-minimum";

/** Configuration of the replica-minimum policy. */
export interface ReplicaMinimumConfig {
  /**
   * Minimum replicas by `app.kubernetes.io/name`, e.g. production:
   * `{ "alertmanager": 3, "prometheus": 2, "otel-collector-gateway": 2 }`. @default {}
   */
  minimums: Record<string, number>;
}

const NAME_LABEL = "app.kubernetes.io/name";

/** The HorizontalPodAutoscaler minimums by `<Kind>/<namespace>/<name>` of their target. */
function autoscaled(resources: PolicyResource[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of resources) {
    if (r.type !== K8S.hpaV2 && r.type !== K8S.hpaV1) continue;
    const ref = r.props.spec?.scaleTargetRef ?? {};
    out.set(`${ref.kind}/${r.props.metadata?.namespace}/${ref.name}`, Number(r.props.spec?.minReplicas ?? 1));
  }
  return out;
}

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
      const hpas = autoscaled(args.resources);
      for (const r of args.resources) {
        if (!REPLICATED_TYPES.has(r.type)) continue;
        const app = labelsOf(r.props)[NAME_LABEL] ?? r.props.spec?.template?.metadata?.labels?.[NAME_LABEL];
        const minimum = app === undefined ? undefined : minimums[app];
        if (minimum === undefined) continue;
        const hpa = hpas.get(`${kindOf(r.type)}/${r.props.metadata?.namespace}/${r.props.metadata?.name}`);
        const replicas = hpa ?? Number(r.props.spec?.replicas ?? 1);
        if (replicas >= minimum) continue;
        const source = hpa === undefined ? "replicas" : "its HorizontalPodAutoscaler's minReplicas";
        reportViolation(
          `${subject(r.type, r.name)} (${NAME_LABEL}=${app}) runs ${replicas} ${replicas === 1 ? "replica" : "replicas"}; this stack requires at least ${minimum}: raise ${source} in the stack config`,
          r.urn,
        );
      }
    },
  };
}
