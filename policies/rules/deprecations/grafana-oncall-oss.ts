import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { parseImage } from "../../lib/images";
import { workloadContainers, type Props } from "../../lib/k8s";

export const GRAFANA_ONCALL_OSS = "deprecated-grafana-oncall-oss";

/** The Grafana OnCall OSS image repository and its Grafana plugin id. */
const ONCALL_REPOSITORY = "grafana/oncall";
const ONCALL_PLUGIN = "grafana-oncall-app";

/**
 * No container runs Grafana OnCall OSS (`grafana/oncall`, from any registry), and no Grafana
 * installs its plugin (`grafana-oncall-app` in `GF_INSTALL_PLUGINS`).
 *
 * Severity: medium. Why: Grafana OnCall OSS is archived: no fixes, no security updates. On-call
 * routing and escalation are generated from stacks/teams (Alertmanager and PagerDuty).
 */
export function grafanaOncallOss(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: GRAFANA_ONCALL_OSS,
    description: "No Grafana OnCall OSS (archived); on-call goes through Alertmanager and PagerDuty.",
    enforcementLevel,
    severity: "medium",
    validateResource: (args, reportViolation) => {
      const fix = "route on-call through Alertmanager and PagerDuty (stacks/teams) instead";
      for (const { ref, where } of workloadContainers(args.type, args.name, args.props)) {
        const image = String(ref.container.image ?? "");
        if (parseImage(image).repository === ONCALL_REPOSITORY) {
          reportViolation(`${where}: image "${image}" is Grafana OnCall OSS, which is archived; ${fix}`);
        }
        const plugins = ((ref.container.env ?? []) as Props[]).find((e) => e.name === "GF_INSTALL_PLUGINS")?.value;
        if (typeof plugins === "string" && plugins.split(",").some((p) => p.trim().split(/[ @]/)[0] === ONCALL_PLUGIN)) {
          reportViolation(`${where}: GF_INSTALL_PLUGINS installs ${ONCALL_PLUGIN}, Grafana OnCall OSS, which is archived; ${fix}`);
        }
      }
    },
  };
}
