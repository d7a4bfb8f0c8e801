import * as path from "path";
import { parseStackConfig, StackConfigError } from "../../stacks/config/load";
import { readStackConfigFile } from "../../stacks/config/read-file";
import { parse } from "yaml";
import * as fs from "fs";

const root = path.resolve(__dirname, "../..");

/** The staging stack file's config, as the engine would hand it over (objects as JSON text). */
function stagingRaw(): Record<string, unknown> {
  const doc = parse(fs.readFileSync(path.join(root, "Pulumi.staging.yaml"), "utf8")) as { config: Record<string, unknown> };
  return Object.fromEntries(
    Object.entries(doc.config).map(([k, v]) => [k, typeof v === "object" && v !== null ? JSON.stringify(v) : v]),
  );
}

/** Staging config with one key replaced (dotted path inside the key's object). */
function withChange(key: string, pathInKey: string[], value: unknown): Record<string, unknown> {
  const raw = stagingRaw();
  const full = `sevensa-observability:${key}`;
  if (pathInKey.length === 0) {
    raw[full] = value;
    return raw;
  }
  const obj = JSON.parse(raw[full] as string);
  let cursor = obj;
  for (const p of pathInKey.slice(0, -1)) cursor = cursor[p];
  if (value === undefined) delete cursor[pathInKey[pathInKey.length - 1]];
  else cursor[pathInKey[pathInKey.length - 1]] = value;
  raw[full] = JSON.stringify(obj);
  return raw;
}

describe("stack configuration", () => {
  test.each(["local", "staging", "production"])("the committed %s stack file validates", (stack) => {
    const config = readStackConfigFile(root, stack);
    expect(config.environment).toBe(stack);
  });

  test("production is highly available and forbids chaos", () => {
    const c = readStackConfigFile(root, "production");
    expect([c.prometheus.replicas, c.alertmanager.replicas]).toEqual([2, 3]);
    expect(c.highAvailability).toEqual({ podDisruptionBudgets: true, antiAffinity: "required" });
    expect(c.chaos.allowed).toBe(false);
  });

  test("local renders to a directory and needs no cluster", () => {
    expect(readStackConfigFile(root, "local").kubernetes).toEqual({ mode: "render", renderDir: "rendered/local" });
  });

  const P = "Pulumi.staging.yaml: sevensa-observability:";
  test.each<[string, Record<string, unknown>, string]>([
    ["retention that is not a duration", withChange("prometheus", ["retention"], "30 days"), `${P}prometheus.retention: "30 days" is not a duration like 30d`],
    ["a zero duration", withChange("prometheus", ["scrapeInterval"], "0s"), `${P}prometheus.scrapeInterval: "0s" is not a duration like 30d`],
    ["replicas given as text", withChange("alertmanager", ["replicas"], "3"), `${P}alertmanager.replicas: "3" is not a number`],
    ["replicas below the minimum", withChange("alertmanager", ["replicas"], 0), `${P}alertmanager.replicas: 0 is below the minimum 1`],
    ["fractional replicas", withChange("alertmanager", ["replicas"], 2.5), `${P}alertmanager.replicas: 2.5 is not a whole number`],
    ["a section given as text", withChange("prometheus", [], "big"), `${P}prometheus: "big" is not a mapping`],
    ["replicas above the maximum", withChange("prometheus", ["replicas"], 9), `${P}prometheus.replicas: 9 is above the maximum 7`],
    ["a misspelt key", withChange("prometheus", ["retntion"], "15d"), `${P}prometheus.retntion: unknown key`],
    ["an unknown top-level key", { ...stagingRaw(), "sevensa-observability:prometheos": "{}" }, `${P}prometheos: unknown key`],
    ["an unknown environment", withChange("environment", [], "prod"), `${P}environment: "prod" is not one of local, staging, production`],
    ["a missing required key", withChange("grafana", ["rootUrl"], undefined), `${P}grafana.rootUrl: is required (string)`],
    ["a root URL without scheme", withChange("grafana", ["rootUrl"], "grafana.example"), `${P}grafana.rootUrl: "grafana.example" is not an absolute URL like https://grafana.example.com`],
    ["a storage size that is not a quantity", withChange("prometheus", ["storage", "size"], "50 gigs"), `${P}prometheus.storage.size: "50 gigs" is not a Kubernetes quantity like 50Gi or 500m`],
    ["a namespace that is not DNS-1123", withChange("namespace", [], "Monitoring"), `${P}namespace: "Monitoring" is not a DNS-1123 label (lower-case letters, digits and '-', at most 63)`],
    ["a retention size without unit", withChange("prometheus", ["retentionSize"], "45"), `${P}prometheus.retentionSize: "45" is not a size like 50GB`],
    ["a missing anti-affinity mode", withChange("highAvailability", ["antiAffinity"], undefined), `${P}highAvailability.antiAffinity: is required (one of required, preferred, none)`],
    ["an unknown anti-affinity mode", withChange("highAvailability", ["antiAffinity"], "soft"), `${P}highAvailability.antiAffinity: "soft" is not one of required, preferred, none`],
    ["a memory limit missing", withChange("prometheus", ["resources", "limits", "memory"], undefined), `${P}prometheus.resources.limits.memory: is required (string)`],
  ])("%s is refused with a message naming the file and the key", (_case, raw, message) => {
    expect(() => parseStackConfig("staging", raw)).toThrow(StackConfigError);
    expect(() => parseStackConfig("staging", raw)).toThrow(message);
    try {
      parseStackConfig("staging", raw);
    } catch (e) {
      expect((e as Error).message).toBe(message);
    }
  });

  test("every problem is reported at once, one per line", () => {
    const raw = withChange("prometheus", ["retention"], "30 days");
    raw["sevensa-observability:environment"] = "prod";
    expect(() => parseStackConfig("staging", raw)).toThrow(
      `${P}environment: "prod" is not one of local, staging, production\n${P}prometheus.retention: "30 days" is not a duration like 30d`,
    );
  });

  test("keys of other namespaces (provider config) are left alone", () => {
    expect(parseStackConfig("staging", { ...stagingRaw(), "kubernetes:context": "kind" }).environment).toBe("staging");
  });

  test("secret values never reach the plain config: only their names remain", () => {
    const raw = { ...stagingRaw(), "sevensa-observability:receiverSecrets": JSON.stringify({ "payments-pagerduty": "s3cr3t-routing-key" }) };
    const config = parseStackConfig("staging", raw, { isSecretKey: (k) => k === "sevensa-observability:receiverSecrets" });
    expect(config.receiverSecrets).toEqual({ "payments-pagerduty": true });
    expect(JSON.stringify(config)).not.toContain("s3cr3t");
  });

  test("a secret name that is not a DNS-1123 label is refused", () => {
    const raw = { ...stagingRaw(), "sevensa-observability:receiverSecrets": JSON.stringify({ "Payments Key": "x" }) };
    expect(() => parseStackConfig("staging", raw)).toThrow(`${P}receiverSecrets.Payments Key: "Payments Key" is not a DNS-1123 label`);
  });
});
