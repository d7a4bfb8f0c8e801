/**
 * Kubernetes helpers shared by the policies: type tokens, pod templates, containers, labels and
 * selectors. The pack reads plain resource properties (inputs at preview, outputs in stack
 * validation); it imports nothing from @pulumi/kubernetes.
 */

/** Pulumi type tokens of the Kubernetes objects the policies read. */
export const K8S = {
  deployment: "kubernetes:apps/v1:Deployment",
  statefulSet: "kubernetes:apps/v1:StatefulSet",
  daemonSet: "kubernetes:apps/v1:DaemonSet",
  replicaSet: "kubernetes:apps/v1:ReplicaSet",
  job: "kubernetes:batch/v1:Job",
  cronJob: "kubernetes:batch/v1:CronJob",
  pod: "kubernetes:core/v1:Pod",
  configMap: "kubernetes:core/v1:ConfigMap",
  secret: "kubernetes:core/v1:Secret",
  service: "kubernetes:core/v1:Service",
  podDisruptionBudget: "kubernetes:policy/v1:PodDisruptionBudget",
  hpaV2: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
  hpaV1: "kubernetes:autoscaling/v1:HorizontalPodAutoscaler",
} as const;

/** Workloads whose pods run until stopped: they need probes, and replicas make them HA sets. */
export const LONG_RUNNING_TYPES: ReadonlySet<string> = new Set([K8S.deployment, K8S.statefulSet, K8S.daemonSet, K8S.replicaSet]);

/** Workloads with a `spec.replicas` field. */
export const REPLICATED_TYPES: ReadonlySet<string> = new Set([K8S.deployment, K8S.statefulSet, K8S.replicaSet]);

/** Any resource property bag (plain JSON). */
export type Props = Record<string, any>;

/** `kubernetes:apps/v1:Deployment` → `Deployment`. */
export function kindOf(type: string): string {
  return type.slice(type.lastIndexOf(":") + 1);
}

/** How a violation names a resource: its kind and Pulumi name, e.g. `StatefulSet "sevensa-prometheus"`. */
export function subject(type: string, name: string): string {
  return `${kindOf(type)} "${name}"`;
}

/** A pod template: metadata (labels, annotations) and the pod spec. */
export interface PodTemplate {
  metadata: Props;
  spec: Props;
}

/** The pod template of a workload (or the pod itself), or undefined for any other resource. */
export function podTemplateOf(type: string, props: Props): PodTemplate | undefined {
  let template: Props | undefined;
  switch (type) {
    case K8S.deployment:
    case K8S.statefulSet:
    case K8S.daemonSet:
    case K8S.replicaSet:
    case K8S.job:
      template = props.spec?.template;
      break;
    case K8S.cronJob:
      template = props.spec?.jobTemplate?.spec?.template;
      break;
    case K8S.pod:
      template = { metadata: props.metadata, spec: props.spec };
      break;
    default:
      return undefined;
  }
  if (template === undefined || template === null || template.spec === undefined || template.spec === null) return undefined;
  return { metadata: template.metadata ?? {}, spec: template.spec };
}

/** One container of a pod spec, and whether it is an init container. */
export interface ContainerRef {
  container: Props;
  init: boolean;
}

/** Init containers first, then containers. */
export function containersOf(spec: Props): ContainerRef[] {
  const init = (spec.initContainers ?? []) as Props[];
  const main = (spec.containers ?? []) as Props[];
  return [...init.map((container) => ({ container, init: true })), ...main.map((container) => ({ container, init: false }))];
}

/** How a violation names a container, e.g. `StatefulSet "x" container "prometheus"`. */
export function containerSubject(owner: string, ref: ContainerRef): string {
  return `${owner} ${ref.init ? "init container" : "container"} "${ref.container.name}"`;
}

/** Labels of a resource's metadata (never undefined). */
export function labelsOf(props: Props | undefined): Record<string, string> {
  return (props?.metadata?.labels ?? {}) as Record<string, string>;
}

/** Annotations of a resource's metadata (never undefined). */
export function annotationsOf(props: Props | undefined): Record<string, string> {
  return (props?.metadata?.annotations ?? {}) as Record<string, string>;
}

/** A label selector: matchLabels and matchExpressions. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Whether `labels` satisfy `selector`; an empty selector matches nothing here (it never identifies a set). */
export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  const matchLabels = selector?.matchLabels ?? {};
  const expressions = selector?.matchExpressions ?? [];
  if (Object.keys(matchLabels).length === 0 && expressions.length === 0) return false;
  for (const [k, v] of Object.entries(matchLabels)) if (labels[k] !== v) return false;
  for (const e of expressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case "In":
        if (!has || !values.includes(labels[e.key])) return false;
        break;
      case "NotIn":
        if (has && values.includes(labels[e.key])) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** `k=v,k2=v2` for messages. */
export function formatLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
}

/** The data of a ConfigMap, or the decoded data and stringData of a Secret, by key. */
export function textEntries(type: string, props: Props): [string, string][] {
  if (type === K8S.configMap) {
    return Object.entries((props.data ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === "string");
  }
  if (type === K8S.secret) {
    const out: [string, string][] = [];
    for (const [k, v] of Object.entries((props.data ?? {}) as Record<string, unknown>)) {
      if (typeof v === "string") out.push([k, Buffer.from(v, "base64").toString("utf8")]);
    }
    for (const [k, v] of Object.entries((props.stringData ?? {}) as Record<string, unknown>)) {
      if (typeof v === "string") out.push([k, v]);
    }
    return out;
  }
  return [];
}

/** A container of a workload's pod template, with how violations name it. */
export interface WorkloadContainer {
  ref: ContainerRef;
  /** e.g. `StatefulSet "x" container "prometheus"`. */
  where: string;
  template: PodTemplate;
}

/** Every container (init first) of a workload's pod template; none for other resources. */
export function workloadContainers(type: string, name: string, props: Props): WorkloadContainer[] {
  const template = podTemplateOf(type, props);
  if (template === undefined) return [];
  const owner = subject(type, name);
  return containersOf(template.spec).map((ref) => ({ ref, where: containerSubject(owner, ref), template }));
}
