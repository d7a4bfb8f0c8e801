/**
 * The chaos section of a service declaration: typed experiments a team declares next to its
 * SLOs. Plain data, no Pulumi. Builders in this folder turn it into Chaos Mesh objects; every
 * pod selector is derived from the declaration (namespace and `app.kubernetes.io/name`),
 * never written by hand.
 */

/** Days a recurring experiment may start on (UTC). */
export const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When a recurring experiment starts: once a week, at a fixed UTC time. */
export interface WeeklySlot {
  /** Day of the week (UTC). @default - none (required) */
  day: Weekday;
  /** Start time as `HH:MM`, 24-hour, UTC. @default - none (required) */
  at: string;
}

/**
 * How many of the service's pods a fault touches (Chaos Mesh `mode`/`value`): always a bounded
 * share, never `all`. In the stack it leaves at least one replica untouched (a non-critical
 * service that runs a single replica is the exception: one pod is the least there is), and a
 * percentage is at most the stack's `chaos.maxPercent`. Only the zone-outage scenario takes every
 * pod, of one zone.
 */
export type ChaosScope =
  | { /** Exactly one pod. */ mode: "one" }
  | { /** A fixed number of pods. */ mode: "fixed"; /** Number of pods (≥ 1, fewer than the replicas). */ pods: number }
  | { /** A fixed share of the pods, rounded down. */ mode: "fixed-percent"; /** Percent (1 to the stack's `chaos.maxPercent`). */ percent: number };

/** Kill pods (they are recreated by their controller). */
export interface PodKillFault {
  kind: "pod-kill";
  /** Grace period of the deletion in seconds; 0 kills at once. @default 0 */
  gracePeriodSeconds?: number;
}

/** Make pods unavailable for the experiment's duration (their containers are replaced by a pause image). */
export interface PodFailureFault {
  kind: "pod-failure";
}

/** Kill named containers of the pods. */
export interface ContainerKillFault {
  kind: "container-kill";
  /** Container names, at least one. @default - none (required) */
  containers: string[];
}

/**
 * Common fields of the faults between this service and one of its declared dependencies. For a
 * declared service the target pods are derived from its declaration; for an external system the
 * hosts it is reached at must be named (the declaration does not know them).
 */
export interface DependencyFaultBase {
  /** Name of a dependency listed in this service's `dependencies` (a service or an external system). @default - none (required) */
  dependency: string;
  /** Host names (or CIDRs for network faults) of an external dependency; only for external dependencies. @default - none (required for externals) */
  externalHosts?: string[];
}

/** Delay packets from this service to the dependency. */
export interface NetworkDelayFault extends DependencyFaultBase {
  kind: "network-delay";
  /** Added latency, a duration like `200ms`. @default - none (required) */
  latency: string;
  /** Jitter around the latency. @default "0ms" */
  jitter?: string;
  /** Correlation with the previous packet's delay, percent. @default 0 */
  correlationPercent?: number;
}

/** Drop packets from this service to the dependency. */
export interface NetworkLossFault extends DependencyFaultBase {
  kind: "network-loss";
  /** Share of packets dropped, percent (0 < x ≤ 100). @default - none (required) */
  lossPercent: number;
  /** Correlation with the previous packet, percent. @default 0 */
  correlationPercent?: number;
}

/** Duplicate packets from this service to the dependency. */
export interface NetworkDuplicateFault extends DependencyFaultBase {
  kind: "network-duplicate";
  /** Share of packets duplicated, percent (0 < x ≤ 100). @default - none (required) */
  duplicatePercent: number;
  /** Correlation with the previous packet, percent. @default 0 */
  correlationPercent?: number;
}

/** Cut this service off from the dependency. */
export interface NetworkPartitionFault extends DependencyFaultBase {
  kind: "network-partition";
  /** `to`: only this service's outgoing traffic; `both`: both ways (also injects into the dependency's pods). @default "to" */
  direction?: "to" | "both";
}

/** Burn CPU inside the service's containers. */
export interface CpuStressFault {
  kind: "cpu-stress";
  /** Number of stress workers. @default - none (required) */
  workers: number;
  /** Load each worker puts on one CPU, percent (1–100). @default - none (required) */
  loadPercent: number;
  /** Containers to stress. @default - every container of the pod */
  containers?: string[];
}

/** Allocate memory inside the service's containers. */
export interface MemoryStressFault {
  kind: "memory-stress";
  /** Number of stress workers. @default - none (required) */
  workers: number;
  /** Memory per worker: bytes with a unit (`256MB`, `1GB`) or a share of the limit (`50%`). @default - none (required) */
  size: string;
  /** Containers to stress. @default - every container of the pod */
  containers?: string[];
}

/** Make DNS lookups of a dependency's name fail (`error`) or return random addresses (`random`). */
export interface DnsFault extends DependencyFaultBase {
  kind: "dns-failure";
  /** What the resolver answers. @default "error" */
  action?: "error" | "random";
}

/** Common fields of HTTP faults injected into this service's inbound requests. */
export interface HttpFaultBase {
  /** Container port the service serves HTTP on. @default - none (required) */
  port: number;
  /** Request path the fault applies to (`*` wildcards allowed). @default - every path */
  path?: string;
  /** HTTP method the fault applies to. @default - every method */
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
}

/** Abort inbound HTTP requests (the connection is closed without a response). */
export interface HttpAbortFault extends HttpFaultBase {
  kind: "http-abort";
}

/** Delay inbound HTTP requests. */
export interface HttpDelayFault extends HttpFaultBase {
  kind: "http-delay";
  /** Added delay, a duration like `2s`. @default - none (required) */
  delay: string;
}

export type NetworkFault = NetworkDelayFault | NetworkLossFault | NetworkDuplicateFault | NetworkPartitionFault;
export type ChaosFault =
  | PodKillFault
  | PodFailureFault
  | ContainerKillFault
  | NetworkFault
  | CpuStressFault
  | MemoryStressFault
  | DnsFault
  | HttpAbortFault
  | HttpDelayFault;

/** Fields every experiment has. */
export interface ExperimentBase {
  /** DNS-1123 label, unique within the service; objects are named `<service>-<name>`. @default - none (required) */
  name: string;
  /** How long the fault is active, a duration like `5m` (at most the stack's `chaos.maxDuration`). @default - none (required) */
  duration: string;
  /** When the experiment runs, weekly. @default - none (required) */
  schedule: WeeklySlot;
  /** What the experiment is meant to show, in one sentence (added to the SLO hypothesis in the plan). @default - none */
  purpose?: string;
}

/** One fault against this service. */
export interface FaultExperiment extends ExperimentBase {
  /** The fault. @default - none (required) */
  fault: ChaosFault;
  /** How many of the service's pods are affected. @default { mode: "one" } */
  scope?: ChaosScope;
}

/**
 * Cascading failure: latency on the calls to a dependency for the whole duration and, once
 * `killAfter` has passed, a pod kill on this service (the caller).
 */
export interface CascadingFailureExperiment extends ExperimentBase {
  scenario: "cascading-failure";
  /** Dependency whose calls get slow (as in `NetworkDelayFault.dependency`). @default - none (required) */
  dependency: string;
  /** Hosts of an external dependency. @default - none (required for externals) */
  externalHosts?: string[];
  /** Added latency on the dependency calls. @default - none (required) */
  latency: string;
  /** Time after the start at which the caller's pods are killed; shorter than `duration`. @default - none (required) */
  killAfter: string;
  /** How many caller pods are killed. @default { mode: "one" } */
  scope?: ChaosScope;
}

/** Zone outage: every pod of the service in one topology zone fails, or is cut off from its service dependencies. */
export interface ZoneOutageExperiment extends ExperimentBase {
  scenario: "zone-outage";
  /** Value of the nodes' `topology.kubernetes.io/zone` label. @default - none (required) */
  zone: string;
  /** `pod-failure`: the zone's pods stop serving; `partition`: they lose every declared service dependency. @default "pod-failure" */
  outage?: "pod-failure" | "partition";
}

export type ScenarioExperiment = CascadingFailureExperiment | ZoneOutageExperiment;
export type ChaosExperiment = FaultExperiment | ScenarioExperiment;

/** The `chaos` section of a service declaration. */
export interface ChaosDeclaration {
  /** Experiments against this service; each needs the service to have at least one SLO. @default - none (required) */
  experiments: ChaosExperiment[];
}

/** True for the advanced scenarios (cascading failure, zone outage). */
export function isScenario(e: ChaosExperiment): e is ScenarioExperiment {
  return "scenario" in e;
}
