import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parse, stringify } from "yaml";
import { engineSecretMarks } from "../../stacks/config/engine-secrets";
import { parseStackConfig, StackConfigError } from "../../stacks/config/load";
import { readStackConfigFile } from "../../stacks/config/read-file";
import { engineConfig } from "../support/program";

/**
 * Issue 2: secrets (receiver keys, Grafana's admin password, the collector registry password)
 * come only from secret config. A plaintext value is refused naming the stack file and the key,
 * whether it is read from the stack file (npm run artifacts) or handed over by the engine.
 */
const root = path.resolve(__dirname, "../..");
const K = "sevensa-observability:";
const SECURE = { secure: "v1:AAAAAAAAAAAAAAAA:ciphertext-stays-encrypted" };

/** The committed staging config section plus `extra` keys, as written in a stack file. */
function stagingFile(extra: Record<string, unknown>): Record<string, unknown> {
  const doc = parse(fs.readFileSync(path.join(root, "Pulumi.staging.yaml"), "utf8")) as { config: Record<string, unknown> };
  return { ...doc.config, ...extra };
}

/** The same config as the engine hands it to the program: decrypted, objects as JSON text. */
function asEngine(config: Record<string, unknown>): Record<string, string> {
  const plain = (v: unknown): unknown => {
    if (Array.isArray(v) || typeof v !== "object" || v === null) return v;
    return "secure" in v ? "decrypted" : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  };
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "object" && v !== null ? JSON.stringify(plain(v)) : String(plain(v))]));
}

/** Writes `config` as `Pulumi.staging.yaml` in a fresh directory and returns the directory. */
function writeStaging(config: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-config-"));
  fs.writeFileSync(path.join(dir, "Pulumi.staging.yaml"), stringify({ config }));
  return dir;
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(StackConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a StackConfigError, nothing was thrown");
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("a secret in plaintext in the stack file is refused, naming the file and the key", () => {
  const P = "Pulumi.staging.yaml: sevensa-observability:";
  test.each<[string, Record<string, unknown>, string]>([
    [
      "Grafana's admin password",
      { [`${K}grafanaAdminPassword`]: "hunter2" },
      `${P}grafanaAdminPassword: must be a secret (pulumi config set --secret grafanaAdminPassword <value> --stack staging)`,
    ],
    [
      "the collector registry password",
      { [`${K}otelCollectorRegistryPassword`]: "registry-token" },
      `${P}otelCollectorRegistryPassword: must be a secret (pulumi config set --secret otelCollectorRegistryPassword <value> --stack staging)`,
    ],
    [
      "one receiver secret beside a secure one (the engine would mark the whole object secret)",
      { [`${K}receiverSecrets`]: { "payments-pagerduty-routing-key": SECURE, "commerce-slack-webhook": "https://hooks.example/x" } },
      `${P}receiverSecrets.commerce-slack-webhook: must be a secret (pulumi config set --secret --path 'receiverSecrets.commerce-slack-webhook' <value> --stack staging)`,
    ],
    [
      "two plaintext receiver secrets and the password, every one at once",
      { [`${K}receiverSecrets`]: { a: "x", b: "y" }, [`${K}grafanaAdminPassword`]: "hunter2" },
      [
        `${P}receiverSecrets.a: must be a secret (pulumi config set --secret --path 'receiverSecrets.a' <value> --stack staging)`,
        `${P}receiverSecrets.b: must be a secret (pulumi config set --secret --path 'receiverSecrets.b' <value> --stack staging)`,
        `${P}grafanaAdminPassword: must be a secret (pulumi config set --secret grafanaAdminPassword <value> --stack staging)`,
      ].join("\n"),
    ],
  ])("%s", (_case, extra, message) => {
    const dir = writeStaging(stagingFile(extra));
    dirs.push(dir);
    expect(messageOf(() => readStackConfigFile(dir, "staging"))).toBe(message);
  });

  test("schema problems and plaintext secrets are reported together", () => {
    const config = stagingFile({ [`${K}grafanaAdminPassword`]: "hunter2", [`${K}namespace`]: "Monitoring" });
    const dir = writeStaging(config);
    dirs.push(dir);
    expect(messageOf(() => readStackConfigFile(dir, "staging"))).toBe(
      `${P}namespace: "Monitoring" is not a DNS-1123 label (lower-case letters, digits and '-', at most 63)\n` +
        `${P}grafanaAdminPassword: must be a secret (pulumi config set --secret grafanaAdminPassword <value> --stack staging)`,
    );
  });
});

describe("secure values in the stack file are accepted and only their names remain", () => {
  test("the committed local stack's secure Grafana password", () => {
    expect(readStackConfigFile(root, "local").grafanaAdminPassword).toBe(true);
  });

  test("secure receiver secrets, password and registry password", () => {
    const dir = writeStaging(
      stagingFile({
        [`${K}receiverSecrets`]: { "payments-pagerduty-routing-key": SECURE, "commerce-slack-webhook": SECURE },
        [`${K}grafanaAdminPassword`]: SECURE,
        [`${K}otelCollectorRegistryPassword`]: SECURE,
      }),
    );
    dirs.push(dir);
    const config = readStackConfigFile(dir, "staging");
    expect([config.receiverSecrets, config.grafanaAdminPassword, config.otelCollectorRegistryPassword]).toEqual([
      { "payments-pagerduty-routing-key": true, "commerce-slack-webhook": true },
      true,
      true,
    ]);
    expect(JSON.stringify(config)).not.toContain("ciphertext");
  });
});

describe("config handed over by the engine", () => {
  const P = "Pulumi.staging.yaml: sevensa-observability:";
  const withSecrets = stagingFile({ [`${K}receiverSecrets`]: { "payments-pagerduty-routing-key": "k" }, [`${K}grafanaAdminPassword`]: "p" });

  test("keys the engine does not mark secret are refused", () => {
    const marks = { isSecretKey: () => false };
    expect(messageOf(() => parseStackConfig("staging", asEngine(withSecrets), marks))).toBe(
      `${P}receiverSecrets: must be a secret (pulumi config set --secret --path 'receiverSecrets.<name>' <value> --stack staging)\n` +
        `${P}grafanaAdminPassword: must be a secret (pulumi config set --secret grafanaAdminPassword <value> --stack staging)`,
    );
  });

  test("keys the engine marks secret are accepted", () => {
    const marks = { isSecretKey: (k: string) => [`${K}receiverSecrets`, `${K}grafanaAdminPassword`].includes(k) };
    const config = parseStackConfig("staging", asEngine(withSecrets), marks);
    expect([config.receiverSecrets, config.grafanaAdminPassword]).toEqual([{ "payments-pagerduty-routing-key": true }, true]);
  });

  test("by default the program asks @pulumi/pulumi's runtime which keys are secret (setAllConfig's secret keys under mocks, PULUMI_CONFIG_SECRET_KEYS under the engine)", () => {
    const engine = asEngine(withSecrets);
    pulumi.runtime.setAllConfig(engine, [`${K}receiverSecrets`]);
    expect(messageOf(() => parseStackConfig("staging", pulumi.runtime.allConfig()))).toBe(
      `${P}grafanaAdminPassword: must be a secret (pulumi config set --secret grafanaAdminPassword <value> --stack staging)`,
    );
    pulumi.runtime.setAllConfig(engine, [`${K}receiverSecrets`, `${K}grafanaAdminPassword`]);
    expect(parseStackConfig("staging", pulumi.runtime.allConfig()).grafanaAdminPassword).toBe(true);
  });

  test("a key the engine marks secret is still refused when the stack file shows one of its leaves in plaintext", () => {
    const dir = writeStaging(stagingFile({ [`${K}receiverSecrets`]: { "payments-pagerduty-routing-key": SECURE, "commerce-slack-webhook": "plain" } }));
    dirs.push(dir);
    pulumi.runtime.setAllConfig({ ...asEngine(stagingFile({})), [`${K}receiverSecrets`]: JSON.stringify({ "payments-pagerduty-routing-key": "k", "commerce-slack-webhook": "plain" }) }, [
      `${K}receiverSecrets`,
    ]);
    expect(messageOf(() => parseStackConfig("staging", pulumi.runtime.allConfig(), engineSecretMarks("staging", dir)))).toBe(
      `${P}receiverSecrets.commerce-slack-webhook: must be a secret (pulumi config set --secret --path 'receiverSecrets.commerce-slack-webhook' <value> --stack staging)`,
    );
  });

  test("a value still in the stack file's encrypted form counts as secret (the mocks-based program tests pass the committed file so)", () => {
    const raw = engineConfig("local");
    expect(raw[`${K}grafanaAdminPassword`]).toMatch(/^\{"secure":"v1:/);
    expect(parseStackConfig("local", raw, { isSecretKey: () => false }).grafanaAdminPassword).toBe(true);
  });
});
