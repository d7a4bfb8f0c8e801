import * as pulumi from "@pulumi/pulumi";
import { generateStack } from "../../stacks/generate";
import { readStackConfigFile } from "../../stacks/config/read-file";
import { one, recordRegistrations, settle, unsecret, type Registered } from "../support/mocks";
import { engineConfig, fakeReceiverSecrets, runProgram } from "../support/program";
import * as path from "path";

const root = path.resolve(__dirname, "../..");
const needed = (stack: string) => generateStack(stack, readStackConfigFile(root, stack)).receiverSecretNames;
const K = "sevensa-observability:";

/**
 * Runs the program with a stack's config plus `extra`, marking exactly `secretKeys` as secret
 * config, and returns what it threw (if anything) and every registration it made.
 */
async function runRecorded(stack: string, extra: Record<string, string>, secretKeys: string[]): Promise<{ error: Error | undefined; registered: Registered[] }> {
  const registered = recordRegistrations(stack);
  pulumi.runtime.setAllConfig({ ...engineConfig(stack), ...extra }, secretKeys);
  const { main } = await import("../../stacks/main");
  let error: Error | undefined;
  try {
    await main();
  } catch (e) {
    error = e as Error;
  }
  await settle();
  return { error, registered };
}

describe("bad config or secrets stop the program before any resource is registered", () => {
  test("production without its receiver secrets: an error naming the stack file and each missing key", async () => {
    const names = needed("production");
    expect(names.length).toBeGreaterThan(0);
    await expect(runProgram("production")).rejects.toThrow(
      `Pulumi.production.yaml: sevensa-observability:receiverSecrets.${names[0]}: is required by the Alertmanager configuration; set it with \`pulumi config set --secret --path 'receiverSecrets.${names[0]}' <value> --stack production\``,
    );
    const { error, registered } = await runRecorded("production", {}, []);
    expect(error?.message.split("\n")).toHaveLength(names.length);
    expect(registered).toEqual([]);
  });

  test("production with its receiver secrets in plaintext config (not --secret): refused naming the key", async () => {
    const { error, registered } = await runRecorded("production", fakeReceiverSecrets(needed("production")), []);
    expect(error?.message).toBe(
      "Pulumi.production.yaml: sevensa-observability:receiverSecrets: must be a secret (pulumi config set --secret --path 'receiverSecrets.<name>' <value> --stack production)",
    );
    expect(registered).toEqual([]);
  });

  test("local with Grafana's admin password in plaintext config: refused naming the key", async () => {
    const { error, registered } = await runRecorded("local", { [`${K}grafanaAdminPassword`]: "hunter2" }, []);
    expect(error?.message).toBe(
      "Pulumi.local.yaml: sevensa-observability:grafanaAdminPassword: must be a secret (pulumi config set --secret grafanaAdminPassword <value> --stack local)",
    );
    expect(registered).toEqual([]);
  });

  test("local with Grafana's admin password as secret config starts", async () => {
    const { error, registered } = await runRecorded("local", { [`${K}grafanaAdminPassword`]: "hunter2" }, [`${K}grafanaAdminPassword`]);
    expect(error).toBeUndefined();
    expect(registered.length).toBeGreaterThan(0);
  });

  test("an invalid stack config value: refused naming the key", async () => {
    const { error, registered } = await runRecorded("local", { [`${K}namespace`]: "Monitoring" }, []);
    expect(error?.message).toBe(
      `Pulumi.local.yaml: sevensa-observability:namespace: "Monitoring" is not a DNS-1123 label (lower-case letters, digits and '-', at most 63)`,
    );
    expect(registered).toEqual([]);
  });

  test("with pagerDuty enabled, a missing non-PagerDuty receiver secret stops the program before the PagerDuty resources", async () => {
    const others = needed("production").filter((n) => !n.endsWith("-pagerduty-routing-key"));
    const { error, registered } = await runRecorded(
      "production",
      { ...fakeReceiverSecrets(others.slice(1)), [`${K}pagerDuty`]: JSON.stringify({ enabled: true }) },
      [`${K}receiverSecrets`],
    );
    expect(error?.message).toBe(
      `Pulumi.production.yaml: sevensa-observability:receiverSecrets.${others[0]}: is required by the Alertmanager configuration; set it with \`pulumi config set --secret --path 'receiverSecrets.${others[0]}' <value> --stack production\``,
    );
    expect(registered).toEqual([]);
  });
});

describe("the program (stacks/main.ts) under mocks", () => {

  test("with its receiver secrets, production deploys the platform and the three services", async () => {
    const { registered, outputs } = await runProgram("production", fakeReceiverSecrets(needed("production")));
    expect(outputs.services).toEqual(["checkout-api", "pricing-engine", "storefront"]);
    const receivers = unsecret(one(registered, "kubernetes:core/v1:Secret", "sevensa-alertmanager-receivers").inputs.stringData);
    expect(Object.keys(receivers).sort()).toEqual(needed("production"));
    expect(registered.filter((r) => r.type.startsWith("pagerduty:"))).toEqual([]);
  });

  test("with pagerDuty enabled, the page receivers' keys come from the PagerDuty integrations, not from config", async () => {
    const pagerDutyNames = needed("production").filter((n) => n.endsWith("-pagerduty-routing-key"));
    expect(pagerDutyNames).toEqual(["commerce-pagerduty-routing-key", "payments-pagerduty-routing-key", "platform-pagerduty-routing-key", "pricing-pagerduty-routing-key"]);
    const others = needed("production").filter((n) => !pagerDutyNames.includes(n));
    const { registered } = await runProgram("production", {
      ...fakeReceiverSecrets(others),
      "sevensa-observability:pagerDuty": JSON.stringify({ enabled: true, namePrefix: "Sevensa production" }),
    });
    const integrations = registered.filter((r) => r.type === "pagerduty:index/serviceIntegration:ServiceIntegration");
    expect(integrations.length).toBeGreaterThan(0);
    const receivers = unsecret(one(registered, "kubernetes:core/v1:Secret", "sevensa-alertmanager-receivers").inputs.stringData);
    for (const n of pagerDutyNames) expect(receivers[n]).toMatch(/^mock-integration-key-sevensa-oncall-/);
    for (const n of others) expect(receivers[n]).toBe(`fake-${n}`);
  });
});
