/**
 * Weekly slots as Chaos Mesh cron schedules and as minutes of the week (for the Alertmanager
 * mute windows). Times are UTC on both sides: the cron carries `CRON_TZ=UTC`, and Prometheus'
 * time functions are UTC.
 */
import { WEEKDAYS, type WeeklySlot } from "./types";

/** Minutes in a week. */
export const WEEK_MINUTES = 7 * 24 * 60;

const AT_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for `HH:MM`, 00:00–23:59. */
export function isSlotTime(at: string): boolean {
  return AT_RE.test(at);
}

/** Minutes since Sunday 00:00 UTC at which the slot starts. */
export function slotMinuteOfWeek(slot: WeeklySlot): number {
  const m = AT_RE.exec(slot.at);
  const day = WEEKDAYS.indexOf(slot.day);
  if (m === null || day < 0) throw new Error(`not a weekly slot: ${JSON.stringify(slot)}`);
  return day * 1440 + Number(m[1]) * 60 + Number(m[2]);
}

/** The Chaos Mesh schedule of a slot: `CRON_TZ=UTC <minute> <hour> * * <day-of-week>`. */
export function cronOf(slot: WeeklySlot): string {
  const start = slotMinuteOfWeek(slot);
  const day = Math.floor(start / 1440);
  const hour = Math.floor((start % 1440) / 60);
  const minute = start % 60;
  return `CRON_TZ=UTC ${minute} ${hour} * * ${day}`;
}

/** `tuesday 10:00 UTC`. */
export function describeSlot(slot: WeeklySlot): string {
  return `every ${slot.day} at ${slot.at} UTC`;
}
