/**
 * The pure resolver: a service declaration, its tier preset and its per-dependency and
 * per-environment overrides in, the version-1 policy document out.
 */
import { durationMs } from "../catalogue/durations";
import type { CataloguedService, DependencyDeclaration, EnvironmentName } from "../catalogue/types";
import type { ResilienceSettings } from "./declaration";
import { POLICY_SCHEMA_VERSION, type DependencyPolicy, type ResiliencePolicyDocument } from "./document";
import { TIER_PRESETS, type PolicyTemplate, type TierPresets } from "./presets";
import { dependencyName, serviceOverrideProblems } from "./validate-overrides";

/** Request deadline of a service that declares none. */
export const DEFAULT_REQUEST_DEADLINE = "10s";

/** Options of `resolveResiliencePolicies`. */
export interface ResolveOptions {
  /** Presets per caller tier. @default TIER_PRESETS */
  presets?: TierPresets;
}

/** A policy being resolved: the document's shape without the dependency kind. */
type WorkingPolicy = Omit<DependencyPolicy, "kind">;

/** Applies one layer of settings onto `policy`; a section switched off earlier merges onto the preset's. */
function applySettings(policy: WorkingPolicy, s: ResilienceSettings | undefined, preset: PolicyTemplate): WorkingPolicy {
  if (s === undefined) return policy;
  const out: WorkingPolicy = { ...policy };
  if (s.timeout !== undefined) out.timeoutMs = s.timeout === false ? null : durationMs(s.timeout);
  if (s.retry !== undefined) {
    if (s.retry === false) {
      out.retry = null;
    } else {
      const base = policy.retry ?? preset.retry;
      const r = s.retry;
      out.retry = {
        maxAttempts: r.maxAttempts ?? base.maxAttempts,
        backoff: {
          baseMs: r.backoffBase !== undefined ? durationMs(r.backoffBase) : base.backoff.baseMs,
          capMs: r.backoffCap !== undefined ? durationMs(r.backoffCap) : base.backoff.capMs,
          jitter: r.jitter ?? base.backoff.jitter,
        },
        retryOn: [...(r.retryOn ?? base.retryOn)],
        budget: {
          percent: r.budgetPercent ?? base.budget.percent,
          minRetriesPerSecond: r.budgetMinRetriesPerSecond ?? base.budget.minRetriesPerSecond,
        },
      };
    }
  }
  if (s.circuitBreaker !== undefined) {
    if (s.circuitBreaker === false) {
      out.circuitBreaker = null;
    } else {
      const base = policy.circuitBreaker ?? preset.circuitBreaker;
      const c = s.circuitBreaker;
      out.circuitBreaker = {
        failureRatePercent: c.failureRatePercent ?? base.failureRatePercent,
        minimumCalls: c.minimumCalls ?? base.minimumCalls,
        windowCalls: c.windowCalls ?? base.windowCalls,
        openDurationMs: c.openDuration !== undefined ? durationMs(c.openDuration) : base.openDurationMs,
        halfOpenProbes: c.halfOpenProbes ?? base.halfOpenProbes,
      };
    }
  }
  if (s.bulkhead !== undefined) {
    if (s.bulkhead === false) {
      out.bulkhead = null;
    } else {
      const base = policy.bulkhead ?? preset.bulkhead;
      out.bulkhead = { maxConcurrent: s.bulkhead.maxConcurrent ?? base.maxConcurrent, queueSize: s.bulkhead.queueSize ?? base.queueSize };
    }
  }
  if (s.fallback !== undefined) {
    const f = s.fallback;
    out.fallback =
      f.strategy === "cached"
        ? { strategy: "cached", maxAgeMs: durationMs(f.maxAge) }
        : f.strategy === "default-value"
          ? { strategy: "default-value", value: structuredClone(f.value) }
          : { strategy: f.strategy };
  }
  return out;
}


/** The resolved policy of one dependency of a service in an environment (overrides assumed valid). */
export function resolveDependencyPolicy(dep: DependencyDeclaration, preset: PolicyTemplate, env: EnvironmentName): DependencyPolicy {
  const r = dep.resilience;
  let policy: WorkingPolicy = structuredClone(preset); // a document never shares objects with the presets
  if (r !== undefined) {
    const { environments, ...everywhere } = r;
    policy = applySettings(policy, everywhere, preset);
    policy = applySettings(policy, environments?.[env], preset);
  }
  return { kind: "service" in dep ? "service" : "external", ...policy };
}

/** Problems of settings that only show once merged: a backoff cap below its base, a window below its minimum. */
function mergedProblems(file: string, index: number, env: EnvironmentName, p: DependencyPolicy): string[] {
  const at = `${file}: dependencies[${index}].resilience`;
  const lines: string[] = [];
  if (p.retry !== null && p.retry.backoff.capMs < p.retry.backoff.baseMs) {
    lines.push(`${at}.retry.backoffCap: in ${env}, ${p.retry.backoff.capMs} ms is below backoffBase ${p.retry.backoff.baseMs} ms; the cap must be at least the base`);
  }
  if (p.circuitBreaker !== null && p.circuitBreaker.windowCalls < p.circuitBreaker.minimumCalls) {
    lines.push(
      `${at}.circuitBreaker.windowCalls: in ${env}, ${p.circuitBreaker.windowCalls} is below minimumCalls ${p.circuitBreaker.minimumCalls}; the breaker could never decide`,
    );
  }
  return lines;
}

/** The document, or every problem that prevents it. */
function resolveOrProblems(
  service: CataloguedService,
  catalogue: readonly CataloguedService[],
  env: EnvironmentName,
  options: ResolveOptions,
): { document: ResiliencePolicyDocument; problems: [] } | { document: undefined; problems: string[] } {
  const d = service.declaration;
  const presets = options.presets ?? TIER_PRESETS;
  const problems = serviceOverrideProblems(service);
  const declared = new Set(catalogue.map((s) => s.declaration.name));
  (d.dependencies ?? []).forEach((dep, i) => {
    if ("service" in dep && !declared.has(dep.service)) {
      problems.push(`${service.file}: dependencies[${i}].service: ${JSON.stringify(dep.service)} is not in the catalogue`);
    }
  });
  const preset = presets[d.tier];
  if (preset === undefined) problems.push(`${service.file}: tier: ${JSON.stringify(d.tier)} has no resilience preset`);
  if (problems.length > 0) return { document: undefined, problems };

  const dependencies: Record<string, DependencyPolicy> = {};
  (d.dependencies ?? []).forEach((dep, i) => {
    const policy = resolveDependencyPolicy(dep, preset, env);
    problems.push(...mergedProblems(service.file, i, env, policy));
    dependencies[dependencyName(dep)] = policy;
  });
  if (problems.length > 0) return { document: undefined, problems };

  const document: ResiliencePolicyDocument = {
    $comment:
      `Generated by resilience/ from ${service.file} (environment ${env}) and the ${d.tier} tier preset. ` +
      "Do not edit by hand: change the declaration and run `npm run artifacts`.",
    schemaVersion: POLICY_SCHEMA_VERSION,
    service: d.name,
    namespace: d.namespace,
    environment: env,
    tier: d.tier,
    requestDeadlineMs: durationMs(d.requestDeadline ?? DEFAULT_REQUEST_DEADLINE),
    dependencies,
  };
  return { document, problems: [] };
}

/**
 * Every problem that prevents resolving `service`'s policies in `env`, as
 * `<file>: <field path>: <what is wrong>`: invalid overrides, dependency names given twice,
 * services missing from the catalogue, and merged settings that contradict each other.
 */
export function resolutionProblems(
  service: CataloguedService,
  catalogue: readonly CataloguedService[],
  env: EnvironmentName,
  options: ResolveOptions = {},
): string[] {
  return resolveOrProblems(service, catalogue, env, options).problems;
}

/**
 * The resilience policy document of `service` in `env`: for each declared dependency, the preset
 * of the service's tier, then the dependency's `resilience` settings, then its
 * `resilience.environments[env]` settings, field by field. Pure: reads nothing but its arguments.
 *
 * @param service the declaration and its file
 * @param catalogue the whole catalogue (every `service` dependency must be in it)
 * @param env the environment (stack) the document is for
 * @param options `presets` to replace the tier presets @default {}
 * @throws Error listing every problem as `<file>: <field path>: <what is wrong>`
 */
export function resolveResiliencePolicies(
  service: CataloguedService,
  catalogue: readonly CataloguedService[],
  env: EnvironmentName,
  options: ResolveOptions = {},
): ResiliencePolicyDocument {
  const r = resolveOrProblems(service, catalogue, env, options);
  if (r.document === undefined) {
    const count = r.problems.length === 1 ? "1 problem" : `${r.problems.length} problems`;
    throw new Error(`The resilience policies of ${service.file} have ${count}:\n${r.problems.join("\n")}`);
  }
  return r.document;
}
