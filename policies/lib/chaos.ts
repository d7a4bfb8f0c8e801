import { isMapping } from "./documents";
import { kindOf, type Props } from "./k8s";

/** The API group of every Chaos Mesh object. */
export const CHAOS_GROUP = "chaos-mesh.org";

/**
 * Chaos Mesh kinds that inject a fault, with the field a Schedule or a Workflow template embeds
 * their spec under (`EmbedChaos` in api/v1alpha1 of the pinned Chaos Mesh API module). The
 * field is not always the kind with a lower-case first letter: `dnsChaos`, `httpChaos`,
 * `ioChaos`, `jvmChaos`, `awsChaos`, `gcpChaos`, and `physicalmachineChaos` (sic).
 */
export const EMBED_FIELDS: Readonly<Record<string, string>> = {
  AWSChaos: "awsChaos",
  AzureChaos: "azureChaos",
  BlockChaos: "blockChaos",
  DNSChaos: "dnsChaos",
  GCPChaos: "gcpChaos",
  HTTPChaos: "httpChaos",
  IOChaos: "ioChaos",
  JVMChaos: "jvmChaos",
  KernelChaos: "kernelChaos",
  NetworkChaos: "networkChaos",
  PhysicalMachineChaos: "physicalmachineChaos",
  PodChaos: "podChaos",
  StressChaos: "stressChaos",
  TimeChaos: "timeChaos",
};

/** Chaos Mesh kinds that inject a fault. */
export const EXPERIMENT_KINDS: ReadonlySet<string> = new Set(Object.keys(EMBED_FIELDS));

/** Node (and pod) label that names a topology zone. */
export const ZONE_LABEL = "topology.kubernetes.io/zone";

/** Whether a resource is a Chaos Mesh object (by type token or apiVersion). */
export function isChaosObject(type: string, props: Props): boolean {
  return type.startsWith(`kubernetes:${CHAOS_GROUP}/`) || String(props.apiVersion ?? "").startsWith(`${CHAOS_GROUP}/`);
}

/** The kind of a Chaos Mesh object. */
export function chaosKind(type: string, props: Props): string {
  return type.startsWith(`kubernetes:${CHAOS_GROUP}/`) ? kindOf(type) : String(props.kind ?? "");
}

/** One fault an object injects: the experiment itself, a Schedule's embedded one, or a Workflow template's. */
export interface FaultSpec {
  /** Where in the object, e.g. `spec`, `spec.podChaos`, `spec.templates[1] (kill-caller)`. */
  at: string;
  /** The experiment kind, e.g. `PodChaos`. */
  kind: string;
  /** The experiment spec (selector, mode, value, duration, …). */
  spec: Record<string, any>;
  /** The duration that bounds the fault: `duration`, or a Workflow template's `deadline`. */
  duration: unknown;
}

/** The fault a Schedule spec (or a Workflow `Schedule` template's `schedule`) embeds under its `type`'s field. */
function embeddedFault(spec: Record<string, any>, at: string, duration: (embedded: Record<string, any>) => unknown): FaultSpec[] {
  const inner = String(spec.type ?? "");
  const field = EMBED_FIELDS[inner];
  if (field === undefined) return [];
  const embedded = isMapping(spec[field]) ? (spec[field] as Record<string, any>) : {};
  return [{ at: `${at}.${field}`, kind: inner, spec: embedded, duration: duration(embedded) }];
}

function workflowFaults(templates: unknown, at: string): FaultSpec[] {
  if (!Array.isArray(templates)) return [];
  return templates.flatMap((t, i) => {
    if (!isMapping(t) || typeof t.templateType !== "string") return [];
    const where = `${at}.templates[${i}] (${String(t.name)})`;
    if (t.templateType === "Schedule") {
      return isMapping(t.schedule) ? embeddedFault(t.schedule as Record<string, any>, `${where}.schedule`, (e) => e.duration ?? t.deadline) : [];
    }
    const field = EMBED_FIELDS[t.templateType];
    if (field === undefined) return [];
    const embedded = isMapping(t[field]) ? (t[field] as Record<string, any>) : {};
    return [{ at: where, kind: t.templateType, spec: embedded, duration: embedded.duration ?? t.deadline }];
  });
}

/** Every fault a Chaos Mesh object injects; none for other kinds (StatusCheck, …). */
export function faultsOf(type: string, props: Props): FaultSpec[] {
  const kind = chaosKind(type, props);
  const spec = isMapping(props.spec) ? (props.spec as Record<string, any>) : {};
  if (EXPERIMENT_KINDS.has(kind)) return [{ at: "spec", kind, spec, duration: spec.duration }];
  if (kind === "Schedule") {
    if (spec.type === "Workflow") return workflowFaults(spec.workflow?.templates, "spec.workflow");
    return embeddedFault(spec, "spec", (e) => e.duration);
  }
  if (kind === "Workflow") return workflowFaults(spec.templates, "spec");
  return [];
}

/** One pod selector of a fault, with its mode. */
export interface SelectorSpec {
  /** Where it is, e.g. `spec.selector`, `spec.target.selector`. */
  at: string;
  /** `source`: the pods the fault is injected into; `target`: the other side of a NetworkChaos. */
  role: "source" | "target";
  selector: Record<string, any> | undefined;
  mode: unknown;
  value: unknown;
}

/** The pod selectors of a fault: its `selector`, and a NetworkChaos' `target.selector`. */
export function selectorsOf(fault: FaultSpec): SelectorSpec[] {
  const out: SelectorSpec[] = [{ at: `${fault.at}.selector`, role: "source", selector: fault.spec.selector, mode: fault.spec.mode, value: fault.spec.value }];
  if (fault.kind === "NetworkChaos" && isMapping(fault.spec.target)) {
    const t = fault.spec.target as Record<string, any>;
    out.push({ at: `${fault.at}.target.selector`, role: "target", selector: t.selector, mode: t.mode, value: t.value });
  }
  return out;
}

/**
 * The zone a selector is scoped to, if it names exactly one: `nodeSelectors` with the zone label
 * (pods on nodes of that zone), or an `expressionSelectors` requirement `<zone label> In [one zone]`
 * (pods that carry the zone label).
 */
export function zoneOf(selector: Record<string, any> | undefined): string | undefined {
  if (!isMapping(selector)) return undefined;
  const node = isMapping(selector.nodeSelectors) ? (selector.nodeSelectors as Record<string, unknown>)[ZONE_LABEL] : undefined;
  if (typeof node === "string" && node !== "") return node;
  const expressions: unknown[] = Array.isArray(selector.expressionSelectors) ? selector.expressionSelectors : [];
  for (const e of expressions) {
    if (!isMapping(e) || e.key !== ZONE_LABEL || e.operator !== "In" || !Array.isArray(e.values) || e.values.length !== 1) continue;
    if (typeof e.values[0] === "string" && e.values[0] !== "") return e.values[0];
  }
  return undefined;
}
