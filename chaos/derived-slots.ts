/**
 * Weekly slots of the experiments derived from resilience policies. Nobody declares them, so
 * they get their own: the first slot, in a fixed order, whose window (lead, fault, cooldown;
 * see windows.ts) overlaps none of the windows it must not meet (derive-resilience.ts passes
 * those of the experiments, declared or derived before, that share a service of its blast
 * radius). Slots are during working hours on weekdays, so someone is there to watch, and the
 * order is fixed, so the same declarations always give the same slots.
 */
import { chaosDurationMs } from "./duration";
import type { WeeklySlot, Weekday } from "./types";
import { experimentWindow, windowsOverlap, type ExperimentWindow } from "./windows";

/** Days derived experiments run on (UTC). */
export const DERIVED_SLOT_DAYS: readonly Weekday[] = ["monday", "tuesday", "wednesday", "thursday", "friday"];
/** First start of a day, minutes after 00:00 UTC (09:00). */
export const DERIVED_SLOT_FIRST_MINUTE = 9 * 60;
/** The fault ends by this minute of the day (17:00 UTC). */
export const DERIVED_SLOT_END_MINUTE = 17 * 60;
/** Distance between two candidate starts, minutes. */
export const DERIVED_SLOT_STEP_MINUTES = 15;

function hhmm(minute: number): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

/** `monday to friday, 09:00 to 17:00 UTC, every 15 minutes`. */
export function describeDerivedSlots(): string {
  const days = `${DERIVED_SLOT_DAYS[0]} to ${DERIVED_SLOT_DAYS[DERIVED_SLOT_DAYS.length - 1]}`;
  return `${days}, ${hhmm(DERIVED_SLOT_FIRST_MINUTE)} to ${hhmm(DERIVED_SLOT_END_MINUTE)} UTC, every ${DERIVED_SLOT_STEP_MINUTES} minutes`;
}

/** Every candidate slot for a fault of `duration`, in the order they are tried: Monday 09:00, 09:15, … Friday. */
export function derivedSlotCandidates(duration: string): WeeklySlot[] {
  const minutes = Math.ceil(chaosDurationMs(duration) / 60_000);
  const out: WeeklySlot[] = [];
  for (const day of DERIVED_SLOT_DAYS) {
    for (let start = DERIVED_SLOT_FIRST_MINUTE; start + minutes <= DERIVED_SLOT_END_MINUTE; start += DERIVED_SLOT_STEP_MINUTES) {
      out.push({ day, at: hhmm(start) });
    }
  }
  return out;
}

/** The first candidate slot whose window overlaps none of `taken`, with its window; undefined when the week is full. */
export function firstFreeSlot(duration: string, taken: readonly ExperimentWindow[]): { slot: WeeklySlot; window: ExperimentWindow } | undefined {
  for (const slot of derivedSlotCandidates(duration)) {
    const window = experimentWindow(slot, duration);
    if (!taken.some((t) => windowsOverlap(t, window))) return { slot, window };
  }
  return undefined;
}
