/**
 * One SLO as it applies in one environment: the objective after overrides, the period,
 * the error budget and whether paging is off there.
 */
import type { EnvironmentName, ServiceDeclaration, SloDefinition } from "../catalogue/types";
import { DEFAULT_PERIOD } from "./burn-rate";
import { errorBudget } from "./format-number";

/** An SLO with everything the rule generator needs resolved. */
export interface ResolvedSlo {
  service: ServiceDeclaration;
  slo: SloDefinition;
  env: EnvironmentName;
  /** Objective in percent in this environment (override or declared). */
  objective: number;
  /** SLO period. */
  period: string;
  /** Error budget as a fraction (99.9 → 0.001). */
  budget: number;
  /** True when the service's override for this environment turns paging off. */
  pagingDisabled: boolean;
}

/** Applies the environment's overrides to one SLO of a service. */
export function resolveSlo(service: ServiceDeclaration, slo: SloDefinition, env: EnvironmentName): ResolvedSlo {
  const override = service.overrides?.[env];
  const objective = override?.objectives?.[slo.name] ?? slo.objective;
  return {
    service,
    slo,
    env,
    objective,
    period: slo.period ?? DEFAULT_PERIOD,
    budget: errorBudget(objective),
    pagingDisabled: override?.pagingDisabled ?? false,
  };
}
