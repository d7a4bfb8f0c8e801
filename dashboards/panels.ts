/**
 * Panel builders with the platform's defaults (visible legends, multi-series tooltips,
 * explicit units and sizes), so the dashboard files only say what a panel shows.
 */
import type { Builder, Dataquery } from "@grafana/grafana-foundation-sdk/cog";
import { PanelBuilder as BarGaugePanel } from "@grafana/grafana-foundation-sdk/bargauge";
import {
  GraphThresholdsStyleConfigBuilder,
  GraphThresholdsStyleMode,
  LegendDisplayMode,
  LegendPlacement,
  LogsDedupStrategy,
  LogsSortOrder,
  ReduceDataOptionsBuilder,
  SortOrder,
  TableSortByFieldStateBuilder,
  TooltipDisplayMode,
  VizLegendOptionsBuilder,
  VizTooltipOptionsBuilder,
  BigValueGraphMode,
  VisibilityMode,
} from "@grafana/grafana-foundation-sdk/common";
import {
  DashboardLinkBuilder,
  FieldColorBuilder,
  FieldColorModeId,
  MappingType,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  type DataTransformerConfig,
  type DynamicConfigValue,
  type ValueMapping,
} from "@grafana/grafana-foundation-sdk/dashboard";
import { PanelBuilder as HeatmapPanel, YAxisConfigBuilder } from "@grafana/grafana-foundation-sdk/heatmap";
import { PanelBuilder as LogsPanel } from "@grafana/grafana-foundation-sdk/logs";
import { EdgeOptionsBuilder, NodeOptionsBuilder, PanelBuilder as NodeGraphPanel } from "@grafana/grafana-foundation-sdk/nodegraph";
import { PanelBuilder as StatPanel } from "@grafana/grafana-foundation-sdk/stat";
import { PanelBuilder as StateTimelinePanel } from "@grafana/grafana-foundation-sdk/statetimeline";
import { PanelBuilder as TablePanel } from "@grafana/grafana-foundation-sdk/table";
import { PanelBuilder as TextPanel, TextMode } from "@grafana/grafana-foundation-sdk/text";
import { PanelBuilder as TimeseriesPanel } from "@grafana/grafana-foundation-sdk/timeseries";

/** Grid size and text every panel has. Grafana's grid is 24 columns wide. */
export interface PanelFrame {
  title: string;
  /** Shown in the panel's (i) tooltip. @default - none */
  description?: string;
  /** Width in grid columns (1–24). */
  width: number;
  /** Height in grid rows (one row is 30 px). */
  height: number;
}

/** Threshold steps: the colour below the first step, then `[value, colour]` pairs ascending. */
export interface ThresholdSteps {
  base: string;
  steps: ReadonlyArray<readonly [number, string]>;
}

/** A link shown on a panel or a table cell; `${__data.fields.x}` and `${__value.raw}` are interpolated by Grafana. */
export interface PanelLink {
  title: string;
  url: string;
}

function thresholdsOf(t: ThresholdSteps): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder()
    .mode(ThresholdsMode.Absolute)
    .steps([{ value: null, color: t.base }, ...t.steps.map(([value, color]) => ({ value, color }))]);
}

function linksOf(links: readonly PanelLink[]): DashboardLinkBuilder[] {
  return links.map((l) => new DashboardLinkBuilder(l.title).url(l.url));
}

function legend(placement: "bottom" | "right" = "bottom"): VizLegendOptionsBuilder {
  return new VizLegendOptionsBuilder()
    .showLegend(true)
    .displayMode(LegendDisplayMode.List)
    .placement(placement === "right" ? LegendPlacement.Right : LegendPlacement.Bottom)
    .calcs([]);
}

/** A time series panel. */
export interface TimeseriesSpec extends PanelFrame {
  unit: string;
  targets: ReadonlyArray<Builder<Dataquery>>;
  /** Drawn as dashed horizontal lines (burn-rate factors, objectives). @default - none */
  thresholds?: ThresholdSteps;
  /** Lower end of the y axis. @default - automatic */
  min?: number;
  /** Upper end of the y axis. @default - automatic */
  max?: number;
  /** Panel-wide links. @default [] */
  links?: readonly PanelLink[];
}

export function timeseries(s: TimeseriesSpec): TimeseriesPanel {
  const p = new TimeseriesPanel()
    .title(s.title)
    .span(s.width)
    .height(s.height)
    .unit(s.unit)
    .legend(legend())
    .tooltip(new VizTooltipOptionsBuilder().mode(TooltipDisplayMode.Multi).sort(SortOrder.Descending))
    .fillOpacity(10)
    .targets([...s.targets]);
  if (s.description !== undefined) p.description(s.description);
  if (s.min !== undefined) p.min(s.min);
  if (s.max !== undefined) p.max(s.max);
  if (s.thresholds !== undefined) {
    p.thresholds(thresholdsOf(s.thresholds)).thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed));
  }
  if (s.links !== undefined && s.links.length > 0) p.dataLinks(linksOf(s.links));
  return p;
}

/** A single-value panel. */
export interface StatSpec extends PanelFrame {
  unit: string;
  targets: ReadonlyArray<Builder<Dataquery>>;
  /** Colour steps of the value. */
  thresholds: ThresholdSteps;
  /** Decimals shown. @default - automatic */
  decimals?: number;
  /** Draw the value's history under it. @default false */
  sparkline?: boolean;
}

export function stat(s: StatSpec): StatPanel {
  const p = new StatPanel()
    .title(s.title)
    .span(s.width)
    .height(s.height)
    .unit(s.unit)
    .thresholds(thresholdsOf(s.thresholds))
    .graphMode(s.sparkline === true ? BigValueGraphMode.Area : BigValueGraphMode.None)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(["lastNotNull"]).values(false))
    .targets([...s.targets]);
  if (s.description !== undefined) p.description(s.description);
  if (s.decimals !== undefined) p.decimals(s.decimals);
  return p;
}

/** A latency heatmap of a Prometheus histogram (bucket series in `heatmap` format). */
export interface HeatmapSpec extends PanelFrame {
  target: Builder<Dataquery>;
}

export function heatmap(s: HeatmapSpec): HeatmapPanel {
  const p = new HeatmapPanel()
    .title(s.title)
    .span(s.width)
    .height(s.height)
    .calculate(false)
    .yAxis(new YAxisConfigBuilder().unit("s"))
    .showLegend()
    .exemplarsColor("rgba(255,0,255,0.7)")
    .targets([s.target]);
  if (s.description !== undefined) p.description(s.description);
  return p;
}

/** A table from instant queries. */
export interface TableSpec extends PanelFrame {
  targets: ReadonlyArray<Builder<Dataquery>>;
  /** Applied in order. @default [] */
  transformations?: readonly DataTransformerConfig[];
  /** Per-column settings (unit, links, hidden, colours), by field display name. @default {} */
  columns?: Readonly<Record<string, readonly DynamicConfigValue[]>>;
  /** Sort by this column. @default - query order */
  sortBy?: { column: string; descending: boolean };
  /** Unit of every numeric column without its own. @default - none */
  unit?: string;
}

export function table(s: TableSpec): TablePanel {
  const p = new TablePanel().title(s.title).span(s.width).height(s.height).targets([...s.targets]);
  if (s.description !== undefined) p.description(s.description);
  if (s.unit !== undefined) p.unit(s.unit);
  if (s.transformations !== undefined) p.transformations([...s.transformations]);
  for (const [name, props] of Object.entries(s.columns ?? {})) p.overrideByName(name, [...props]);
  if (s.sortBy !== undefined) p.sortBy([new TableSortByFieldStateBuilder().displayName(s.sortBy.column).desc(s.sortBy.descending)]);
  return p;
}

/** A horizontal bar gauge, one bar per series. */
export interface BarGaugeSpec extends PanelFrame {
  unit: string;
  targets: ReadonlyArray<Builder<Dataquery>>;
  thresholds: ThresholdSteps;
  min?: number;
  max?: number;
}

export function barGauge(s: BarGaugeSpec): BarGaugePanel {
  const p = new BarGaugePanel()
    .title(s.title)
    .span(s.width)
    .height(s.height)
    .unit(s.unit)
    .thresholds(thresholdsOf(s.thresholds))
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(["lastNotNull"]).values(false))
    .targets([...s.targets]);
  if (s.description !== undefined) p.description(s.description);
  if (s.min !== undefined) p.min(s.min);
  if (s.max !== undefined) p.max(s.max);
  return p;
}

/** Log lines, newest first, with details (where Grafana's derived `trace_id` link appears). */
export interface LogsSpec extends PanelFrame {
  target: Builder<Dataquery>;
}

export function logs(s: LogsSpec): LogsPanel {
  const p = new LogsPanel()
    .title(s.title)
    .span(s.width)
    .height(s.height)
    .showTime(true)
    .wrapLogMessage(true)
    .enableLogDetails(true)
    .showLabels(false)
    .sortOrder(LogsSortOrder.Descending)
    .dedupStrategy(LogsDedupStrategy.None)
    .targets([s.target]);
  if (s.description !== undefined) p.description(s.description);
  return p;
}

/** A node graph: one frame of nodes (`id`, `title`, `mainstat`, `secondarystat`), one of edges (`id`, `source`, `target`, ...). */
export interface NodeGraphSpec extends PanelFrame {
  targets: ReadonlyArray<Builder<Dataquery>>;
  transformations: readonly DataTransformerConfig[];
  nodeUnits: { main: string; secondary: string };
  edgeUnits: { main: string; secondary: string };
}

export function nodeGraph(s: NodeGraphSpec): NodeGraphPanel {
  const p = new NodeGraphPanel()
    .title(s.title)
    .span(s.width)
    .height(s.height)
    .nodes(new NodeOptionsBuilder().mainStatUnit(s.nodeUnits.main).secondaryStatUnit(s.nodeUnits.secondary))
    .edges(new EdgeOptionsBuilder().mainStatUnit(s.edgeUnits.main).secondaryStatUnit(s.edgeUnits.secondary))
    .transformations([...s.transformations])
    .targets([...s.targets]);
  if (s.description !== undefined) p.description(s.description);
  return p;
}

/** A Markdown note. */
export function note(frame: PanelFrame, markdown: string): TextPanel {
  const p = new TextPanel().title(frame.title).span(frame.width).height(frame.height).mode(TextMode.Markdown).content(markdown);
  if (frame.description !== undefined) p.description(frame.description);
  return p;
}

/** A number shown as a named, coloured state. */
export interface NamedState {
  code: number;
  text: string;
  color: string;
}

/** Value mappings showing each code as its state's name and colour. */
export function stateMappings(states: readonly NamedState[]): ValueMapping[] {
  const options = Object.fromEntries(states.map((st, index) => [String(st.code), { text: st.text, color: st.color, index }]));
  return [{ type: MappingType.ValueToText, options }];
}

/** Thresholds colouring each code like its state (for what a mapping does not catch). */
function stateThresholds(states: readonly NamedState[]): ThresholdSteps {
  const sorted = [...states].sort((a, b) => a.code - b.code);
  return { base: sorted[0].color, steps: sorted.slice(1).map((st) => [st.code, st.color] as const) };
}

/** A state timeline: one band per series, coloured by named states. */
export interface StateTimelineSpec extends PanelFrame {
  targets: ReadonlyArray<Builder<Dataquery>>;
  /** The states the series' values stand for. */
  states: readonly NamedState[];
  /** Panel-wide links. @default [] */
  links?: readonly PanelLink[];
}

export function stateTimeline(s: StateTimelineSpec): StateTimelinePanel {
  if (s.states.length === 0) throw new Error(`state timeline "${s.title}" has no states`);
  const p = new StateTimelinePanel()
    .title(s.title)
    .span(s.width)
    .height(s.height)
    .mappings(stateMappings(s.states))
    .thresholds(thresholdsOf(stateThresholds(s.states)))
    .colorScheme(new FieldColorBuilder().mode(FieldColorModeId.Thresholds))
    .showValue(VisibilityMode.Auto)
    .mergeValues(true)
    .legend(legend())
    .tooltip(new VizTooltipOptionsBuilder().mode(TooltipDisplayMode.Multi).sort(SortOrder.None))
    .targets([...s.targets]);
  if (s.description !== undefined) p.description(s.description);
  if (s.links !== undefined && s.links.length > 0) p.dataLinks(linksOf(s.links));
  return p;
}
