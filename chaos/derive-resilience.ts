/**
 * Proof by chaos: in a stack where experiments run, every declared service with dependencies gets
 * the staging experiments derived from its resilience policies (resilience/chaos-experiments.ts,
 * mapped by from-resilience.ts), through the same stack rails as the declared experiments
 * (stack-rails.ts), each in its own slot (derived-slots.ts): a window that overlaps no window of
 * another experiment, declared or derived, whose blast radius shares a service with its own (the
 * rule validate.ts applies between declared experiments, so results and mutes never mix).
 *
 * The rails decide differently here, because nobody declared these experiments:
 * - where the stack or the declaration does not opt in, the experiment is *not derived*, and the
 *   plan lists it with the reason: the service has no SLO (no steady-state hypothesis), an
 *   external dependency has no host declared (its hosts are taken only from the service's own
 *   declared experiments on it, never invented), a namespace is protected or not annotated for
 *   chaos, scope `one` would touch every replica of a critical service, or the object name
 *   would be too long;
 * - a derived experiment longer than the stack's `chaos.maxDuration` is an *error*, naming the
 *   dependency's policy: its length comes from the policy's numbers (two open periods of the
 *   breaker), and a clamped experiment would end before the breaker could be seen closing again,
 *   so it would not test what its hypothesis claims;
 * - a declared experiment that already has a derived experiment's name is an error (the objects
 *   would collide), and so is a week without a free slot.
 */
import type { CataloguedService, ServiceDeclaration } from "../catalogue/types";
import { deriveResilienceExperiments, type ResilienceExperiment } from "../resilience/chaos-experiments";
import { resolveResiliencePolicies } from "../resilience/resolve";
import { blastRadius } from "./blast-radius";
import { describeDerivedSlots, firstFreeSlot } from "./derived-slots";
import { formatChaosDuration } from "./duration";
import type { DependencyTarget } from "./faults";
import { resilienceChaosExperiment, resilienceExperimentName } from "./from-resilience";
import { DEFAULT_SCOPE, findService, replicasIn } from "./selectors";
import { chaosKey, durationProblem, namespaceProblems, scopeProblem, stackRailsOf, type StackRails } from "./stack-rails";
import { isScenario } from "./types";
import { ChaosValidationError, MAX_OBJECT_NAME, type ChaosValidationInput, type ResolvedExperiment } from "./validate";
import type { ExperimentWindow } from "./windows";

/** A derived experiment the stack does not run, and why. */
export interface NotDerivedExperiment {
  service: CataloguedService;
  /** `dependencies[1].resilience`. */
  field: string;
  /** `resilience-<dependency>-<fault>`. */
  name: string;
  source: ResilienceExperiment;
  reason: string;
}

/** The derived experiments of a stack. */
export interface DerivedChaos {
  /** Experiments that passed the rails, scheduled, in catalogue, dependency and fault order. */
  resolved: ResolvedExperiment[];
  /** Experiments the stack does not run, in the same order. */
  notDerived: NotDerivedExperiment[];
}

/** Hosts of an external dependency named by the service's own declared experiments, with the fields they come from. */
function declaredHosts(d: ServiceDeclaration, dependency: string): { hosts: string[]; from: string[] } {
  const hosts = new Set<string>();
  const from: string[] = [];
  (d.chaos?.experiments ?? []).forEach((e, j) => {
    const named = isScenario(e)
      ? e.scenario === "cascading-failure" && e.dependency === dependency
        ? { hosts: e.externalHosts, field: `chaos.experiments[${j}].externalHosts` }
        : undefined
      : "dependency" in e.fault && e.fault.dependency === dependency
        ? { hosts: e.fault.externalHosts, field: `chaos.experiments[${j}].fault.externalHosts` }
        : undefined;
    if (named?.hosts === undefined || named.hosts.length === 0) return;
    named.hosts.forEach((h) => hosts.add(h));
    from.push(named.field);
  });
  return { hosts: [...hosts].sort(), from };
}

/** Why a derived experiment cannot run in this stack, or its target (and hosts' origin). */
function railsOf(
  rails: StackRails,
  svc: CataloguedService,
  catalogue: readonly CataloguedService[],
  e: ResilienceExperiment,
  replicas: number,
): { reason: string } | { target: DependencyTarget; hostsFrom?: string[] } {
  const d = svc.declaration;
  if ((d.slos ?? []).length === 0) return { reason: `${d.name} has no SLO: no steady-state hypothesis, no experiment` };
  let target: DependencyTarget;
  let hostsFrom: string[] | undefined;
  if (e.dependencyKind === "external") {
    const h = declaredHosts(d, e.dependency);
    if (h.hosts.length === 0) {
      return { reason: `no host declared: ${e.dependency} is an external system, and no experiment in chaos.experiments of ${d.name} names its externalHosts` };
    }
    target = { kind: "external", name: e.dependency, hosts: h.hosts };
    hostsFrom = h.from;
  } else {
    const found = findService(catalogue, e.dependency);
    if (found === undefined) return { reason: `${e.dependency} is not a declared service` };
    target = { kind: "service", service: found.declaration };
  }
  const objectName = `${d.name}-${resilienceExperimentName(e)}`;
  if (objectName.length > MAX_OBJECT_NAME) return { reason: `the object name "${objectName}" would be longer than ${MAX_OBJECT_NAME} characters` };
  const namespaces = namespaceProblems(rails, [d.namespace, ...(target.kind === "service" ? [target.service.namespace] : [])]);
  if (namespaces.length > 0) return { reason: namespaces.join("; ") };
  const scope = scopeProblem(rails, d, DEFAULT_SCOPE, replicas);
  if (scope !== undefined) return { reason: `scope { mode: "one" } ${scope.message}` };
  return { target, ...(hostsFrom === undefined ? {} : { hostsFrom }) };
}

function tooLongMessage(rails: StackRails, e: ResilienceExperiment, duration: string, openDurationMs: number | undefined): string {
  const base =
    `the ${e.fault} experiment derived from this policy (${resilienceExperimentName(e)}) lasts ${duration}, longer than the maximum ${rails.maxDuration} ` +
    `of ${rails.stackFile} (${chaosKey("maxDuration")}), so the policy cannot be proven in ${rails.environment}`;
  if (openDurationMs === undefined) return `${base}; raise the maximum`;
  return (
    `${base}: the experiment outlasts two open periods of the circuit breaker (${formatChaosDuration(openDurationMs)} each) to see it close again; ` +
    `shorten circuitBreaker.openDuration for ${rails.environment}, or raise the maximum`
  );
}

/**
 * The experiments derived from the resilience policies of the catalogue's services in a stack
 * where experiments run (none elsewhere), checked by the stack rails and scheduled around the
 * `declared` experiments (which passed `validateChaos`).
 *
 * @throws ChaosValidationError naming the service file and field of every problem
 * @throws Error when a service's resilience policies cannot be resolved (resilience/resolve.ts)
 */
export function deriveResilienceChaos(input: ChaosValidationInput, declared: readonly ResolvedExperiment[]): DerivedChaos {
  const rails = stackRailsOf(input);
  const out: DerivedChaos = { resolved: [], notDerived: [] };
  if (!rails.active) return out;
  const problems: string[] = [];
  const taken: { window: ExperimentWindow; affected: Set<string> }[] = declared.map((r) => ({ window: r.window, affected: new Set(r.affected.map((s) => s.name)) }));
  for (const svc of input.services) {
    const d = svc.declaration;
    const deps = d.dependencies ?? [];
    if (deps.length === 0) continue;
    const doc = resolveResiliencePolicies(svc, input.services, input.environment);
    const replicas = replicasIn(d, input.environment);
    for (const e of deriveResilienceExperiments(doc)) {
      const dependencyIndex = deps.findIndex((dep) => ("service" in dep ? dep.service : dep.external) === e.dependency);
      const field = `dependencies[${dependencyIndex}].resilience`;
      const name = resilienceExperimentName(e);
      const clash = (d.chaos?.experiments ?? []).findIndex((x) => x.name === name);
      if (clash >= 0) {
        problems.push(`${svc.file}: chaos.experiments[${clash}].name: "${name}" is the name of the experiment derived from ${field}; rename it`);
        continue;
      }
      const r = railsOf(rails, svc, input.services, e, replicas);
      if ("reason" in r) {
        out.notDerived.push({ service: svc, field, name, source: e, reason: r.reason });
        continue;
      }
      const duration = formatChaosDuration(e.durationSeconds * 1000);
      if (durationProblem(rails, duration) !== undefined) {
        problems.push(`${svc.file}: ${field}: ${tooLongMessage(rails, e, duration, doc.dependencies[e.dependency].circuitBreaker?.openDurationMs)}`);
        continue;
      }
      const affected = blastRadius(d, input.services);
      const names = affected.map((s) => s.name);
      const free = firstFreeSlot(duration, taken.filter((t) => names.some((n) => t.affected.has(n))).map((t) => t.window));
      if (free === undefined) {
        problems.push(
          `${svc.file}: ${field}: no slot is left for the experiment ${name} derived from this policy (${duration}): every start (${describeDerivedSlots()}) ` +
            `opens a window that overlaps the window of another experiment on a service of its blast radius (${names.join(", ")}); move or remove declared experiments`,
        );
        continue;
      }
      taken.push({ window: free.window, affected: new Set(names) });
      const experiment = resilienceChaosExperiment(e, free.slot, externalHostsOf(r.target));
      out.resolved.push({
        service: svc,
        origin: { kind: "resilience-policy", dependencyIndex, source: e, ...(r.hostsFrom === undefined ? {} : { hostsFrom: r.hostsFrom }) },
        field,
        experiment,
        name: `${d.name}-${experiment.name}`,
        target: r.target,
        affected,
        replicas,
        window: free.window,
      });
    }
  }
  if (problems.length > 0) throw new ChaosValidationError(problems);
  return out;
}

/** The hosts to put in the fault of an external target. */
function externalHostsOf(t: DependencyTarget): string[] | undefined {
  return t.kind === "external" ? t.hosts : undefined;
}
