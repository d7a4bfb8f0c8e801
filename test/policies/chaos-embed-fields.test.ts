/**
 * The field a Schedule or Workflow template embeds each Chaos Mesh kind under, as the chaos
 * policies read it (policies/lib/chaos.ts), checked against the pinned Chaos Mesh API itself:
 * chaos-validate (chaos/validate-go) decodes strictly into the API's Go types, so a field the API
 * does not have is an "unknown field" error. Fails when the validator is not built.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { stringify } from "yaml";
import { CHAOS_KINDS } from "../../chaos/faults";
import { EMBED_FIELDS, EXPERIMENT_KINDS } from "../../policies/lib/chaos";
import { chaosValidateBinary } from "../chaos/support";

/** A Workflow whose one chaos template embeds an empty spec of `kind` under `field`. */
function workflowEmbedding(kind: string, field: string): string {
  return stringify({
    apiVersion: "chaos-mesh.org/v1alpha1",
    kind: "Workflow",
    metadata: { name: `embed-${kind.toLowerCase()}`, namespace: "shop" },
    spec: {
      entry: "entry",
      templates: [
        { name: "entry", templateType: "Serial", children: ["fault"] },
        { name: "fault", templateType: kind, deadline: "1m", [field]: {} },
      ],
    },
  });
}

/** chaos-validate's line for each document, in order. */
function validate(docs: string[]): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chaos-embed-"));
  try {
    const file = path.join(dir, "embed.yaml");
    fs.writeFileSync(file, docs.join("---\n"));
    const r = spawnSync(chaosValidateBinary(), [file], { encoding: "utf8", timeout: 60_000 });
    if (r.error !== undefined) throw r.error;
    return r.stdout.split("\n").filter((l) => /^(ok|error) /.test(l)).map((l) => l.replace(`${file}#`, "#"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

describe("embedded chaos fields the policies read", () => {
  const kinds = Object.keys(EMBED_FIELDS).sort();

  test("cover every experiment kind and agree with the fields the chaos builders write", () => {
    expect([...EXPERIMENT_KINDS].sort()).toEqual(kinds);
    for (const [kind, field] of Object.entries(CHAOS_KINDS)) expect({ kind, field: EMBED_FIELDS[kind] }).toEqual({ kind, field });
  });

  test("are fields of the pinned Chaos Mesh API: strict decoding accepts each one", () => {
    const lines = validate(kinds.map((k) => workflowEmbedding(k, EMBED_FIELDS[k])));
    expect(lines).toHaveLength(kinds.length);
    // An empty spec may fail the kind's own validation (no action, no port); it must never be an unknown field.
    expect(lines.filter((l) => l.includes("strict decoding"))).toEqual([]);
  });

  test("the kind with a lower-case first letter is not always the field (the mistake the policies once made)", () => {
    const wrong = ["DNSChaos", "HTTPChaos", "PhysicalMachineChaos"];
    expect(validate(wrong.map((k) => workflowEmbedding(k, lowerFirst(k))))).toEqual([
      'error #0 Workflow/embed-dnschaos: strict decoding: unknown field "spec.templates[1].dNSChaos"',
      'error #1 Workflow/embed-httpchaos: strict decoding: unknown field "spec.templates[1].hTTPChaos"',
      'error #2 Workflow/embed-physicalmachinechaos: strict decoding: unknown field "spec.templates[1].physicalMachineChaos"',
    ]);
  });
});
