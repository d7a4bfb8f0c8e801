/**
 * `npm run artifacts -- --stack <name> --out <dir>`: writes every generated configuration of a
 * stack as plain files, for review and for linting with upstream tools.
 */
import * as path from "path";
import { writeArtifacts } from "../stacks/artifacts";

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

function run(args: string[]): number {
  const stack = argValue(args, "--stack");
  const out = argValue(args, "--out");
  if (stack === undefined || out === undefined) {
    process.stderr.write("usage: npm run artifacts -- --stack <local|staging|production> --out <dir>\n");
    return 2;
  }
  try {
    const { written } = writeArtifacts(stack, path.resolve(out));
    process.stdout.write(`${written.length} files written to ${out} for stack ${stack}:\n${written.map((w) => `  ${w}`).join("\n")}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
}

process.exitCode = run(process.argv.slice(2));
