import { runTsNode } from "../support/ts-node";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeArtifacts } from "../../stacks/artifacts";
import { AMTOOL_HINT, runTool } from "../support/tools";
import { TOOLCHAIN_HINT, toolchainBinary } from "../support/toolchain";

/** promtool at the deployed Prometheus version (Debian's 2.42 lacks Kubernetes discovery). */
const PROMTOOL = toolchainBinary("promtool");

const STACKS = ["local", "staging", "production"];

/** What every stack writes: configurations, dashboards, rule files, the chaos plan, resilience policies. */
const EVERY_STACK = [
  "alertmanager/alertmanager.yml",
  "chaos/PLAN.md",
  "grafana/dashboards/sevensa-error-paths.json",
  "grafana/dashboards/sevensa-platform-health.json",
  "grafana/dashboards/sevensa-resilience-overview.json",
  "grafana/dashboards/sevensa-service-map.json",
  "grafana/dashboards/sevensa-slo-overview.json",
  "grafana/dashboards/svc-checkout-api.json",
  "grafana/dashboards/svc-pricing-engine.json",
  "grafana/dashboards/svc-storefront.json",
  "grafana/datasources.yaml",
  "jaeger/config.yaml",
  "loki/config.yaml",
  "otel/agent.yaml",
  "otel/gateway.yaml",
  "prometheus/prometheus.yml",
  "prometheus/rules/checkout-api-resilience.yaml",
  "prometheus/rules/checkout-api.yaml",
  "prometheus/rules/platform.yaml",
  "prometheus/rules/pricing-engine-resilience.yaml",
  "prometheus/rules/pricing-engine.yaml",
  "prometheus/rules/storefront-resilience.yaml",
  "prometheus/rules/storefront.yaml",
  "services/checkout-api/resilience.json",
  "services/pricing-engine/resilience.json",
  "services/storefront/resilience.json",
];

/** Staging, the one stack that allows chaos, in the order written (sorted): every experiment's manifest and the chaos-window rules too. */
const STAGING = [
  "alertmanager/alertmanager.yml",
  "chaos/PLAN.md",
  "chaos/checkout-api-cascading-pricing.yaml",
  "chaos/checkout-api-pod-kill.yaml",
  "chaos/checkout-api-pricing-latency.yaml",
  "chaos/checkout-api-resilience-pricing-engine-abort.yaml",
  "chaos/checkout-api-resilience-pricing-engine-latency.yaml",
  "chaos/checkout-api-resilience-stripe-abort.yaml",
  "chaos/checkout-api-resilience-stripe-latency.yaml",
  "chaos/checkout-api-stripe-dns.yaml",
  "chaos/checkout-api-zone-a-outage.yaml",
  "chaos/pricing-engine-postgres-loss.yaml",
  "chaos/pricing-engine-resilience-postgres-abort.yaml",
  "chaos/pricing-engine-resilience-postgres-latency.yaml",
  "chaos/storefront-cart-delay.yaml",
  "chaos/storefront-checkout-partition.yaml",
  "chaos/storefront-cpu-stress.yaml",
  "chaos/storefront-resilience-checkout-api-abort.yaml",
  "chaos/storefront-resilience-checkout-api-latency.yaml",
  "chaos/storefront-resilience-pricing-engine-abort.yaml",
  "chaos/storefront-resilience-pricing-engine-latency.yaml",
  "grafana/dashboards/sevensa-error-paths.json",
  "grafana/dashboards/sevensa-platform-health.json",
  "grafana/dashboards/sevensa-resilience-overview.json",
  "grafana/dashboards/sevensa-service-map.json",
  "grafana/dashboards/sevensa-slo-overview.json",
  "grafana/dashboards/svc-checkout-api.json",
  "grafana/dashboards/svc-pricing-engine.json",
  "grafana/dashboards/svc-storefront.json",
  "grafana/datasources.yaml",
  "jaeger/config.yaml",
  "loki/config.yaml",
  "otel/agent.yaml",
  "otel/gateway.yaml",
  "prometheus/prometheus.yml",
  "prometheus/rules/chaos-windows.yaml",
  "prometheus/rules/checkout-api-resilience.yaml",
  "prometheus/rules/checkout-api.yaml",
  "prometheus/rules/platform.yaml",
  "prometheus/rules/pricing-engine-resilience.yaml",
  "prometheus/rules/pricing-engine.yaml",
  "prometheus/rules/storefront-resilience.yaml",
  "prometheus/rules/storefront.yaml",
  "services/checkout-api/resilience.json",
  "services/pricing-engine/resilience.json",
  "services/storefront/resilience.json",
];

const LAYOUT: Record<string, string[]> = { local: EVERY_STACK, staging: STAGING, production: EVERY_STACK };

/** Every file under `dir`, relative and sorted. */
function filesOnDisk(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe.each(STACKS)("artifacts of the %s stack, checked by the tools that consume them", (stack) => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `artifacts-${stack}-`));
  const { written } = writeArtifacts(stack, out);
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test("exactly the documented layout is written, listed sorted, and nothing else is on disk", () => {
    expect(written).toEqual(LAYOUT[stack]);
    expect(filesOnDisk(out)).toEqual(LAYOUT[stack]);
  });

  test("promtool check config accepts prometheus.yml", () => {
    const r = runTool(PROMTOOL, ["check", "config", path.join(out, "prometheus/prometheus.yml")], TOOLCHAIN_HINT);
    expect(r.output).toContain("SUCCESS");
    expect(r.status).toBe(0);
  });

  test("promtool check rules accepts every rule file", () => {
    const files = written.filter((w) => w.startsWith("prometheus/rules/")).map((w) => path.join(out, w));
    const r = runTool(PROMTOOL, ["check", "rules", ...files], TOOLCHAIN_HINT);
    expect(r.status).toBe(0);
    expect(r.output.match(/SUCCESS/g)?.length).toBe(files.length);
  });

  test("amtool check-config accepts alertmanager.yml", () => {
    const r = runTool("amtool", ["check-config", path.join(out, "alertmanager/alertmanager.yml")], AMTOOL_HINT);
    expect(r.output).toContain("SUCCESS");
    expect(r.status).toBe(0);
  });

  test("every generated text file says it is generated (JSON cannot carry a comment), and none holds a secret value", () => {
    for (const rel of written) {
      const text = fs.readFileSync(path.join(out, rel), "utf8");
      const first = rel.endsWith(".json") ? "" : text.split("\n")[0];
      if (!rel.endsWith(".json")) expect(first).toMatch(/^(# |<!-- )Generated by .+ from .+/);
      // routing_key: traceID is the load-balancing exporter's routing setting, not a PagerDuty key.
      expect(text).not.toMatch(/hooks\.slack\.com\/services\/|routing_key: (?!traceID$)|api_url:|password:\s*\S/m);
    }
  });
});

test("a broken prometheus.yml is refused by promtool (the check can fail)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broken-"));
  fs.writeFileSync(path.join(dir, "prometheus.yml"), "global:\n  scrape_interval: 30 days\n");
  const r = runTool(PROMTOOL, ["check", "config", path.join(dir, "prometheus.yml")], TOOLCHAIN_HINT);
  expect(r.status).not.toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the CLI (scripts/artifacts.ts, as npm start runs it)", () => {
  const cli = (args: string[]) => runTsNode("scripts/artifacts.ts", args);

  test("--stack local --out <dir> exits 0, writes the local layout and lists it", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "artifacts-cli-"));
    try {
      const r = cli(["--stack", "local", "--out", out]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`${EVERY_STACK.length} files written to ${out} for stack local:\n${EVERY_STACK.map((w) => `  ${w}`).join("\n")}\n`);
      expect(filesOnDisk(out)).toEqual(EVERY_STACK);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 130_000);

  test("without --out it prints the usage and exits 2, writing nothing", () => {
    const r = cli(["--stack", "local"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("usage: npm run artifacts -- --stack <local|staging|production> --out <dir>\n");
    expect(r.stdout).toBe("");
  }, 130_000);

  test("an unknown stack exits 1 naming the missing stack file", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "artifacts-cli-"));
    try {
      const r = cli(["--stack", "qa", "--out", out]);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe("Pulumi.qa.yaml: no such stack file\n");
      expect(filesOnDisk(out)).toEqual([]);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 130_000);
});
