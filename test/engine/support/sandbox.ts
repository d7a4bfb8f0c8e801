import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { TOOLCHAIN_HINT, toolchainBinary, toolchainPath } from "../../support/toolchain";

/** The repository root: the Pulumi project the engine runs. */
export const REPO = path.resolve(__dirname, "../../..");

/** The local stack's documented passphrase (scripts/start.sh, README); the only one the engine tests use. */
export const LOCAL_PASSPHRASE = "sevensa-local-stack";

/** The pinned CLI built by scripts/toolchain.sh. */
export const PULUMI = toolchainBinary("pulumi");

/**
 * One engine run's private world, all under one temporary directory:
 * - `state/`: the file backend (PULUMI_BACKEND_URL=file://…);
 * - `home/`: PULUMI_HOME (no plugins in it: the provider comes from the toolchain on PATH);
 * - `project/`: a copy of Pulumi.yaml beside the stack's config file. `pulumi stack init` and
 *   `pulumi config set` run here, so they never write a salt or a value into the repository's
 *   Pulumi.<stack>.yaml; the program itself runs from the repository with `--config-file`
 *   pointing at this copy;
 * - `render/`: the stack's kubernetes.renderDir, so the repository's rendered/ is never touched.
 */
export interface Sandbox {
  root: string;
  project: string;
  render: string;
  env: NodeJS.ProcessEnv;
}

/** Creates a sandbox; `remove` it in afterAll. */
export function createSandbox(prefix: string): Sandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `engine-${prefix}-`));
  const dirs = { state: path.join(root, "state"), home: path.join(root, "home"), project: path.join(root, "project"), render: path.join(root, "render") };
  for (const d of [dirs.state, dirs.home, dirs.project]) fs.mkdirSync(d);
  fs.copyFileSync(path.join(REPO, "Pulumi.yaml"), path.join(dirs.project, "Pulumi.yaml"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${toolchainPath()}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_BACKEND_URL: `file://${dirs.state}`,
    PULUMI_HOME: dirs.home,
    PULUMI_CONFIG_PASSPHRASE: LOCAL_PASSPHRASE,
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    PULUMI_CONFIG_PASSPHRASE_FILE: undefined,
    PULUMI_ACCESS_TOKEN: undefined,
    PULUMI_STACK: undefined,
  };
  return { root, project: dirs.project, render: dirs.render, env };
}

/** Deletes the sandbox (state, home, rendered files). */
export function removeSandbox(sandbox: Sandbox | undefined): void {
  if (sandbox !== undefined) fs.rmSync(sandbox.root, { recursive: true, force: true });
}

/** A stack file's document: `config` plus whatever else it carries (`encryptionsalt`). */
export interface StackDocument {
  config: Record<string, unknown>;
  [key: string]: unknown;
}

/** Reads the repository's Pulumi.<stack>.yaml. */
export function repoStackDocument(stack: string): StackDocument {
  return parse(fs.readFileSync(path.join(REPO, `Pulumi.${stack}.yaml`), "utf8")) as StackDocument;
}

const KUBERNETES_KEY = "sevensa-observability:kubernetes";

/**
 * Writes `doc` as the sandbox's Pulumi.<stack>.yaml, with the Kubernetes provider rendering into
 * the sandbox's render/ directory, and returns the file's path (for `--config-file`).
 */
export function writeStackFile(sandbox: Sandbox, stack: string, doc: StackDocument): string {
  const out: StackDocument = { ...doc, config: { ...doc.config, [KUBERNETES_KEY]: { mode: "render", renderDir: sandbox.render } } };
  const file = path.join(sandbox.project, `Pulumi.${stack}.yaml`);
  fs.writeFileSync(file, stringify(out));
  return file;
}

/** Result of one CLI run: exit status (null when killed), combined stdout+stderr, whether the time bound killed it. */
export interface PulumiRun {
  status: number | null;
  /** stdout and stderr as they arrived, for failure messages and log checks. */
  output: string;
  /** stdout alone, for output that is parsed (`stack export`). */
  stdout: string;
  timedOut: boolean;
}

/**
 * Runs the pinned `pulumi` in the sandbox's environment, bounded by `timeoutMs`: on expiry the
 * whole process group (CLI, language host, policy pack, provider) is killed. A missing binary
 * fails the calling test with the build hint; it is never skipped.
 *
 * @param cwd the repository (program runs) or the sandbox's project dir (stack init, config)
 */
export function runPulumi(sandbox: Sandbox, args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<PulumiRun> {
  if (!fs.existsSync(PULUMI)) throw new Error(`${PULUMI} is missing: ${TOOLCHAIN_HINT}`);
  const timeoutMs = opts.timeoutMs ?? 300_000;
  return new Promise((resolve, reject) => {
    const child = spawn(PULUMI, [...args, "--non-interactive", "--color", "never"], {
      cwd: opts.cwd ?? REPO,
      env: sandbox.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let stdout = "";
    let timedOut = false;
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString("utf8");
      stdout += d.toString("utf8");
    });
    child.stderr.on("data", (d: Buffer) => (output += d.toString("utf8")));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      // Plugins the CLI started and left behind (there should be none) go with the group.
      killGroup(child.pid);
      resolve({ status, output, stdout, timedOut });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // the group has already exited
  }
}

/** Throws with the CLI's output when a set-up step (stack init, config set) fails. */
export function mustSucceed(step: string, run: PulumiRun): PulumiRun {
  if (run.status !== 0) throw new Error(`${step} failed (exit ${String(run.status)}${run.timedOut ? ", timed out" : ""}):\n${run.output}`);
  return run;
}

/**
 * Creates `stack` in the sandbox's backend from the sandbox's project dir (the passphrase
 * provider reuses the stack file's encryptionsalt when it has one, and otherwise writes a new one
 * into the sandbox's copy), then sets `secrets` (`--path` keys) as secret config there.
 */
export async function initStack(sandbox: Sandbox, stack: string, secrets: Record<string, string> = {}): Promise<void> {
  mustSucceed(`pulumi stack init ${stack}`, await runPulumi(sandbox, ["stack", "init", stack, "--no-select"], { cwd: sandbox.project, timeoutMs: 60_000 }));
  const pairs = Object.entries(secrets).flatMap(([k, v]) => ["--secret", `${k}=${v}`]);
  if (pairs.length === 0) return;
  mustSucceed(
    `pulumi config set-all --stack ${stack}`,
    await runPulumi(sandbox, ["config", "set-all", "--path", "--stack", stack, ...pairs], { cwd: sandbox.project, timeoutMs: 60_000 }),
  );
}
