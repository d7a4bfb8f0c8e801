import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { chaosKind, faultsOf, isChaosObject, selectorsOf, zoneOf, ZONE_LABEL } from "../../lib/chaos";
import { readConfig } from "../../lib/config";

export const CHAOS_MODE_BOUNDED = "chaos-mode-bounded";

/** Configuration of the mode policy. */
export interface ChaosModeConfig {
  /** The largest share of matching pods a `fixed-percent` or `random-max-percent` fault may hit. @default 50 */
  maxPercent: number;
}

const CLOUD_KINDS = new Set(["AWSChaos", "GCPChaos", "AzureChaos"]);
const PERCENT_MODES = new Set(["fixed-percent", "random-max-percent"]);
const KNOWN_MODES = new Set(["one", "fixed", "fixed-percent", "random-max-percent", "all"]);

/**
 * Every pod-selecting fault (and a NetworkChaos target) has a bounded mode: `one`, `fixed`, or
 * a percentage mode whose value is at most the stack's limit; never unset. Mode `all` only where
 * something else bounds the blast radius:
 * - on a NetworkChaos `target` (the dependency side of a delay, loss or partition): the fault
 *   reaches only the traffic of the source pods, whose own mode is bounded;
 * - on a selector scoped to one topology zone (`nodeSelectors` or an `expressionSelectors`
 *   requirement `In` one value on `topology.kubernetes.io/zone`): the zone-outage scenario, where
 *   "every pod of the service in that zone" is the experiment.
 *
 * The chaos rails (chaos/validate.ts) enforce the same rule before anything is generated.
 *
 * Severity: high. Why: `all` turns "one replica fails" into "the service is down", which tests
 * nothing the SLO did not already tell us and burns the whole error budget at once.
 */
export function chaosModeBounded(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: CHAOS_MODE_BOUNDED,
    description: "Chaos faults hit a bounded share of the matching pods: percentages within the stack's limit, mode all only on a NetworkChaos target or a selector scoped to one zone.",
    enforcementLevel,
    severity: "high",
    configSchema: {
      properties: {
        maxPercent: { type: "integer", minimum: 1, maximum: 100, default: 50, description: "Largest percentage of matching pods a fault may hit." },
      },
    },
    validateResource: (args, reportViolation) => {
      if (!isChaosObject(args.type, args.props)) return;
      const { maxPercent } = readConfig<ChaosModeConfig>(args, { maxPercent: 50 });
      const who = `${chaosKind(args.type, args.props)} "${args.name}"`;
      const fix = `use one, fixed, fixed-percent or random-max-percent of at most ${maxPercent}`;
      for (const fault of faultsOf(args.type, args.props)) {
        if (CLOUD_KINDS.has(fault.kind)) continue;
        for (const s of selectorsOf(fault)) {
          if (s.role === "target" && s.selector === undefined && s.mode === undefined) continue;
          const at = s.at.slice(0, -".selector".length);
          if (s.mode === undefined || s.mode === null || s.mode === "") {
            reportViolation(`${who} ${at} has no mode; ${fix}`);
          } else if (s.mode === "all") {
            if (s.role === "target" || zoneOf(s.selector) !== undefined) continue;
            reportViolation(
              `${who} ${at} mode "all" hits every matching pod and its selector is not scoped to one zone (nodeSelectors or expressionSelectors on ${ZONE_LABEL}); ${fix}`,
            );
          } else if (!KNOWN_MODES.has(String(s.mode))) {
            reportViolation(`${who} ${at} mode "${s.mode}" is not a Chaos Mesh mode; ${fix}`);
          } else if (PERCENT_MODES.has(String(s.mode))) {
            const pct = Number(s.value);
            if (!Number.isFinite(pct) || String(s.value ?? "").trim() === "") {
              reportViolation(`${who} ${at} mode ${s.mode} needs a numeric value (a percentage); ${fix}`);
            } else if (pct > maxPercent) {
              reportViolation(`${who} ${at} mode ${s.mode} with value ${s.value} exceeds this stack's limit of ${maxPercent}%; ${fix}`);
            }
          }
        }
      }
    },
  };
}
