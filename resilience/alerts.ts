/**
 * Alert rules on the resilience metrics contract, per service and dependency, built from the
 * resolved policy (the thresholds are the policy's own numbers):
 *
 * - `ResilienceCircuitBreakerOpen`: the breaker has not been closed for N minutes on some replica
 *   (page when the caller is tier critical, ticket otherwise);
 * - `ResilienceRetriesAboveBudget`: the retries the service wants (performed + refused by the
 *   budget) exceed the retry budget;
 * - `ResilienceBulkheadRejecting`: the bulkhead rejects more than a share of calls;
 * - `ResilienceFallbackRateHigh`: the fallback answers more than a share of calls.
 */
import { formatNumber } from "../alert-rules/format-number";
import { runbookUrl } from "../alert-rules/runbook-url";
import { renderRuleFile } from "../alert-rules/render";
import type { AlertingRule, RuleFile } from "../alert-rules/types";
import { durationMs, formatDuration } from "../catalogue/durations";
import type { CataloguedService } from "../catalogue/types";
import { METRICS } from "../packages/resilience-client/src/metrics-contract";
import type { DependencyPolicy, ResiliencePolicyDocument } from "./document";

/** Names of the resilience alerts (runbooks live at `docs/runbooks/<kebab-name>.md`). */
export const RESILIENCE_ALERTS = {
  breakerOpen: "ResilienceCircuitBreakerOpen",
  retriesAboveBudget: "ResilienceRetriesAboveBudget",
  bulkheadRejecting: "ResilienceBulkheadRejecting",
  fallbackRateHigh: "ResilienceFallbackRateHigh",
} as const;

/** Options of `generateResilienceRules`. */
export interface ResilienceAlertOptions {
  /** A breaker not closed for this long alerts; raised to twice the open duration when that is longer. @default "5m" */
  breakerOpenFor?: string;
  /** Share of calls rejected by the bulkhead (0–1) above which it alerts. @default 0.01 */
  bulkheadRejectionRatio?: number;
  /** Share of calls answered by the fallback (0–1) above which it alerts. @default 0.05 */
  fallbackRatio?: number;
  /** Range of the `rate()` the ratios read. @default "5m" */
  rateWindow?: string;
  /** Evaluation interval of the rule group. @default "30s" */
  interval?: string;
}

const BY = "service, namespace, dependency";

interface Context {
  doc: ResiliencePolicyDocument;
  dependency: string;
  policy: DependencyPolicy;
  sel: string;
  window: string;
  labels: Record<string, string>;
}

function selector(doc: ResiliencePolicyDocument, dependency: string, extra: string = ""): string {
  return `service="${doc.service}", namespace="${doc.namespace}", dependency="${dependency}"${extra}`;
}

function rate(metric: string, c: Context): string {
  return `sum by (${BY}) (rate(${metric}{${c.sel}}[${c.window}]))`;
}

function breakerOpen(c: Context, openFor: string): AlertingRule | undefined {
  const cb = c.policy.circuitBreaker;
  if (cb === null) return undefined;
  const forMs = Math.max(durationMs(openFor), 2 * cb.openDurationMs);
  const critical = c.doc.tier === "critical";
  const forText = formatDuration(forMs);
  const strategy = c.policy.fallback.strategy;
  const meanwhile = strategy === "fail-fast" ? "fail at once (fail-fast, no fallback)" : `are answered by the ${strategy} fallback`;
  return {
    alert: RESILIENCE_ALERTS.breakerOpen,
    expr: `min by (${BY}) (${METRICS.breakerState.prometheus}{${selector(c.doc, c.dependency, ', state="closed"')}}) == 0`,
    for: forText,
    labels: { severity: critical ? "page" : "ticket", ...c.labels },
    annotations: {
      summary: `${c.doc.service}: circuit breaker to ${c.dependency} has been open for ${forText}`,
      description:
        `The circuit breaker of ${c.doc.service} for its calls to ${c.dependency} has not closed for ${forText} on at least one replica: ` +
        `its probes keep failing after each ${formatDuration(cb.openDurationMs)} open period (it opens above ${formatNumber(cb.failureRatePercent)}% ` +
        `failures of the last ${cb.windowCalls} calls). Meanwhile calls to ${c.dependency} ${meanwhile}.`,
      runbook_url: runbookUrl(RESILIENCE_ALERTS.breakerOpen),
    },
  };
}

function retriesAboveBudget(c: Context): AlertingRule | undefined {
  const r = c.policy.retry;
  if (r === null || r.maxAttempts <= 1) return undefined;
  const wanted = `sum by (${BY}) (rate({__name__=~"${METRICS.retries.prometheus}|${METRICS.retryBudgetExhausted.prometheus}", ${c.sel}}[${c.window}]))`;
  const share = formatNumber(r.budget.percent / 100);
  const floor = formatNumber(r.budget.minRetriesPerSecond);
  return {
    alert: RESILIENCE_ALERTS.retriesAboveBudget,
    expr: `${wanted}\n>\n${share} * ${rate(METRICS.calls.prometheus, c)} + ${floor}`,
    for: "10m",
    labels: { severity: "ticket", ...c.labels },
    annotations: {
      summary: `${c.doc.service}: retries to ${c.dependency} exceed the retry budget`,
      description:
        `${c.doc.service} wants to retry {{ $value | humanize }} calls/s to ${c.dependency} (performed and refused), more than its budget of ` +
        `${formatNumber(r.budget.percent)}% of calls plus ${floor}/s: ${c.dependency} is failing more than retries can absorb, and the budget now refuses retries.`,
      runbook_url: runbookUrl(RESILIENCE_ALERTS.retriesAboveBudget),
    },
  };
}

function bulkheadRejecting(c: Context, ratio: number): AlertingRule | undefined {
  const b = c.policy.bulkhead;
  if (b === null) return undefined;
  return {
    alert: RESILIENCE_ALERTS.bulkheadRejecting,
    expr: `${rate(METRICS.bulkheadRejections.prometheus, c)}\n/\n${rate(METRICS.calls.prometheus, c)}\n> ${formatNumber(ratio)}`,
    for: "5m",
    labels: { severity: "ticket", ...c.labels },
    annotations: {
      summary: `${c.doc.service}: bulkhead for ${c.dependency} rejects calls`,
      description:
        `The bulkhead of ${c.doc.service} for ${c.dependency} (${b.maxConcurrent} concurrent, ${b.queueSize} queued) rejects {{ $value | humanizePercentage }} of calls, ` +
        `more than ${formatNumber(ratio * 100)}%: ${c.dependency} answers too slowly for the traffic, or the limit is too low.`,
      runbook_url: runbookUrl(RESILIENCE_ALERTS.bulkheadRejecting),
    },
  };
}

function fallbackRateHigh(c: Context, ratio: number): AlertingRule | undefined {
  const strategy = c.policy.fallback.strategy;
  if (strategy === "fail-fast") return undefined;
  return {
    alert: RESILIENCE_ALERTS.fallbackRateHigh,
    expr: `${rate(METRICS.fallbacks.prometheus, c)}\n/\n${rate(METRICS.calls.prometheus, c)}\n> ${formatNumber(ratio)}`,
    for: "10m",
    labels: { severity: "ticket", ...c.labels },
    annotations: {
      summary: `${c.doc.service}: many calls to ${c.dependency} are answered by the ${strategy} fallback`,
      description:
        `${c.doc.service} answers {{ $value | humanizePercentage }} of its calls to ${c.dependency} with the ${strategy} fallback, more than ${formatNumber(ratio * 100)}%: ` +
        `users see ${strategy === "cached" ? "stale" : strategy === "degraded" ? "degraded" : "default"} answers while ${c.dependency} fails.`,
      runbook_url: runbookUrl(RESILIENCE_ALERTS.fallbackRateHigh),
    },
  };
}

/**
 * The resilience alert rules of one service in one environment: one group
 * `<service>-resilience`, per dependency (in declaration order) the alerts its policy calls for.
 * Pure: the same input gives the same output.
 */
export function generateResilienceRules(service: CataloguedService, document: ResiliencePolicyDocument, options: ResilienceAlertOptions = {}): RuleFile {
  const openFor = options.breakerOpenFor ?? "5m";
  const bulkheadRatio = options.bulkheadRejectionRatio ?? 0.01;
  const fallbackRatio = options.fallbackRatio ?? 0.05;
  const window = options.rateWindow ?? "5m";
  const rules: AlertingRule[] = [];
  for (const [dependency, policy] of Object.entries(document.dependencies)) {
    const c: Context = {
      doc: document,
      dependency,
      policy,
      sel: selector(document, dependency),
      window,
      labels: { team: service.declaration.team, service: document.service, namespace: document.namespace, dependency },
    };
    for (const rule of [breakerOpen(c, openFor), retriesAboveBudget(c), bulkheadRejecting(c, bulkheadRatio), fallbackRateHigh(c, fallbackRatio)]) {
      if (rule !== undefined) rules.push(rule);
    }
  }
  if (rules.length === 0) return { groups: [] };
  return { groups: [{ name: `${document.service}-resilience`, interval: options.interval ?? "30s", rules }] };
}

/**
 * The resilience rule file of one service as Prometheus rule-file YAML, with the generated-file
 * header (suggested file name: `prometheus/rules/<service>-resilience.yaml`).
 */
export function renderResilienceRules(service: CataloguedService, document: ResiliencePolicyDocument, options: ResilienceAlertOptions = {}): string {
  return renderRuleFile(generateResilienceRules(service, document, options), `${service.file} (resilience policies, environment ${document.environment})`);
}
