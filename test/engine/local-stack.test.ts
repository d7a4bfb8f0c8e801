import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { createdCount, policiesBlock } from "./support/engine-output";
import { k8sValidate } from "./support/k8s-validate";
import { describeResult, manifestFiles, validateManifests, type ManifestResult } from "./support/manifests";
import { outcome, packLabel } from "./support/outcome";
import { createSandbox, initStack, mustSucceed, removeSandbox, repoStackDocument, runPulumi, writeStackFile, type PulumiRun, type Sandbox } from "./support/sandbox";
import { k8sValidateVersion } from "../support/toolchain";

/**
 * The real engine on the local stack, as `npm start` runs it: the Go-built Pulumi CLI, language
 * host and Kubernetes provider, the policy pack with policies/config/local.json, a file backend,
 * the documented passphrase, no plugin downloads. One sandbox (own backend, PULUMI_HOME and
 * render directory, see support/sandbox.ts) holds one `preview` and one `up`, shared by the
 * tests below; the rendered manifests are then checked against the Kubernetes API of the pinned
 * version by k8s-validate (strict decoding into the k8s.io/api types: unknown, duplicate and
 * mistyped fields, unknown apiVersion/kind; toolchain/k8s-validate) and against the OpenAPI
 * schemas of kubernetes-models (required fields and types, which strict decoding does not check).
 *
 * Nothing is written to the repository: the stack is created from a copy of Pulumi.local.yaml in
 * the sandbox (so no salt or secret lands in the repository's stack file) and that copy, passed
 * with `--config-file`, sets kubernetes.renderDir to the sandbox: `npm start`'s rendered/local is
 * never clobbered while a test runs.
 */
const STACK = "local";

interface StateResource {
  type: string;
  urn: string;
  outputs?: { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } };
}

let sandbox: Sandbox | undefined;
let preview: PulumiRun;
let up: PulumiRun;
let resources: StateResource[] = [];
let files: string[] = [];
let schemaResults: ManifestResult[] = [];

beforeAll(async () => {
  sandbox = createSandbox("local");
  const configFile = writeStackFile(sandbox, STACK, repoStackDocument(STACK));
  await initStack(sandbox, STACK);
  const common = ["--stack", STACK, "--config-file", configFile, "--policy-pack", "policies", "--policy-pack-config", `policies/config/${STACK}.json`, "--suppress-progress"];
  preview = await runPulumi(sandbox, ["preview", ...common], { timeoutMs: 300_000 });
  up = await runPulumi(sandbox, ["up", "--yes", "--skip-preview", ...common], { timeoutMs: 300_000 });
  const exported = mustSucceed("pulumi stack export", await runPulumi(sandbox, ["stack", "export", "--stack", STACK], { cwd: sandbox.project, timeoutMs: 60_000 }));
  resources = (JSON.parse(exported.stdout) as { deployment: { resources?: StateResource[] } }).deployment.resources ?? [];
  files = fs.existsSync(sandbox.render) ? manifestFiles(sandbox.render) : [];
  schemaResults = files.length > 0 ? validateManifests(files) : [];
}, 900_000);

afterAll(() => removeSandbox(sandbox));

/** Kubernetes objects in the state (the provider is `pulumi:providers:kubernetes`, not one of them). */
function kubernetesObjects(): StateResource[] {
  return resources.filter((r) => r.type.startsWith("kubernetes:"));
}

describe("pulumi preview and pulumi up of the local stack under the policy pack", () => {
  test("preview exits 0 with no mandatory violation and the pack passing", () => {
    expect(outcome(preview)).toEqual({ status: 0, timedOut: false, mandatory: [], errors: [] });
    expect(policiesBlock(preview.output).split("\n").slice(0, 2)).toEqual(["Policies:", `    ✅ ${packLabel()} (local: policies)`]);
  });

  test("up exits 0 with no mandatory violation and the pack passing", () => {
    expect(outcome(up)).toEqual({ status: 0, timedOut: false, mandatory: [], errors: [] });
    expect(policiesBlock(up.output).split("\n").slice(0, 2)).toEqual(["Policies:", `    ✅ ${packLabel()} (local: policies)`]);
  });

  test("up creates exactly what preview planned, and the state holds exactly those resources", () => {
    const planned = createdCount(preview.output, "to create");
    expect(createdCount(up.output, "created")).toBe(planned);
    expect(resources).toHaveLength(planned);
    const counts = (type: string) => resources.filter((r) => r.type === type).length;
    expect({
      stack: counts("pulumi:pulumi:Stack"),
      provider: counts("pulumi:providers:kubernetes"),
      platform: counts("sevensa:platform:ObservabilityPlatform"),
      prometheus: counts("sevensa:metrics:Prometheus"),
      alertmanager: counts("sevensa:alerting:Alertmanager"),
    }).toEqual({ stack: 1, provider: 1, platform: 1, prometheus: 1, alertmanager: 1 });
    // Every other resource is a Kubernetes object or one of our components.
    const other = resources.filter((r) => !r.type.startsWith("kubernetes:") && !r.type.startsWith("sevensa:") && !r.type.startsWith("pulumi:"));
    expect(other.map((r) => r.type)).toEqual([]);
  });

  test("up renders one manifest per Kubernetes object of the state, into the sandbox only", () => {
    const objects = kubernetesObjects();
    expect(objects.length).toBeGreaterThan(0);
    const stateKeys = objects.map((r) => `${r.outputs?.apiVersion} ${r.outputs?.kind} ${r.outputs?.metadata?.namespace ?? ""}/${r.outputs?.metadata?.name}`).sort();
    const renderedKeys = files
      .flatMap((f) => parseAllDocuments(fs.readFileSync(f, "utf8")).map((d) => d.toJS() as { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }))
      .map((m) => `${m.apiVersion} ${m.kind} ${m.metadata.namespace ?? ""}/${m.metadata.name}`)
      .sort();
    expect(renderedKeys).toEqual(stateKeys);
    // Where the provider says it wrote files, it wrote them under the sandbox's render directory.
    const written = [...up.output.matchAll(/rendered file (\S+) contains/g)].map((m) => m[1]);
    expect(written.filter((f) => !f.startsWith(sandbox!.render + path.sep))).toEqual([]);
  });
});

describe(`every manifest the local stack renders decodes strictly into the Kubernetes ${k8sValidateVersion()} API types (k8s-validate)`, () => {
  test("k8s-validate passes every rendered document, one per Kubernetes object of the state; Chaos Mesh kinds (test/chaos) are the only ones it may skip", () => {
    const objects = kubernetesObjects();
    const chaos = objects.filter((r) => (r.outputs?.apiVersion ?? "").startsWith("chaos-mesh.org/")).length;
    expect(files.length).toBe(objects.length);
    const r = k8sValidate(["--skip-group", "chaos-mesh.org", ...files]);
    const skipLines = r.lines.filter((l) => l.includes(": skipped: custom resource of group chaos-mesh.org "));
    expect(skipLines).toHaveLength(chaos);
    const rest = r.lines.filter((l) => !skipLines.includes(l));
    expect(rest).toEqual([...(chaos > 0 ? [`${chaos} skipped`] : []), `${objects.length - chaos} passed, 0 failed`]);
    expect(r.status).toBe(0);
  });
});

describe("every manifest the local stack renders validates against the Kubernetes OpenAPI schemas (kubernetes-models)", () => {
  test("one valid document per rendered file; no kind without a schema (Chaos Mesh kinds: test/chaos)", () => {
    expect(files.length).toBe(kubernetesObjects().length);
    expect(schemaResults).toHaveLength(files.length);
    const notValid = schemaResults.filter((r) => r.status !== "valid" && r.status !== "chaos-mesh");
    expect(notValid.map(describeResult)).toEqual([]);
  });
});
