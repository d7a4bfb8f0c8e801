import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** The validator script (ES module: kubernetes-models ships ES modules only). */
const VALIDATOR = path.join(__dirname, "validate-manifests.mjs");

/** How one YAML document fared against the Kubernetes OpenAPI schemas of kubernetes-models. */
export interface ManifestResult {
  file: string;
  /** Position of the document in its file. */
  index: number;
  apiVersion: string | null;
  kind: string | null;
  name: string | null;
  /**
   * `valid`; `invalid` (see `errors`); `no-model`: kubernetes-models has no schema for the kind
   * (a CustomResource), so nothing checked it; `chaos-mesh`: checked by the Chaos Mesh API
   * validator instead (test/chaos).
   */
  status: "valid" | "invalid" | "no-model" | "chaos-mesh";
  /** `<instance path> <message>` per schema error. */
  errors: string[];
}

/** Every *.yaml file under `dir`, sorted (the provider renders into 0-crd/ and 1-manifest/). */
export function manifestFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile() && e.name.endsWith(".yaml"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Validates `files` in a child node process bounded by `timeoutMs`; one result per YAML document. */
export function validateManifests(files: string[], timeoutMs = 120_000): ManifestResult[] {
  const r = spawnSync(process.execPath, [VALIDATOR, ...files], { encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (r.error !== undefined) throw r.error;
  if (r.status !== 0) throw new Error(`validate-manifests.mjs exited ${String(r.status)} (signal ${String(r.signal)}):\n${r.stderr}`);
  return JSON.parse(r.stdout) as ManifestResult[];
}

/** A result as one line for failure messages: `kind/name (file): errors`. */
export function describeResult(r: ManifestResult): string {
  const errors = r.errors.length > 0 ? `: ${r.errors.join("; ")}` : "";
  return `${r.apiVersion ?? "?"} ${r.kind ?? "?"}/${r.name ?? "?"} (${path.basename(r.file)}#${r.index}) ${r.status}${errors}`;
}
