/**
 * Runbook guidance for the resilience alerts, in the shape the runbook generator reads
 * (routing/runbooks/guidance.ts): spread into `RUNBOOK_GUIDANCE` so that every resilience alert
 * has its runbook at `docs/runbooks/<alert-name-kebab>.md`.
 */
import type { RunbookGuidance } from "../routing/runbooks/guidance";
import { RESILIENCE_ALERTS } from "./alerts";

const BY = "service, namespace, dependency";

export const RESILIENCE_RUNBOOK_GUIDANCE: Readonly<Record<string, RunbookGuidance>> = {
  [RESILIENCE_ALERTS.breakerOpen]: {
    summary: "<service>: circuit breaker to <dependency> has been open for several minutes",
    meaning:
      "A service's circuit breaker for one dependency has not closed for minutes: the dependency keeps failing the breaker's half-open probes, so calls to it are short-circuited " +
      "to the declared fallback (or fail at once with fail-fast). `severity=page` when the calling service is tier critical. The breaker protects the caller; the fault is usually in the dependency.",
    checks: [
      { kind: "dashboard", look: "The resilience panels: breaker state and transitions per dependency, and whether the dependency's own SLO panels are burning." },
      { kind: "metrics", promql: `sum by (${BY}, outcome) (rate(resilience_calls_total[5m]))`, look: "Which outcome opened it: timeout (the dependency is slow), connection-error (unreachable) or server-error (it answers 5xx)." },
      { kind: "traces", look: "Failing spans towards the dependency: the error or the time at which attempts were cut off, and whether every replica sees it." },
    ],
    actions: [
      "Page or ticket the team that owns the dependency (its own SLO alert may already fire); the breaker recovers by itself once the probes succeed.",
      "If the dependency is healthy but slow, the per-attempt timeout may be too tight for it: compare it with the dependency's latency objective (`npm test` checks the declared numbers).",
      "Do not disable the breaker to make the alert go away: calls would then wait for the failing dependency and spend the caller's own deadline.",
    ],
  },
  [RESILIENCE_ALERTS.retriesAboveBudget]: {
    summary: "<service>: retries to <dependency> exceed the retry budget",
    meaning:
      "A service wants to retry more calls to a dependency than its retry budget allows (a share of its calls plus a small floor per second). The client refuses the extra retries, " +
      "so the dependency is spared a retry storm, but callers see more failures. Retries this high mean the dependency fails often, not now and then.",
    checks: [
      { kind: "dashboard", look: "The resilience panels: retries and refused retries against calls, and the dependency's error rate." },
      { kind: "metrics", promql: `sum by (${BY}, outcome) (rate(resilience_retries_total[5m]))`, look: "Which outcome is retried: timeouts point at a slow dependency, server errors at a failing one." },
      { kind: "logs", look: "Errors of the calling service naming the dependency, and whether they started with a deploy on either side." },
    ],
    actions: [
      "Fix the dependency's failures (its owning team); raising the budget only turns refusals into extra load on a struggling dependency.",
      "If the retried outcome is not transient (e.g. every attempt times out), remove it from `retry.retryOn` in the declaration.",
    ],
  },
  [RESILIENCE_ALERTS.bulkheadRejecting]: {
    summary: "<service>: bulkhead for <dependency> rejects calls",
    meaning:
      "The bulkhead that limits concurrent calls from a service to one dependency is full, queue included, and rejects calls at once. Either the dependency answers slowly, " +
      "so calls pile up, or the traffic outgrew the declared limit. Rejected calls go to the fallback or fail.",
    checks: [
      { kind: "dashboard", look: "The resilience panels: bulkhead rejections against calls, and the dependency's latency at the same time." },
      { kind: "metrics", promql: `sum by (${BY}) (rate(resilience_bulkhead_rejections_total[5m]))`, look: "How many calls per second are rejected, and on which replicas." },
      { kind: "traces", look: "Slow spans towards the dependency: long calls hold bulkhead slots." },
    ],
    actions: [
      "If the dependency became slow, treat that first: a lower per-attempt timeout frees slots sooner.",
      "If traffic grew, raise `bulkhead.maxConcurrent` in the declaration, within what the dependency (e.g. a connection pool) can take.",
    ],
  },
  [RESILIENCE_ALERTS.fallbackRateHigh]: {
    summary: "<service>: many calls to <dependency> are answered by the fallback",
    meaning:
      "A large share of a service's calls to a dependency are answered by the declared fallback (cached, default value or degraded) instead of the dependency. " +
      "Users are served, but with stale, default or reduced answers, and the SLO of the caller may not show it.",
    checks: [
      { kind: "dashboard", look: "The resilience panels: fallbacks by strategy against calls, and the breaker state of the same dependency." },
      { kind: "metrics", promql: `sum by (${BY}, strategy, outcome) (rate(resilience_fallbacks_total[5m]))`, look: "Which failure outcome triggers the fallback: short-circuited (breaker open), rejected (bulkhead) or the dependency's own errors." },
      { kind: "logs", look: "Errors of the calling service naming the dependency." },
    ],
    actions: [
      "Fix the dependency's failures (its owning team); the fallback hides them from users only for a while (a cache has a maximum age).",
      "If the fallback answers are not good enough for this long, consider fail-fast so that the caller's SLO shows the failures.",
    ],
  },
};
