/**
 * Timeout budget of one call A → B: all attempts with their worst-case backoff must fit inside
 * A's own request deadline, and each attempt must wait longer than B's latency objective
 * threshold (otherwise calls B answers within its objective are cut off).
 */
import { formatNumber } from "../alert-rules/format-number";
import type { LatencySli } from "../catalogue/types";
import type { DependencyPolicy, RetryConfig } from "./document";
import type { GraphEdge, GraphNode, ResilienceGraph } from "./graph";

/**
 * The longest total backoff of a call: the sum of `min(capMs, baseMs × 2^(k-1))` for retries
 * k = 1 … maxAttempts-1 (every jitter the document allows stays at or below that delay).
 */
export function worstCaseBackoffMs(retry: RetryConfig | null): number {
  if (retry === null) return 0;
  let total = 0;
  for (let k = 1; k < retry.maxAttempts; k++) total += Math.min(retry.backoff.capMs, retry.backoff.baseMs * 2 ** (k - 1));
  return total;
}

/** Attempts a call makes at most. */
export function attemptsOf(policy: DependencyPolicy): number {
  return policy.retry?.maxAttempts ?? 1;
}

/** The longest a call can take: attempts × per-attempt timeout + worst-case backoff; undefined without a timeout. */
export function worstCaseCallMs(policy: DependencyPolicy): number | undefined {
  if (policy.timeoutMs === null) return undefined;
  return attemptsOf(policy) * policy.timeoutMs + worstCaseBackoffMs(policy.retry);
}

/** The highest latency objective threshold of a service, with the SLO it comes from. */
function latencyThreshold(node: GraphNode): { ms: number; index: number; name: string } | undefined {
  let best: { ms: number; index: number; name: string } | undefined;
  node.entry.declaration.slos.forEach((slo, index) => {
    if (slo.sli.kind !== "latency") return;
    const ms = (slo.sli as LatencySli).thresholdSeconds * 1000;
    if (best === undefined || ms > best.ms) best = { ms, index, name: slo.name };
  });
  return best;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Deadline problems of one call. */
function deadlineProblem(graph: ResilienceGraph, a: GraphNode, e: GraphEdge): string | undefined {
  const total = worstCaseCallMs(e.policy);
  const deadline = a.document.requestDeadlineMs;
  if (total === undefined || total <= deadline) return undefined;
  const A = a.document.service;
  return (
    `${a.entry.file}: dependencies[${e.index}].resilience: in ${graph.environment}, ${A} → ${e.name} can take ` +
    `${plural(attemptsOf(e.policy), "attempt")} × ${e.policy.timeoutMs} ms + ${worstCaseBackoffMs(e.policy.retry)} ms worst-case backoff = ${total} ms, ` +
    `more than the requestDeadline of ${A} (${deadline} ms); lower retry.maxAttempts or timeout, or raise requestDeadline`
  );
}

/** The per-attempt timeout must exceed the callee's latency objective threshold. */
function thresholdProblem(graph: ResilienceGraph, a: GraphNode, e: GraphEdge): string | undefined {
  if (e.kind !== "service" || e.policy.timeoutMs === null) return undefined;
  const b = graph.nodes.get(e.name);
  const t = b === undefined ? undefined : latencyThreshold(b);
  if (t === undefined || e.policy.timeoutMs > t.ms) return undefined;
  const ms = formatNumber(t.ms);
  return (
    `${a.entry.file}: dependencies[${e.index}].resilience.timeout: in ${graph.environment}, the per-attempt timeout of ` +
    `${a.document.service} → ${e.name} is ${e.policy.timeoutMs} ms, not above the latency objective threshold of ${e.name} ` +
    `(slos[${t.index}] "${t.name}", ${ms} ms), so calls that meet that objective would time out; use a timeout above ${ms} ms`
  );
}

/** Every call whose attempts and backoff overrun the caller's deadline. */
export function timeoutBudgetProblems(graph: ResilienceGraph): string[] {
  const lines: string[] = [];
  for (const a of graph.nodes.values()) {
    for (const e of a.edges) {
      const p = deadlineProblem(graph, a, e);
      if (p !== undefined) lines.push(p);
    }
  }
  return lines;
}

/** Every call whose per-attempt timeout is not above the callee's latency objective threshold. */
export function timeoutThresholdProblems(graph: ResilienceGraph): string[] {
  const lines: string[] = [];
  for (const a of graph.nodes.values()) {
    for (const e of a.edges) {
      const p = thresholdProblem(graph, a, e);
      if (p !== undefined) lines.push(p);
    }
  }
  return lines;
}
