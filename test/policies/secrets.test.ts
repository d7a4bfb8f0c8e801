import { alertmanagerConfigInSecret } from "../../policies/rules/secrets/alertmanager-config-in-secret";
import { noLiteralSecretEnv } from "../../policies/rules/secrets/no-literal-secret-env";
import { noSecretsInConfigMaps } from "../../policies/rules/secrets/no-secrets-in-configmaps";
import { CONFIGMAP, container, goodDeployment } from "./support/fixtures";
import { changed, resourceViolations, type Fixture } from "./support/run-policy";

const MOVE = "move it into a Secret and reference it (a *_file field, secretKeyRef, or $__file{...})";

/** A ConfigMap with harmless configuration only: references to secrets, never secrets. */
const settings: Fixture = {
  type: CONFIGMAP,
  name: "app-settings",
  props: {
    metadata: { namespace: "shop" },
    data: {
      "config.yaml": [
        "server:",
        "  port: 8080",
        "  read_timeout: 5s",
        "database:",
        "  host: postgres.shop.svc",
        "  password_file: /etc/secrets/db-password",
        "  password: ${DB_PASSWORD}",
        "slack:",
        "  api_url_file: /etc/alertmanager/secrets/slack-url",
        "auth:",
        "  token_url: https://login.example.com/oauth/token",
        "features:",
        "  use_token: true",
      ].join("\n"),
      "app.env": "LOG_LEVEL=info\nOTEL_EXPORTER_OTLP_ENDPOINT=http://otel-agent:4317\n",
      "secretName": "db-credentials",
    },
  },
};

describe("k8s-no-secrets-in-configmaps", () => {
  const policy = noSecretsInConfigMaps("mandatory");

  test("settings with secret references (files, env placeholders, names) pass", async () => {
    expect(await resourceViolations(policy, settings)).toEqual([]);
  });

  test("the OpenTelemetry load-balancing exporter's routing_key (an enumerated setting) passes", async () => {
    const lb = changed(settings, (p) => (p.data["collector.yaml"] = "exporters:\n  load_balancing:\n    routing_key: traceID\n"));
    expect(await resourceViolations(policy, lb)).toEqual([]);
  });

  test("a routing_key that is not one of the exporter's settings is still reported", async () => {
    const lb = changed(settings, (p) => (p.data["collector.yaml"] = "exporters:\n  load_balancing:\n    routing_key: R0123456789ABCDEF\n"));
    expect(await resourceViolations(policy, lb)).toEqual([
      `ConfigMap "app-settings" data "collector.yaml" at exporters.load_balancing.routing_key: the key "routing_key" names a secret and holds a literal value; ${MOVE}`,
    ]);
  });

  test.each<[string, (data: Record<string, string>) => void, string]>([
    [
      "a literal password under a YAML key",
      (d) => (d["config.yaml"] = d["config.yaml"].replace("password: ${DB_PASSWORD}", "password: hunter2hunter2")),
      `ConfigMap "app-settings" data "config.yaml" at database.password: the key "password" names a secret and holds a literal value; ${MOVE}`,
    ],
    [
      "a Slack webhook URL under an innocent key",
      (d) => (d["config.yaml"] = d["config.yaml"].replace("  port: 8080", "  notify: https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXX")),
      `ConfigMap "app-settings" data "config.yaml" at server.notify: the value looks like a Slack webhook URL; ${MOVE}`,
    ],
    [
      "a token in an env-style file",
      (d) => (d["app.env"] = "LOG_LEVEL=info\nAPI_TOKEN=c2VjcmV0LXRva2VuLXZhbHVl\n"),
      `ConfigMap "app-settings" data "app.env" at line 2: the key "API_TOKEN" names a secret and holds a literal value; ${MOVE}`,
    ],
    [
      "a data key that names a secret",
      (d) => (d["routing_key"] = "0123456789abcdef0123456789abcdef"),
      `ConfigMap "app-settings" data "routing_key" at the value: the key "routing_key" names a secret and holds a literal value; ${MOVE}`,
    ],
    [
      "a URL carrying a password",
      (d) => (d["config.yaml"] = d["config.yaml"].replace("host: postgres.shop.svc", "host: postgres://app:s3cr3t@postgres.shop.svc/app")),
      `ConfigMap "app-settings" data "config.yaml" at database.host: the value looks like a URL with a password; ${MOVE}`,
    ],
    [
      "a private key",
      (d) => (d["tls.key"] = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n"),
      `ConfigMap "app-settings" data "tls.key" at line 1: the value looks like a private key; ${MOVE}`,
    ],
    [
      "a PagerDuty routing key in an Alertmanager-style receiver",
      (d) => (d["receivers.yaml"] = "receivers:\n  - name: payments-page\n    pagerduty_configs:\n      - routing_key: R0123456789ABCDEF0123456789ABCDE\n"),
      `ConfigMap "app-settings" data "receivers.yaml" at receivers[0].pagerduty_configs[0].routing_key: the key "routing_key" names a secret and holds a literal value; ${MOVE}`,
    ],
  ])("%s is reported without printing the value", async (_name, edit, message) => {
    const violations = await resourceViolations(policy, changed(settings, (p) => edit(p.data)));
    expect(violations).toEqual([message]);
    expect(violations.join()).not.toMatch(/hunter2|XXXXXXXX|c2VjcmV0|s3cr3t|MIIEow|R0123456789/);
  });
});

describe("k8s-no-literal-secret-env", () => {
  const policy = noLiteralSecretEnv("mandatory");
  const W = 'Deployment "web" container "app"';

  test("secrets from secretKeyRef and harmless literals pass", async () => {
    expect(await resourceViolations(policy, goodDeployment())).toEqual([]);
  });

  test("a literal password variable is reported", async () => {
    const f = changed(goodDeployment(), (p) => (container(p).env[1] = { name: "DB_PASSWORD", value: "hunter2hunter2" }));
    expect(await resourceViolations(policy, f)).toEqual([
      `${W}: env DB_PASSWORD: the key "DB_PASSWORD" names a secret and holds a literal value; take it from a Secret with valueFrom.secretKeyRef`,
    ]);
  });

  test("a webhook URL in an innocently named variable is reported", async () => {
    const f = changed(goodDeployment(), (p) => (container(p).env[0].value = "https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXX"));
    expect(await resourceViolations(policy, f)).toEqual([
      `${W}: env LOG_LEVEL: the value looks like a Slack webhook URL; take it from a Secret with valueFrom.secretKeyRef`,
    ]);
  });

  test("a flag under a secret-looking name is not a secret", async () => {
    const f = changed(goodDeployment(), (p) => (container(p).env[0] = { name: "GF_AUTH_DISABLE_TOKEN", value: "false" }));
    expect(await resourceViolations(policy, f)).toEqual([]);
  });
});

describe("alertmanager-config-in-secret", () => {
  const policy = alertmanagerConfigInSecret("mandatory");
  const amYaml = "route:\n  receiver: unowned\nreceivers:\n  - name: unowned\n";

  test("a ConfigMap without an Alertmanager configuration passes", async () => {
    expect(await resourceViolations(policy, settings)).toEqual([]);
  });

  test("a Secret may hold the configuration", async () => {
    const secret: Fixture = { type: "kubernetes:core/v1:Secret", name: "am", props: { stringData: { "alertmanager.yml": amYaml } } };
    expect(await resourceViolations(policy, secret)).toEqual([]);
  });

  test("alertmanager.yml in a ConfigMap is reported", async () => {
    expect(await resourceViolations(policy, changed(settings, (p) => (p.data["alertmanager.yml"] = amYaml)))).toEqual([
      'ConfigMap "app-settings" data "alertmanager.yml" holds an Alertmanager configuration; store it in a Secret (as the Alertmanager component does), never a ConfigMap',
    ]);
  });

  test("an Alertmanager configuration under another key is recognised by its route and receivers", async () => {
    expect(await resourceViolations(policy, changed(settings, (p) => (p.data["routing.yaml"] = amYaml)))).toEqual([
      'ConfigMap "app-settings" data "routing.yaml" holds an Alertmanager configuration; store it in a Secret (as the Alertmanager component does), never a ConfigMap',
    ]);
  });
});
