import type * as k8s from "@pulumi/kubernetes";

/** How strongly replicas of a set are spread across nodes. */
export type AntiAffinityMode = "required" | "preferred" | "none";

/** Pod anti-affinity over `kubernetes.io/hostname` for the pods matching `selector`. */
export function podAntiAffinity(
  mode: AntiAffinityMode,
  selector: Record<string, string>,
): k8s.types.input.core.v1.Affinity | undefined {
  const term = { labelSelector: { matchLabels: selector }, topologyKey: "kubernetes.io/hostname" };
  switch (mode) {
    case "required":
      return { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } };
    case "preferred":
      return { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] } };
    case "none":
      return undefined;
  }
}
