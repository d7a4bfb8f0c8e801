/**
 * Stable number printing for generated PromQL and annotations: at most `significant`
 * significant digits, no trailing zeros, so float noise such as `0.0009999999999999432`
 * (1 - 0.999) prints as `0.001`, and `14.400000000000002` as `14.4`.
 *
 * @param value a finite number
 * @param significant significant digits kept @default 12
 */
export function formatNumber(value: number, significant: number = 12): string {
  if (!Number.isFinite(value)) {
    throw new Error(`cannot print ${value} as a PromQL number`);
  }
  const rounded = Number(value.toPrecision(significant));
  // Object.is keeps -0 out of the output.
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

/** The error budget of an objective given in percent, as a fraction: 99.9 → 0.001, computed without float noise. */
export function errorBudget(objectivePercent: number): number {
  return Number(((100 - objectivePercent) / 100).toPrecision(12));
}
