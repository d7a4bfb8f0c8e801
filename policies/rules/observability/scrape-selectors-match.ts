import type { EnforcementLevel, PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isMapping, parseDocuments } from "../../lib/documents";
import { annotationsOf, formatLabels, K8S, kindOf, labelsOf, podTemplateOf, selectorMatches, subject } from "../../lib/k8s";
import { MARKERS, parseLabelList } from "../../lib/markers";

export const SCRAPE_SELECTORS_MATCH = "observability-scrape-selectors-match";

/** A pod Prometheus could discover: from a pod template of the stack, or a declared service's pod labels. */
interface Candidate {
  namespace: string;
  labels: Record<string, string>;
  /** Undefined when unknown (a declared service's pods live outside the stack). */
  annotations: Record<string, string> | undefined;
}

const sanitize = (k: string): string => k.replace(/[^a-zA-Z0-9_]/g, "_");

/** The value of a pod-role meta label for a candidate, or undefined when it cannot be known here. */
function metaValue(c: Candidate, label: string): string | undefined {
  if (label === "__meta_kubernetes_namespace") return c.namespace;
  if (label === "__meta_kubernetes_pod_phase") return "Running";
  if (label === "__meta_kubernetes_pod_ready") return "true";
  const families: [string, Record<string, string> | undefined, boolean][] = [
    ["__meta_kubernetes_pod_labelpresent_", c.labels, true],
    ["__meta_kubernetes_pod_label_", c.labels, false],
    ["__meta_kubernetes_pod_annotationpresent_", c.annotations, true],
    ["__meta_kubernetes_pod_annotation_", c.annotations, false],
  ];
  for (const [prefix, map, present] of families) {
    if (!label.startsWith(prefix)) continue;
    if (map === undefined) return undefined;
    const key = Object.keys(map).find((k) => sanitize(k) === label.slice(prefix.length));
    if (present) return key === undefined ? "" : "true";
    return key === undefined ? "" : map[key];
  }
  return undefined;
}

/** Whether the keep/drop relabel rules of a pod-role job let the candidate through (unknowable rules let it through). */
function passes(rules: Record<string, any>[], c: Candidate): boolean {
  for (const rule of rules) {
    const action = String(rule.action ?? "replace").toLowerCase();
    if (action !== "keep" && action !== "drop") continue;
    const values = ((rule.source_labels ?? []) as string[]).map((l) => metaValue(c, l));
    if (values.some((v) => v === undefined)) continue;
    const matched = new RegExp(`^(?:${rule.regex ?? "(.*)"})$`).test(values.join(rule.separator ?? ";"));
    if (action === "keep" ? !matched : matched) return false;
  }
  return true;
}

function describeKeep(rules: Record<string, any>[]): string {
  const keeps = rules.filter((r) => String(r.action ?? "").toLowerCase() === "keep");
  if (keeps.length === 0) return "every pod";
  return keeps.map((r) => `${((r.source_labels ?? []) as string[]).join(";")} =~ "${r.regex ?? "(.*)"}"`).join(" and ");
}

function candidates(resources: PolicyResource[]): Candidate[] {
  const out: Candidate[] = [];
  for (const r of resources) {
    const t = podTemplateOf(r.type, r.props);
    if (t !== undefined) {
      out.push({ namespace: String(r.props.metadata?.namespace ?? ""), labels: t.metadata.labels ?? {}, annotations: t.metadata.annotations ?? {} });
    }
    if (r.type === K8S.configMap && labelsOf(r.props)[MARKERS.declarationLabel] === "true") {
      const labels = parseLabelList(annotationsOf(r.props)[MARKERS.podLabelsAnnotation]);
      if (Object.keys(labels).length > 0) out.push({ namespace: String(r.props.metadata?.namespace ?? ""), labels, annotations: undefined });
    }
  }
  return out;
}

function replicaCount(n: number): string {
  return n === 1 ? "1 replica" : `${n} replicas`;
}

/** Checks one static target naming an in-cluster Service (`svc.ns.svc:port` or `pod.svc.ns.svc:port`). */
function staticTargetProblem(target: string, resources: PolicyResource[]): string | undefined {
  const m = /^([a-z0-9.-]+?)\.svc(?:\.cluster\.local)?(?::(\d+))?$/.exec(target);
  if (m === null) return undefined;
  const parts = m[1].split(".");
  if (parts.length < 2 || parts.length > 3) return undefined;
  const [pod, svcName, ns] = parts.length === 3 ? parts : [undefined, parts[0], parts[1]];
  const svc = resources.find((r) => r.type === K8S.service && r.props.metadata?.name === svcName && r.props.metadata?.namespace === ns);
  if (svc === undefined) return `names the Service ${ns}/${svcName}, which this stack does not define`;
  const ports = ((svc.props.spec?.ports ?? []) as Record<string, any>[]).map((p) => Number(p.port));
  if (m[2] !== undefined && !ports.includes(Number(m[2]))) return `uses port ${m[2]}, which ${subject(svc.type, svc.name)} does not expose (ports: ${ports.join(", ")})`;
  const selector = (svc.props.spec?.selector ?? {}) as Record<string, string>;
  const inNs = resources.filter((r) => r.props.metadata?.namespace === ns && podTemplateOf(r.type, r.props) !== undefined);
  if (Object.keys(selector).length > 0 && !inNs.some((r) => selectorMatches({ matchLabels: selector }, podTemplateOf(r.type, r.props)?.metadata.labels ?? {}))) {
    return `goes through ${subject(svc.type, svc.name)}, whose selector ${formatLabels(selector)} matches no pod template of this stack`;
  }
  if (pod === undefined) return undefined;
  const sets = inNs.filter((r) => r.type === K8S.statefulSet && r.props.spec?.serviceName === svcName);
  const owner = sets.find((s) => {
    const base = String(s.props.metadata?.name ?? "");
    const ordinal = pod.startsWith(`${base}-`) ? Number(pod.slice(base.length + 1)) : NaN;
    return Number.isInteger(ordinal) && ordinal >= 0 && ordinal < Number(s.props.spec?.replicas ?? 1);
  });
  if (owner !== undefined) return undefined;
  return sets.length === 0
    ? `names the pod ${pod}, but no StatefulSet of this stack governs Service "${svcName}"`
    : `names the pod ${pod}, which ${sets.map((s) => `${kindOf(s.type)} "${s.name}" (${replicaCount(Number(s.props.spec?.replicas ?? 1))})`).join(", ")} does not run`;
}

/**
 * No scrape target selector of the stack's Prometheus configuration (a ConfigMap entry
 * `prometheus.yml` with `scrape_configs`) matches nothing:
 * - a static target naming an in-cluster Service (`svc.ns.svc:port`, `pod.svc.ns.svc:port`) must
 *   name a Service of the stack, one of its ports, a selector that matches a pod template, and
 *   for a pod name a replica the governing StatefulSet runs;
 * - a `kubernetes_sd_configs` job of role `pod` must let through (by its keep/drop relabelling)
 *   at least one pod template of the stack or one declared service's pods (the anchor
 *   annotation `sevensa.io/pod-labels`). Relabel rules over labels that cannot be known before
 *   deployment are not held against the job.
 *
 * Severity: medium. Why: a selector that matches nothing fails silently: no target, so no
 * `up == 0`, so no alert; the service looks quiet when it is unobserved.
 */
export function scrapeSelectorsMatch(enforcementLevel: EnforcementLevel): StackValidationPolicy {
  return {
    name: SCRAPE_SELECTORS_MATCH,
    description: "Every scrape target selector of the Prometheus configuration matches something the stack deploys or declares.",
    enforcementLevel,
    severity: "medium",
    validateStack: (args, reportViolation) => {
      const pods = candidates(args.resources);
      for (const r of args.resources) {
        if (r.type !== K8S.configMap) continue;
        for (const [key, text] of Object.entries((r.props.data ?? {}) as Record<string, unknown>)) {
          if (typeof text !== "string" || !/^prometheus\.ya?ml$/.test(key)) continue;
          const parsed = parseDocuments(text);
          const doc = parsed.ok ? parsed.documents[0] : undefined;
          if (!isMapping(doc) || !Array.isArray(doc.scrape_configs)) continue;
          const where = `${subject(r.type, r.name)} data "${key}"`;
          for (const job of doc.scrape_configs as Record<string, any>[]) {
            for (const sc of (job.static_configs ?? []) as Record<string, any>[]) {
              for (const target of (sc.targets ?? []) as string[]) {
                const problem = staticTargetProblem(String(target), args.resources);
                if (problem !== undefined) reportViolation(`${where} job "${job.job_name}" target "${target}" ${problem}; point it at what the stack deploys`, r.urn);
              }
            }
            for (const sd of (job.kubernetes_sd_configs ?? []) as Record<string, any>[]) {
              if (sd.role !== "pod") continue;
              const names: string[] | undefined = sd.namespaces?.own_namespace === true ? [String(r.props.metadata?.namespace)] : sd.namespaces?.names;
              const scoped = pods.filter((c) => names === undefined || names.length === 0 || names.includes(c.namespace));
              if (scoped.some((c) => passes((job.relabel_configs ?? []) as Record<string, any>[], c))) continue;
              reportViolation(
                `${where} job "${job.job_name}": its pod selector (keep ${describeKeep(job.relabel_configs ?? [])}) matches no pod template and no declared service of this stack; ` +
                  `fix the relabelling, or declare a scraped service (its ObservedService sets the annotation ${MARKERS.podLabelsAnnotation})`,
                r.urn,
              );
            }
          }
        }
      }
    },
  };
}
