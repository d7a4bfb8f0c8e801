/**
 * Resilience as declared policy: typed overrides in the service declaration, tier presets, the
 * pure resolver to the versioned policy document, graph-wide checks, alert rules on the metrics
 * contract, and chaos experiments derived from each policy. Imports nothing from Pulumi.
 */
export type { ResilienceOverride, ResilienceSettings, RetryOverride, CircuitBreakerOverride, BulkheadOverride, FallbackDeclaration } from "./declaration";
export * from "./document";
export { TIER_PRESETS, type TierPresets, type PolicyTemplate } from "./presets";
export { resolveResiliencePolicies, resolutionProblems, resolveDependencyPolicy, DEFAULT_REQUEST_DEADLINE, type ResolveOptions } from "./resolve";
export { resilienceOverrideProblems, serviceOverrideProblems } from "./validate-overrides";
export { buildResilienceGraph, type ResilienceGraph, type GraphNode, type GraphEdge } from "./graph";
export { resilienceGraphProblems, assertResilienceGraph, type GraphCheckOptions } from "./graph-checks";
export { worstCaseBackoffMs, worstCaseCallMs, attemptsOf } from "./timeout-budget";
export { DEFAULT_RETRY_AMPLIFICATION_LIMIT } from "./retry-amplification";
export { policySchemaProblems, POLICY_SCHEMA, POLICY_SCHEMA_FILE } from "./schema";
export {
  renderPolicyDocument,
  resilienceConfigMapName,
  resilienceArtifactPath,
  resilienceEnvironment,
  RESILIENCE_CONFIG_KEY,
  RESILIENCE_MOUNT_DIR,
  RESILIENCE_POLICY_PATH,
  RESILIENCE_POLICY_ENV,
} from "./delivery";
export { generateResilienceRules, renderResilienceRules, RESILIENCE_ALERTS, type ResilienceAlertOptions } from "./alerts";
export { deriveResilienceExperiments, EXPERIMENT_ENVIRONMENT, type ResilienceExperiment } from "./chaos-experiments";
export { METRICS as RESILIENCE_METRICS } from "../packages/resilience-client/src/metrics-contract";
export { RESILIENCE_RUNBOOK_GUIDANCE } from "./runbook-guidance";
