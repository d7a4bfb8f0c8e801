/**
 * Every generated object of the staging stack is decoded strictly into the Go API types of the
 * pinned Chaos Mesh API module and passes their admission defaulting and validation
 * (chaos/validate-go, built by scripts/build-chaos-validate.sh). Fails when the binary is missing.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { CHAOS_OBJECT_KEYS, DERIVED_FROM_RESILIENCE } from "../../chaos/plan";
import { chaosArtifactFiles } from "../../chaos/render";
import { CHAOS_MESH } from "../../chaos/versions";
import { chaosValidateBinary, REPO, stackChaosPlan } from "./support";

function run(bin: string, files: string[]): { status: number | null; out: string } {
  const r = spawnSync(bin, files, { encoding: "utf8", timeout: 60_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("generated objects against the Chaos Mesh API of the pinned version", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "chaos-api-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("the validator is built from the pinned API module", () => {
    const r = spawnSync(chaosValidateBinary(), ["--version"], { encoding: "utf8" });
    expect(r.stdout.trim()).toBe(`${CHAOS_MESH.apiModule} ${CHAOS_MESH.apiModuleVersion}`);
    const gomod = fs.readFileSync(path.join(REPO, "chaos/validate-go/go.mod"), "utf8");
    expect(gomod).toContain(`\t${CHAOS_MESH.apiModule} ${CHAOS_MESH.apiModuleVersion}\n`);
  });

  test("every staging object, declared and derived from resilience policies, decodes strictly and passes the webhooks' validation", () => {
    const bin = chaosValidateBinary();
    const { config, plan } = stackChaosPlan("staging");
    expect(plan.objects.length).toBeGreaterThanOrEqual(9);
    // the ten derived from the example catalogue's resilience policies are among them (test/chaos/derive-resilience.test.ts)
    const derived = plan.objects.filter((o) => o.metadata.labels[CHAOS_OBJECT_KEYS.derivedFrom] === DERIVED_FROM_RESILIENCE).map((o) => o.metadata.name);
    expect(derived).toEqual([
      "checkout-api-resilience-pricing-engine-latency", "checkout-api-resilience-pricing-engine-abort", "checkout-api-resilience-stripe-latency", "checkout-api-resilience-stripe-abort",
      "pricing-engine-resilience-postgres-latency", "pricing-engine-resilience-postgres-abort",
      "storefront-resilience-checkout-api-latency", "storefront-resilience-checkout-api-abort", "storefront-resilience-pricing-engine-latency", "storefront-resilience-pricing-engine-abort",
    ]);
    const files = Object.entries(chaosArtifactFiles({ stack: "staging", environment: "staging", config, plan })).filter(([p]) => p.startsWith("chaos/") && p.endsWith(".yaml"));
    expect(files).toHaveLength(plan.objects.length);
    const paths = files.map(([p, text]) => {
      const file = path.join(dir, path.basename(p));
      fs.writeFileSync(file, text);
      return file;
    });
    const r = run(bin, paths);
    expect(r.out).toContain(`${plan.objects.length} passed, 0 failed`);
    for (const o of plan.objects) expect(r.out).toContain(` Schedule/${o.metadata.name}\n`);
    expect(r.status).toBe(0);
  });

  test.each([
    ["a typo in a field name", "latency: 500ms", "latncy: 500ms", 'strict decoding: unknown field "spec.workflow.templates[2].networkChaos.delay.latncy"'],
    ["a field in the wrong case", "          concurrencyPolicy: Forbid".trim(), "concurrencypolicy: Forbid", 'strict decoding: unknown field "spec.concurrencypolicy"'],
    ["a cron the schedule webhook rejects", "schedule: CRON_TZ=UTC 0 10 * * 4", "schedule: thursday at ten", 'spec.schedule: Invalid value: "thursday at ten"'],
    ["a Suspend without deadline", "        deadline: 5m\n", "        deadline: \"\"\n", "deadline in template with type Suspend could not be empty"],
    ["a derived fault: a typo in externalTargets", "externalTargets:", "externalTarget:", 'strict decoding: unknown field "spec.workflow.templates[2].networkChaos.externalTarget"', "checkout-api-resilience-stripe-abort"],
    [
      "a derived fault: a latency Go cannot parse", "latency: 18000ms", "latency: 18 seconds",
      'Spec.TcParameter.Delay.Latency: Invalid value: "18 seconds": parse duration field error: time: unknown unit " seconds" in duration "18 seconds"',
      "storefront-resilience-checkout-api-latency",
    ],
  ])("a hand-broken object fails: %s", (_name, from, to, message, object = "checkout-api-cascading-pricing") => {
    const bin = chaosValidateBinary();
    const { config, plan } = stackChaosPlan("staging");
    const files = chaosArtifactFiles({ stack: "staging", environment: "staging", config, plan });
    const good = files[`chaos/${object}.yaml`];
    expect(good).toContain(from);
    const file = path.join(dir, "broken.yaml");
    fs.writeFileSync(file, good.replace(from, to));
    const r = run(bin, [file]);
    expect(r.out).toContain(message);
    expect(r.out).toContain("0 passed, 1 failed");
    expect(r.status).toBe(1);
  });
});
