import * as path from "path";
import { generatePlatformRules, generateServiceRules, renderRuleFile } from "../alert-rules";
import { loadCatalogue } from "../catalogue/load";
import type { CataloguedService } from "../catalogue/types";
import { validateCatalogue } from "../catalogue/validate";
import { generateDashboards } from "../dashboards";
import { generateAlertmanagerConfig } from "../routing/alertmanager-config";
import { loadTeams } from "../routing/load-teams";
import { renderAlertmanagerConfig } from "../routing/render-alertmanager";
import { secretNamesOf } from "../routing/secrets";
import type { LoadedTeam } from "../routing/team-types";
import type { StackConfig } from "./config/schema";
import { planChaos } from "../chaos/plan";
import {
  assertResilienceGraph,
  renderPolicyDocument,
  renderResilienceRules,
  resilienceArtifactPath,
  resilienceOverrideProblems,
  resolveResiliencePolicies,
} from "../resilience";
import { chaosArtifactFiles } from "../chaos/render";
import { planPlatform, prometheusUrl, type PlatformPlan } from "./plan";

/** The repository root (this file lives in stacks/). */
export const REPO_ROOT = path.resolve(__dirname, "..");

/** Everything one stack deploys, computed from declarations and config; no Pulumi involved. */
export interface GeneratedStack {
  plan: PlatformPlan;
  services: CataloguedService[];
  teams: LoadedTeam[];
  /** Secret names the Alertmanager configuration reads through `*_file` fields. */
  receiverSecretNames: string[];
}

/** Declarations that can be swapped for fixtures (tests, benchmarks). */
export interface Declarations {
  services: CataloguedService[];
  teams: LoadedTeam[];
}

/** Loads the service catalogue and the teams from the repository. */
export function loadDeclarations(repoRoot: string = REPO_ROOT): Declarations {
  return { services: loadCatalogue(repoRoot), teams: loadTeams(repoRoot) };
}

/**
 * Validates the declarations against each other and generates every configuration of `stack`:
 * rule files, the Alertmanager configuration, Prometheus and Grafana provisioning.
 * Throws, naming the file and field, before anything is deployed.
 */
export function generateStack(stack: string, config: StackConfig, declarations: Declarations = loadDeclarations()): GeneratedStack {
  const teams = declarations.teams;
  const services = validateCatalogue(declarations.services, { knownTeams: teams.map((t) => t.declaration.name) });
  const chaos = planChaos({
    stack,
    environment: config.environment,
    platformNamespace: config.namespace,
    config: config.chaos,
    services,
    prometheusUrl: prometheusUrl(config),
  });
  const am = generateAlertmanagerConfig({
    environment: config.environment,
    teams,
    services,
    extraInhibitRules: chaos.active ? [chaos.muteRule] : [],
  });
  const ruleFiles: Record<string, string> = { "platform.yaml": renderRuleFile(generatePlatformRules(), "alert-rules/platform-rules.ts") };
  const overrideProblems = resilienceOverrideProblems(services);
  if (overrideProblems.length > 0) throw new Error(overrideProblems.join("\n"));
  assertResilienceGraph(services, [config.environment], { retryAmplificationLimit: config.resilience?.retryAmplificationLimit });
  const resilienceFiles: Record<string, string> = {};
  for (const service of services) {
    const name = service.declaration.name;
    ruleFiles[`${name}.yaml`] = renderRuleFile(generateServiceRules(service, config.environment), service.file);
    const policies = resolveResiliencePolicies(service, services, config.environment);
    resilienceFiles[resilienceArtifactPath(name)] = renderPolicyDocument(policies);
    if (Object.keys(policies.dependencies).length > 0) ruleFiles[`${name}-resilience.yaml`] = renderResilienceRules(service, policies);
  }
  const plan = planPlatform({
    stack,
    config,
    alertmanagerYaml: renderAlertmanagerConfig(am, `stacks/teams and stacks/services for ${stack}`),
    ruleFiles,
    dashboards: generateDashboards(services, config.environment),
    chaos,
    extraFiles: { ...resilienceFiles, ...chaosArtifactFiles({ stack, environment: config.environment, config: config.chaos, plan: chaos }) },
  });
  return { plan, services, teams, receiverSecretNames: secretNamesOf(am) };
}
