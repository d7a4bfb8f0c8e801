import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The Debian package's amtool (0.25). A missing binary fails the test; it is never skipped. */
export const AMTOOL = "/usr/bin/amtool";

export interface ToolResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): ToolResult {
  if (!fs.existsSync(AMTOOL)) {
    throw new Error(`${AMTOOL} is missing: install the Debian package prometheus-alertmanager`);
  }
  const r = spawnSync(AMTOOL, args, { encoding: "utf8", timeout: 30_000 });
  if (r.error !== undefined) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes `yaml` to a fresh temporary file and returns its path. */
export function writeTemp(yaml: string, name = "alertmanager.yml"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "routing-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, yaml);
  return file;
}

/** `amtool check-config <file>`. */
export function checkConfig(file: string): ToolResult {
  return run(["check-config", file]);
}

/** `amtool config routes test --config.file=<file> k=v ...`: the receivers the label set routes to, as amtool prints them. */
export function routesTest(file: string, labels: Record<string, string>): string {
  const r = run(["config", "routes", "test", `--config.file=${file}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)]);
  if (r.status !== 0) throw new Error(`amtool config routes test failed (${r.status}): ${r.stderr}${r.stdout}`);
  return r.stdout.trim();
}
