/**
 * `promtool check rules` (the real Prometheus 2.42 tool) accepts every generated rule file:
 * each example service in each environment, and the platform rules.
 */
import * as path from "path";
import { generatePlatformRules, generateServiceRules, renderRuleFile } from "../../alert-rules";
import { loadCatalogue } from "../../catalogue/load";
import { ENVIRONMENTS } from "../../catalogue/types";
import { runPromtool } from "./support/promtool";

const REPO = path.resolve(__dirname, "../..");

test("promtool check rules accepts every generated rule file", async () => {
  const files: Record<string, string> = { "platform.yaml": renderRuleFile(generatePlatformRules(), "alert-rules/platform-rules.ts") };
  for (const svc of loadCatalogue(REPO)) {
    for (const env of ENVIRONMENTS) {
      files[`${svc.declaration.name}-${env}.yaml`] = renderRuleFile(generateServiceRules(svc, env), `${svc.file} (environment ${env})`);
    }
  }
  const names = Object.keys(files).sort();
  const run = await runPromtool(["check", "rules", ...names], files);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
  const found = [...run.stdout.matchAll(/Checking (\S+)\n\s+SUCCESS: (\d+) rules found/g)].map((m) => [m[1], Number(m[2])]);
  // 12 rules per SLO: checkout-api has 3 SLOs, the others 2; the platform file 14 alerts.
  const expected = names.map((n) => [n, n === "platform.yaml" ? 14 : n.startsWith("checkout-api") ? 36 : 24]);
  expect(found).toEqual(expected);
});

test("promtool check rules fails on a broken expression (the check can fail)", async () => {
  const broken = "groups:\n  - name: g\n    rules:\n      - record: slo:x\n        expr: sum(rate(x[5m])\n";
  const run = await runPromtool(["check", "rules", "broken.yaml"], { "broken.yaml": broken });
  expect(run.code).toBe(1);
  expect(run.stdout + run.stderr).toContain("parse error");
});
