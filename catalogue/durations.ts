/**
 * Prometheus durations (`30d`, `1h30m`, `90s`), as Prometheus 2.x parses them with
 * `model.ParseDuration`: one or more `<integer><unit>` terms in descending unit order,
 * units y, w, d, h, m, s, ms. `0` alone is also a duration but never a useful one here.
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  y: 365 * 24 * 3600 * 1000,
  w: 7 * 24 * 3600 * 1000,
  d: 24 * 3600 * 1000,
  h: 3600 * 1000,
  m: 60 * 1000,
  s: 1000,
  ms: 1,
};

const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNITS_IN_ORDER = ["y", "w", "d", "h", "m", "s", "ms"] as const;

/** True when `text` is a non-empty Prometheus duration such as `30d`, `4w` or `1h30m`. */
export function isPrometheusDuration(text: string): boolean {
  return text !== "" && DURATION_RE.test(text);
}

/**
 * Milliseconds in a Prometheus duration.
 * @throws Error when `text` is not a Prometheus duration (callers validate first).
 */
export function durationMs(text: string): number {
  const m = DURATION_RE.exec(text);
  if (text === "" || m === null) {
    throw new Error(`"${text}" is not a Prometheus duration (e.g. 30d, 4w, 12h, 90s)`);
  }
  return UNITS_IN_ORDER.reduce((sum, unit, i) => sum + Number(m[i + 1] ?? "0") * UNIT_MS[unit], 0);
}

/** Seconds in a Prometheus duration. */
export function durationSeconds(text: string): number {
  return durationMs(text) / 1000;
}

/**
 * The shortest Prometheus duration text for a whole number of milliseconds, as Prometheus
 * prints it (`3d`, `1h30m`, `90s` becomes `1m30s`). Weeks and years are not used so that
 * `7d` stays `7d`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new Error(`cannot format ${ms} ms as a Prometheus duration`);
  }
  let rest = ms;
  let out = "";
  for (const unit of ["d", "h", "m", "s", "ms"] as const) {
    const n = Math.floor(rest / UNIT_MS[unit]);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * UNIT_MS[unit];
    }
  }
  return out;
}
