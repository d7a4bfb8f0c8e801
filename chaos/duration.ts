/**
 * Durations of chaos experiments. Chaos Mesh parses them with Go's `time.ParseDuration`
 * (units h, m, s, ms; no d or w) and the alert windows with Prometheus' parser, so only the
 * common subset is accepted: `1h30m`, `10m`, `45s`, `200ms`.
 */
import { durationMs } from "../catalogue/durations";

const CHAOS_DURATION_RE = /^(?:\d+h)?(?:\d+m)?(?:\d+s)?(?:\d+ms)?$/;

/** True for a non-zero duration both Go and Prometheus parse, e.g. `5m`, `1h30m`, `200ms`. */
export function isChaosDuration(text: string): boolean {
  return text !== "" && CHAOS_DURATION_RE.test(text) && durationMs(text) > 0;
}

/** Milliseconds of a chaos duration (validate with `isChaosDuration` first). */
export function chaosDurationMs(text: string): number {
  if (!isChaosDuration(text)) throw new Error(`"${text}" is not a duration like 5m, 90s or 200ms`);
  return durationMs(text);
}

/** Shortest Go/Prometheus text of a whole number of milliseconds: 5400000 → `1h30m`. */
export function formatChaosDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`cannot print ${ms} ms as a duration`);
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [["h", 3_600_000], ["m", 60_000], ["s", 1000], ["ms", 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.join("");
}
