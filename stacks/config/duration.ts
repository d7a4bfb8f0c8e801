/** Prometheus duration syntax: one or more `<number><unit>` with units ms, s, m, h, d, w, y, largest first. */
const DURATION = /^((\d+)y)?((\d+)w)?((\d+)d)?((\d+)h)?((\d+)m)?((\d+)s)?((\d+)ms)?$/;
const UNIT_SECONDS = [365 * 86400, 7 * 86400, 86400, 3600, 60, 1, 0.001];

/** True when `text` is a non-empty, non-zero Prometheus duration such as `30d` or `1h30m`. */
export function isDuration(text: string): boolean {
  return text !== "" && DURATION.test(text) && durationSeconds(text) > 0;
}

/** Seconds in a Prometheus duration; throws on text that is not one. */
export function durationSeconds(text: string): number {
  const m = DURATION.exec(text);
  if (m === null || text === "") throw new Error(`"${text}" is not a duration like 30d`);
  let total = 0;
  for (let i = 0; i < UNIT_SECONDS.length; i++) {
    const n = m[2 + 2 * i];
    if (n !== undefined) total += Number(n) * UNIT_SECONDS[i];
  }
  return total;
}
