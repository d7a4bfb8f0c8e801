/**
 * A resolved dependency policy in words, for panel titles and the policy note of each
 * dependency on its caller's dashboard: the numbers the panels next to it are to be read against.
 */
import { formatNumber } from "../alert-rules/format-number";
import { formatDuration } from "../catalogue/durations";
import type { DependencyPolicy, FallbackConfig, RetryConfig } from "../packages/resilience-client/src/policy-document";
import type { RetryBudget } from "./resilience-queries";

/** `10% of calls + 1/s`. */
export function budgetText(b: RetryBudget): string {
  return `${formatNumber(b.percent)}% of calls + ${formatNumber(b.minRetriesPerSecond)}/s`;
}

/** `2 attempts, backoff 25ms–100ms (full jitter), on timeout, connection-error; budget 10% of calls + 1/s`. */
export function retryText(r: RetryConfig): string {
  if (r.maxAttempts <= 1) return "1 attempt (no retry)";
  return (
    `${r.maxAttempts} attempts, backoff ${formatDuration(r.backoff.baseMs)}–${formatDuration(r.backoff.capMs)} (${r.backoff.jitter} jitter), ` +
    `on ${r.retryOn.join(", ")}; budget ${budgetText(r.budget)}`
  );
}

/** `cached, at most 5m old`, `default-value`, `degraded`, `fail-fast`. */
export function fallbackText(f: FallbackConfig): string {
  return f.strategy === "cached" ? `cached, at most ${formatDuration(f.maxAgeMs)} old` : f.strategy;
}

/** The policy as `[protection, setting]` rows; a protection switched off reads `off`. */
export function policyRows(p: DependencyPolicy): Array<[string, string]> {
  const cb = p.circuitBreaker;
  return [
    ["Timeout", p.timeoutMs === null ? "off" : `${formatDuration(p.timeoutMs)} per attempt`],
    ["Retry", p.retry === null ? "off" : retryText(p.retry)],
    [
      "Circuit breaker",
      cb === null
        ? "off"
        : `opens above ${formatNumber(cb.failureRatePercent)}% failures of the last ${cb.windowCalls} attempts (at least ${cb.minimumCalls}), ` +
          `open ${formatDuration(cb.openDurationMs)}, then ${cb.halfOpenProbes} ${cb.halfOpenProbes === 1 ? "probe" : "probes"}`,
    ],
    ["Bulkhead", p.bulkhead === null ? "off" : `${p.bulkhead.maxConcurrent} concurrent, ${p.bulkhead.queueSize} queued`],
    ["Fallback", fallbackText(p.fallback)],
  ];
}

/** Where a resolved policy comes from. */
export interface PolicySource {
  /** The declaration file. */
  file: string;
  environment: string;
  /** The caller's tier, whose preset the policy starts from. */
  tier: string;
}

/** The policy note: what the dependency is, where the policy comes from, and its settings as a table. */
export function policyMarkdown(dependency: string, p: DependencyPolicy, where: PolicySource & { dashboardUid?: string }): string {
  const name = where.dashboardUid === undefined ? `**${dependency}**` : `**[${dependency}](/d/${where.dashboardUid})**`;
  const kind = p.kind === "service" ? "declared service" : "external system";
  return [
    `${name} (${kind}): policy for ${where.environment}, resolved from \`${where.file}\` and the ${where.tier} tier preset.`,
    "",
    "| Protection | Setting |",
    "|---|---|",
    ...policyRows(p).map(([k, v]) => `| ${k} | ${v} |`),
  ].join("\n");
}
