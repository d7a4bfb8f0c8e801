import * as path from "path";
import { ENVIRONMENTS } from "../../catalogue/types";
import { generateAlertmanagerConfig } from "../../routing/alertmanager-config";
import type { AlertmanagerConfig } from "../../routing/alertmanager-types";
import { loadTeams } from "../../routing/load-teams";
import { renderAlertmanagerConfig } from "../../routing/render-alertmanager";
import { ALERTMANAGER_SECRETS_DIR, secretNamesOf } from "../../routing/secrets";
import { checkConfig, writeTemp } from "./support/amtool";
import { exampleCatalogue } from "./support/catalogue";

const repoRoot = path.resolve(__dirname, "../..");
const teams = loadTeams(repoRoot);
const services = exampleCatalogue();

/** Every key path in the config whose key is one of Alertmanager's inline-secret fields. */
function inlineSecretFields(value: unknown, at = ""): string[] {
  const inline = new Set(["routing_key", "service_key", "api_url", "url_file", "auth_password", "auth_secret", "credentials", "password", "bearer_token", "api_key", "token"]);
  if (Array.isArray(value)) return value.flatMap((v, i) => inlineSecretFields(v, `${at}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => [...(inline.has(k) ? [`${at}.${k}`] : []), ...inlineSecretFields(v, `${at}.${k}`)]);
  }
  return [];
}

describe.each(ENVIRONMENTS)("the generated Alertmanager config of stack %s", (environment) => {
  const config: AlertmanagerConfig = generateAlertmanagerConfig({ environment, teams, services });
  const yaml = renderAlertmanagerConfig(config, `stacks/teams/*.ts and stacks/services/*.ts (stack ${environment})`);

  test("passes the real amtool check-config", () => {
    const result = checkConfig(writeTemp(yaml));
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("SUCCESS");
    expect(result.status).toBe(0);
  });

  test("holds no inline secret field, only *_file paths under the secrets dir", () => {
    expect(inlineSecretFields(config)).toEqual([]);
    const files = yaml.split("\n").filter((l) => /_file: /.test(l)).map((l) => l.trim().replace(/^- /, ""));
    expect(files.length).toBeGreaterThan(0);
    for (const line of files) expect(line).toMatch(new RegExp(`^[a-z_]+_file: ${ALERTMANAGER_SECRETS_DIR}/[a-z0-9-]+$`));
  });

  test("every team of the example gets its own route", () => {
    const teamRoutes = (config.route.routes ?? []).flatMap((r) => r.matchers ?? []).filter((m) => m.startsWith("team="));
    expect(teamRoutes).toEqual(['team="commerce"', 'team="payments"', 'team="platform"', 'team="pricing"']);
  });
});

test("secretNamesOf lists exactly the secrets each stack's receivers read", () => {
  const names = Object.fromEntries(ENVIRONMENTS.map((environment) => [environment, secretNamesOf(generateAlertmanagerConfig({ environment, teams, services }))]));
  const nonProduction = ["commerce-slack-webhook", "heartbeat-token", "ops-inbox-token", "payments-slack-webhook", "platform-slack-webhook", "pricing-slack-webhook", "smtp-password"];
  expect(names).toEqual({
    local: nonProduction,
    staging: nonProduction,
    production: [
      "commerce-pagerduty-routing-key",
      "commerce-slack-webhook",
      "heartbeat-token",
      "ops-inbox-token",
      "payments-pagerduty-routing-key",
      "payments-slack-webhook",
      "platform-pagerduty-routing-key",
      "platform-slack-webhook",
      "pricing-pagerduty-routing-key",
      "pricing-slack-webhook",
      "smtp-password",
    ],
  });
});

test("amtool rejects a config whose receiver is missing, so the check above can fail", () => {
  const config = generateAlertmanagerConfig({ environment: "production", teams, services });
  const broken = { ...config, receivers: config.receivers.filter((r) => r.name !== "payments-pagerduty") };
  const result = checkConfig(writeTemp(renderAlertmanagerConfig(broken, "a broken test variant")));
  expect(result.status).not.toBe(0);
  expect(result.stdout + result.stderr).toContain('undefined receiver "payments-pagerduty" used in route');
});
