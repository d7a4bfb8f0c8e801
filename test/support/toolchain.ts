import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPO = path.resolve(__dirname, "../..");

/** Tools scripts/toolchain.sh builds, with the toolchain/versions.env key of their version. */
const VERSION_KEYS = {
  pulumi: "PULUMI_VERSION",
  "pulumi-language-nodejs": "PULUMI_LANGUAGE_NODEJS_VERSION",
  "pulumi-resource-kubernetes": "PULUMI_KUBERNETES_VERSION",
  "otelcol-sevensa": "OTELCOL_VERSION",
  jaeger: "JAEGER_VERSION",
  promtool: "PROMTOOL_VERSION",
} as const;

export type ToolchainTool = keyof typeof VERSION_KEYS;

/** A value of toolchain/versions.env (the pins scripts/toolchain.sh builds). */
export function toolchainVersion(key: (typeof VERSION_KEYS)[ToolchainTool]): string {
  const text = fs.readFileSync(path.join(REPO, "toolchain/versions.env"), "utf8");
  const m = new RegExp(`^${key}=(\\S+)$`, "m").exec(text);
  if (m === null) throw new Error(`toolchain/versions.env has no ${key}`);
  return m[1];
}

/** The toolchain cache directory. */
export function toolchainCache(): string {
  return process.env.SEVENSA_TOOLCHAIN_CACHE ?? path.join(os.homedir(), ".cache/sevensa-toolchain");
}

/**
 * Absolute path of a binary scripts/toolchain.sh builds into the cache
 * (`<cache>/<tool>-<version>/bin/<tool>`). It need not exist: runTool fails the test with
 * TOOLCHAIN_HINT when it does not.
 */
export function toolchainBinary(tool: ToolchainTool): string {
  return path.join(toolchainCache(), `${tool}-${toolchainVersion(VERSION_KEYS[tool])}`, "bin", tool);
}

/** The directories of every toolchain binary, for a child process' PATH. */
export function toolchainPath(): string {
  return (Object.keys(VERSION_KEYS) as ToolchainTool[]).map((t) => path.dirname(toolchainBinary(t))).join(path.delimiter);
}

export const TOOLCHAIN_HINT = "build it with `bash scripts/toolchain.sh` (pinned in toolchain/versions.env; `npm test` and CI run it first)";
