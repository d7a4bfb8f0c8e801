import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { parseStackConfig, StackConfigError } from "../../stacks/config/load";
import { readStackConfigFile } from "../../stacks/config/read-file";
import { generateStack } from "../../stacks/generate";
import { loadTeams } from "../../routing/load-teams";
import type { CataloguedService } from "../../catalogue/types";
import { svc } from "../resilience/fixtures";

/**
 * Issue 10: a stack sets the retry-amplification limit with `resilience.retryAmplificationLimit`
 * (whole number ≥ 1, default 10), and generateStack's graph checks use it.
 */
const root = path.resolve(__dirname, "../..");
const K = "sevensa-observability:";
const ONE_LAYER = "retry at one layer only (retry: false or maxAttempts: 1 on the others)";

/** web → orders (3 attempts) → db (4 attempts): 3 × 4 = 12 attempts on db per web request. */
const TWELVE: CataloguedService[] = [
  svc("web", { deadline: "1m", deps: [{ service: "orders", resilience: { retry: { maxAttempts: 3 } } }] }),
  svc("orders", { deadline: "1m", deps: [{ external: "db", resilience: { retry: { maxAttempts: 4 } } }] }),
];

/** The committed staging stack file's config with `extra` keys, as written in the file. */
function stagingFile(extra: Record<string, unknown>): Record<string, unknown> {
  const doc = parse(fs.readFileSync(path.join(root, "Pulumi.staging.yaml"), "utf8")) as { config: Record<string, unknown> };
  return { ...doc.config, ...extra };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Reads a staging stack file carrying `extra`, from a fresh directory, as npm run artifacts does. */
function readStaging(extra: Record<string, unknown>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "retry-limit-"));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, "Pulumi.staging.yaml"), stringify({ config: stagingFile(extra) }));
  return readStackConfigFile(dir, "staging");
}

const declarations = () => ({ services: TWELVE, teams: loadTeams(root) });
const refused = (limit: number) =>
  "The resilience checks found 1 problem:\n" +
  `stacks/services/web.ts: dependencies[0].resilience.retry.maxAttempts: in staging, retries multiply along web → orders → db: ` +
  `3 × 4 = 12 attempts on db per web request, above the limit of ${limit}; ${ONE_LAYER}`;

describe("resilience.retryAmplificationLimit in a stack file", () => {
  test("unset, the default limit of 10 refuses a path of 12 attempts", () => {
    const config = readStaging({});
    expect(config.resilience).toBeUndefined();
    expect(() => generateStack("staging", config, declarations())).toThrow(new Error(refused(10)));
  });

  test("set to 12, the same path is allowed and the stack is generated", () => {
    const config = readStaging({ [`${K}resilience`]: { retryAmplificationLimit: 12 } });
    expect(config.resilience).toEqual({ retryAmplificationLimit: 12 });
    const generated = generateStack("staging", config, declarations());
    expect(generated.services.map((s) => s.declaration.name)).toEqual(["web", "orders"]);
    expect(Object.keys(generated.plan.files)).toContain("services/web/resilience.json");
  });

  test("set to 11, the path is refused naming the stack's limit", () => {
    const config = readStaging({ [`${K}resilience`]: { retryAmplificationLimit: 11 } });
    expect(() => generateStack("staging", config, declarations())).toThrow(new Error(refused(11)));
  });

  test("the limit reaches the committed example catalogue too: its retrying calls are refused at a limit of 1", () => {
    const config = readStaging({ [`${K}resilience`]: { retryAmplificationLimit: 1 } });
    expect(() => generateStack("staging", config)).toThrow(/^The resilience checks found \d+ problems?:\n.*above the limit of 1;/);
  });
});

describe("a bad resilience.retryAmplificationLimit is refused naming the file and the key", () => {
  const P = "Pulumi.staging.yaml: sevensa-observability:";
  test.each<[string, unknown, string]>([
    ["zero", { retryAmplificationLimit: 0 }, `${P}resilience.retryAmplificationLimit: 0 is below the minimum 1`],
    ["a fraction", { retryAmplificationLimit: 2.5 }, `${P}resilience.retryAmplificationLimit: 2.5 is not a whole number`],
    ["text", { retryAmplificationLimit: "12" }, `${P}resilience.retryAmplificationLimit: "12" is not a number`],
    ["a misspelt key", { retryLimit: 12 }, `${P}resilience.retryLimit: unknown key`],
    ["not a mapping", 12, `${P}resilience: 12 is not a mapping`],
  ])("%s", (_case, value, message) => {
    const raw = Object.fromEntries(
      Object.entries(stagingFile({ [`${K}resilience`]: value })).map(([k, v]) => [k, typeof v === "object" && v !== null ? JSON.stringify(v) : v]),
    );
    let error: unknown;
    try {
      parseStackConfig("staging", raw, { isSecretKey: () => false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StackConfigError);
    expect((error as Error).message).toBe(message);
  });
});
