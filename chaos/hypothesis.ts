/**
 * The steady-state hypothesis of an experiment, from the SLOs of its blast radius (with the
 * environment's objectives), and a one-line description of what is injected.
 */
import type { EnvironmentName, ServiceDeclaration } from "../catalogue/types";
import { resolveSlo } from "../alert-rules/resolve-slo";
import { formatNumber } from "../alert-rules/format-number";
import { describeScope } from "./selectors";
import { isScenario, type ChaosExperiment } from "./types";
import type { DependencyTarget } from "./faults";

/** Each SLO of each affected service as `checkout-api/availability ≥ 99.5% over 30d`. */
export function sloStatements(services: readonly ServiceDeclaration[], env: EnvironmentName): string[] {
  return services.flatMap((s) =>
    s.slos.map((slo) => {
      const r = resolveSlo(s, slo, env);
      return `${s.name}/${slo.name} ≥ ${formatNumber(r.objective)}% over ${r.period} (${slo.description.replace(/\s*\.$/, "")})`;
    }),
  );
}

/** The hypothesis sentence (annotation and plan); `injected` is `what(...)` of the experiment. */
export function hypothesis(e: ChaosExperiment, injected: string, target: ServiceDeclaration, affected: readonly ServiceDeclaration[]): string {
  const names = affected.map((s) => s.name).join(", ");
  const purpose = e.purpose === undefined ? "" : ` ${e.purpose.replace(/\s*\.?$/, ".")}`;
  return `While ${injected} runs against ${target.name}, no page burn-rate condition of ${names} becomes true and their SLOs hold.${purpose}`;
}

function dep(target: DependencyTarget | undefined, name: string): string {
  if (target === undefined || target.kind === "service") return name;
  return `${name} (${target.hosts.join(", ")})`;
}

/** What is injected, in words: `pod-kill of 1 of 3 pods`, `200ms latency to pricing-engine`. */
export function what(e: ChaosExperiment, target: DependencyTarget | undefined, replicas: number): string {
  if (isScenario(e)) {
    if (e.scenario === "cascading-failure") {
      return `cascading failure: ${e.latency} latency to ${dep(target, e.dependency)}, then after ${e.killAfter} pod-kill of ${describeScope(e.scope ?? { mode: "one" }, replicas)}`;
    }
    return `zone outage: ${e.outage ?? "pod-failure"} of every pod in zone ${e.zone}`;
  }
  const f = e.fault;
  const scope = describeScope(e.scope ?? { mode: "one" }, replicas);
  switch (f.kind) {
    case "pod-kill":
    case "pod-failure":
      return `${f.kind} of ${scope}`;
    case "container-kill":
      return `container-kill of ${f.containers.join(", ")} in ${scope}`;
    case "network-delay":
      return `${f.latency} latency${f.jitter === undefined ? "" : ` ±${f.jitter}`} to ${dep(target, f.dependency)} from ${scope}`;
    case "network-loss":
      return `${f.lossPercent}% packet loss to ${dep(target, f.dependency)} from ${scope}`;
    case "network-duplicate":
      return `${f.duplicatePercent}% packet duplication to ${dep(target, f.dependency)} from ${scope}`;
    case "network-partition":
      return `network partition (${f.direction ?? "to"}) from ${dep(target, f.dependency)} of ${scope}`;
    case "cpu-stress":
      return `CPU stress (${f.workers} workers at ${f.loadPercent}%) in ${scope}`;
    case "memory-stress":
      return `memory stress (${f.workers} workers × ${f.size}) in ${scope}`;
    case "dns-failure":
      return `DNS ${f.action ?? "error"} for ${dep(target, f.dependency)} in ${scope}`;
    case "http-abort":
      return `HTTP abort of ${f.method ?? "all"} ${f.path ?? "*"} requests on port ${f.port} in ${scope}`;
    case "http-delay":
      return `HTTP delay of ${f.delay} on ${f.method ?? "all"} ${f.path ?? "*"} requests on port ${f.port} in ${scope}`;
  }
}
