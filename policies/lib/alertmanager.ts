import { isMapping, parseDocuments } from "./documents";
import { textEntries, type Props } from "./k8s";

/** An Alertmanager configuration found in a ConfigMap or Secret. */
export interface FoundAlertmanagerConfig {
  /** The data key holding it, e.g. `alertmanager.yml`. */
  key: string;
  /** The parsed configuration. */
  config: Record<string, any>;
}

/** Data keys Alertmanager configurations are stored under. */
const CONFIG_KEYS = /^alertmanager\.ya?ml$/;

/** Whether a parsed document is an Alertmanager configuration (it has a route and receivers). */
export function isAlertmanagerConfig(doc: unknown): doc is Record<string, any> {
  return isMapping(doc) && isMapping(doc.route) && Array.isArray(doc.receivers);
}

/**
 * Every Alertmanager configuration in a ConfigMap's data or a Secret's data/stringData: entries
 * named `alertmanager.y(a)ml`, or any entry whose YAML has a `route` and `receivers`.
 */
export function alertmanagerConfigsIn(type: string, props: Props): FoundAlertmanagerConfig[] {
  const out: FoundAlertmanagerConfig[] = [];
  for (const [key, text] of textEntries(type, props)) {
    const parsed = parseDocuments(text);
    if (!parsed.ok) continue;
    const doc = parsed.documents[0];
    if (isAlertmanagerConfig(doc) || (CONFIG_KEYS.test(key) && isMapping(doc))) out.push({ key, config: doc as Record<string, any> });
  }
  return out;
}

/** One route of the tree with its path, e.g. `route.routes[3]`. */
export interface RouteAt {
  path: string;
  route: Record<string, any>;
}

/** Every route of the tree, depth first, the root first. */
export function routesOf(config: Record<string, any>): RouteAt[] {
  const out: RouteAt[] = [];
  const visit = (route: Record<string, any>, path: string): void => {
    out.push({ path, route });
    ((route.routes ?? []) as Record<string, any>[]).forEach((child, i) => {
      if (isMapping(child)) visit(child, `${path}.routes[${i}]`);
    });
  };
  if (isMapping(config.route)) visit(config.route, "route");
  return out;
}

const EQUALS = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"?([^"]*)"?\s*$/;

/** Whether a route matches `label` equal to `value` (through `matchers` or the older `match`). */
export function routeMatchesEquality(route: Record<string, any>, label: string, value: string): boolean {
  if (isMapping(route.match) && route.match[label] === value) return true;
  for (const m of (route.matchers ?? []) as unknown[]) {
    if (typeof m !== "string") continue;
    const eq = EQUALS.exec(m);
    if (eq !== null && eq[1] === label && eq[2] === value) return true;
  }
  return false;
}

/** Names of the receivers a configuration defines. */
export function receiverNames(config: Record<string, any>): Set<string> {
  return new Set(((config.receivers ?? []) as Record<string, any>[]).filter(isMapping).map((r) => String(r.name)));
}
