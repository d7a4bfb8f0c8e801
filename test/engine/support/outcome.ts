import * as fs from "fs";
import * as path from "path";
import { printedViolations } from "./engine-output";
import { REPO, type PulumiRun } from "./sandbox";

/** The pack's name and version as the CLI prints them: `sevensa-observability@v0.1.0`. */
export function packLabel(): string {
  const { version } = JSON.parse(fs.readFileSync(path.join(REPO, "policies/package.json"), "utf8")) as { version: string };
  return `sevensa-observability@v${version}`;
}

/**
 * What a run came to, in a shape whose jest diff explains a failure: exit status, whether the
 * time bound killed it, every mandatory violation (`policy: message`) and every `error:` line.
 */
export function outcome(run: PulumiRun): { status: number | null; timedOut: boolean; mandatory: string[]; errors: string[] } {
  let mandatory: string[];
  try {
    mandatory = printedViolations(run.output)
      .filter((v) => v.level === "mandatory")
      .map((v) => `${v.policy}: ${v.message}`);
  } catch {
    mandatory = ["(no Policies block in the output)"];
  }
  const errors = run.output
    .split("\n")
    .filter((l) => /^\s*error: /.test(l))
    .map((l) => l.trim());
  // An error without its context (a program exception's message follows it) says little.
  if (errors.length > 0 && run.status !== 0) errors.push(`--- full output ---\n${run.output}`);
  return { status: run.status, timedOut: run.timedOut, mandatory, errors };
}
