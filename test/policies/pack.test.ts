import Ajv from "ajv";
import * as fs from "fs";
import * as path from "path";
import type { SecurityExemptionKind } from "../../components/workload/security";
import { EXEMPTIONS_ANNOTATION as COMPONENT_EXEMPTIONS_ANNOTATION } from "../../components/workload/security";
import { DASHBOARD_CONFIGMAP_LABEL, RULES_CONFIGMAP_LABEL } from "../../generators/scrape-contract";
import { EXEMPTIONS_ANNOTATION, type ExemptionKind } from "../../policies/lib/exemptions";
import { MARKERS } from "../../policies/lib/markers";
import { POLICY_FACTORIES, sevensaPolicies } from "../../policies/pack";
import { readStackConfigFile } from "../../stacks/config/read-file";

const ROOT = path.resolve(__dirname, "../..");
const STACKS = ["local", "staging", "production"] as const;

/** Every policy source file under policies/rules/<domain>/. */
function ruleFiles(): string[] {
  const dir = path.join(ROOT, "policies/rules");
  return fs.readdirSync(dir).flatMap((domain) => fs.readdirSync(path.join(dir, domain)).map((f) => path.join(dir, domain, f)));
}

function packConfig(stack: string): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "policies/config", `${stack}.json`), "utf8"));
}

describe("the policy pack", () => {
  const policies = sevensaPolicies();

  test("has one policy per file under policies/rules/<domain>/, each with a unique fully qualified name", () => {
    const names = policies.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(ruleFiles()).toHaveLength(names.length);
    for (const name of names) expect(name).toMatch(/^(k8s|observability|chaos|deprecated|alertmanager)-[a-z0-9]+(-[a-z0-9]+)+$/);
  });

  test("each factory takes the enforcement level", () => {
    for (const factory of Object.values(POLICY_FACTORIES)) {
      expect(factory("advisory").enforcementLevel).toBe("advisory");
      expect(factory("disabled").enforcementLevel).toBe("disabled");
    }
  });

  test("each policy's TSDoc states the severity the policy declares, and why", () => {
    const sources = ruleFiles().map((f) => fs.readFileSync(f, "utf8"));
    for (const p of policies) {
      const source = sources.find((s) => s.includes(`= "${p.name}";`));
      expect(source).toBeDefined();
      expect(source).toContain(` * Severity: ${p.severity}. Why: `);
    }
  });

  test("is mandatory by default, so a preview without a stack's pack config is strict", () => {
    expect(new Set(policies.map((p) => p.enforcementLevel))).toEqual(new Set(["mandatory"]));
  });
});

describe.each(STACKS)("the pack config of %s", (stack) => {
  const config = packConfig(stack);
  const stackConfig = readStackConfigFile(ROOT, stack);
  const byName = new Map(sevensaPolicies().map((p) => [p.name, p]));

  test("names only policies of the pack and validates against each policy's config schema", () => {
    const ajv = new Ajv({ allErrors: true, useDefaults: false });
    for (const [name, value] of Object.entries(config)) {
      const policy = byName.get(name);
      expect(policy).toBeDefined();
      const entry = typeof value === "string" ? { enforcementLevel: value } : value;
      const schema = {
        type: "object",
        additionalProperties: false,
        properties: { enforcementLevel: { enum: ["advisory", "mandatory", "remediate", "disabled"] }, ...(policy!.configSchema?.properties ?? {}) },
      };
      const validate = ajv.compile(schema);
      expect({ name, valid: validate(entry), errors: validate.errors ?? null }).toEqual({ name, valid: true, errors: null });
    }
  });

  test("keeps chaos rules mandatory and agrees with the stack file's chaos settings", () => {
    for (const name of ["chaos-allowed-in-stack", "chaos-protected-namespaces", "chaos-duration-bounded", "chaos-mode-bounded"]) {
      expect(config[name].enforcementLevel).toBe("mandatory");
    }
    expect(config["chaos-schedule-forbids-concurrency"]).toBe("mandatory");
    expect(config["chaos-allowed-in-stack"].allowed).toBe(stackConfig.chaos.allowed);
    expect(config["chaos-duration-bounded"].maxDuration).toBe(stackConfig.chaos.maxDuration);
    const expected = [...stackConfig.chaos.protectedNamespaces, stackConfig.namespace];
    expect([...config["chaos-protected-namespaces"].protectedNamespaces].sort()).toEqual([...new Set(expected)].sort());
  });

  test("agrees with the stack file's high-availability settings", () => {
    const ha = stackConfig.highAvailability;
    expect(config["k8s-pdb-allows-disruption"].requireForHaSets).toBe(ha.podDisruptionBudgets);
    if (ha.antiAffinity !== "none") expect(config["k8s-ha-anti-affinity"].mode).toBe(ha.antiAffinity);
    const level = stack === "production" ? "mandatory" : "advisory";
    for (const name of ["k8s-replica-minimum", "k8s-pdb-allows-disruption", "k8s-ha-anti-affinity"]) expect(config[name].enforcementLevel).toBe(level);
  });
});

test("production requires Alertmanager ≥ 3, Prometheus ≥ 2 and the collector gateway ≥ 2", () => {
  expect(packConfig("production")["k8s-replica-minimum"].minimums).toEqual({ alertmanager: 3, prometheus: 2, "otel-gateway": 2 });
});

describe("the pack reads the names the components write", () => {
  test("the exemption annotation", () => {
    expect(EXEMPTIONS_ANNOTATION).toBe(COMPONENT_EXEMPTIONS_ANNOTATION);
  });

  test("the rule and dashboard ConfigMap labels", () => {
    expect(MARKERS.rulesLabel).toBe(RULES_CONFIGMAP_LABEL);
    expect(MARKERS.dashboardLabel).toBe(DASHBOARD_CONFIGMAP_LABEL);
  });

  test("every exemption kind the components can declare is one the pack honours", () => {
    // Compiles only while SecurityExemptionKind is a subset of the pack's ExemptionKind.
    const subset: [Exclude<SecurityExemptionKind, ExemptionKind>] extends [never] ? true : false = true;
    expect(subset).toBe(true);
  });
});
