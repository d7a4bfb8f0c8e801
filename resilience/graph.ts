/**
 * The declared dependency graph with every call's resolved policy, in one environment: what the
 * graph-wide checks read.
 */
import type { CataloguedService, EnvironmentName } from "../catalogue/types";
import type { DependencyPolicy, ResiliencePolicyDocument } from "./document";
import { resolveResiliencePolicies, type ResolveOptions } from "./resolve";
import { dependencyName } from "./validate-overrides";

/** One call A → B. */
export interface GraphEdge {
  /** Index in A's `dependencies`. */
  index: number;
  /** B's name. */
  name: string;
  kind: "service" | "external";
  policy: DependencyPolicy;
}

/** One declared service with its document and calls. */
export interface GraphNode {
  entry: CataloguedService;
  document: ResiliencePolicyDocument;
  edges: GraphEdge[];
}

/** The graph of one environment: nodes by service name, in catalogue order. */
export interface ResilienceGraph {
  environment: EnvironmentName;
  nodes: Map<string, GraphNode>;
}

/** Resolves every service's policies in `env` and links them into a graph. */
export function buildResilienceGraph(catalogue: readonly CataloguedService[], env: EnvironmentName, options: ResolveOptions = {}): ResilienceGraph {
  const nodes = new Map<string, GraphNode>();
  for (const entry of catalogue) {
    const document = resolveResiliencePolicies(entry, catalogue, env, options);
    const edges = (entry.declaration.dependencies ?? []).map((dep, index) => {
      const name = dependencyName(dep);
      const policy = document.dependencies[name];
      return { index, name, kind: policy.kind, policy };
    });
    nodes.set(entry.declaration.name, { entry, document, edges });
  }
  return { environment: env, nodes };
}
