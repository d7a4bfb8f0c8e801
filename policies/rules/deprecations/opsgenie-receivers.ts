import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { alertmanagerConfigsIn } from "../../lib/alertmanager";
import { isMapping } from "../../lib/documents";
import { subject } from "../../lib/k8s";

export const OPSGENIE_RECEIVERS = "deprecated-opsgenie-receivers";

/**
 * No Alertmanager configuration (in a Secret or a ConfigMap) has a receiver with
 * `opsgenie_configs` or sets `global.opsgenie_api_key`/`opsgenie_api_url`/`opsgenie_api_key_file`.
 *
 * Severity: medium. Why: Opsgenie ends support in April 2027; a receiver built on it today is a
 * silent paging outage later. Pages go to PagerDuty (`pagerduty_configs`).
 */
export function opsgenieReceivers(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: OPSGENIE_RECEIVERS,
    description: "No Opsgenie receivers in an Alertmanager configuration; page through PagerDuty.",
    enforcementLevel,
    severity: "medium",
    validateResource: (args, reportViolation) => {
      for (const { key, config } of alertmanagerConfigsIn(args.type, args.props)) {
        const where = `${subject(args.type, args.name)} data "${key}"`;
        const global = isMapping(config.global) ? config.global : {};
        for (const field of ["opsgenie_api_key", "opsgenie_api_key_file", "opsgenie_api_url"].filter((f) => global[f] !== undefined)) {
          reportViolation(`${where}: global.${field} is set; Opsgenie ends support in April 2027: remove it and page through PagerDuty (pagerduty_configs)`);
        }
        for (const r of (config.receivers ?? []) as Record<string, any>[]) {
          if (!isMapping(r) || !Array.isArray(r.opsgenie_configs) || r.opsgenie_configs.length === 0) continue;
          reportViolation(`${where}: receiver "${r.name}" uses opsgenie_configs; Opsgenie ends support in April 2027: page through PagerDuty (pagerduty_configs) instead`);
        }
      }
    },
  };
}
