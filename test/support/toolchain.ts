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

/** toolchain/k8s-validate/versions.env: the Kubernetes version k8s-validate is built against. */
export function k8sValidateVersion(): string {
  const file = path.join(REPO, "toolchain/k8s-validate/versions.env");
  const m = /^KUBERNETES_VERSION=(\S+)$/m.exec(fs.readFileSync(file, "utf8"));
  if (m === null) throw new Error(`${file} has no KUBERNETES_VERSION`);
  return m[1];
}

/**
 * Absolute path of the k8s-validate binary scripts/build-k8s-validate.sh builds into the cache
 * (`<cache>/k8s-validate-<Kubernetes version>/bin/k8s-validate`). It need not exist: runTool
 * fails the test with K8S_VALIDATE_HINT when it does not.
 */
export function k8sValidateBinary(): string {
  return path.join(toolchainCache(), `k8s-validate-${k8sValidateVersion()}`, "bin", "k8s-validate");
}

export const K8S_VALIDATE_HINT = "build it with `bash scripts/build-k8s-validate.sh` (Kubernetes version pinned in toolchain/k8s-validate/versions.env)";
