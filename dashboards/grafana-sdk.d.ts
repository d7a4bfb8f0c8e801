/**
 * Type resolution for the subpath imports of `@grafana/grafana-foundation-sdk`.
 *
 * The SDK publishes its modules only through `package.json#exports` (no root entry, no
 * `typesVersions`), which the project's `moduleResolution: "node"` does not read. At run
 * time Node resolves `@grafana/grafana-foundation-sdk/<module>` through `exports` to
 * `dist/<module>/index.js`; these declarations point the type checker at the same files.
 * Add a line here when a new SDK module is imported.
 */
declare module "@grafana/grafana-foundation-sdk/cog" {
  export * from "@grafana/grafana-foundation-sdk/dist/cog";
}
declare module "@grafana/grafana-foundation-sdk/common" {
  export * from "@grafana/grafana-foundation-sdk/dist/common";
}
declare module "@grafana/grafana-foundation-sdk/dashboard" {
  export * from "@grafana/grafana-foundation-sdk/dist/dashboard";
}
declare module "@grafana/grafana-foundation-sdk/prometheus" {
  export * from "@grafana/grafana-foundation-sdk/dist/prometheus";
}
declare module "@grafana/grafana-foundation-sdk/loki" {
  export * from "@grafana/grafana-foundation-sdk/dist/loki";
}
declare module "@grafana/grafana-foundation-sdk/timeseries" {
  export * from "@grafana/grafana-foundation-sdk/dist/timeseries";
}
declare module "@grafana/grafana-foundation-sdk/stat" {
  export * from "@grafana/grafana-foundation-sdk/dist/stat";
}
declare module "@grafana/grafana-foundation-sdk/table" {
  export * from "@grafana/grafana-foundation-sdk/dist/table";
}
declare module "@grafana/grafana-foundation-sdk/heatmap" {
  export * from "@grafana/grafana-foundation-sdk/dist/heatmap";
}
declare module "@grafana/grafana-foundation-sdk/logs" {
  export * from "@grafana/grafana-foundation-sdk/dist/logs";
}
declare module "@grafana/grafana-foundation-sdk/nodegraph" {
  export * from "@grafana/grafana-foundation-sdk/dist/nodegraph";
}
declare module "@grafana/grafana-foundation-sdk/bargauge" {
  export * from "@grafana/grafana-foundation-sdk/dist/bargauge";
}
declare module "@grafana/grafana-foundation-sdk/text" {
  export * from "@grafana/grafana-foundation-sdk/dist/text";
}
declare module "@grafana/grafana-foundation-sdk/statetimeline" {
  export * from "@grafana/grafana-foundation-sdk/dist/statetimeline";
}
