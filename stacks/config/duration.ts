import { durationMs, isPrometheusDuration } from "../../catalogue/durations";

/** True when `text` is a non-zero Prometheus duration such as `30d` or `1h30m` (stack config never wants zero). */
export function isDuration(text: string): boolean {
  return isPrometheusDuration(text) && durationMs(text) > 0;
}

/** Seconds in a Prometheus duration; throws on text that is not one. */
export function durationSeconds(text: string): number {
  if (!isPrometheusDuration(text)) throw new Error(`"${text}" is not a duration like 30d`);
  return durationMs(text) / 1000;
}
