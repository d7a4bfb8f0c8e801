/** Every call of a critical service needs a per-attempt timeout and a circuit breaker. */
import type { ResilienceGraph } from "./graph";

/** Calls of tier-critical services without a timeout or without a circuit breaker. */
export function criticalCoverageProblems(graph: ResilienceGraph): string[] {
  const lines: string[] = [];
  for (const node of graph.nodes.values()) {
    if (node.document.tier !== "critical") continue;
    const A = node.document.service;
    for (const e of node.edges) {
      const at = `${node.entry.file}: dependencies[${e.index}].resilience`;
      if (e.policy.timeoutMs === null) {
        lines.push(`${at}.timeout: in ${graph.environment}, ${A} is tier critical, so its call to ${e.name} needs a per-attempt timeout; remove timeout: false`);
      }
      if (e.policy.circuitBreaker === null) {
        lines.push(`${at}.circuitBreaker: in ${graph.environment}, ${A} is tier critical, so its call to ${e.name} needs a circuit breaker; remove circuitBreaker: false`);
      }
    }
  }
  return lines;
}
