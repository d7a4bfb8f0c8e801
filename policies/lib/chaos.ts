import { isMapping } from "./documents";
import { kindOf, type Props } from "./k8s";

/** The API group of every Chaos Mesh object. */
export const CHAOS_GROUP = "chaos-mesh.org";

/** Chaos Mesh kinds that inject a fault. */
export const EXPERIMENT_KINDS: ReadonlySet<string> = new Set([
  "PodChaos",
  "NetworkChaos",
  "IOChaos",
  "StressChaos",
  "TimeChaos",
  "KernelChaos",
  "DNSChaos",
  "HTTPChaos",
  "JVMChaos",
  "BlockChaos",
  "AWSChaos",
  "GCPChaos",
  "AzureChaos",
  "PhysicalMachineChaos",
]);

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

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function workflowFaults(templates: unknown, at: string): FaultSpec[] {
  if (!Array.isArray(templates)) return [];
  return templates.flatMap((t, i) => {
    if (!isMapping(t) || typeof t.templateType !== "string" || !EXPERIMENT_KINDS.has(t.templateType)) return [];
    const spec = t[lowerFirst(t.templateType)];
    const embedded = isMapping(spec) ? (spec as Record<string, any>) : {};
    return [{ at: `${at}.templates[${i}] (${String(t.name)})`, kind: t.templateType, spec: embedded, duration: embedded.duration ?? t.deadline }];
  });
}

/** Every fault a Chaos Mesh object injects; none for other kinds (StatusCheck, …). */
export function faultsOf(type: string, props: Props): FaultSpec[] {
  const kind = chaosKind(type, props);
  const spec = isMapping(props.spec) ? (props.spec as Record<string, any>) : {};
  if (EXPERIMENT_KINDS.has(kind)) return [{ at: "spec", kind, spec, duration: spec.duration }];
  if (kind === "Schedule") {
    const inner = String(spec.type ?? "");
    if (inner === "Workflow") return workflowFaults(spec.workflow?.templates, "spec.workflow");
    const embedded = spec[lowerFirst(inner)];
    if (!EXPERIMENT_KINDS.has(inner) || !isMapping(embedded)) return [];
    return [{ at: `spec.${lowerFirst(inner)}`, kind: inner, spec: embedded as Record<string, any>, duration: embedded.duration }];
  }
  if (kind === "Workflow") return workflowFaults(spec.templates, "spec");
  return [];
}

/** The pod selectors of a fault: its `selector`, and a NetworkChaos' `target.selector`. */
export function selectorsOf(fault: FaultSpec): { at: string; selector: Record<string, any> | undefined; mode: unknown; value: unknown }[] {
  const out = [{ at: `${fault.at}.selector`, selector: fault.spec.selector, mode: fault.spec.mode, value: fault.spec.value }];
  if (fault.kind === "NetworkChaos" && isMapping(fault.spec.target)) {
    const t = fault.spec.target as Record<string, any>;
    out.push({ at: `${fault.at}.target.selector`, selector: t.selector, mode: t.mode, value: t.value });
  }
  return out;
}
