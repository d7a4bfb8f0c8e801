/** The ConfigMap each dashboard ships in: discovery label, team folder, the artifact's exact text. */
import { dashboardArtifactPath, dashboardConfigMapSpec, generateDashboards, renderDashboard } from "../../dashboards";
import { exampleCatalogue } from "./support/context";

const dashboards = generateDashboards(exampleCatalogue(), "production");

test("labelled for Grafana's watcher, annotated with the team folder, holding the artifact text", () => {
  const d = dashboards[0];
  const cm = dashboardConfigMapSpec(d);
  expect({ ...cm, data: Object.keys(cm.data) }).toEqual({
    name: "dashboard-svc-checkout-api",
    labels: { "sevensa.io/grafana-dashboard": "true", "app.kubernetes.io/part-of": "sevensa-observability", "app.kubernetes.io/managed-by": "pulumi" },
    annotations: { "sevensa.io/grafana-folder": "payments" },
    data: ["svc-checkout-api.json"],
  });
  expect(cm.data["svc-checkout-api.json"]).toBe(renderDashboard(d));
  expect(JSON.parse(cm.data["svc-checkout-api.json"])).toEqual(d.json);
  expect(dashboardArtifactPath(d)).toBe("grafana/dashboards/svc-checkout-api.json");
});

test("every dashboard's folder: its team, or platform", () => {
  expect(dashboards.map((d) => [d.uid, dashboardConfigMapSpec(d).annotations["sevensa.io/grafana-folder"]])).toEqual([
    ["svc-checkout-api", "payments"],
    ["svc-pricing-engine", "pricing"],
    ["svc-storefront", "commerce"],
    ["sevensa-slo-overview", "platform"],
    ["sevensa-service-map", "platform"],
    ["sevensa-platform-health", "platform"],
    ["sevensa-error-paths", "platform"],
    ["sevensa-resilience-overview", "platform"],
  ]);
});

test("a dashboard too large for a ConfigMap is refused with its size", () => {
  const huge = { ...dashboards[0], json: { ...dashboards[0].json, description: "x".repeat(1024 * 1024) } };
  const bytes = Buffer.byteLength(renderDashboard(huge));
  expect(() => dashboardConfigMapSpec(huge)).toThrow(`dashboard svc-checkout-api is ${bytes} bytes of JSON; a ConfigMap holds at most 1048576`);
});

test("generation is deterministic: the same catalogue gives byte-identical files", () => {
  const again = generateDashboards(exampleCatalogue(), "production");
  expect(again.map(renderDashboard)).toEqual(dashboards.map(renderDashboard));
});
