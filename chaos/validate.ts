/**
 * Safety rails, enforced before anything is generated (the policy pack checks them again at
 * preview). Every problem is reported at once, one per line, as
 * `<file>: <field path>: <what is wrong>`, naming the service file and the field, or the stack
 * file and the config key:
 *
 *     stacks/services/checkout-api.ts: chaos.experiments[0].scope.mode: "all" would hit every pod of checkout-api; use "one", "fixed" or "fixed-percent" (only the zone-outage scenario takes every pod, of one zone)
 *
 * Declarations are checked in every stack; the stack rails (maximum duration and percentage,
 * protected and annotated namespaces, replicas; stack-rails.ts) only where experiments are
 * generated (chaos allowed, engine on). The experiments derived from resilience policies go
 * through the same stack rails in derive-resilience.ts.
 *
 * Mode `all`, the same rule as the policy pack's `chaos-mode-bounded`: never in a scope; the
 * builders generate it only for the zone outage (a selector scoped to one zone) and for the
 * dependency side of a NetworkChaos (bounded by the source pods' mode).
 */
import type { CataloguedService, EnvironmentName, ServiceDeclaration } from "../catalogue/types";
import { blastRadius } from "./blast-radius";
import type { ChaosConfig } from "./config-schema";
import { chaosDurationMs, isChaosDuration } from "./duration";
import type { DependencyTarget } from "./faults";
import type { ResilienceExperiment } from "../resilience/chaos-experiments";
import { isSlotTime } from "./schedule";
import { DEFAULT_SCOPE, findService, replicasIn } from "./selectors";
import { chaosKey, durationProblem, namespaceProblems, scopeProblem, stackRailsOf } from "./stack-rails";
import { WEEKDAYS, isScenario, type ChaosExperiment, type ChaosFault, type ChaosScope } from "./types";
import { experimentWindow, minuteText, windowsOverlap, type ExperimentWindow } from "./windows";

/** Thrown when a chaos declaration or the chaos config breaks a rail; one problem per line. */
export class ChaosValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "ChaosValidationError";
  }
}

/** What the rails check. */
export interface ChaosValidationInput {
  /** Stack name; messages name `Pulumi.<stack>.yaml`. */
  stack: string;
  environment: EnvironmentName;
  /** The platform's namespace (always protected). */
  platformNamespace: string;
  /** The validated `chaos` config of the stack. */
  config: ChaosConfig;
  /** The whole validated catalogue. */
  services: readonly CataloguedService[];
}

/** An experiment declared in the service's `chaos.experiments`. */
export interface DeclaredOrigin {
  kind: "declared";
  /** Index in `chaos.experiments`. */
  index: number;
}

/** An experiment derived from the resilience policy of one dependency (chaos/derive.ts). */
export interface ResiliencePolicyOrigin {
  kind: "resilience-policy";
  /** Index of the dependency in the service's `dependencies`. */
  dependencyIndex: number;
  /** The experiment as resilience/chaos-experiments.ts derived it (its hypothesis has the policy's numbers). */
  source: ResilienceExperiment;
  /** For an external dependency: the declared experiments of the service whose `externalHosts` were used (`chaos.experiments[2].fault.externalHosts`). */
  hostsFrom?: string[];
}

/** One experiment that passed every rail, with everything the builders need. */
export interface ResolvedExperiment {
  service: CataloguedService;
  /** Where the experiment comes from. */
  origin: DeclaredOrigin | ResiliencePolicyOrigin;
  /** Field of the service file it comes from: `chaos.experiments[0]` or `dependencies[1].resilience`. */
  field: string;
  experiment: ChaosExperiment;
  /** Schedule name, `<service>-<experiment>`; also the `chaos_experiment` label value. */
  name: string;
  /** Resolved dependency of network/DNS faults and cascading failures. */
  target?: DependencyTarget;
  /** Service dependencies partitioned by a zone outage. */
  zoneDependencies?: ServiceDeclaration[];
  /** The service and its transitive callers. */
  affected: ServiceDeclaration[];
  /** Replicas of the service in the stack's environment. */
  replicas: number;
  window: ExperimentWindow;
}

/** Longest `<service>-<experiment>` name (Chaos Mesh appends suffixes to spawned objects). */
export const MAX_OBJECT_NAME = 52;
export { ALWAYS_PROTECTED } from "./stack-rails";

const DNS_LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const HOST_RE = /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;
const CIDR_RE = /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/;
const SIZE_RE = /^(\d+(B|KB|MB|GB|KiB|MiB|GiB)|([1-9]\d?|100)%)$/;
const ZONE_RE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const SCOPE_MODES = ["one", "fixed", "fixed-percent"];
const FAULT_KINDS = [
  "pod-kill", "pod-failure", "container-kill", "network-delay", "network-loss", "network-duplicate",
  "network-partition", "cpu-stress", "memory-stress", "dns-failure", "http-abort", "http-delay",
];

function show(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}

class Problems {
  readonly lines: string[] = [];
  add(file: string, path: string, message: string): void {
    this.lines.push(`${file}: ${path}: ${message}`);
  }
}

/** Checks run on one experiment of one file, collecting problems under `chaos.experiments[i]`. */
class ExperimentCheck {
  constructor(
    readonly p: Problems,
    readonly file: string,
    readonly base: string,
  ) {}
  add(field: string, message: string): void {
    this.p.add(this.file, field === "" ? this.base : `${this.base}.${field}`, message);
  }
  duration(field: string, value: unknown): boolean {
    if (typeof value === "string" && isChaosDuration(value)) return true;
    this.add(field, `${show(value)} is not a duration like 5m, 90s or 200ms (units h, m, s, ms)`);
    return false;
  }
  percent(field: string, value: unknown, min: "exclusive-zero" | "zero"): void {
    const ok = typeof value === "number" && Number.isFinite(value) && value <= 100 && (min === "zero" ? value >= 0 : value > 0);
    if (!ok) this.add(field, `${show(value)} is not a percentage ${min === "zero" ? "from 0" : "above 0"} up to 100`);
  }
  integer(field: string, value: unknown, min: number, max: number): void {
    if (!(typeof value === "number" && Number.isInteger(value) && value >= min && value <= max)) {
      this.add(field, `${show(value)} is not a whole number from ${min} to ${max}`);
    }
  }
  names(field: string, value: unknown): void {
    if (!Array.isArray(value) || value.length === 0) {
      this.add(field, `${show(value)} is not a non-empty list of container names`);
      return;
    }
    value.forEach((v, i) => {
      if (typeof v !== "string" || !DNS_LABEL_RE.test(v) || v.length > 63) this.add(`${field}[${i}]`, `${show(v)} is not a container name (DNS-1123 label)`);
    });
  }
}

/** The dependency named by a fault, resolved, or a problem. */
function resolveDependency(
  c: ExperimentCheck,
  field: string,
  service: ServiceDeclaration,
  catalogue: readonly CataloguedService[],
  dependency: unknown,
  externalHosts: unknown,
): DependencyTarget | undefined {
  const deps = service.dependencies ?? [];
  const declared = deps.map((d) => ("service" in d ? d.service : d.external));
  const dep = deps.find((d) => ("service" in d ? d.service : d.external) === dependency);
  if (dep === undefined) {
    c.add(field, `${show(dependency)} is not a dependency of ${service.name} (declared: ${declared.length === 0 ? "none" : declared.join(", ")})`);
    return undefined;
  }
  const hostsField = field.replace(/dependency$/, "externalHosts");
  if ("service" in dep) {
    if (externalHosts !== undefined) c.add(hostsField, `only for external dependencies; ${dep.service} is a declared service whose pods are selected from its declaration`);
    const found = findService(catalogue, dep.service);
    if (found === undefined) {
      c.add(field, `${show(dep.service)} is not a declared service (targets must be services of the catalogue)`);
      return undefined;
    }
    return { kind: "service", service: found.declaration };
  }
  if (!Array.isArray(externalHosts) || externalHosts.length === 0) {
    c.add(hostsField, `is required for the external dependency ${dep.external}: name the hosts it is reached at (e.g. ["api.${dep.external}.com"])`);
    return undefined;
  }
  let ok = true;
  externalHosts.forEach((h, i) => {
    if (typeof h !== "string" || !(HOST_RE.test(h) || CIDR_RE.test(h))) {
      c.add(`${hostsField}[${i}]`, `${show(h)} is not a host name or IPv4 address/CIDR`);
      ok = false;
    }
  });
  return ok ? { kind: "external", name: dep.external, hosts: externalHosts as string[] } : undefined;
}

/** Field checks of one fault; returns the resolved dependency of dependency faults. */
function checkFault(
  c: ExperimentCheck,
  service: ServiceDeclaration,
  catalogue: readonly CataloguedService[],
  fault: ChaosFault | undefined,
): { ok: boolean; target?: DependencyTarget } {
  if (typeof fault !== "object" || fault === null || !FAULT_KINDS.includes((fault as { kind?: string }).kind ?? "")) {
    c.add("fault.kind", `${show((fault as { kind?: unknown } | undefined)?.kind)} is not one of ${FAULT_KINDS.join(", ")}`);
    return { ok: false };
  }
  const before = c.p.lines.length;
  let target: DependencyTarget | undefined;
  switch (fault.kind) {
    case "pod-kill":
      if (fault.gracePeriodSeconds !== undefined) c.integer("fault.gracePeriodSeconds", fault.gracePeriodSeconds, 0, 300);
      break;
    case "pod-failure":
      break;
    case "container-kill":
      c.names("fault.containers", fault.containers);
      break;
    case "network-delay":
    case "network-loss":
    case "network-duplicate":
    case "network-partition":
    case "dns-failure":
      target = resolveDependency(c, "fault.dependency", service, catalogue, fault.dependency, fault.externalHosts);
      if (fault.kind === "network-delay") {
        c.duration("fault.latency", fault.latency);
        if (fault.jitter !== undefined) c.duration("fault.jitter", fault.jitter);
      }
      if (fault.kind === "network-loss") c.percent("fault.lossPercent", fault.lossPercent, "exclusive-zero");
      if (fault.kind === "network-duplicate") c.percent("fault.duplicatePercent", fault.duplicatePercent, "exclusive-zero");
      if (fault.kind !== "network-partition" && fault.kind !== "dns-failure" && fault.correlationPercent !== undefined) {
        c.percent("fault.correlationPercent", fault.correlationPercent, "zero");
      }
      if (fault.kind === "network-partition" && fault.direction !== undefined && fault.direction !== "to" && fault.direction !== "both") {
        c.add("fault.direction", `${show(fault.direction)} is not one of to, both`);
      }
      if (fault.kind === "dns-failure" && fault.action !== undefined && fault.action !== "error" && fault.action !== "random") {
        c.add("fault.action", `${show(fault.action)} is not one of error, random`);
      }
      break;
    case "cpu-stress":
      c.integer("fault.workers", fault.workers, 1, 16);
      c.integer("fault.loadPercent", fault.loadPercent, 1, 100);
      if (fault.containers !== undefined) c.names("fault.containers", fault.containers);
      break;
    case "memory-stress":
      c.integer("fault.workers", fault.workers, 1, 16);
      if (typeof fault.size !== "string" || !SIZE_RE.test(fault.size)) c.add("fault.size", `${show(fault.size)} is not a size like 256MB, 1GB or 50%`);
      if (fault.containers !== undefined) c.names("fault.containers", fault.containers);
      break;
    case "http-abort":
    case "http-delay":
      c.integer("fault.port", fault.port, 1, 65535);
      if (fault.path !== undefined && (typeof fault.path !== "string" || !fault.path.startsWith("/"))) c.add("fault.path", `${show(fault.path)} is not a path starting with /`);
      if (fault.method !== undefined && !["GET", "POST", "PUT", "PATCH", "DELETE"].includes(fault.method)) {
        c.add("fault.method", `${show(fault.method)} is not one of GET, POST, PUT, PATCH, DELETE`);
      }
      if (fault.kind === "http-delay") c.duration("fault.delay", fault.delay);
      break;
  }
  return { ok: c.p.lines.length === before, target };
}

function checkScope(c: ExperimentCheck, service: ServiceDeclaration, scope: ChaosScope | undefined): boolean {
  if (scope === undefined) return true;
  if (typeof scope === "object" && scope !== null && (scope as { mode?: unknown }).mode === "all") {
    c.add("scope.mode", `"all" would hit every pod of ${service.name}; use "one", "fixed" or "fixed-percent" (only the zone-outage scenario takes every pod, of one zone)`);
    return false;
  }
  if (typeof scope !== "object" || scope === null || !SCOPE_MODES.includes((scope as { mode?: string }).mode ?? "")) {
    c.add("scope.mode", `${show((scope as { mode?: unknown } | undefined)?.mode)} is not one of ${SCOPE_MODES.join(", ")}`);
    return false;
  }
  if (scope.mode === "fixed" && !(Number.isInteger(scope.pods) && scope.pods >= 1)) {
    c.add("scope.pods", `${show(scope.pods)} is not a whole number of pods from 1`);
    return false;
  }
  if (scope.mode === "fixed-percent" && !(Number.isInteger(scope.percent) && scope.percent >= 1 && scope.percent <= 100)) {
    c.add("scope.percent", `${show(scope.percent)} is not a whole percentage from 1 to 100`);
    return false;
  }
  return true;
}

/**
 * Checks the chaos config of a stack and every experiment of the catalogue, and resolves the
 * experiments that the stack runs (none where chaos is not allowed or the engine is off).
 *
 * @throws ChaosValidationError listing every problem as `<file>: <field>: <message>`
 */
export function validateChaos(input: ChaosValidationInput): ResolvedExperiment[] {
  const p = new Problems();
  const { config, environment } = input;
  const rails = stackRailsOf(input);
  const { stackFile, active } = rails;
  const key = chaosKey;
  const protectedNs = rails.protectedNamespaces;

  if (environment === "production" && config.allowed) p.add(stackFile, key("allowed"), "chaos is never allowed in production; set it to false");
  if (!config.allowed && config.engine.mode === "install") {
    p.add(stackFile, key("engine.mode"), `"install" puts Chaos Mesh into a stack where chaos.allowed is false; use "off" (or "external" for an existing installation)`);
  }
  for (const [i, ns] of config.targetNamespaces.entries()) {
    if (protectedNs.includes(ns)) p.add(stackFile, key(`targetNamespaces[${i}]`), `"${ns}" is protected (protected: ${protectedNs.join(", ")}) and cannot be annotated for chaos`);
  }

  const resolved: ResolvedExperiment[] = [];
  for (const svc of input.services) {
    const d = svc.declaration;
    const chaos = d.chaos;
    if (chaos === undefined) continue;
    if (!Array.isArray(chaos.experiments)) {
      p.add(svc.file, "chaos.experiments", `${show(chaos.experiments)} is not a list of experiments`);
      continue;
    }
    if (chaos.experiments.length > 0 && (d.slos ?? []).length === 0) {
      p.add(svc.file, "chaos", `${d.name} has no SLO: no steady-state hypothesis, no experiment`);
      continue;
    }
    const replicas = replicasIn(d, environment);
    const seen = new Set<string>();
    chaos.experiments.forEach((e, index) => {
      const c = new ExperimentCheck(p, svc.file, `chaos.experiments[${index}]`);
      const before = p.lines.length;
      if (typeof e.name !== "string" || !DNS_LABEL_RE.test(e.name)) {
        c.add("name", `${show(e.name)} is not a DNS-1123 label (lower-case letters, digits and '-')`);
      } else if (seen.has(e.name)) {
        c.add("name", `"${e.name}" is declared twice for ${d.name}`);
      } else if (`${d.name}-${e.name}`.length > MAX_OBJECT_NAME) {
        c.add("name", `"${d.name}-${e.name}" is longer than ${MAX_OBJECT_NAME} characters; shorten the experiment name`);
      }
      if (typeof e.name === "string") seen.add(e.name);
      const durationOk = c.duration("duration", e.duration);
      const slot = e.schedule as { day?: unknown; at?: unknown } | undefined;
      if (typeof slot !== "object" || slot === null) c.add("schedule", `${show(slot)} is not a weekly slot like { day: "tuesday", at: "10:00" }`);
      else {
        if (!WEEKDAYS.includes(slot.day as never)) c.add("schedule.day", `${show(slot.day)} is not one of ${WEEKDAYS.join(", ")}`);
        if (typeof slot.at !== "string" || !isSlotTime(slot.at)) c.add("schedule.at", `${show(slot.at)} is not a UTC time like 10:00 (HH:MM)`);
      }

      let target: DependencyTarget | undefined;
      let zoneDependencies: ServiceDeclaration[] | undefined;
      let scope: ChaosScope = DEFAULT_SCOPE;
      const extraAffected: ServiceDeclaration[] = [];
      if (isScenario(e)) {
        if (e.scenario === "cascading-failure") {
          target = resolveDependency(c, "dependency", d, input.services, e.dependency, e.externalHosts);
          c.duration("latency", e.latency);
          if (c.duration("killAfter", e.killAfter) && durationOk && chaosDurationMs(e.killAfter) >= chaosDurationMs(e.duration)) {
            c.add("killAfter", `${e.killAfter} is not shorter than the duration ${e.duration}; the caller's pods would never be killed`);
          }
          if (checkScope(c, d, e.scope)) scope = e.scope ?? DEFAULT_SCOPE;
        } else if (e.scenario === "zone-outage") {
          if (typeof e.zone !== "string" || !ZONE_RE.test(e.zone)) c.add("zone", `${show(e.zone)} is not a zone name (a label value like europe-west4-a)`);
          const outage = e.outage ?? "pod-failure";
          if (outage !== "pod-failure" && outage !== "partition") c.add("outage", `${show(e.outage)} is not one of pod-failure, partition`);
          if (outage === "partition") {
            zoneDependencies = (d.dependencies ?? []).flatMap((dep) => ("service" in dep ? [findService(input.services, dep.service)?.declaration].filter((x): x is ServiceDeclaration => x !== undefined) : []));
            if (zoneDependencies.length === 0) c.add("outage", `"partition" cuts the zone's pods off from declared service dependencies, and ${d.name} has none; use "pod-failure"`);
          }
        } else {
          c.add("scenario", `${show((e as { scenario?: unknown }).scenario)} is not one of cascading-failure, zone-outage`);
        }
      } else {
        const f = checkFault(c, d, input.services, e.fault);
        target = f.target;
        if (checkScope(c, d, e.scope)) scope = e.scope ?? DEFAULT_SCOPE;
        if (e.fault?.kind === "network-partition" && e.fault.direction === "both" && target?.kind === "service") extraAffected.push(target.service);
      }
      if (p.lines.length > before) return;

      // Stack rails: only where the experiment will exist.
      if (!active) return;
      const tooLong = durationProblem(rails, e.duration);
      if (tooLong !== undefined) c.add("duration", tooLong);
      const namespaces = [d.namespace, ...(target?.kind === "service" ? [target.service.namespace] : []), ...(zoneDependencies ?? []).map((z) => z.namespace)];
      for (const message of namespaceProblems(rails, namespaces)) c.add("", message);
      if (isScenario(e) && e.scenario === "zone-outage") {
        if (replicas < 2) c.add("", `a zone outage needs at least 2 replicas of ${d.name} in ${environment} (it runs ${replicas})`);
      } else {
        const bad = scopeProblem(rails, d, scope, replicas);
        if (bad !== undefined) c.add(bad.field, bad.message);
      }
      if (p.lines.length > before) return;
      resolved.push({
        service: svc,
        origin: { kind: "declared", index },
        field: `chaos.experiments[${index}]`,
        experiment: e,
        name: `${d.name}-${e.name}`,
        target,
        zoneDependencies,
        affected: blastRadius(d, input.services, extraAffected),
        replicas,
        window: experimentWindow(e.schedule, e.duration),
      });
    });
  }

  // Two windows that overlap and share an affected service would mix their results and mutes.
  for (let i = 0; i < resolved.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = resolved[i];
      const b = resolved[j];
      const shared = a.affected.find((s) => b.affected.some((t) => t.name === s.name));
      if (shared !== undefined && windowsOverlap(a.window, b.window)) {
        p.add(
          a.service.file,
          `${a.field}.schedule`,
          `its window (${minuteText(a.window.start)} to ${minuteText(a.window.end)} UTC) overlaps the window of ${b.name} (${b.service.file}), and both affect ${shared.name}; move one`,
        );
      }
    }
  }
  if (p.lines.length > 0) throw new ChaosValidationError(p.lines);
  return resolved;
}
