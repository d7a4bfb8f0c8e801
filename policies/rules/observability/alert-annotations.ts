import type { EnforcementLevel, StackValidationPolicy } from "@pulumi/policy";
import { isMapping, parseDocuments } from "../../lib/documents";
import { K8S, labelsOf, subject } from "../../lib/k8s";
import { MARKERS } from "../../lib/markers";

export const ALERT_ANNOTATIONS = "observability-alert-annotations";

/** What every alerting rule carries: a label and three annotations. */
const REQUIRED: { field: string; read: (rule: Record<string, any>) => unknown }[] = [
  { field: "labels.severity", read: (r) => r.labels?.severity },
  { field: "annotations.summary", read: (r) => r.annotations?.summary },
  { field: "annotations.description", read: (r) => r.annotations?.description },
  { field: "annotations.runbook_url", read: (r) => r.annotations?.runbook_url },
];

/**
 * Every alerting rule in every rule ConfigMap of the stack (label
 * `sevensa.io/prometheus-rules: "true"`) has `labels.severity` and the annotations `summary`,
 * `description` and `runbook_url`, each non-empty; a rule file that does not parse is reported.
 *
 * Severity: high. Why: routing needs the severity (a page or a ticket), and the person paged at
 * night needs to know what broke and what to do first; an alert without a runbook is noise.
 */
export function alertAnnotations(enforcementLevel: EnforcementLevel): StackValidationPolicy {
  return {
    name: ALERT_ANNOTATIONS,
    description: "Every alert rule has severity, summary, description and runbook_url.",
    enforcementLevel,
    severity: "high",
    validateStack: (args, reportViolation) => {
      for (const r of args.resources) {
        if (r.type !== K8S.configMap || labelsOf(r.props)[MARKERS.rulesLabel] !== "true") continue;
        const who = subject(r.type, r.name);
        for (const [file, text] of Object.entries((r.props.data ?? {}) as Record<string, unknown>)) {
          if (typeof text !== "string") continue;
          const parsed = parseDocuments(text);
          if (!parsed.ok) {
            reportViolation(`${who} data "${file}" is not a valid rule file: ${parsed.error}`, r.urn);
            continue;
          }
          const doc = parsed.documents[0];
          const groups = isMapping(doc) && Array.isArray(doc.groups) ? doc.groups : [];
          groups.forEach((group: any, g: number) => {
            ((group?.rules ?? []) as Record<string, any>[]).forEach((rule, i) => {
              if (!isMapping(rule) || typeof rule.alert !== "string") return;
              const missing = REQUIRED.filter((q) => {
                const v = q.read(rule);
                return typeof v !== "string" || v.trim() === "";
              }).map((q) => q.field);
              if (missing.length === 0) return;
              reportViolation(
                `${who} data "${file}" groups[${g}].rules[${i}] (alert ${rule.alert}): missing ${missing.join(", ")}; every alert needs labels.severity and annotations summary, description and runbook_url`,
                r.urn,
              );
            });
          });
        }
      }
    },
  };
}
