/**
 * The "Resilience" row of a service dashboard: for each declared dependency, its resolved policy
 * and the metrics contract's series of the calls to it. A panel appears only for a protection
 * the policy switches on in this environment (no breaker → no breaker panels, `fail-fast` → no
 * fallback panel, one attempt → no retry panel), and its title carries the policy's number, so
 * every panel is read against what was declared.
 */
import type { Builder } from "@grafana/grafana-foundation-sdk/cog";
import type { Panel } from "@grafana/grafana-foundation-sdk/dashboard";
import { formatNumber } from "../alert-rules/format-number";
import { formatDuration } from "../catalogue/durations";
import type { DependencyPolicy, ResiliencePolicyDocument } from "../packages/resilience-client/src/policy-document";
import { note, stateTimeline, timeseries } from "./panels";
import { BREAKER_STATE_DISPLAY, dependencyQueries } from "./resilience-queries";
import { budgetText, fallbackText, policyMarkdown, type PolicySource } from "./resilience-policy-text";
import type { Section } from "./shell";
import { promTarget } from "./targets";
import { serviceDashboardUid } from "./uid";

/** Title of the row. */
export const RESILIENCE_ROW_TITLE = "Resilience";

/** Panels per grid line, and their height. */
const PER_LINE = 3;
const HEIGHT = 8;
const GRID_WIDTH = 24;

/** A panel waiting for its width. */
type Sized = (width: number) => Builder<Panel>;

/**
 * Widths that put `count` panels three to a line and stretch the last line's panels to the
 * full width, so the next dependency starts on a line of its own.
 */
export function lineWidths(count: number): number[] {
  const lastLine = count % PER_LINE === 0 ? PER_LINE : count % PER_LINE;
  return Array.from({ length: count }, (_, i) => GRID_WIDTH / (i >= count - lastLine ? lastLine : PER_LINE));
}

/** The panels of one dependency, in layout order. */
export function dependencyPanels(dependency: string, p: DependencyPolicy, where: PolicySource): Builder<Panel>[] {
  const q = dependencyQueries({ service: "$service", namespace: "$namespace", dependency });
  const title = (what: string) => `${dependency}: ${what}`;
  /** A per-second time series. */
  const perSecond =
    (what: string, description: string, targets: ReturnType<typeof promTarget>[], unit: string = "reqps"): Sized =>
    (width) =>
      timeseries({ title: title(what), description, width, height: HEIGHT, unit, min: 0, targets });

  const dashboardUid = p.kind === "service" ? serviceDashboardUid(dependency) : undefined;
  const panels: Sized[] = [
    (width) => note({ title: title("policy"), width, height: HEIGHT }, policyMarkdown(dependency, p, { ...where, dashboardUid })),
    perSecond(
      "calls by outcome",
      "Calls per second through the resilience client, by outcome before any fallback (short-circuited: the breaker was open; rejected: the bulkhead was full).",
      [promTarget("A", q.callsByOutcome, { legend: "{{outcome}}" })],
    ),
  ];
  const cb = p.circuitBreaker;
  if (cb !== null) {
    panels.push(
      (width) =>
        stateTimeline({
          title: title("circuit breaker state per replica"),
          description:
            `Each replica has its own breaker. It opens above ${formatNumber(cb.failureRatePercent)}% failed attempts of the last ${cb.windowCalls} ` +
            `(once ${cb.minimumCalls} are recorded), stays open ${formatDuration(cb.openDurationMs)}, then lets ${cb.halfOpenProbes} probe calls through.`,
          width,
          height: HEIGHT,
          states: BREAKER_STATE_DISPLAY,
          targets: [promTarget("A", q.breakerStatePerReplica, { legend: "{{pod}}" })],
        }),
      perSecond(
        "circuit breaker transitions",
        "State changes of the breakers of all replicas, counted in each rate window.",
        [promTarget("A", q.breakerTransitions, { legend: "{{from}} → {{to}}" })],
        "short",
      ),
    );
  }
  const r = p.retry;
  if (r !== null && r.maxAttempts > 1) {
    panels.push(
      perSecond(
        `retries vs budget (${budgetText(r.budget)})`,
        "Retries performed and retries the budget refused, per second, against the budget. ResilienceRetriesAboveBudget fires when the two together stay above the budget for 10m.",
        [
          promTarget("A", q.retries, { legend: "retries" }),
          promTarget("B", q.retriesRefused, { legend: "refused by the budget" }),
          promTarget("C", q.retryBudget(r.budget), { legend: "budget" }),
        ],
      ),
    );
  }
  if (p.timeoutMs !== null) {
    panels.push(
      perSecond(
        `timeouts (after ${formatDuration(p.timeoutMs)})`,
        "Attempts per second cut off by the per-attempt timeout (each attempt of a retried call counts).",
        [promTarget("A", q.timeouts, { legend: "attempts timed out" })],
      ),
    );
  }
  const b = p.bulkhead;
  if (b !== null) {
    panels.push(
      perSecond(
        `bulkhead rejections (${b.maxConcurrent} concurrent + ${b.queueSize} queued)`,
        "Calls per second rejected at once because every bulkhead slot and queue place of a replica was taken. The metrics contract has no in-flight or queue-length gauge.",
        [promTarget("A", q.bulkheadRejections, { legend: "rejected" })],
      ),
    );
  }
  if (p.fallback.strategy !== "fail-fast") {
    panels.push(
      perSecond(
        `fallbacks served (${fallbackText(p.fallback)})`,
        "Failed calls per second answered by the fallback, by strategy and by the outcome that made the call fail.",
        [promTarget("A", q.fallbacks, { legend: "{{strategy}} after {{outcome}}" })],
      ),
    );
  }
  const widths = lineWidths(panels.length);
  return panels.map((sized, i) => sized(widths[i]));
}

/**
 * The row of a service with dependencies, or undefined for one without. `file` is the
 * declaration file named in the policy notes.
 */
export function resilienceSection(doc: ResiliencePolicyDocument, file: string): Section | undefined {
  const deps = Object.entries(doc.dependencies);
  if (deps.length === 0) return undefined;
  return {
    title: RESILIENCE_ROW_TITLE,
    panels: deps.flatMap(([name, policy]) => dependencyPanels(name, policy, { file, environment: doc.environment, tier: doc.tier })),
  };
}
