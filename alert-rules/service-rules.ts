/**
 * All SLO rules of one service in one environment, in three groups by evaluation interval:
 *
 * - `<service>-slo-short` every 30s: the 5m rates, the error ratios the page reads (30m, 1h, 6h), the
 *   burn rates of every window (fresh for dashboards and the chaos guard; the 2h, 1d and 3d ones
 *   repeat the long group's latest ratio) and the page alert;
 * - `<service>-slo-long` every 2m: the other error ratios (2h, 1d, 3d) and the ticket alert;
 * - `<service>-slo-period` every 5m: the error budget remaining over the period.
 *
 * 12 rules per SLO: 10 recordings and 2 alerts.
 */
import type { CataloguedService, EnvironmentName } from "../catalogue/types";
import { windowsOf } from "./burn-rate";
import { resolveSlo } from "./resolve-slo";
import { burnAlert } from "./slo-alerts";
import { baseRateRules, budgetRemainingRule, burnRateRule, errorRatioRule, ratioWindows } from "./slo-recordings";
import type { RuleFile } from "./types";

/** Evaluation interval of each group. */
export const GROUP_INTERVALS = { short: "30s", long: "2m", period: "5m" } as const;

/** Error-ratio windows the page alert reads (evaluated with it, in the short group); the others go to the long group. */
function pageWindows(): Set<string> {
  return new Set(windowsOf("page").flatMap((w) => [w.long, w.short]));
}

/** The rule file of one service's SLOs in `env`. Pure: the same input gives the same output. */
export function generateServiceRules(service: CataloguedService, env: EnvironmentName): RuleFile {
  const decl = service.declaration;
  const page = pageWindows();
  const shortWindows = ratioWindows().filter((w) => page.has(w));
  const longWindows = ratioWindows().filter((w) => !page.has(w));
  const resolved = decl.slos.map((slo) => resolveSlo(decl, slo, env));
  return {
    groups: [
      {
        name: `${decl.name}-slo-short`,
        interval: GROUP_INTERVALS.short,
        rules: resolved.flatMap((r) => [...baseRateRules(r), ...shortWindows.map((w) => errorRatioRule(r, w)), burnRateRule(r), burnAlert(r, "page")]),
      },
      {
        name: `${decl.name}-slo-long`,
        interval: GROUP_INTERVALS.long,
        rules: resolved.flatMap((r) => [...longWindows.map((w) => errorRatioRule(r, w)), burnAlert(r, "ticket")]),
      },
      {
        name: `${decl.name}-slo-period`,
        interval: GROUP_INTERVALS.period,
        rules: resolved.map((r) => budgetRemainingRule(r)),
      },
    ],
  };
}
