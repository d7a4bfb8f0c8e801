/**
 * Retry amplification: retries at several layers multiply. For each service, the call path
 * below it with the largest product of attempts must stay within the limit.
 */
import { callsOnCycles } from "./cycles";
import type { GraphNode, ResilienceGraph } from "./graph";
import { attemptsOf } from "./timeout-budget";

/**
 * Attempts one request may cause at the end of a call path, at most, by default. A stack sets its
 * own limit with the config key `resilience.retryAmplificationLimit` (stacks/config/schema.ts).
 */
export const DEFAULT_RETRY_AMPLIFICATION_LIMIT = 10;

/** The worst path below a service: its product and the hops (edge index and attempts per hop). */
interface WorstPath {
  product: number;
  names: string[];
  attempts: number[];
  firstIndex: number;
}

/**
 * The path with the largest product of attempts starting at each service (memoised depth-first
 * search). Calls on a cycle are left out, so the rest is acyclic and the result does not depend
 * on the visiting order; cycles are reported by their own check. Ties go to the dependency
 * declared first.
 */
function worstPaths(graph: ResilienceGraph): Map<string, WorstPath | undefined> {
  const onCycles = callsOnCycles([...graph.nodes.values()].map((n) => n.entry));
  const memo = new Map<string, WorstPath | undefined>();
  const onStack = new Set<string>();
  const visit = (node: GraphNode): WorstPath | undefined => {
    const name = node.document.service;
    if (memo.has(name)) return memo.get(name);
    onStack.add(name);
    let best: WorstPath | undefined;
    for (const e of node.edges) {
      const attempts = attemptsOf(e.policy);
      let rest: WorstPath | undefined;
      if (e.kind === "service") {
        if (onCycles.has(`${name}→${e.name}`) || onStack.has(e.name)) continue;
        const next = graph.nodes.get(e.name);
        rest = next === undefined ? undefined : visit(next);
      }
      const product = attempts * (rest?.product ?? 1);
      if (best === undefined || product > best.product) {
        best = { product, names: [e.name, ...(rest?.names ?? [])], attempts: [attempts, ...(rest?.attempts ?? [])], firstIndex: e.index };
      }
    }
    onStack.delete(name);
    memo.set(name, best);
    return best;
  };
  for (const node of graph.nodes.values()) visit(node);
  return memo;
}

/** Every service whose worst call path multiplies attempts past `limit`. */
export function retryAmplificationProblems(graph: ResilienceGraph, limit: number = DEFAULT_RETRY_AMPLIFICATION_LIMIT): string[] {
  const worst = worstPaths(graph);
  const lines: string[] = [];
  for (const node of graph.nodes.values()) {
    const w = worst.get(node.document.service);
    if (w === undefined || w.product <= limit) continue;
    const path = [node.document.service, ...w.names].join(" → ");
    lines.push(
      `${node.entry.file}: dependencies[${w.firstIndex}].resilience.retry.maxAttempts: in ${graph.environment}, retries multiply along ${path}: ` +
        `${w.attempts.length === 1 ? w.product : `${w.attempts.join(" × ")} = ${w.product}`} attempts on ${w.names[w.names.length - 1]} per ${node.document.service} request, ` +
        `above the limit of ${limit}; retry at one layer only (retry: false or maxAttempts: 1 on the others)`,
    );
  }
  return lines;
}
