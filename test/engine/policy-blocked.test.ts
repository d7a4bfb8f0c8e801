import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { parseStackConfig } from "../../stacks/config/load";
import { PROJECT } from "../../stacks/config/schema";
import { generateStack } from "../../stacks/generate";
import { policiesBlock, printedViolations } from "./support/engine-output";
import { ENGINE_FIXTURES, fixtureStackDocument } from "./support/fixture-stack";
import { outcome, packLabel } from "./support/outcome";
import { createSandbox, initStack, removeSandbox, runPulumi, writeStackFile, type PulumiRun, type Sandbox, type StackDocument } from "./support/sandbox";

/**
 * A stack that violates a mandatory policy is blocked by the real engine. The fixture stack is
 * production with one field changed (Prometheus at one replica, test/fixtures/engine/
 * production-single-prometheus.yaml), rendered into the sandbox, previewed with the production
 * pack config. Its control, the same stack with production's own Prometheus, passes: the block
 * comes from that one field. Own sandbox (backend, PULUMI_HOME, render dir); the fixture's
 * secrets (receiver secrets, Grafana's admin password, as production requires) are fake values
 * set with `pulumi config set-all --secret` in the sandbox's copy of the stack file.
 */
const STACK = "production-single-prometheus";
const FIXTURE = path.join(ENGINE_FIXTURES, `${STACK}.yaml`);
const PROMETHEUS_KEY = `${PROJECT}:prometheus`;

let sandbox: Sandbox | undefined;
let blocked: PulumiRun;
let control: PulumiRun;

/** Fake values for every secret the program requires of a production-like stack. */
function fakeSecrets(doc: StackDocument): Record<string, string> {
  const names = generateStack(STACK, parseStackConfig(STACK, doc.config)).receiverSecretNames;
  return {
    [`${PROJECT}:grafanaAdminPassword`]: "engine-test-only",
    ...Object.fromEntries(names.map((n) => [`${PROJECT}:receiverSecrets.${n}`, `engine-test-only-${n}`])),
  };
}

beforeAll(async () => {
  sandbox = createSandbox("blocked");
  const { base, document } = fixtureStackDocument(FIXTURE);
  const configFile = writeStackFile(sandbox, STACK, document);
  await initStack(sandbox, STACK, fakeSecrets(document));
  // The control: the stack file as the engine left it (salt, encrypted secrets), production's Prometheus.
  const withSecrets = parse(fs.readFileSync(configFile, "utf8")) as StackDocument;
  const controlFile = path.join(sandbox.root, "control.yaml");
  fs.writeFileSync(controlFile, stringify({ ...withSecrets, config: { ...withSecrets.config, [PROMETHEUS_KEY]: base.config[PROMETHEUS_KEY] } }));
  const args = (file: string) => ["preview", "--stack", STACK, "--config-file", file, "--policy-pack", "policies", "--policy-pack-config", "policies/config/production.json", "--suppress-progress"];
  blocked = await runPulumi(sandbox, args(configFile), { timeoutMs: 300_000 });
  control = await runPulumi(sandbox, args(controlFile), { timeoutMs: 300_000 });
}, 900_000);

afterAll(() => removeSandbox(sandbox));

describe("a production-like stack with a single Prometheus replica, previewed with the production pack config", () => {
  test("is blocked: non-zero exit, the pack failing with exactly the k8s-replica-minimum violation", () => {
    expect({ status: blocked.status, timedOut: blocked.timedOut }).toEqual({ status: 1, timedOut: false });
    expect(printedViolations(blocked.output)).toEqual([
      {
        level: "mandatory",
        severity: "high",
        policy: "k8s-replica-minimum",
        resource: "kubernetes:apps/v1:StatefulSet: sevensa-prometheus",
        description: "HA sets (Alertmanager, Prometheus, collector gateway) run at least the stack's minimum replicas.",
        message: 'StatefulSet "sevensa-prometheus" (app.kubernetes.io/name=prometheus) runs 1 replica; this stack requires at least 2: raise replicas in the stack config',
      },
    ]);
    expect(policiesBlock(blocked.output).split("\n")[1]).toBe(`    ❌ ${packLabel()} (local: policies)`);
    expect(blocked.output).toContain("error: preview failed");
    // Blocked by the policy, not by the program: no exception, nothing refused before the pack ran.
    expect(blocked.output).not.toContain("unhandled exception");
  });

  test("its control (production's own two Prometheus replicas) passes the same pack", () => {
    expect(outcome(control)).toEqual({ status: 0, timedOut: false, mandatory: [], errors: [] });
    expect(policiesBlock(control.output).split("\n")[1]).toBe(`    ✅ ${packLabel()} (local: policies)`);
  });
});
