import { generateAlertmanagerConfig } from "../../routing/alertmanager-config";
import { renderAlertmanagerConfig } from "../../routing/render-alertmanager";
import { ALERTMANAGER_SECRETS_DIR, secretNamesOf } from "../../routing/secrets";
import { fixtureService, FIXTURE_SERVICES } from "./support/services";
import { alphaFixture, loaded, platformFixture } from "./support/teams";

const teams = loaded(alphaFixture(), platformFixture());
const services = [fixtureService("alpha-api", "alpha"), fixtureService("alpha-batch", "alpha", { overrides: { staging: { pagingDisabled: true } } })];

describe("generateAlertmanagerConfig", () => {
  const production = generateAlertmanagerConfig({ environment: "production", teams, services });

  test("the root is the visible unowned catch-all, followed by Watchdog, InfoInhibitor, chaos and one route per team in file order", () => {
    expect(production.route.receiver).toBe("platform-unowned");
    expect(production.route.routes?.map((r) => [r.matchers, r.receiver])).toEqual([
      [['alertname="Watchdog"'], "platform-heartbeat"],
      [['alertname="InfoInhibitor"'], "null"],
      [['chaos_experiment=~".+"'], "platform-chaos"],
      [['team="alpha"'], "alpha-slack"],
      [['team="platform"'], "platform-slack"],
    ]);
    expect(production.route.routes?.[0]).toMatchObject({ group_wait: "0s", group_interval: "1m", repeat_interval: "1m" });
  });

  test("a team route splits by severity with page, ticket and info timings and the team's time intervals", () => {
    expect(production.route.routes?.[3]).toEqual({
      matchers: ['team="alpha"'],
      receiver: "alpha-slack",
      group_by: ["alertname", "service"],
      group_wait: "5m",
      group_interval: "30m",
      repeat_interval: "24h",
      routes: [
        { matchers: ['severity=~"page|critical"'], receiver: "alpha-pd", group_by: ["alertname", "service", "slo"], group_wait: "30s", group_interval: "5m", repeat_interval: "4h" },
        {
          matchers: ['severity=~"ticket|warning"'],
          receiver: "alpha-slack",
          group_by: ["alertname", "service"],
          group_wait: "5m",
          group_interval: "30m",
          repeat_interval: "24h",
          active_time_intervals: ["alpha-business-hours"],
          mute_time_intervals: ["alpha-maintenance"],
        },
        {
          matchers: ['severity="info"'],
          receiver: "alpha-hook",
          group_by: ["alertname", "namespace"],
          group_wait: "10m",
          group_interval: "1h",
          repeat_interval: "168h",
          mute_time_intervals: ["alpha-maintenance"],
        },
      ],
    });
  });

  test("in staging the environment override sends pages to Slack and a paging-disabled service's pages become tickets", () => {
    const staging = generateAlertmanagerConfig({ environment: "staging", teams, services });
    const alpha = staging.route.routes?.[3].routes ?? [];
    expect(alpha.map((r) => [r.matchers, r.receiver, r.group_wait, r.active_time_intervals])).toEqual([
      [['service="alpha-batch"', 'severity=~"page|critical"'], "alpha-slack", "5m", ["alpha-business-hours"]],
      [['severity=~"page|critical"'], "alpha-slack", "30s", undefined],
      [['severity=~"ticket|warning"'], "alpha-slack", "5m", ["alpha-business-hours"]],
      [['severity="info"'], "alpha-hook", "10m", undefined],
    ]);
  });

  test("outside production a team without a page route pages its ticket receiver", () => {
    const noPage = alphaFixture();
    delete noPage.routes.page;
    noPage.environments = { production: { routes: { page: "pd" } } };
    const cfg = generateAlertmanagerConfig({ environment: "local", teams: loaded(noPage, platformFixture()), services });
    expect(cfg.route.routes?.[3].routes?.[0]).toMatchObject({ matchers: ['severity=~"page|critical"'], receiver: "alpha-slack", group_wait: "30s" });
  });

  test("the inhibition rules: page over ticket per service and SLO, critical over warning/info, platform down over services, InfoInhibitor", () => {
    expect(production.inhibit_rules).toEqual([
      { source_matchers: ['severity="page"', 'slo=~".+"'], target_matchers: ['severity="ticket"'], equal: ["service", "slo"] },
      { source_matchers: ['severity="critical"'], target_matchers: ['severity=~"warning|info"'], equal: ["alertname", "namespace"] },
      { source_matchers: ['alertname=~"OtelCollectorDroppingData"', 'team="platform"'], target_matchers: ['service=~".+"', 'team!="platform"'] },
      { source_matchers: ['alertname="InfoInhibitor"'], target_matchers: ['severity="info"', 'chaos_experiment=""'], equal: ["namespace"] },
    ]);
  });

  test("extra inhibition rules are appended after the generated ones", () => {
    const extra = { source_matchers: ['alertname="ChaosExperimentWindow"'], target_matchers: ['alertname="SLOErrorBudgetBurn"'], equal: ["service"] };
    const cfg = generateAlertmanagerConfig({ environment: "staging", teams, services, extraInhibitRules: [extra] });
    expect(cfg.inhibit_rules).toHaveLength(5);
    expect(cfg.inhibit_rules[4]).toEqual(extra);
  });

  test("time intervals are prefixed with the team and carry the team's time zone", () => {
    expect(production.time_intervals).toEqual([
      { name: "alpha-business-hours", time_intervals: [{ weekdays: ["monday:friday"], times: [{ start_time: "09:00", end_time: "17:30" }], location: "Europe/Amsterdam" }] },
      {
        name: "alpha-maintenance",
        time_intervals: [{ weekdays: ["sunday"], months: ["january:december"], times: [{ start_time: "02:00", end_time: "04:00" }], location: "Europe/Amsterdam" }],
      },
      { name: "platform-office-hours", time_intervals: [{ weekdays: ["monday:friday"], times: [{ start_time: "09:00", end_time: "17:00" }], location: "Europe/Amsterdam" }] },
    ]);
  });

  test("receivers reference every secret through a *_file path under the secrets dir and hold no value", () => {
    const byName = Object.fromEntries(production.receivers.map((r) => [r.name, r]));
    expect(byName["alpha-pd"].pagerduty_configs?.[0]).toMatchObject({ routing_key_file: `${ALERTMANAGER_SECRETS_DIR}/alpha-pd`, severity: "critical", send_resolved: true });
    expect(byName["alpha-slack"].slack_configs?.[0]).toMatchObject({ api_url_file: `${ALERTMANAGER_SECRETS_DIR}/alpha-slack`, channel: "#alpha" });
    expect(byName["alpha-hook"].webhook_configs).toEqual([{ send_resolved: true, url: "http://inbox.example/alpha" }]);
    expect(byName["platform-heartbeat"].webhook_configs).toEqual([
      { send_resolved: true, url: "https://heartbeat.example/ping/am", http_config: { authorization: { type: "Bearer", credentials_file: "/etc/alertmanager/secrets/heartbeat-token" } } },
    ]);
    expect(byName["platform-mail"].email_configs).toEqual([
      { send_resolved: true, to: "platform@example.com", from: "am@example.com", smarthost: "smtp.example.com:587", require_tls: true, auth_username: "am", auth_password_file: "/etc/alertmanager/secrets/smtp-password" },
    ]);
    expect(byName["null"]).toEqual({ name: "null" });
  });

  test("only receivers the environment's tree uses are generated, so only their secrets are needed", () => {
    expect(production.receivers.map((r) => r.name)).toEqual(["alpha-hook", "alpha-pd", "alpha-slack", "platform-chaos", "platform-heartbeat", "platform-mail", "platform-pagerduty", "platform-slack", "platform-unowned", "null"]);
    expect(secretNamesOf(production)).toEqual(["alpha-pd", "alpha-slack", "heartbeat-token", "platform-pd", "platform-slack", "smtp-password"]);
    const staging = generateAlertmanagerConfig({ environment: "staging", teams, services });
    expect(secretNamesOf(staging)).toEqual(["alpha-slack", "heartbeat-token", "platform-pd", "platform-slack", "smtp-password"]);
  });

  test("experimentReceiver replaces the platform team's experiments route", () => {
    const cfg = generateAlertmanagerConfig({ environment: "staging", teams, services, experimentReceiver: "alpha-slack" });
    expect(cfg.route.routes?.[2]).toMatchObject({ matchers: ['chaos_experiment=~".+"'], receiver: "alpha-slack" });
    expect(cfg.receivers.map((r) => r.name)).not.toContain("platform-chaos");
  });

  test("invalid input throws before anything is generated", () => {
    expect(() => generateAlertmanagerConfig({ environment: "production", teams, services: FIXTURE_SERVICES })).toThrow(
      'stacks/services/checkout-api.ts: team: "payments" is not a declared team (declared in stacks/teams/: alpha, platform)',
    );
  });
});

describe("renderAlertmanagerConfig", () => {
  test("starts with the generated-file header naming the source, then the YAML", () => {
    const cfg = generateAlertmanagerConfig({ environment: "production", teams, services });
    const text = renderAlertmanagerConfig(cfg, "stacks/teams/*.ts (stack production)");
    expect(text.split("\n").slice(0, 3)).toEqual([
      "# Generated by sevensa-observability from stacks/teams/*.ts (stack production). Do not edit; change the source and regenerate.",
      "global:",
      "  resolve_timeout: 5m",
    ]);
  });
});
