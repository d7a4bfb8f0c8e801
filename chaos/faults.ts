/**
 * Builders from one typed fault to the Chaos Mesh spec of its kind (PodChaos, NetworkChaos,
 * StressChaos, DNSChaos, HTTPChaos), as used in a Workflow template: no `duration` (the
 * template's `deadline` bounds it). Pure; inputs are validated before (see validate.ts).
 */
import type { ServiceDeclaration } from "../catalogue/types";
import { selectPods, servicePods, type PodScope, type PodSelectorSpec } from "./selectors";
import type {
  ChaosFault,
  ChaosScope,
  ContainerKillFault,
  CpuStressFault,
  DnsFault,
  HttpAbortFault,
  HttpDelayFault,
  MemoryStressFault,
  NetworkFault,
  PodFailureFault,
  PodKillFault,
} from "./types";

/** Chaos Mesh kinds generated here, with the Workflow/Schedule field that embeds their spec. */
export const CHAOS_KINDS = {
  PodChaos: "podChaos",
  NetworkChaos: "networkChaos",
  StressChaos: "stressChaos",
  DNSChaos: "dnsChaos",
  HTTPChaos: "httpChaos",
} as const;
export type ChaosKind = keyof typeof CHAOS_KINDS;

/** A Chaos Mesh spec with its kind. */
export interface ChaosSpec {
  kind: ChaosKind;
  spec: Record<string, unknown>;
}

/** Where a dependency fault points: a declared service's pods, or an external system's hosts. */
export type DependencyTarget =
  | { kind: "service"; service: ServiceDeclaration }
  | { kind: "external"; name: string; hosts: string[] };

/** The fields every selector-based spec starts with. */
function selected(service: ServiceDeclaration, scope: PodScope): { selector: PodSelectorSpec; mode: string; value?: string } {
  const m = selectPods(service, scope);
  return { selector: m.selector, mode: m.mode, ...(m.value === undefined ? {} : { value: m.value }) };
}

/** PodChaos `pod-kill`. */
export function podKillSpec(service: ServiceDeclaration, fault: PodKillFault, scope: ChaosScope): ChaosSpec {
  const grace = fault.gracePeriodSeconds ?? 0;
  return { kind: "PodChaos", spec: { action: "pod-kill", ...selected(service, scope), ...(grace === 0 ? {} : { gracePeriod: grace }) } };
}

/** PodChaos `pod-failure`; a zone scope fails every pod on nodes of one zone. */
export function podFailureSpec(service: ServiceDeclaration, _fault: PodFailureFault, scope: PodScope): ChaosSpec {
  return { kind: "PodChaos", spec: { action: "pod-failure", ...selected(service, scope) } };
}

/** PodChaos `container-kill`. */
export function containerKillSpec(service: ServiceDeclaration, fault: ContainerKillFault, scope: ChaosScope): ChaosSpec {
  return { kind: "PodChaos", spec: { action: "container-kill", ...selected(service, scope), containerNames: [...fault.containers] } };
}

/**
 * `target` (declared service) or `externalTargets` (external hosts) of a NetworkChaos. The target
 * side takes mode `all`: the fault reaches only traffic to and from the source pods, whose mode
 * is bounded, so every pod of the dependency is the right destination (a dependency pod left out
 * would let part of the calls through and weaken the experiment, not bound it).
 */
function networkTarget(target: DependencyTarget): Record<string, unknown> {
  if (target.kind === "service") return { target: { mode: "all", selector: servicePods(target.service) } };
  return { externalTargets: [...target.hosts] };
}

/** Percent as Chaos Mesh's float string: 25 → "25", 0.5 → "0.5". */
function percent(value: number): string {
  return String(value);
}

/** NetworkChaos delay / loss / duplicate / partition from this service's pods (a bounded scope, or one zone's) to a dependency. */
export function networkSpec(service: ServiceDeclaration, fault: NetworkFault, scope: PodScope, target: DependencyTarget): ChaosSpec {
  const base = { ...selected(service, scope), direction: fault.kind === "network-partition" ? (fault.direction ?? "to") : "to", ...networkTarget(target) };
  const corr = (c: number | undefined) => (c === undefined ? {} : { correlation: percent(c) });
  switch (fault.kind) {
    case "network-delay":
      return {
        kind: "NetworkChaos",
        spec: { action: "delay", ...base, delay: { latency: fault.latency, ...(fault.jitter === undefined ? {} : { jitter: fault.jitter }), ...corr(fault.correlationPercent) } },
      };
    case "network-loss":
      return { kind: "NetworkChaos", spec: { action: "loss", ...base, loss: { loss: percent(fault.lossPercent), ...corr(fault.correlationPercent) } } };
    case "network-duplicate":
      return { kind: "NetworkChaos", spec: { action: "duplicate", ...base, duplicate: { duplicate: percent(fault.duplicatePercent), ...corr(fault.correlationPercent) } } };
    case "network-partition":
      return { kind: "NetworkChaos", spec: { action: "partition", ...base } };
  }
}

/** StressChaos with a CPU or a memory stressor. */
export function stressSpec(service: ServiceDeclaration, fault: CpuStressFault | MemoryStressFault, scope: ChaosScope): ChaosSpec {
  const stressors =
    fault.kind === "cpu-stress"
      ? { cpu: { workers: fault.workers, load: fault.loadPercent } }
      : { memory: { workers: fault.workers, size: fault.size } };
  const containers = fault.containers === undefined ? {} : { containerNames: [...fault.containers] };
  return { kind: "StressChaos", spec: { ...selected(service, scope), ...containers, stressors } };
}

/**
 * Domain patterns of a dependency: `<name>.<namespace>.*` for a declared service (covers the
 * cluster-local FQDN the resolver's search path produces), the hosts of an external system.
 */
export function dnsPatterns(target: DependencyTarget): string[] {
  if (target.kind === "service") return [`${target.service.name}.${target.service.namespace}.*`];
  return [...target.hosts];
}

/** DNSChaos for the dependency's names, seen from this service's pods. */
export function dnsSpec(service: ServiceDeclaration, fault: DnsFault, scope: ChaosScope, target: DependencyTarget): ChaosSpec {
  return { kind: "DNSChaos", spec: { action: fault.action ?? "error", ...selected(service, scope), patterns: dnsPatterns(target) } };
}

/** HTTPChaos on the service's inbound requests: abort or delay. */
export function httpSpec(service: ServiceDeclaration, fault: HttpAbortFault | HttpDelayFault, scope: ChaosScope): ChaosSpec {
  const action = fault.kind === "http-abort" ? { abort: true } : { delay: fault.delay };
  return {
    kind: "HTTPChaos",
    spec: {
      ...selected(service, scope),
      target: "Request",
      port: fault.port,
      ...(fault.path === undefined ? {} : { path: fault.path }),
      ...(fault.method === undefined ? {} : { method: fault.method }),
      ...action,
    },
  };
}

/**
 * The spec of any fault. `target` is required for dependency faults (network, DNS).
 * @throws when a dependency fault has no resolved target
 */
export function faultSpec(service: ServiceDeclaration, fault: ChaosFault, scope: ChaosScope, target?: DependencyTarget): ChaosSpec {
  const need = (): DependencyTarget => {
    if (target === undefined) throw new Error(`${service.name}: ${fault.kind} needs a resolved dependency`);
    return target;
  };
  switch (fault.kind) {
    case "pod-kill":
      return podKillSpec(service, fault, scope);
    case "pod-failure":
      return podFailureSpec(service, fault, scope);
    case "container-kill":
      return containerKillSpec(service, fault, scope);
    case "network-delay":
    case "network-loss":
    case "network-duplicate":
    case "network-partition":
      return networkSpec(service, fault, scope, need());
    case "cpu-stress":
    case "memory-stress":
      return stressSpec(service, fault, scope);
    case "dns-failure":
      return dnsSpec(service, fault, scope, need());
    case "http-abort":
    case "http-delay":
      return httpSpec(service, fault, scope);
  }
}
