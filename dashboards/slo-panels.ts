/**
 * The panels of one SLO on its service's dashboard, all read from the SLO recording rules
 * (`alert-rules/recording-names.ts`): the SLI over the period, the error budget left, the SLI
 * over 1h and 1d, one burn-rate panel per alert window with that window's factor drawn as a
 * threshold (red for page, orange for ticket), and, for a latency SLO, the matching latency
 * quantile against the threshold.
 */
import type { Builder } from "@grafana/grafana-foundation-sdk/cog";
import type { Panel } from "@grafana/grafana-foundation-sdk/dashboard";
import { burnRateWindows, type BurnRateAlertWindow } from "../alert-rules/burn-rate";
import { formatNumber } from "../alert-rules/format-number";
import { PERIOD_LABEL, RECORDING_NAMES, WINDOW_LABEL } from "../alert-rules/recording-names";
import type { ResolvedSlo } from "../alert-rules/resolve-slo";
import { stat, timeseries } from "./panels";
import { eq, re, selector } from "./promql";
import { redQueries, type ServiceRef } from "./red-queries";
import { promTarget } from "./targets";

/** Windows of the SLI trend panel; both are recorded `slo:sli_error:ratio` windows. */
export const SLI_TREND_WINDOWS = ["1h", "1d"] as const;

/** Colour of a burn-rate threshold by severity. */
const SEVERITY_COLOUR = { page: "red", ticket: "orange" } as const;

/** `99.9% over 30d`. */
export function objectiveText(r: ResolvedSlo): string {
  return `${formatNumber(r.objective)}% over ${r.period}`;
}

/** What the SLI is measured from, for the row title. */
function sliText(r: ResolvedSlo): string {
  const sli = r.slo.sli;
  switch (sli.kind) {
    case "availability":
      return `availability from ${sli.source}`;
    case "latency":
      return `latency ≤ ${formatNumber(sli.thresholdSeconds)} s from ${sli.source}`;
    case "ratio":
      return "ratio of declared queries";
  }
}

/** Title of the SLO's dashboard row. */
export function sloRowTitle(r: ResolvedSlo): string {
  return `SLO ${r.slo.name}: ${objectiveText(r)} (${sliText(r)})`;
}

/** Matchers of this SLO's recorded series, with the service as a template variable. */
function sloMatchers(r: ResolvedSlo, ref: ServiceRef): string[] {
  return [eq("service", ref.service), eq("namespace", ref.namespace), eq("slo", r.slo.name)];
}

function burnRatePanel(r: ResolvedSlo, ref: ServiceRef, w: BurnRateAlertWindow): Builder<Panel> {
  // Four significant digits in text (0.9333×); the threshold line itself is exact.
  const factor = formatNumber(w.factor, 4);
  const paging = w.severity === "page" && r.pagingDisabled ? ` Paging is switched off in ${r.env}: the alert opens a ticket instead.` : "";
  return timeseries({
    title: `${r.slo.name}: ${w.severity} burn rate (${w.long} / ${w.short}), threshold ${factor}×`,
    description:
      `Error budget burn rate over ${w.long} and ${w.short}. The ${w.severity} alert fires when both are above ${factor}× ` +
      `(${formatNumber(w.budgetShare * 100)}% of the ${r.period} budget spent in ${w.long}).${paging}`,
    width: 6,
    height: 7,
    unit: "x",
    min: 0,
    thresholds: { base: "transparent", steps: [[w.factor, SEVERITY_COLOUR[w.severity]]] },
    targets: [
      promTarget("A", selector(RECORDING_NAMES.burnRate, ...sloMatchers(r, ref), re(WINDOW_LABEL, `${w.long}|${w.short}`)), {
        legend: `{{${WINDOW_LABEL}}}`,
      }),
    ],
  });
}

/** The SLO's panels, in layout order (a full row of stats and trends, then the burn-rate row). */
export function sloPanels(r: ResolvedSlo, ref: ServiceRef): Builder<Panel>[] {
  // 99.9 / 100 is 0.9990000000000001 in floating point; thresholds carry the printed value.
  const objective = Number(formatNumber(r.objective / 100));
  const remaining = selector(RECORDING_NAMES.budgetRemaining, ...sloMatchers(r, ref), eq(PERIOD_LABEL, r.period));
  const panels: Builder<Panel>[] = [
    stat({
      title: `${r.slo.name}: SLI over ${r.period}`,
      description: `${r.slo.description} Objective ${objectiveText(r)} in ${r.env}.`,
      width: 4,
      height: 7,
      unit: "percentunit",
      decimals: 3,
      thresholds: { base: "red", steps: [[objective, "green"]] },
      targets: [promTarget("A", `1 - (1 - ${remaining}) * ${formatNumber(r.budget)}`, { instant: true })],
    }),
    stat({
      title: `${r.slo.name}: error budget left`,
      description: `Share of the ${r.period} error budget (${formatNumber(r.budget * 100)}% of requests) not yet spent; 0 or less means the SLO is broken.`,
      width: 4,
      height: 7,
      unit: "percentunit",
      decimals: 1,
      sparkline: true,
      thresholds: { base: "red", steps: [[0, "orange"], [0.25, "green"]] },
      targets: [promTarget("A", remaining, { instant: true })],
    }),
    timeseries({
      title: `${r.slo.name}: SLI over ${SLI_TREND_WINDOWS.join(" and ")}`,
      description: `1 − error ratio over the window; the dashed line is the objective (${formatNumber(r.objective)}%).`,
      width: r.slo.sli.kind === "latency" ? 8 : 16,
      height: 7,
      unit: "percentunit",
      max: 1,
      thresholds: { base: "red", steps: [[objective, "green"]] },
      targets: [
        promTarget("A", `1 - ${selector(RECORDING_NAMES.errorRatio, ...sloMatchers(r, ref), re(WINDOW_LABEL, SLI_TREND_WINDOWS.join("|")))}`, {
          legend: `SLI over {{${WINDOW_LABEL}}}`,
        }),
      ],
    }),
  ];
  const sli = r.slo.sli;
  if (sli.kind === "latency") {
    const q = objective;
    panels.push(
      timeseries({
        title: `${r.slo.name}: p${formatNumber(q * 100)} latency vs ${formatNumber(sli.thresholdSeconds)} s`,
        description:
          `The SLO holds while at least ${formatNumber(r.objective)}% of requests take at most ${formatNumber(sli.thresholdSeconds)} s, ` +
          `i.e. while the p${formatNumber(q * 100)} stays under the dashed line.`,
        width: 8,
        height: 7,
        unit: "s",
        min: 0,
        thresholds: { base: "transparent", steps: [[sli.thresholdSeconds, "red"]] },
        targets: [promTarget("A", redQueries(sli.source, ref).durationQuantile(q), { legend: `p${formatNumber(q * 100)}` })],
      }),
    );
  }
  for (const w of burnRateWindows(r.period)) panels.push(burnRatePanel(r, ref, w));
  return panels;
}
