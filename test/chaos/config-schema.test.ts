import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { parseStackConfig, StackConfigError } from "../../stacks/config/load";
import { REPO } from "./support";

/** The staging stack file's config with `chaos.maxPercent` set to `value` (absent when undefined). */
function stagingWithMaxPercent(value: unknown): Record<string, unknown> {
  const doc = parse(fs.readFileSync(path.join(REPO, "Pulumi.staging.yaml"), "utf8")) as { config: Record<string, unknown> };
  const chaos = { ...(doc.config["sevensa-observability:chaos"] as Record<string, unknown>) };
  if (value === undefined) delete chaos.maxPercent;
  else chaos.maxPercent = value;
  return { ...doc.config, "sevensa-observability:chaos": chaos };
}

function error(value: unknown): string {
  try {
    parseStackConfig("staging", stagingWithMaxPercent(value));
    return "";
  } catch (e) {
    if (!(e instanceof StackConfigError)) throw e;
    return e.message;
  }
}

describe("chaos.maxPercent in a stack file", () => {
  test("is optional, and a whole percentage from 1 to 100 is kept as given", () => {
    expect(parseStackConfig("staging", stagingWithMaxPercent(undefined)).chaos.maxPercent).toBeUndefined();
    expect(parseStackConfig("staging", stagingWithMaxPercent(25)).chaos.maxPercent).toBe(25);
  });

  test.each([
    [0, "Pulumi.staging.yaml: sevensa-observability:chaos.maxPercent: 0 is below the minimum 1"],
    [150, "Pulumi.staging.yaml: sevensa-observability:chaos.maxPercent: 150 is above the maximum 100"],
    ["50", 'Pulumi.staging.yaml: sevensa-observability:chaos.maxPercent: "50" is not a number'],
  ])("%j is refused with the file and the key", (value, message) => {
    expect(error(value)).toBe(message);
  });
});
