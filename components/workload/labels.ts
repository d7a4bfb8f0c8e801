/** The `app.kubernetes.io/*` recommended labels every platform object carries. */
export interface StandardLabelsInput {
  /** The application, e.g. `prometheus`. */
  name: string;
  /** The instance (the component's Pulumi name). */
  instance: string;
  /** The version of the application (image tag). */
  version: string;
  /** The role within the architecture, e.g. `metrics-store`. */
  component: string;
}

export const PART_OF = "sevensa-observability";
export const MANAGED_BY = "pulumi";

/** Full label set for metadata. */
export function standardLabels(input: StandardLabelsInput): Record<string, string> {
  return {
    "app.kubernetes.io/name": input.name,
    "app.kubernetes.io/instance": input.instance,
    "app.kubernetes.io/version": input.version,
    "app.kubernetes.io/component": input.component,
    "app.kubernetes.io/part-of": PART_OF,
    "app.kubernetes.io/managed-by": MANAGED_BY,
  };
}

/** The stable subset used in selectors (never includes the version, which changes). */
export function selectorLabels(input: Pick<StandardLabelsInput, "name" | "instance">): Record<string, string> {
  return { "app.kubernetes.io/name": input.name, "app.kubernetes.io/instance": input.instance };
}
