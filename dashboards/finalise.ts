/**
 * Turns a built SDK dashboard into the plain JSON the platform ships: no builder functions
 * left (a JSON round trip drops the SDK's `_implementsDataqueryVariant` markers), every panel
 * with a stable numeric id in layout order, and dashboard links shown in the dashboard header
 * rather than folded into the controls menu.
 */
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";

type Json = Record<string, unknown>;

/** Plain-data copy of `dashboard` with panel ids 1, 2, 3 … in order. */
export function finaliseDashboard(dashboard: Dashboard): Json {
  const json = JSON.parse(JSON.stringify(dashboard)) as Json;
  let next = 1;
  const number = (panels: unknown): void => {
    if (!Array.isArray(panels)) return;
    for (const p of panels as Json[]) {
      p.id = next++;
      number(p.panels);
    }
  };
  number(json.panels);
  for (const link of (json.links as Json[] | undefined) ?? []) delete link.placement;
  json.annotations = { list: [] };
  return json;
}
