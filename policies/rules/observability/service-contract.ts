import type { EnforcementLevel, PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { alertmanagerConfigsIn, receiverNames, routeMatchesEquality, routesOf } from "../../lib/alertmanager";
import { annotationsOf, K8S, labelsOf, subject } from "../../lib/k8s";
import { MARKERS } from "../../lib/markers";
import { isWatched, watchedNamespaces, watchersOf, type Watcher } from "../../lib/watchers";

export const SERVICE_CONTRACT = "observability-service-contract";

/** A declared service as its anchor ConfigMap describes it. */
interface Declared {
  anchor: PolicyResource;
  name: string;
  team: string;
  slos: string[];
  label: string;
}

function declaredServices(resources: PolicyResource[], reportViolation: (m: string, urn?: string) => void): Declared[] {
  const out: Declared[] = [];
  for (const r of resources) {
    if (r.type !== K8S.configMap || labelsOf(r.props)[MARKERS.declarationLabel] !== "true") continue;
    const a = annotationsOf(r.props);
    const name = (a[MARKERS.serviceAnnotation] ?? "").trim();
    if (name === "") {
      reportViolation(
        `${subject(r.type, r.name)} is labelled ${MARKERS.declarationLabel} but has no ${MARKERS.serviceAnnotation} annotation; the ObservedService component sets it to the declared service name`,
        r.urn,
      );
      continue;
    }
    const file = a[MARKERS.declaredInAnnotation];
    out.push({
      anchor: r,
      name,
      team: (a[MARKERS.teamAnnotation] ?? "").trim(),
      slos: (a[MARKERS.slosAnnotation] ?? "").split(",").map((s) => s.trim()).filter((s) => s !== ""),
      label: file === undefined ? `service "${name}"` : `service "${name}" (${file})`,
    });
  }
  return out;
}

/** The ConfigMaps labelled `label: "true"` and annotated for `service`. */
function configMapsFor(resources: PolicyResource[], label: string, service: string): PolicyResource[] {
  return resources.filter(
    (r) => r.type === K8S.configMap && labelsOf(r.props)[label] === "true" && annotationsOf(r.props)[MARKERS.serviceAnnotation] === service,
  );
}

/** What is missing for a service's rule or dashboard ConfigMaps to be discovered, or undefined. */
function discoveryProblem(s: Declared, maps: PolicyResource[], watchers: Watcher[], label: string, what: string, consumer: string, creator: string): string | undefined {
  if (maps.length === 0) {
    return `${s.label} has no ${what} ConfigMap (label ${label}: "true", annotation ${MARKERS.serviceAnnotation}: ${s.name}); ${creator}`;
  }
  if (maps.some((m) => isWatched(watchers, label, labelsOf(m.props), String(m.props.metadata?.namespace ?? "")))) return undefined;
  const watched = watchedNamespaces(watchers, label);
  const where = maps.map((m) => `${subject(m.type, m.name)} in namespace "${m.props.metadata?.namespace}"`).join(", ");
  return watched.length === 0
    ? `${s.label}: no ${consumer} in this stack watches ConfigMaps labelled ${label}, so its ${what} (${where}) would never load`
    : `${s.label}: its ${what} (${where}) is outside what ${consumer} watches (namespaces: ${watched.join(", ")}); create it in a watched namespace`;
}

function routeProblem(s: Declared, configs: Record<string, any>[]): string | undefined {
  if (configs.length === 0) return `${s.label}: this stack has no Alertmanager configuration (a Secret holding alertmanager.yml), so its alerts reach nobody`;
  for (const config of configs) {
    const routes = routesOf(config).filter((r) => routeMatchesEquality(r.route, "team", s.team));
    if (routes.length === 0) continue;
    const known = receiverNames(config);
    const subtree = routesOf({ route: routes[0].route });
    const missing = subtree.map((r) => r.route.receiver).find((name) => name !== undefined && !known.has(String(name)));
    if (missing === undefined) return undefined;
    return `${s.label}: the route for team="${s.team}" (${routes[0].path}) uses the receiver "${missing}", which the Alertmanager configuration does not define; declare it in stacks/teams/${s.team}.ts`;
  }
  return `${s.label}: no Alertmanager route matches team="${s.team}", so its alerts fall to the unowned catch-all; declare the team in stacks/teams/`;
}

/**
 * The observability contract of every declared service, over the whole stack. A declared
 * service is a ConfigMap labelled `sevensa.io/service-declaration: "true"` (emitted by the
 * ObservedService component) annotated `sevensa.io/service`, `sevensa.io/team`, `sevensa.io/slos`.
 * Each must have: an owner team; at least one SLO; a rule ConfigMap (label
 * `sevensa.io/prometheus-rules: "true"`, annotation `sevensa.io/service`) in a namespace that
 * the stack's Prometheus rule watcher watches; a dashboard ConfigMap (label
 * `sevensa.io/grafana-dashboard: "true"`, same annotation) that Grafana's watcher picks up;
 * and an Alertmanager route matching `team="<team>"` whose receivers all exist.
 *
 * Severity: high. Why: a service that is deployed without an owner, an SLO, loaded rules, a
 * dashboard or a route is unobserved while everything looks green: its incidents page nobody.
 */
export function serviceContract(enforcementLevel: EnforcementLevel): StackValidationPolicy {
  return {
    name: SERVICE_CONTRACT,
    description: "Every declared service has an owner team, an SLO, rules Prometheus loads, a dashboard Grafana loads and a route to an existing receiver.",
    enforcementLevel,
    severity: "high",
    validateStack: (args, reportViolation) => {
      const watchers = watchersOf(args.resources);
      const amConfigs = args.resources
        .filter((r) => r.type === K8S.secret)
        .flatMap((r) => alertmanagerConfigsIn(r.type, r.props).map((f) => f.config));
      for (const s of declaredServices(args.resources, reportViolation)) {
        const urn = s.anchor.urn;
        if (s.team === "") reportViolation(`${s.label} has no owner team; set team in its declaration`, urn);
        if (s.slos.length === 0) reportViolation(`${s.label} declares no SLO; add at least one SLO to its declaration (no SLO, no alert, no error budget)`, urn);
        const rules = discoveryProblem(s, configMapsFor(args.resources, MARKERS.rulesLabel, s.name), watchers, MARKERS.rulesLabel, "rule", "Prometheus rule watcher", "the ObservedService component creates it from the declaration's SLOs");
        if (rules !== undefined) reportViolation(rules, urn);
        const dashboards = discoveryProblem(s, configMapsFor(args.resources, MARKERS.dashboardLabel, s.name), watchers, MARKERS.dashboardLabel, "dashboard", "Grafana dashboard watcher", "the dashboards generator creates one per declared service");
        if (dashboards !== undefined) reportViolation(dashboards, urn);
        if (s.team !== "") {
          const route = routeProblem(s, amConfigs);
          if (route !== undefined) reportViolation(route, urn);
        }
      }
    },
  };
}
