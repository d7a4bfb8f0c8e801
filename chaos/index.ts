/**
 * Chaos engineering as code: typed experiments in service declarations, and experiments derived
 * from the services' resilience policies → Chaos Mesh objects, SLO guard, mute windows, safety
 * rails and the experiment plan. Imports nothing from Pulumi.
 */
export type * from "./types";
export { isScenario, WEEKDAYS } from "./types";
export { chaosConfigSchema, chaosEngineConfigSchema, RUNTIME_SOCKETS, type ChaosConfig, type ChaosEngineConfig, type ContainerRuntime } from "./config-schema";
export { CHAOS_MESH, CHAOS_MESH_API_VERSION, CHAOS_NAMESPACE_ANNOTATION } from "./versions";
export { validateChaos, ChaosValidationError, type ResolvedExperiment, type ChaosValidationInput, type DeclaredOrigin, type ResiliencePolicyOrigin } from "./validate";
export { planChaos, scheduleObject, CHAOS_OBJECT_KEYS, DERIVED_FROM_RESILIENCE, type ScheduleObjectInput, type ChaosPlan, type ChaosPlanInput, type ChaosObject, type PlannedExperiment } from "./plan";
export { deriveResilienceChaos, type DerivedChaos, type NotDerivedExperiment } from "./derive-resilience";
export { resilienceChaosExperiment, resilienceFault, resilienceExperimentName } from "./from-resilience";
export { firstFreeSlot, derivedSlotCandidates, describeDerivedSlots } from "./derived-slots";
export { chaosArtifactFiles, renderChaosPlan, type ChaosRenderInput } from "./render";
export { chaosMuteInhibitRule, chaosWindowRules, CHAOS_WINDOW_ALERT } from "./windows";
export { sloGuardQuery, sloGuardTemplate } from "./guard";
export { chaosEngineValues } from "./engine-values";
