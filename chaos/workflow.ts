/**
 * Workflows of experiments. Every experiment runs as a Workflow whose entry is a Parallel
 * node holding the SLO guard (a StatusCheck with `abortWithStatusCheck`) beside the faults,
 * so a burning SLO in the blast radius stops the faults:
 *
 * - a single fault: `Parallel [slo-guard, <fault>]`;
 * - cascading failure: `Parallel [slo-guard, dependency-latency, Serial [wait, caller-pod-kill]]`;
 * - zone outage: `Parallel [slo-guard, zone-pod-failure]` or one `zone-partition-<dependency>`
 *   per declared service dependency.
 */
import type { ServiceDeclaration } from "../catalogue/types";
import { chaosDurationMs, formatChaosDuration } from "./duration";
import { CHAOS_KINDS, faultSpec, networkSpec, podFailureSpec, podKillSpec, type ChaosSpec, type DependencyTarget } from "./faults";
import { sloGuardTemplate, GUARD_TEMPLATE, type GuardTemplateArgs } from "./guard";
import { DEFAULT_SCOPE, type ZoneScope } from "./selectors";
import type { CascadingFailureExperiment, FaultExperiment, ZoneOutageExperiment } from "./types";

/** A Chaos Mesh WorkflowSpec. */
export interface WorkflowSpec {
  entry: string;
  templates: Record<string, unknown>[];
}

/** Name of every workflow's entry node (fixed, so it never collides with a fault's template name). */
export const ENTRY_TEMPLATE = "experiment";

/** A chaos template: `templateType` is the kind, the spec sits under the kind's field. */
export function chaosTemplate(name: string, chaos: ChaosSpec, deadline: string): Record<string, unknown> {
  return { name, templateType: chaos.kind, deadline, [CHAOS_KINDS[chaos.kind]]: chaos.spec };
}

/** The guard arguments minus the duration, which each workflow sets. */
export type GuardContext = Omit<GuardTemplateArgs, "duration">;

function parallel(children: Record<string, unknown>[], guard: GuardContext, duration: string): WorkflowSpec {
  return {
    entry: ENTRY_TEMPLATE,
    templates: [
      { name: ENTRY_TEMPLATE, templateType: "Parallel", children: [GUARD_TEMPLATE, ...children.map((c) => c.name as string)] },
      sloGuardTemplate({ ...guard, duration }),
      ...children,
    ],
  };
}

/** Workflow of one fault. `target` is the resolved dependency of network and DNS faults. */
export function faultWorkflow(service: ServiceDeclaration, e: FaultExperiment, guard: GuardContext, target?: DependencyTarget): WorkflowSpec {
  const chaos = faultSpec(service, e.fault, e.scope ?? DEFAULT_SCOPE, target);
  return parallel([chaosTemplate(e.fault.kind, chaos, e.duration)], guard, e.duration);
}

/** Cascading failure: latency on the scoped caller pods' calls to the dependency for `duration`, and after `killAfter` a pod kill of the scoped caller pods. */
export function cascadingFailureWorkflow(
  service: ServiceDeclaration,
  e: CascadingFailureExperiment,
  guard: GuardContext,
  target: DependencyTarget,
): WorkflowSpec {
  const scope = e.scope ?? DEFAULT_SCOPE;
  const latency = networkSpec(service, { kind: "network-delay", dependency: e.dependency, latency: e.latency }, scope, target);
  const killFor = formatChaosDuration(chaosDurationMs(e.duration) - chaosDurationMs(e.killAfter));
  const kill = podKillSpec(service, { kind: "pod-kill" }, scope);
  const wf = parallel(
    [
      chaosTemplate("dependency-latency", latency, e.duration),
      { name: "caller-kill-after", templateType: "Serial", children: ["wait", "caller-pod-kill"] },
    ],
    guard,
    e.duration,
  );
  wf.templates.push({ name: "wait", templateType: "Suspend", deadline: e.killAfter }, chaosTemplate("caller-pod-kill", kill, killFor));
  return wf;
}

/**
 * Zone outage: every pod of the service on nodes of `zone` fails, or is cut off from each
 * declared service dependency (`dependencies` are those services).
 */
export function zoneOutageWorkflow(
  service: ServiceDeclaration,
  e: ZoneOutageExperiment,
  guard: GuardContext,
  dependencies: readonly ServiceDeclaration[],
): WorkflowSpec {
  const zone: ZoneScope = { mode: "zone", zone: e.zone };
  if ((e.outage ?? "pod-failure") === "pod-failure") {
    return parallel([chaosTemplate("zone-pod-failure", podFailureSpec(service, { kind: "pod-failure" }, zone), e.duration)], guard, e.duration);
  }
  const partitions = dependencies.map((dep) =>
    chaosTemplate(
      `zone-partition-${dep.name}`,
      networkSpec(service, { kind: "network-partition", dependency: dep.name, direction: "to" }, zone, { kind: "service", service: dep }),
      e.duration,
    ),
  );
  return parallel(partitions, guard, e.duration);
}
