/**
 * `promtool check rules` accepts every generated rule file (each example service in each
 * environment, and the platform rules), both Debian's 2.42 and the deployed version (3.5).
 */
import * as path from "path";
import { generatePlatformRules, generateServiceRules, renderRuleFile } from "../../alert-rules";
import { loadCatalogue } from "../../catalogue/load";
import { ENVIRONMENTS } from "../../catalogue/types";
import { runPromtool } from "./support/promtool";

const REPO = path.resolve(__dirname, "../..");

test.each(["debian", "deployed"] as const)("promtool check rules (%s) accepts every generated rule file", async (which) => {
  const files: Record<string, string> = { "platform.yaml": renderRuleFile(generatePlatformRules(), "alert-rules/platform-rules.ts") };
  for (const svc of loadCatalogue(REPO)) {
    for (const env of ENVIRONMENTS) {
      files[`${svc.declaration.name}-${env}.yaml`] = renderRuleFile(generateServiceRules(svc, env), `${svc.file} (environment ${env})`);
    }
  }
  const names = Object.keys(files).sort();
  const run = await runPromtool(["check", "rules", ...names], files, which);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
  const found = [...run.stdout.matchAll(/Checking (\S+)\n\s+SUCCESS: (\d+) rules found/g)].map((m) => [m[1], Number(m[2])]);
  // 12 rules per SLO: checkout-api has 3 SLOs, the others 2; the platform file 14 alerts.
  const expected = names.map((n) => [n, n === "platform.yaml" ? 14 : n.startsWith("checkout-api") ? 36 : 24]);
  expect(found).toEqual(expected);
});

test.each(["debian", "deployed"] as const)("promtool check rules (%s) fails on a broken expression (the check can fail)", async (which) => {
  const broken = "groups:\n  - name: g\n    rules:\n      - record: slo:x\n        expr: sum(rate(x[5m])\n";
  const run = await runPromtool(["check", "rules", "broken.yaml"], { "broken.yaml": broken }, which);
  expect(run.code).toBe(1);
  expect(run.stdout + run.stderr).toContain("parse error");
});
