/**
 * Go duration syntax as the collector and Jaeger read it (`time.ParseDuration`), restricted to
 * whole numbers and the units a config needs: `500ms`, `10s`, `1m30s`, `2h`. No days: Go has none.
 */
const GO_DURATION = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Milliseconds in a Go duration such as `1m30s`; `undefined` when `text` is not one or is zero. */
export function goDurationMs(text: string): number | undefined {
  const m = GO_DURATION.exec(text);
  if (m === null || text === "") return undefined;
  const [h, min, s, ms] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const total = ((h * 60 + min) * 60 + s) * 1000 + ms;
  return total > 0 ? total : undefined;
}

/** True when `text` is a non-zero Go duration like `500ms`, `10s` or `1m30s`. */
export function isGoDuration(text: string): boolean {
  return goDurationMs(text) !== undefined;
}
