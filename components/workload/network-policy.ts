import type * as k8s from "@pulumi/kubernetes";

type NetworkPolicySpec = k8s.types.input.networking.v1.NetworkPolicySpec;

/** A port of a flow. */
export interface FlowPort {
  port: number;
  protocol?: "TCP" | "UDP";
}

/** One real flow a component allows, to or from its pods. */
export type Flow =
  | {
      /** Why this flow exists; kept in the object as an annotation for reviewers. */
      why: string;
      /** Pods by labels. */
      pods: Record<string, string>;
      /** Namespace of those pods: the policy's own (default), any, or one by name. @default "same" */
      namespace?: "same" | "any" | { name: string };
      ports: FlowPort[];
    }
  | {
      why: string;
      /** Every pod in any namespace (e.g. Prometheus scraping declared workloads). */
      anyPod: true;
      ports: FlowPort[];
    }
  | {
      why: string;
      /** Outside the cluster network (receivers, the Kubernetes API server). */
      cidr: string;
      ports: FlowPort[];
    };

/** The DNS flow every pod needs. */
export const DNS_EGRESS: Flow = {
  why: "DNS",
  pods: { "k8s-app": "kube-dns" },
  namespace: { name: "kube-system" },
  ports: [{ port: 53, protocol: "UDP" }, { port: 53, protocol: "TCP" }],
};

/** The Kubernetes API server, for service discovery and ConfigMap watchers. */
export const API_SERVER_EGRESS: Flow = {
  why: "Kubernetes API (service discovery, ConfigMap watch)",
  cidr: "0.0.0.0/0",
  ports: [{ port: 443 }, { port: 6443 }],
};

function peer(flow: Flow): k8s.types.input.networking.v1.NetworkPolicyPeer {
  if ("cidr" in flow) return { ipBlock: { cidr: flow.cidr } };
  if ("anyPod" in flow) return { namespaceSelector: {}, podSelector: {} };
  const ns = flow.namespace ?? "same";
  if (ns === "same") return { podSelector: { matchLabels: flow.pods } };
  if (ns === "any") return { namespaceSelector: {}, podSelector: { matchLabels: flow.pods } };
  return {
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ns.name } },
    podSelector: { matchLabels: flow.pods },
  };
}

function ports(flow: Flow): k8s.types.input.networking.v1.NetworkPolicyPort[] {
  return flow.ports.map((p) => ({ port: p.port, protocol: p.protocol ?? "TCP" }));
}

/** Default deny of ingress and egress for every pod of a namespace. */
export function defaultDenySpec(): NetworkPolicySpec {
  return { podSelector: {}, policyTypes: ["Ingress", "Egress"] };
}

/** Allows exactly the given flows for the pods matching `podSelector`; DNS egress is always added. */
export function allowFlowsSpec(podSelector: Record<string, string>, ingress: Flow[], egress: Flow[]): NetworkPolicySpec {
  const out = [DNS_EGRESS, ...egress];
  return {
    podSelector: { matchLabels: podSelector },
    policyTypes: ["Ingress", "Egress"],
    ingress: ingress.map((f) => ({ from: [peer(f)], ports: ports(f) })),
    egress: out.map((f) => ({ to: [peer(f)], ports: ports(f) })),
  };
}

/** One line per flow, for the policy's annotation. */
export function describeFlows(ingress: Flow[], egress: Flow[]): string {
  return [...ingress.map((f) => `in: ${f.why}`), ...egress.map((f) => `out: ${f.why}`)].join("\n");
}
