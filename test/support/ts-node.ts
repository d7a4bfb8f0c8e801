/**
 * Runs a TypeScript script of the repository with ts-node (transpile only), the way
 * scripts/start.sh does but without npx: npm's update notifier may print a notice on stderr
 * once a week, which would break tests that assert an empty stderr.
 */
import { spawnSync, type SpawnSyncReturns } from "child_process";
import * as path from "path";

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, "../..");

/** `ts-node --transpile-only <script> <args>` in the repository root; two minutes at most. */
export function runTsNode(script: string, args: string[]): SpawnSyncReturns<string> {
  const bin = require.resolve("ts-node/dist/bin.js", { paths: [REPO_ROOT] });
  return spawnSync(process.execPath, [bin, "--transpile-only", script, ...args], { cwd: REPO_ROOT, encoding: "utf8", timeout: 120_000 });
}
