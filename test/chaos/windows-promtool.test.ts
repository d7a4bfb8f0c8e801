/**
 * The window alerts, evaluated by promtool at chosen times (promtool's clock starts at
 * 1970-01-01 00:00 UTC, a Thursday, so Tuesday 10:00 is 5d10h), and the staging rule file
 * checked by `promtool check rules`.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { renderRuleFile } from "../../alert-rules/render";
import { planChaos } from "../../chaos/plan";
import { chaosArtifactFiles } from "../../chaos/render";
import { PROMTOOL_HINT, runTool } from "../support/tools";
import { catalogue, PROMETHEUS_URL, stagingChaos } from "./fixtures";
import { stackChaosPlan } from "./support";

describe("experiment windows in Prometheus", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "chaos-windows-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("ChaosExperimentWindow fires for the blast radius from 5 minutes before the start until 30 minutes after the end, and wraps the week", () => {
    const plan = planChaos({
      stack: "staging",
      environment: "staging",
      platformNamespace: "monitoring",
      config: stagingChaos(),
      services: catalogue([
        { name: "kill", fault: { kind: "pod-kill" }, duration: "10m", schedule: { day: "tuesday", at: "10:00" } },
        { name: "late", fault: { kind: "pod-kill" }, duration: "20m", schedule: { day: "saturday", at: "23:50" } },
      ]),
      prometheusUrl: PROMETHEUS_URL,
    });
    fs.writeFileSync(path.join(dir, "windows.yaml"), renderRuleFile(plan.windowRules, "test"));
    const rules = plan.windowRules.groups[0].rules as unknown as { labels: Record<string, string>; annotations: Record<string, string> }[];
    const firing = (experiment: string) =>
      rules.filter((r) => r.labels.chaos_experiment === experiment).map((r) => ({ exp_labels: r.labels, exp_annotations: r.annotations }));
    const at = (evalTime: string, exp: object[]) => ({ eval_time: evalTime, alertname: "ChaosExperimentWindow", exp_alerts: exp });
    const tests = {
      rule_files: ["windows.yaml"],
      evaluation_interval: "1m",
      tests: [
        {
          interval: "1m",
          input_series: [],
          alert_rule_test: [
            at("5d9h54m", []),
            at("5d9h55m", firing("api-kill")),
            at("5d10h39m", firing("api-kill")),
            at("5d10h40m", []),
            // Saturday 23:45 (2d23h45m) opens the late window; it closes Sunday 00:40 (3d0h40m).
            at("2d23h44m", []),
            at("2d23h45m", firing("api-late")),
            at("3d0h39m", firing("api-late")),
            at("3d0h40m", []),
          ],
        },
      ],
    };
    fs.writeFileSync(path.join(dir, "windows.test.yaml"), stringify(tests));
    const r = runTool("promtool", ["test", "rules", "windows.test.yaml"], PROMTOOL_HINT, { cwd: dir });
    expect(r.output).toContain("SUCCESS");
    expect(r.status).toBe(0);
  });

  test("the staging window rule file passes promtool check rules", () => {
    const { config, plan } = stackChaosPlan("staging");
    const file = path.join(dir, "chaos-windows.yaml");
    fs.writeFileSync(file, chaosArtifactFiles({ stack: "staging", environment: "staging", config, plan })["prometheus/rules/chaos-windows.yaml"]);
    const r = runTool("promtool", ["check", "rules", file], PROMTOOL_HINT);
    expect(r.output).toContain(`SUCCESS: ${plan.windowRules.groups[0].rules.length} rules found`);
    expect(r.status).toBe(0);
  });
});
