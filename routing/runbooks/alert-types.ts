import { generateResilienceRules, resolveResiliencePolicies } from "../../resilience";
import { generatePlatformRules, generateServiceRules, isAlertingRule } from "../../alert-rules";
import type { CataloguedService } from "../../catalogue/types";
import { ENVIRONMENTS } from "../../catalogue/types";
import { runbookUrl } from "../../alert-rules";
import type { RunbookGuidance } from "./guidance";

/** One alert type (alert name) as the rule generators emit it. */
export interface AlertType {
  /** The alert name, e.g. `SLOErrorBudgetBurn`. */
  name: string;
  /** Every `severity` it is emitted with, sorted. */
  severities: string[];
  /** Every `team` it is emitted for, sorted. */
  teams: string[];
  /** Every `service` it is emitted for, sorted (empty for platform alerts). */
  services: string[];
  /** The `summary` annotation of its first rule (a template for SLO alerts). */
  summary: string;
  /** The `runbook_url` annotation; the same for every rule of the type. */
  runbookUrl: string;
}

/**
 * Every alert type the rule generators emit for the catalogue in any environment, plus the
 * `standalone` ones of `guidance` (alerts that exist per stack, about catalogued services),
 * sorted by name: one runbook each. Throws if two rules of one type disagree on `runbook_url`.
 */
export function alertTypes(services: CataloguedService[], guidance: Readonly<Record<string, RunbookGuidance>> = {}): AlertType[] {
  const resilienceFiles = ENVIRONMENTS.flatMap((env) =>
    services.map((s) => generateResilienceRules(s, resolveResiliencePolicies(s, services, env))),
  );
  const files = [...ENVIRONMENTS.flatMap((env) => services.map((s) => generateServiceRules(s, env))), generatePlatformRules(), ...resilienceFiles];
  const byName = new Map<string, AlertType>();
  for (const rule of files.flatMap((f) => f.groups.flatMap((g) => g.rules.filter(isAlertingRule)))) {
    const t = byName.get(rule.alert) ?? { name: rule.alert, severities: [], teams: [], services: [], summary: rule.annotations.summary, runbookUrl: rule.annotations.runbook_url };
    if (t.runbookUrl !== rule.annotations.runbook_url) {
      throw new Error(`alert ${rule.alert} has two runbook URLs: ${t.runbookUrl} and ${rule.annotations.runbook_url}`);
    }
    const add = (list: string[], v: string | undefined): void => {
      if (v !== undefined && !list.includes(v)) list.push(v);
    };
    add(t.severities, rule.labels.severity);
    add(t.teams, rule.labels.team);
    add(t.services, rule.labels.service);
    byName.set(rule.alert, t);
  }
  for (const [name, g] of Object.entries(guidance)) {
    if (g.standalone === undefined || byName.has(name)) continue;
    byName.set(name, {
      name,
      severities: [...g.standalone.severities],
      teams: [...new Set(services.map((s) => s.declaration.team))],
      services: services.map((s) => s.declaration.name),
      summary: g.standalone.summary,
      runbookUrl: runbookUrl(name),
    });
  }
  return [...byName.values()]
    .map((t) => ({ ...t, severities: [...t.severities].sort(), teams: [...t.teams].sort(), services: [...t.services].sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
