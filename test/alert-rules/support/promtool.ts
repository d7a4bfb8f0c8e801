/**
 * Runs the real promtool on files written to a fresh temporary directory. A missing
 * promtool makes the calling test fail, never skip.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { TOOLCHAIN_HINT, toolchainBinary } from "../../support/toolchain";

/**
 * The promtools the tests use: Debian's 2.42 and the one at the deployed Prometheus version
 * (3.5, built by scripts/toolchain.sh), which is the one that evaluates the rules in a cluster.
 */
export const PROMTOOLS = {
  debian: { path: "/usr/bin/promtool", hint: 'install the Debian package "prometheus" (promtool 2.42)' },
  deployed: { path: toolchainBinary("promtool"), hint: TOOLCHAIN_HINT },
} as const;

export type PromtoolName = keyof typeof PROMTOOLS;

/** Result of one promtool run. */
export interface PromtoolRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds the run took. */
  ms: number;
  /** The temporary directory holding the files (removed unless `keep`). */
  dir: string;
}

/** Writes `files` (name → content) into a new temp dir and runs `promtool <args>` there. */
export async function runPromtool(
  args: string[],
  files: Record<string, string>,
  which: PromtoolName = "deployed",
  timeoutMs: number = 300_000,
): Promise<PromtoolRun> {
  const PROMTOOL = PROMTOOLS[which].path;
  if (!fs.existsSync(PROMTOOL)) {
    throw new Error(`${PROMTOOL} not found: ${PROMTOOLS[which].hint}`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slo-promtool-"));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  const started = Date.now();
  try {
    return await new Promise<PromtoolRun>((resolve, reject) => {
      const child = spawn(PROMTOOL, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`promtool ${args.join(" ")} did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      child.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - started, dir });
      });
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
