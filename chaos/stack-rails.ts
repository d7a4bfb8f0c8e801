/**
 * The stack rails: what a stack allows an experiment that will exist there (chaos allowed,
 * engine on). Shared by the declared experiments (validate.ts, where a breach is an error) and
 * the experiments derived from resilience policies (derive.ts, where a breach of the namespace
 * or scope rail means the experiment is not derived, and a breach of the duration rail is an
 * error). Messages only; the callers put the file and field in front.
 */
import type { EnvironmentName, ServiceDeclaration } from "../catalogue/types";
import { DEFAULT_MAX_PERCENT, type ChaosConfig } from "./config-schema";
import { chaosDurationMs } from "./duration";
import { podsTouched } from "./selectors";
import type { ChaosScope } from "./types";

/** Namespaces that are always protected. */
export const ALWAYS_PROTECTED = ["kube-system"] as const;

/** The stack's limits, resolved once per stack. */
export interface StackRails {
  /** `Pulumi.<stack>.yaml`. */
  stackFile: string;
  environment: EnvironmentName;
  /** True where experiments are generated (chaos allowed, engine not off). */
  active: boolean;
  /** kube-system, the platform's and the engine's namespace and the config's, sorted. */
  protectedNamespaces: string[];
  /** The config's `targetNamespaces`. */
  targetNamespaces: readonly string[];
  /** The config's `maxDuration`. */
  maxDuration: string;
  /** Largest `fixed-percent` scope. */
  maxPercent: number;
  /** How the percentage limit is named: `Pulumi.staging.yaml (sevensa-observability:chaos.maxPercent)`. */
  maxPercentSource: string;
}

/** `sevensa-observability:chaos.<key>`. */
export function chaosKey(key: string): string {
  return `sevensa-observability:chaos.${key}`;
}

/** The rails of a stack. */
export function stackRailsOf(input: { stack: string; environment: EnvironmentName; platformNamespace: string; config: ChaosConfig }): StackRails {
  const { config } = input;
  const stackFile = `Pulumi.${input.stack}.yaml`;
  const engineNs = config.engine.mode === "off" ? [] : [config.engine.namespace];
  return {
    stackFile,
    environment: input.environment,
    active: config.allowed && config.engine.mode !== "off",
    protectedNamespaces: [...new Set([...ALWAYS_PROTECTED, input.platformNamespace, ...engineNs, ...config.protectedNamespaces])].sort(),
    targetNamespaces: config.targetNamespaces,
    maxDuration: config.maxDuration,
    maxPercent: config.maxPercent ?? DEFAULT_MAX_PERCENT,
    maxPercentSource: `${stackFile} (${chaosKey("maxPercent")}${config.maxPercent === undefined ? `, ${DEFAULT_MAX_PERCENT} when not set` : ""})`,
  };
}

/** The duration rail: a message when `duration` (valid) is longer than the stack's maximum. */
export function durationProblem(rails: StackRails, duration: string): string | undefined {
  if (chaosDurationMs(duration) <= chaosDurationMs(rails.maxDuration)) return undefined;
  return `${duration} exceeds the maximum ${rails.maxDuration} of ${rails.stackFile} (${chaosKey("maxDuration")})`;
}

/** The namespace rail: one message per namespace that is protected or not annotated for chaos. */
export function namespaceProblems(rails: StackRails, namespaces: readonly string[]): string[] {
  const out: string[] = [];
  for (const ns of [...new Set(namespaces)]) {
    if (rails.protectedNamespaces.includes(ns)) {
      out.push(`namespace "${ns}" is protected in ${rails.stackFile} (protected: ${rails.protectedNamespaces.join(", ")})`);
    } else if (!rails.targetNamespaces.includes(ns)) {
      const annotated = rails.targetNamespaces.length === 0 ? "none" : rails.targetNamespaces.join(", ");
      out.push(`namespace "${ns}" is not annotated for chaos in ${rails.stackFile} (${chaosKey("targetNamespaces")}: ${annotated})`);
    }
  }
  return out;
}

/**
 * The scope rail, on how many pods a scope touches in this environment: at least one, at most
 * the stack's percentage, and never every replica, except for a non-critical service that runs a
 * single replica there (one pod is the least a fault can touch; the SLO guard still aborts).
 * Returns the field under the experiment (`scope` or `scope.percent`) and the message.
 */
export function scopeProblem(rails: StackRails, service: ServiceDeclaration, scope: ChaosScope, replicas: number): { field: string; message: string } | undefined {
  if (scope.mode === "fixed-percent" && scope.percent > rails.maxPercent) {
    return { field: "scope.percent", message: `${scope.percent} exceeds the maximum ${rails.maxPercent}% of ${rails.maxPercentSource}` };
  }
  const n = podsTouched(scope, replicas);
  const singleNonCritical = replicas === 1 && service.tier !== "critical";
  if (n === 0) {
    return { field: "scope", message: `touches no pod of the ${replicas} ${service.name} runs with in ${rails.environment}; the experiment would do nothing` };
  }
  if (n >= replicas && !singleNonCritical) {
    return { field: "scope", message: `touches ${n} of the ${replicas} pods ${service.name} runs with in ${rails.environment}; leave at least one untouched` };
  }
  return undefined;
}
