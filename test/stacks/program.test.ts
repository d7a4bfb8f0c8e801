import { generateStack } from "../../stacks/generate";
import { readStackConfigFile } from "../../stacks/config/read-file";
import { one, unsecret } from "../support/mocks";
import { fakeReceiverSecrets, runProgram } from "../support/program";
import * as path from "path";

const root = path.resolve(__dirname, "../..");
const needed = (stack: string) => generateStack(stack, readStackConfigFile(root, stack)).receiverSecretNames;

describe("the program (stacks/main.ts) under mocks", () => {
  test("production without its receiver secrets stops with an error naming the stack file and each missing key", async () => {
    const names = needed("production");
    expect(names.length).toBeGreaterThan(0);
    await expect(runProgram("production")).rejects.toThrow(
      `Pulumi.production.yaml: sevensa-observability:receiverSecrets.${names[0]}: is required by the Alertmanager configuration; set it with \`pulumi config set --secret --path 'receiverSecrets.${names[0]}' <value> --stack production\``,
    );
  });

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
