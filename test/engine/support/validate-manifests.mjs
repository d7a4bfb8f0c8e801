// Validates Kubernetes manifests against the OpenAPI schemas the `kubernetes-models` npm package
// carries (one compiled validator per kind). Run as a child process by
// test/engine/support/manifests.ts: kubernetes-models ships ES modules only, which Jest's
// CommonJS runtime cannot import. It checks required fields and value types but lets unknown
// fields through (a Deployment with `securityContxt` is "valid") and names no Kubernetes version:
// the engine test also runs k8s-validate (toolchain/k8s-validate, strict decoding into the
// k8s.io/api types of the version in toolchain/k8s-validate/versions.env), which refuses them.
//
// Usage: node validate-manifests.mjs <manifest.yaml>...
// Prints a JSON array on stdout, one entry per YAML document:
//   { file, index, apiVersion, kind, name, status, errors }
// status: "valid" | "invalid" (errors: "<instance path> <message>") | "no-model" (a kind the
// package has no model for, e.g. a CustomResource: reported, never passed) | "chaos-mesh"
// (Chaos Mesh kinds: validated by the Go validator built from the Chaos Mesh API, test/chaos).
import { readFileSync } from "node:fs";
import { isScalar, parseAllDocuments } from "yaml";

const CHAOS_MESH_GROUP = "chaos-mesh.org";
const API_VERSION = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?v[0-9]+((alpha|beta)[0-9]+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

/** The model class of apiVersion/kind, or undefined when kubernetes-models has none. */
async function modelOf(apiVersion, kind) {
  const specifier = `kubernetes-models/${apiVersion}/${kind}`;
  let mod;
  try {
    mod = await import(specifier);
  } catch (e) {
    if (e?.code === "ERR_PACKAGE_PATH_NOT_EXPORTED") return undefined;
    if (e?.code === "ERR_MODULE_NOT_FOUND" && String(e.message).includes(`/${apiVersion}/${kind}.js`)) return undefined;
    throw e;
  }
  const model = mod[kind];
  if (model === undefined || model.apiVersion !== apiVersion || model.kind !== kind) return undefined;
  return model;
}

function describeErrors(error) {
  const errors = Array.isArray(error?.errors) ? error.errors : [];
  if (errors.length === 0) return [String(error?.message ?? error)];
  return errors.map((e) => `${e.instancePath === "" ? "/" : e.instancePath} ${e.message}`);
}

async function check(file, index, doc) {
  const base = { file, index, apiVersion: null, kind: null, name: null };
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    return { ...base, status: "invalid", errors: ["/ the document is not a mapping"] };
  }
  const { apiVersion, kind } = doc;
  const entry = { ...base, apiVersion: apiVersion ?? null, kind: kind ?? null, name: doc.metadata?.name ?? null };
  if (typeof apiVersion !== "string" || !API_VERSION.test(apiVersion)) {
    return { ...entry, status: "invalid", errors: [`/apiVersion is not an API version: ${JSON.stringify(apiVersion)}`] };
  }
  if (typeof kind !== "string" || !KIND.test(kind)) {
    return { ...entry, status: "invalid", errors: [`/kind is not a kind: ${JSON.stringify(kind)}`] };
  }
  if (apiVersion.split("/")[0] === CHAOS_MESH_GROUP) return { ...entry, status: "chaos-mesh", errors: [] };
  const Model = await modelOf(apiVersion, kind);
  if (Model === undefined) return { ...entry, status: "no-model", errors: [] };
  try {
    new Model(doc).validate();
    return { ...entry, status: "valid", errors: [] };
  } catch (e) {
    return { ...entry, status: "invalid", errors: describeErrors(e) };
  }
}

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write("usage: node validate-manifests.mjs <manifest.yaml>...\n");
  process.exit(2);
}
const results = [];
for (const file of files) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  for (const [index, d] of docs.entries()) {
    if (d.errors.length > 0) {
      results.push({ file, index, apiVersion: null, kind: null, name: null, status: "invalid", errors: d.errors.map((e) => `/ YAML: ${e.message}`) });
      continue;
    }
    // An empty document (nothing after a `---`) is no manifest; an explicit `null` is checked.
    if (isScalar(d.contents) && d.contents.range !== undefined && d.contents.range[0] === d.contents.range[1]) continue;
    results.push(await check(file, index, d.toJS()));
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
