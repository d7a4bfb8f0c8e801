/**
 * The mapping from an experiment derived from a resilience policy (resilience/chaos-experiments.ts)
 * to a typed chaos experiment that the builders of this folder turn into Chaos Mesh objects:
 *
 * | resilience fault | chaos fault                                                 | Chaos Mesh                                   |
 * |------------------|-------------------------------------------------------------|----------------------------------------------|
 * | `latency`        | `{ kind: "network-delay", dependency, latency }`            | NetworkChaos `delay`, direction `to`         |
 * | `abort`          | `{ kind: "network-partition", dependency, direction: "to" }` | NetworkChaos `partition`, direction `to`     |
 *
 * Both act on the egress of one pod of the calling service (scope `one`, the smallest bounded
 * scope: a breaker lives in each pod, so one pod shows it opening and closing) towards the
 * dependency: a declared service's pods (selected from its declaration), or, for an external
 * system, the hosts the service's own declared experiments name (never invented). The experiment
 * is named `resilience-<dependency>-<fault>`, lasts `durationSeconds` and its purpose is the
 * policy's hypothesis. Pure.
 */
import type { ResilienceExperiment } from "../resilience/chaos-experiments";
import { formatChaosDuration } from "./duration";
import type { FaultExperiment, NetworkDelayFault, NetworkPartitionFault, WeeklySlot } from "./types";

/** Prefix of the names of derived experiments. */
export const DERIVED_NAME_PREFIX = "resilience";

/** `resilience-<dependency>-<fault>`; the object is `<service>-resilience-<dependency>-<fault>`. */
export function resilienceExperimentName(e: ResilienceExperiment): string {
  return `${DERIVED_NAME_PREFIX}-${e.dependency}-${e.fault}`;
}

/**
 * The chaos fault of a derived experiment. `externalHosts` only for an external dependency.
 * @throws when a latency experiment has no latency
 */
export function resilienceFault(e: ResilienceExperiment, externalHosts?: readonly string[]): NetworkDelayFault | NetworkPartitionFault {
  const hosts = externalHosts === undefined ? {} : { externalHosts: [...externalHosts] };
  if (e.fault === "abort") return { kind: "network-partition", dependency: e.dependency, direction: "to", ...hosts };
  if (e.latency === undefined) throw new Error(`${e.service}: the latency experiment on ${e.dependency} has no latency`);
  return { kind: "network-delay", dependency: e.dependency, latency: e.latency, ...hosts };
}

/** The typed chaos experiment of a derived experiment, in `slot`. */
export function resilienceChaosExperiment(e: ResilienceExperiment, slot: WeeklySlot, externalHosts?: readonly string[]): FaultExperiment {
  return {
    name: resilienceExperimentName(e),
    duration: formatChaosDuration(e.durationSeconds * 1000),
    schedule: { ...slot },
    purpose: e.hypothesis,
    fault: resilienceFault(e, externalHosts),
    scope: { mode: "one" },
  };
}
