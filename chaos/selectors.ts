/**
 * Pod selection derived from service declarations: the namespace and the
 * `app.kubernetes.io/name` label of the scrape contract, and the Chaos Mesh `mode`/`value`
 * of a scope. Never hand-written selectors.
 */
import type { CataloguedService, EnvironmentName, ServiceDeclaration } from "../catalogue/types";
import { SCRAPE_CONTRACT } from "../generators/scrape-contract";
import type { ChaosScope } from "./types";

/** Chaos Mesh `PodSelectorSpec` (the fields used here). */
export interface PodSelectorSpec {
  namespaces: string[];
  labelSelectors: Record<string, string>;
  nodeSelectors?: Record<string, string>;
}

/** Chaos Mesh `mode` and `value` of a selector. */
export interface SelectorMode {
  mode: "one" | "all" | "fixed" | "fixed-percent";
  value?: string;
}

/**
 * Every pod of the service on nodes of one topology zone: the selection of the zone-outage
 * scenario, and the only pod selection of this service generated with mode `all` (the zone
 * bounds it; the policy pack accepts `all` only on a selector scoped to one zone).
 */
export interface ZoneScope {
  mode: "zone";
  /** Value of the nodes' `topology.kubernetes.io/zone` label. */
  zone: string;
}

/** How a fault selects the service's pods: a bounded scope, or every pod in one zone. */
export type PodScope = ChaosScope | ZoneScope;

/** Node label that names a node's zone. */
export const ZONE_LABEL = "topology.kubernetes.io/zone";

/** The scope used when an experiment states none. */
export const DEFAULT_SCOPE: ChaosScope = { mode: "one" };

/** Pods of a declared service: its namespace and `app.kubernetes.io/name=<name>`; with `zone`, only on nodes of that zone. */
export function servicePods(service: ServiceDeclaration, zone?: string): PodSelectorSpec {
  return {
    namespaces: [service.namespace],
    labelSelectors: { [SCRAPE_CONTRACT.serviceLabel]: service.name },
    ...(zone === undefined ? {} : { nodeSelectors: { [ZONE_LABEL]: zone } }),
  };
}

/** The selector and mode of a pod scope: the service's pods (of one zone for a zone scope). */
export function selectPods(service: ServiceDeclaration, scope: PodScope): { selector: PodSelectorSpec } & SelectorMode {
  if (scope.mode === "zone") return { selector: servicePods(service, scope.zone), mode: "all" };
  return { selector: servicePods(service), ...selectorMode(scope) };
}

/** Chaos Mesh mode of a scope. */
export function selectorMode(scope: ChaosScope): SelectorMode {
  switch (scope.mode) {
    case "one":
      return { mode: "one" };
    case "fixed":
      return { mode: "fixed", value: String(scope.pods) };
    case "fixed-percent":
      return { mode: "fixed-percent", value: String(scope.percent) };
  }
}

/** Replicas the service runs with in `environment` (override, declaration, or 2). */
export function replicasIn(service: ServiceDeclaration, environment: EnvironmentName): number {
  return service.overrides?.[environment]?.replicas ?? service.replicas ?? 2;
}

/**
 * Most pods a scope can touch out of `replicas`, as Chaos Mesh counts them
 * (`fixed-percent` rounds down).
 */
export function podsTouched(scope: ChaosScope, replicas: number): number {
  switch (scope.mode) {
    case "one":
      return Math.min(1, replicas);
    case "fixed":
      return Math.min(scope.pods, replicas);
    case "fixed-percent":
      return Math.floor((replicas * scope.percent) / 100);
  }
}

/** A scope as words for the plan: `1 of 3 pods`, `50% of 4 pods (2)`. */
export function describeScope(scope: ChaosScope, replicas: number): string {
  const n = podsTouched(scope, replicas);
  switch (scope.mode) {
    case "fixed-percent":
      return `${scope.percent}% of ${replicas} pods (${n})`;
    default:
      return `${n} of ${replicas} pod${replicas === 1 ? "" : "s"}`;
  }
}

/** The declared service called `name`, if any. */
export function findService(catalogue: readonly CataloguedService[], name: string): CataloguedService | undefined {
  return catalogue.find((s) => s.declaration.name === name);
}
