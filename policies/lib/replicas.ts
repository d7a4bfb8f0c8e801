import type { PolicyResource } from "@pulumi/policy";
import { K8S, kindOf } from "./k8s";

/** The `minReplicas` of every HorizontalPodAutoscaler, by `<Kind>/<namespace>/<name>` of its target. */
export function autoscalerMinimums(resources: PolicyResource[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of resources) {
    if (r.type !== K8S.hpaV2 && r.type !== K8S.hpaV1) continue;
    const ref = r.props.spec?.scaleTargetRef ?? {};
    out.set(`${ref.kind}/${r.props.metadata?.namespace}/${ref.name}`, Number(r.props.spec?.minReplicas ?? 1));
  }
  return out;
}

/**
 * The replicas a workload always runs: the `minReplicas` of a HorizontalPodAutoscaler targeting
 * it, else `spec.replicas` (1 when unset, as Kubernetes defaults it).
 */
export function guaranteedReplicas(r: PolicyResource, minimums: Map<string, number>): { replicas: number; autoscaled: boolean } {
  const hpa = minimums.get(`${kindOf(r.type)}/${r.props.metadata?.namespace}/${r.props.metadata?.name}`);
  return hpa === undefined ? { replicas: Number(r.props.spec?.replicas ?? 1), autoscaled: false } : { replicas: hpa, autoscaled: true };
}
