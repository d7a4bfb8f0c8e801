/**
 * The promtool scenario harness (./support/scenario.ts): the test file it writes pins the
 * group evaluation order (promtool picks one at random otherwise) and refuses evaluation
 * intervals at which a cross-group read would fall outside the 5m lookback.
 */
import { parse } from "yaml";
import { phase, scenarioFiles, syntheticService, type Scenario } from "./support/scenario";

const BASE: Scenario = {
  service: syntheticService({ name: "availability", description: "Requests succeed.", objective: 99.9, sli: { kind: "availability", source: "otel-http" } }),
  phases: [phase(10, 1000, 0)],
};

function written(s: Scenario): { rules: { groups: Array<{ name: string }> }; test: { group_eval_order: string[]; evaluation_interval: string } } {
  const files = scenarioFiles(s);
  return { rules: parse(files["rules.yaml"]), test: parse(files["test.yaml"]) };
}

test("the groups are evaluated in the rule file's order, or its reverse", () => {
  const { rules, test: file } = written(BASE);
  const names = rules.groups.map((g) => g.name);
  expect(names).toEqual(["scenario-api-slo-short", "scenario-api-slo-long", "scenario-api-slo-period"]);
  expect(file.group_eval_order).toEqual(names);
  expect(written({ ...BASE, groupOrder: "reversed" }).test.group_eval_order).toEqual([...names].reverse());
  expect(file.evaluation_interval).toBe("1m");
});

test.each(["5m", "10m", "30s", "1h"])("evaluation interval %s is refused", (interval) => {
  expect(() => scenarioFiles({ ...BASE, evaluationInterval: interval })).toThrow(
    `scenario evaluationInterval "${interval}" must be whole minutes below the 5m lookback delta`,
  );
});
