/**
 * The graph-wide resilience checks, run before deploy: dependency cycles, critical services'
 * calls without timeout or breaker, timeout budgets against the caller's deadline and the
 * callee's latency objective, and retry amplification along call paths. Every problem names the
 * file, the field, the path and the numbers.
 */
import type { CataloguedService, EnvironmentName } from "../catalogue/types";
import { criticalCoverageProblems } from "./critical-coverage";
import { cycleProblems } from "./cycles";
import { buildResilienceGraph } from "./graph";
import { resolutionProblems, type ResolveOptions } from "./resolve";
import { DEFAULT_RETRY_AMPLIFICATION_LIMIT, retryAmplificationProblems } from "./retry-amplification";
import { timeoutBudgetProblems, timeoutThresholdProblems } from "./timeout-budget";

/** Options of the graph checks. */
export interface GraphCheckOptions extends ResolveOptions {
  /** Largest product of attempts allowed along any call path. @default DEFAULT_RETRY_AMPLIFICATION_LIMIT (10) */
  retryAmplificationLimit?: number;
}

/**
 * Every resilience problem of the catalogue in `env`, one line each: first what prevents resolving
 * the policies (invalid overrides and the like; if there is any, nothing else is checked), then cycles, critical
 * coverage, timeout budgets, timeouts against latency objectives, and retry amplification, each
 * in catalogue order. Empty when the graph passes.
 */
export function resilienceGraphProblems(catalogue: readonly CataloguedService[], env: EnvironmentName, options: GraphCheckOptions = {}): string[] {
  const invalid = catalogue.flatMap((s) => resolutionProblems(s, catalogue, env, options));
  if (invalid.length > 0) return invalid;
  const graph = buildResilienceGraph(catalogue, env, options);
  return [
    ...cycleProblems(catalogue),
    ...criticalCoverageProblems(graph),
    ...timeoutBudgetProblems(graph),
    ...timeoutThresholdProblems(graph),
    ...retryAmplificationProblems(graph, options.retryAmplificationLimit ?? DEFAULT_RETRY_AMPLIFICATION_LIMIT),
  ];
}

/**
 * Runs the graph checks for every environment given and throws one Error listing all problems.
 * @throws Error `The resilience checks found N problems:` followed by one line per problem
 */
export function assertResilienceGraph(
  catalogue: readonly CataloguedService[],
  environments: readonly EnvironmentName[],
  options: GraphCheckOptions = {},
): void {
  const problems = [...new Set(environments.flatMap((env) => resilienceGraphProblems(catalogue, env, options)))];
  if (problems.length > 0) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    throw new Error(`The resilience checks found ${count}:\n${problems.join("\n")}`);
  }
}
