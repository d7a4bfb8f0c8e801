import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { runTool } from "../support/tools";

const ROOT = path.resolve(__dirname, "../..");
const WORKFLOW = path.join(ROOT, ".github/workflows/preview.yml");
const BUILD_SCRIPT = "scripts/build-actionlint.sh";

/** The actionlint binary scripts/build-actionlint.sh builds (its version read from the script). */
function actionlintPath(): string {
  const script = fs.readFileSync(path.join(ROOT, BUILD_SCRIPT), "utf8");
  const version = /^ACTIONLINT_VERSION=(\S+)$/m.exec(script)?.[1];
  if (version === undefined) throw new Error(`${BUILD_SCRIPT} has no ACTIONLINT_VERSION= line`);
  const cache = process.env.SEVENSA_TOOLCHAIN_CACHE ?? path.join(os.homedir(), ".cache/sevensa-toolchain");
  return path.join(cache, `actionlint-${version}`, "bin", "actionlint");
}

/** actionlint without the optional shellcheck/pyflakes integrations, so the result does not depend on what else is installed. */
function actionlint(file: string) {
  return runTool(actionlintPath(), ["-no-color", "-oneline", "-shellcheck=", "-pyflakes=", file], `run ${BUILD_SCRIPT} (builds actionlint from its Go module)`, { cwd: ROOT });
}

describe(".github/workflows/preview.yml", () => {
  test("passes actionlint", () => {
    expect(actionlint(WORKFLOW)).toEqual({ status: 0, output: "" });
  });

  test("actionlint rejects a misspelt input of the Pulumi action (the check can fail)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workflow-"));
    try {
      const broken = path.join(dir, "preview.yml");
      const text = fs.readFileSync(WORKFLOW, "utf8");
      fs.writeFileSync(broken, text.replace("policyPackConfigs: policies/config/staging.json", "policyPackConfig: policies/config/staging.json"));
      const line = text.split("\n").findIndex((l) => l.includes("policyPackConfigs: policies/config/staging.json")) + 1;
      const run = actionlint(broken);
      expect(run.status).toBe(1);
      expect(run.output).toContain(`preview.yml:${line}:11: input "policyPackConfig" is not defined in action "pulumi/actions@v6".`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const workflow = parse(fs.readFileSync(WORKFLOW, "utf8"));
  const pulumiStep = (job: string) => workflow.jobs[job].steps.find((s: { uses?: string }) => s.uses === "pulumi/actions@v6");

  test("previews every stack on pull requests with the pack at that stack's levels and comments on the pull request", () => {
    const stacks = fs.readdirSync(ROOT).filter((f) => /^Pulumi\.[a-z]+\.yaml$/.test(f)).map((f) => f.split(".")[1]).sort();
    const job = workflow.jobs.preview;
    expect(job.if).toBe("github.event_name == 'pull_request'");
    expect([...job.strategy.matrix.stack].sort()).toEqual(stacks);
    for (const stack of stacks) expect(fs.existsSync(path.join(ROOT, "policies/config", `${stack}.json`))).toBe(true);
    expect(job.permissions["pull-requests"]).toBe("write");
    expect(pulumiStep("preview").with).toMatchObject({
      command: "preview",
      "stack-name": "${{ matrix.stack }}",
      policyPacks: "policies",
      policyPackConfigs: "policies/config/${{ matrix.stack }}.json",
      "comment-on-pr": true,
    });
  });

  test("runs pulumi up on staging, with the pack, only for pushes to main", () => {
    expect(workflow.on.push.branches).toEqual(["main"]);
    const job = workflow.jobs["deploy-staging"];
    expect(job.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(pulumiStep("deploy-staging").with).toMatchObject({
      command: "up",
      "stack-name": "staging",
      policyPacks: "policies",
      policyPackConfigs: "policies/config/staging.json",
    });
  });

  test("pins the Pulumi CLI to the SDK version of package.json", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    expect(workflow.env.PULUMI_VERSION).toBe(pkg.dependencies["@pulumi/pulumi"]);
  });
});
