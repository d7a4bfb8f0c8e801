/**
 * What the dashboard generators hand to the rest of the platform: plain data, no Pulumi and
 * no builder objects. `json` is the Grafana dashboard model (schema v1, the JSON Grafana's
 * file provider reads), already passed through `JSON.stringify`/`JSON.parse`.
 */

/** One generated Grafana dashboard. */
export interface GeneratedDashboard {
  /** Stable Grafana UID (at most 40 characters of `[a-z0-9-]`); also the artifact file name `<uid>.json`. */
  uid: string;
  /** Dashboard title as Grafana shows it. */
  title: string;
  /** Grafana folder: the owning team's name, or `platform` for the cross-team dashboards. */
  folder: string;
  /** The dashboard model, plain JSON data. */
  json: Record<string, unknown>;
}

/** Folder of the dashboards that belong to no single service team. */
export const PLATFORM_FOLDER = "platform";
