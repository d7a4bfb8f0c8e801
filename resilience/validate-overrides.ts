/**
 * Validation of the `resilience` overrides in service declarations. Every problem is one line
 * `<file>: <field path>: <what is wrong>`, like the catalogue's own validation, e.g.
 *
 *     stacks/services/pricing-engine.ts: dependencies[0].resilience.retry.maxAttempts: 0 must be a whole number of at least 1
 *
 * Nothing is defaulted silently: an unknown field or a wrong value fails the resolution.
 */
import { durationMs, isPrometheusDuration } from "../catalogue/durations";
import { ENVIRONMENTS, type CataloguedService, type DependencyDeclaration } from "../catalogue/types";
import { FAILURE_OUTCOMES, FALLBACK_STRATEGIES, JITTERS } from "./declaration";

const SETTINGS_FIELDS = ["timeout", "retry", "circuitBreaker", "bulkhead", "fallback"] as const;
const RETRY_FIELDS = ["maxAttempts", "backoffBase", "backoffCap", "jitter", "retryOn", "budgetPercent", "budgetMinRetriesPerSecond"] as const;
const BREAKER_FIELDS = ["failureRatePercent", "minimumCalls", "windowCalls", "openDuration", "halfOpenProbes"] as const;
const BULKHEAD_FIELDS = ["maxConcurrent", "queueSize"] as const;
const FALLBACK_FIELDS: Readonly<Record<string, readonly string[]>> = {
  cached: ["strategy", "maxAge"],
  "default-value": ["strategy", "value"],
  degraded: ["strategy"],
  "fail-fast": ["strategy"],
};

type Add = (path: string, message: string) => void;

const show = (v: unknown): string => (v === undefined ? "undefined" : JSON.stringify(v));
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function unknownFields(add: Add, path: string, obj: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) add(`${path}.${key}`, `unknown field; use ${allowed.join(", ")}`);
  }
}

function wholeNumber(add: Add, path: string, v: unknown, min: number): void {
  if (v === undefined) return;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) add(path, `${show(v)} must be a whole number of at least ${min}`);
}

function duration(add: Add, path: string, v: unknown): void {
  if (v === undefined) return;
  if (typeof v !== "string" || !isPrometheusDuration(v) || durationMs(v) === 0) {
    add(path, `${show(v)} is not a Prometheus duration above zero (e.g. 250ms, 2s, 1m)`);
  }
}

function oneOf(add: Add, path: string, v: unknown, allowed: readonly string[]): void {
  if (v === undefined) return;
  if (typeof v !== "string" || !allowed.includes(v)) add(path, `${show(v)} must be one of ${allowed.join(", ")}`);
}

function numberIn(add: Add, path: string, v: unknown, min: number, max: number, exclusive: boolean): void {
  if (v === undefined) return;
  const ok = typeof v === "number" && Number.isFinite(v) && (exclusive ? v > min && v < max : v >= min && v <= max);
  if (!ok) add(path, `${show(v)} must be a number ${exclusive ? "above" : "from"} ${min} ${exclusive ? "and below" : "to"} ${max}`);
}

function checkRetry(add: Add, path: string, r: unknown): void {
  if (r === false) return;
  if (!isObject(r)) return add(path, `${show(r)} must be false or an object with ${RETRY_FIELDS.join(", ")}`);
  unknownFields(add, path, r, RETRY_FIELDS);
  wholeNumber(add, `${path}.maxAttempts`, r.maxAttempts, 1);
  duration(add, `${path}.backoffBase`, r.backoffBase);
  duration(add, `${path}.backoffCap`, r.backoffCap);
  oneOf(add, `${path}.jitter`, r.jitter, JITTERS);
  if (r.retryOn !== undefined) {
    if (!Array.isArray(r.retryOn) || r.retryOn.length === 0) {
      add(`${path}.retryOn`, `${show(r.retryOn)} must be a non-empty list of ${FAILURE_OUTCOMES.join(", ")} (use retry: false for no retries)`);
    } else {
      const list: unknown[] = r.retryOn;
      list.forEach((o, i) => {
        oneOf(add, `${path}.retryOn[${i}]`, o, FAILURE_OUTCOMES);
        if (list.indexOf(o) < i) add(`${path}.retryOn[${i}]`, `${show(o)} is listed twice`);
      });
    }
  }
  numberIn(add, `${path}.budgetPercent`, r.budgetPercent, 0, 100, false);
  if (r.budgetMinRetriesPerSecond !== undefined) {
    const m = r.budgetMinRetriesPerSecond;
    if (typeof m !== "number" || !Number.isFinite(m) || m < 0) add(`${path}.budgetMinRetriesPerSecond`, `${show(m)} must be a number of at least 0`);
  }
}

function checkBreaker(add: Add, path: string, c: unknown): void {
  if (c === false) return;
  if (!isObject(c)) return add(path, `${show(c)} must be false or an object with ${BREAKER_FIELDS.join(", ")}`);
  unknownFields(add, path, c, BREAKER_FIELDS);
  numberIn(add, `${path}.failureRatePercent`, c.failureRatePercent, 0, 100, true);
  wholeNumber(add, `${path}.minimumCalls`, c.minimumCalls, 1);
  wholeNumber(add, `${path}.windowCalls`, c.windowCalls, 1);
  duration(add, `${path}.openDuration`, c.openDuration);
  wholeNumber(add, `${path}.halfOpenProbes`, c.halfOpenProbes, 1);
}

function checkBulkhead(add: Add, path: string, b: unknown): void {
  if (b === false) return;
  if (!isObject(b)) return add(path, `${show(b)} must be false or an object with ${BULKHEAD_FIELDS.join(", ")}`);
  unknownFields(add, path, b, BULKHEAD_FIELDS);
  wholeNumber(add, `${path}.maxConcurrent`, b.maxConcurrent, 1);
  wholeNumber(add, `${path}.queueSize`, b.queueSize, 0);
}

function isJson(v: unknown): boolean {
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isJson);
  if (isObject(v)) return Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(isJson);
  return false;
}

function checkFallback(add: Add, path: string, f: unknown): void {
  if (!isObject(f)) return add(path, `${show(f)} must be an object with a strategy (${FALLBACK_STRATEGIES.join(", ")})`);
  if (typeof f.strategy !== "string" || !(FALLBACK_STRATEGIES as readonly string[]).includes(f.strategy)) {
    return add(`${path}.strategy`, `${show(f.strategy)} must be one of ${FALLBACK_STRATEGIES.join(", ")}`);
  }
  unknownFields(add, path, f, FALLBACK_FIELDS[f.strategy]);
  if (f.strategy === "cached") {
    if (f.maxAge === undefined) add(`${path}.maxAge`, "missing; a cached fallback needs the oldest answer it may serve, e.g. 5m");
    else duration(add, `${path}.maxAge`, f.maxAge);
  }
  if (f.strategy === "default-value") {
    if (!("value" in f)) add(`${path}.value`, "missing; a default-value fallback needs the value it answers with");
    else if (!isJson(f.value)) add(`${path}.value`, "must be a JSON value (string, finite number, boolean, null, array or plain object)");
  }
}

function checkSettings(add: Add, path: string, s: Record<string, unknown>): void {
  if (s.timeout !== undefined && s.timeout !== false) duration(add, `${path}.timeout`, s.timeout);
  if (s.retry !== undefined) checkRetry(add, `${path}.retry`, s.retry);
  if (s.circuitBreaker !== undefined) checkBreaker(add, `${path}.circuitBreaker`, s.circuitBreaker);
  if (s.bulkhead !== undefined) checkBulkhead(add, `${path}.bulkhead`, s.bulkhead);
  if (s.fallback !== undefined) checkFallback(add, `${path}.fallback`, s.fallback);
}

/** Problems of one dependency's `resilience` field (paths relative to the declaration). */
export function overrideProblems(dep: DependencyDeclaration, index: number): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  const add: Add = (path, message) => out.push({ path, message });
  const r = dep.resilience as unknown;
  if (r === undefined) return out;
  const path = `dependencies[${index}].resilience`;
  if (!isObject(r)) {
    add(path, `${show(r)} must be an object with ${[...SETTINGS_FIELDS, "environments"].join(", ")}`);
    return out;
  }
  unknownFields(add, path, r, [...SETTINGS_FIELDS, "environments"]);
  checkSettings(add, path, r);
  if (r.environments !== undefined) {
    if (!isObject(r.environments)) {
      add(`${path}.environments`, `${show(r.environments)} must be an object keyed by environment (${ENVIRONMENTS.join(", ")})`);
      return out;
    }
    for (const [env, s] of Object.entries(r.environments)) {
      const envPath = `${path}.environments.${env}`;
      if (!(ENVIRONMENTS as readonly string[]).includes(env)) {
        add(envPath, `${show(env)} is not an environment; use ${ENVIRONMENTS.join(", ")}`);
      } else if (!isObject(s)) {
        add(envPath, `${show(s)} must be an object with ${SETTINGS_FIELDS.join(", ")}`);
      } else {
        unknownFields(add, envPath, s, SETTINGS_FIELDS);
        checkSettings(add, envPath, s);
      }
    }
  }
  return out;
}

/** Name of a dependency (its `service` or `external`). */
export function dependencyName(dep: DependencyDeclaration): string {
  return "service" in dep ? dep.service : dep.external;
}

/**
 * Every problem of the `resilience` overrides of `service`, and dependency names given twice
 * (the document keys policies by name), as `<file>: <path>: <message>`.
 */
export function serviceOverrideProblems(service: CataloguedService): string[] {
  const lines: string[] = [];
  const seen = new Map<string, number>();
  (service.declaration.dependencies ?? []).forEach((dep, i) => {
    const name = dependencyName(dep);
    const first = seen.get(name);
    if (first !== undefined) {
      lines.push(`${service.file}: dependencies[${i}]: ${show(name)} is already the name of dependencies[${first}]; each dependency needs its own name (the policy document and the dependency label key on it)`);
    } else {
      seen.set(name, i);
    }
    for (const p of overrideProblems(dep, i)) lines.push(`${service.file}: ${p.path}: ${p.message}`);
  });
  return lines;
}

/** Every override problem of the catalogue, in file and field order. Empty when all are valid. */
export function resilienceOverrideProblems(catalogue: readonly CataloguedService[]): string[] {
  return catalogue.flatMap(serviceOverrideProblems);
}
