/**
 * Template variables. `environment` is shown on every dashboard (one Grafana per stack, so it
 * has one value) but never used as a PromQL matcher: it is a Prometheus *external* label,
 * attached only to alerts and remote-write, not stored on the series. Service dashboards pin
 * `service` and `namespace` as constants so every query reads `$service`; the cross-team
 * dashboards offer them as selectable lists built from the catalogue.
 */
import {
  ConstantVariableBuilder,
  CustomVariableBuilder,
  VariableHide,
} from "@grafana/grafana-foundation-sdk/dashboard";

/** Regex a multi-value variable expands to when "All" is selected. */
export const ALL_VALUE = ".*";

/** The environment of the stack, shown as a one-value list. */
export function environmentVariable(environment: string): CustomVariableBuilder {
  return new CustomVariableBuilder("environment")
    .label("Environment")
    .values(environment)
    .current({ selected: true, text: environment, value: environment });
}

/** A hidden constant. */
export function constantVariable(name: string, value: string): ConstantVariableBuilder {
  return new ConstantVariableBuilder(name).value(value);
}

/** A list of fixed values; the first is selected, or "All" when `includeAll`. */
export function listVariable(name: string, label: string, values: readonly string[], opts: { multi: boolean; includeAll: boolean }): CustomVariableBuilder {
  if (values.length === 0) throw new Error(`template variable "${name}" has no values`);
  const v = new CustomVariableBuilder(name)
    .label(label)
    .values(values.join(","))
    .multi(opts.multi)
    .includeAll(opts.includeAll)
    .hide(VariableHide.DontHide);
  if (opts.includeAll) {
    v.allValue(ALL_VALUE).current(opts.multi ? { selected: true, text: ["All"], value: ["$__all"] } : { selected: true, text: "All", value: "$__all" });
  } else {
    v.current({ selected: true, text: values[0], value: values[0] });
  }
  return v;
}
