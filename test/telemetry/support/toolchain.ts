import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPO = path.resolve(__dirname, "../../..");

/** A value of toolchain/versions.env (the pins scripts/toolchain.sh builds). */
export function toolchainVersion(key: "OTELCOL_VERSION" | "JAEGER_VERSION"): string {
  const text = fs.readFileSync(path.join(REPO, "toolchain/versions.env"), "utf8");
  const m = new RegExp(`^${key}=(\\S+)$`, "m").exec(text);
  if (m === null) throw new Error(`toolchain/versions.env has no ${key}`);
  return m[1];
}

/**
 * Absolute path of a binary scripts/toolchain.sh builds into the toolchain cache
 * (`${SEVENSA_TOOLCHAIN_CACHE:-~/.cache/sevensa-toolchain}/<tool>-<version>/bin/<tool>`).
 * It need not exist: runTool fails the test with TOOLCHAIN_HINT when it does not.
 */
export function toolchainBinary(tool: "otelcol-sevensa" | "jaeger"): string {
  const cache = process.env.SEVENSA_TOOLCHAIN_CACHE ?? path.join(os.homedir(), ".cache/sevensa-toolchain");
  const version = toolchainVersion(tool === "jaeger" ? "JAEGER_VERSION" : "OTELCOL_VERSION");
  return path.join(cache, `${tool}-${version}`, "bin", tool);
}

export const TOOLCHAIN_HINT = "build it with `bash scripts/toolchain.sh` (pinned in toolchain/versions.env; CI runs it before the tests)";
