/**
 * The frame every generated dashboard shares: read-only (edit the TypeScript, not Grafana),
 * browser time zone, shared crosshair, one-minute refresh, the `environment` variable first,
 * and rows of panels laid out left to right on Grafana's 24-column grid.
 */
import type { Builder } from "@grafana/grafana-foundation-sdk/cog";
import {
  DashboardBuilder,
  DashboardCursorSync,
  DashboardLinkBuilder,
  DashboardLinkType,
  RowBuilder,
  type Panel,
  type VariableModel,
} from "@grafana/grafana-foundation-sdk/dashboard";
import { finaliseDashboard } from "./finalise";
import { environmentVariable } from "./variables";

/** A dashboard row: a title and the panels under it. */
export interface Section {
  title: string;
  panels: Builder<Panel>[];
}

/** A link in the dashboard header. */
export type HeaderLink = { title: string; url: string } | { title: string; tag: string };

/** Everything a generated dashboard is made of. */
export interface DashboardSpec {
  uid: string;
  title: string;
  /** Ends with where it was generated from. */
  description: string;
  tags: readonly string[];
  environment: string;
  /** Variables after `environment`. @default [] */
  variables?: ReadonlyArray<Builder<VariableModel>>;
  /** Header links. @default [] */
  links?: readonly HeaderLink[];
  sections: readonly Section[];
  /** Default time range start. @default "now-6h" */
  from?: string;
}

/** Tags every generated dashboard carries. */
export const BASE_TAGS = ["sevensa", "generated"] as const;

function headerLink(l: HeaderLink): DashboardLinkBuilder {
  const b = new DashboardLinkBuilder(l.title).keepTime(true);
  return "url" in l ? b.type(DashboardLinkType.Link).url(l.url) : b.type(DashboardLinkType.Dashboards).tags([l.tag]).asDropdown(true);
}

/** Builds the dashboard and returns its plain JSON model. */
export function buildDashboard(spec: DashboardSpec): Record<string, unknown> {
  const b = new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags([...BASE_TAGS, ...spec.tags])
    .readonly()
    .timezone("browser")
    .time({ from: spec.from ?? "now-6h", to: "now" })
    .refresh("1m")
    .tooltip(DashboardCursorSync.Crosshair)
    .withVariable(environmentVariable(spec.environment));
  for (const v of spec.variables ?? []) b.withVariable(v);
  for (const l of spec.links ?? []) b.link(headerLink(l));
  for (const s of spec.sections) {
    b.withRow(new RowBuilder(s.title));
    for (const p of s.panels) b.withPanel(p);
  }
  return finaliseDashboard(b.build());
}
