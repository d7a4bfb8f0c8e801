import { spawnSync } from "child_process";
import * as fs from "fs";

/** Result of one upstream tool run. */
export interface ToolRun {
  status: number | null;
  output: string;
}

/**
 * Runs an upstream binary (promtool, amtool, otelcol, pulumi …) with a time bound. A missing
 * binary fails the calling test with the install hint: it is never skipped.
 */
export function runTool(bin: string, args: string[], installHint: string, opts: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): ToolRun {
  const resolved = bin.includes("/") ? bin : `/usr/bin/${bin}`;
  if (!fs.existsSync(resolved)) throw new Error(`${resolved} is missing: ${installHint}`);
  const r = spawnSync(resolved, args, { encoding: "utf8", cwd: opts.cwd, timeout: opts.timeoutMs ?? 60_000, env: opts.env ?? process.env });
  if (r.error !== undefined) throw r.error;
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

export const PROMTOOL_HINT = "install the Debian package prometheus (.ci/run does)";
export const AMTOOL_HINT = "install the Debian package prometheus-alertmanager (.ci/run does)";
