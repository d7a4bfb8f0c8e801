/**
 * Announced experiment windows and what Alertmanager does with them. Every scheduled
 * experiment has a weekly window, from `WINDOW_LEAD` before its start until its end plus
 * `WINDOW_COOLDOWN` (the longest short window of the page alert, during which the burn rate
 * the experiment caused still counts). While a window is open, Prometheus fires
 * `ChaosExperimentWindow` for every service of the blast radius, labelled
 * `chaos_experiment="<schedule name>"`: the routing tree (routing/routing-tree.ts) sends it to
 * the experiments receiver, and `chaosMuteInhibitRule()` mutes that service's
 * `SLOErrorBudgetBurn` alerts, so a planned experiment pages nobody but is visible in the
 * experiments channel. The window is a property of the schedule: if a run is skipped or
 * aborted, the slot stays muted until it closes.
 */
import type { ServiceDeclaration } from "../catalogue/types";
import { SLO_ALERT_NAME } from "../alert-rules/slo-alerts";
import { windowsOf } from "../alert-rules/burn-rate";
import { durationMs } from "../catalogue/durations";
import { runbookUrl } from "../alert-rules/runbook-url";
import type { AlertingRule, RuleFile } from "../alert-rules/types";
import { CHAOS_EXPERIMENT_LABEL } from "../routing/routing-tree";
import type { AmInhibitRule } from "../routing/alertmanager-types";
import { chaosDurationMs } from "./duration";
import { slotMinuteOfWeek, WEEK_MINUTES } from "./schedule";
import type { WeeklySlot } from "./types";

/** The alert that marks an open experiment window. */
export const CHAOS_WINDOW_ALERT = "ChaosExperimentWindow";
/** Minutes the window opens before the experiment starts. */
export const WINDOW_LEAD_MINUTES = 5;
/** Minutes the window stays open after the experiment ends: the longest short window of the page alert (30m). */
export const WINDOW_COOLDOWN_MINUTES = Math.max(...windowsOf("page").map((w) => durationMs(w.short) / 60_000));

/** A window in minutes of the week (0 = Sunday 00:00 UTC); `end` may pass the week's end. */
export interface ExperimentWindow {
  start: number;
  end: number;
}

/** The window of an experiment starting at `slot` and lasting `duration`. */
export function experimentWindow(slot: WeeklySlot, duration: string): ExperimentWindow {
  const start = slotMinuteOfWeek(slot) - WINDOW_LEAD_MINUTES;
  const end = slotMinuteOfWeek(slot) + Math.ceil(chaosDurationMs(duration) / 60_000) + WINDOW_COOLDOWN_MINUTES;
  return start < 0 ? { start: start + WEEK_MINUTES, end: end + WEEK_MINUTES } : { start, end };
}

/** True when two windows share a minute (on the weekly circle). */
export function windowsOverlap(a: ExperimentWindow, b: ExperimentWindow): boolean {
  return [-WEEK_MINUTES, 0, WEEK_MINUTES].some((shift) => a.start < b.end + shift && b.start + shift < a.end);
}

/** `HH:MM` of a minute of the week, with its weekday. */
export function minuteText(minute: number): string {
  const m = ((minute % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
  const days = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${days[Math.floor(m / 1440)]} ${pad(Math.floor((m % 1440) / 60))}:${pad(m % 60)}`;
}

/** The minute of the week now, in PromQL (UTC). */
export const MINUTE_OF_WEEK_EXPR = "(day_of_week() * 1440 + hour() * 60 + minute())";

/** PromQL that has one sample while the window is open and none otherwise. */
export function windowExpr(w: ExperimentWindow): string {
  const range = (a: number, b: number) => `${MINUTE_OF_WEEK_EXPR} >= ${a} < ${b}`;
  if (w.end <= WEEK_MINUTES) return range(w.start, w.end);
  return `${range(w.start, WEEK_MINUTES)} or ${range(0, w.end - WEEK_MINUTES)}`;
}

/** One window of one experiment, and the services it mutes. */
export interface WindowEntry {
  /** Name of the Schedule (also the `chaos_experiment` label value). */
  experiment: string;
  /** The service the faults are injected into. */
  target: ServiceDeclaration;
  /** The blast radius: the target and every service that calls it, directly or not. */
  affected: ServiceDeclaration[];
  window: ExperimentWindow;
}

/** The window alert of one affected service. */
export function windowAlert(entry: WindowEntry, service: ServiceDeclaration): AlertingRule {
  return {
    alert: CHAOS_WINDOW_ALERT,
    expr: windowExpr(entry.window),
    labels: {
      severity: "info",
      team: service.team,
      service: service.name,
      namespace: service.namespace,
      [CHAOS_EXPERIMENT_LABEL]: entry.experiment,
    },
    annotations: {
      summary: `Chaos experiment ${entry.experiment} window is open; ${service.name} SLO alerts are muted`,
      description:
        `Planned chaos experiment ${entry.experiment} against ${entry.target.name} runs in this window ` +
        `(${minuteText(entry.window.start)} to ${minuteText(entry.window.end)} UTC). ` +
        `${SLO_ALERT_NAME} alerts of ${service.name} are inhibited until it closes; ` +
        `the experiment aborts itself when a page burn-rate condition holds.`,
      runbook_url: runbookUrl(CHAOS_WINDOW_ALERT),
    },
  };
}

/** The rule file of every window of a stack (`prometheus/rules/chaos-windows.yaml`). */
export function chaosWindowRules(entries: readonly WindowEntry[]): RuleFile {
  return {
    groups: [{ name: "chaos-experiment-windows", rules: entries.flatMap((e) => e.affected.map((s) => windowAlert(e, s))) }],
  };
}

/**
 * The Alertmanager inhibition that mutes a service's SLO alerts while one of its experiment
 * windows is open. To be appended to the inhibit rules (routing/inhibition.ts).
 */
export function chaosMuteInhibitRule(): AmInhibitRule {
  return {
    source_matchers: [`alertname="${CHAOS_WINDOW_ALERT}"`, `${CHAOS_EXPERIMENT_LABEL}=~".+"`],
    target_matchers: [`alertname="${SLO_ALERT_NAME}"`],
    equal: ["service"],
  };
}
