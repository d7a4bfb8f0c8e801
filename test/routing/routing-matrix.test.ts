import * as path from "path";
import type { EnvironmentName } from "../../catalogue/types";
import { generatePlatformRules, generateServiceRules, isAlertingRule } from "../../alert-rules";
import type { RuleFile } from "../../alert-rules";
import { generateAlertmanagerConfig } from "../../routing/alertmanager-config";
import { INFO_INHIBITOR_ALERT, PLATFORM_DOWN_ALERTS } from "../../routing/inhibition";
import { WATCHDOG_ALERT } from "../../routing/routing-tree";
import { loadTeams } from "../../routing/load-teams";
import { renderAlertmanagerConfig } from "../../routing/render-alertmanager";
import { routesTest, writeTemp } from "./support/amtool";
import { exampleCatalogue } from "./support/catalogue";
import { generateResilienceRules, resolveResiliencePolicies, RESILIENCE_ALERTS } from "../../resilience";

/**
 * The routing matrix, asked of the real `amtool config routes test` on the generated
 * config of each stack: every (team, severity) pair of the example catalogue, platform
 * alerts, and the special routes. Expected receivers are written out by hand from the
 * team files, not computed by the code under test.
 */
const repoRoot = path.resolve(__dirname, "../..");
const teams = loadTeams(repoRoot);
const services = exampleCatalogue();

type Expected = Record<string, { page: string; ticket: string; info: string }>;

const EXPECTED: Record<EnvironmentName, { teams: Expected; deadMansSwitch: string }> = {
  production: {
    teams: {
      commerce: { page: "commerce-pagerduty", ticket: "commerce-slack", info: "commerce-webhook" },
      payments: { page: "payments-pagerduty", ticket: "payments-slack", info: "payments-email" },
      pricing: { page: "pricing-pagerduty", ticket: "pricing-slack", info: "pricing-email" },
      platform: { page: "platform-pagerduty", ticket: "platform-slack", info: "platform-webhook" },
    },
    deadMansSwitch: "platform-dead-mans-switch",
  },
  staging: {
    teams: {
      commerce: { page: "commerce-slack-staging", ticket: "commerce-slack-staging", info: "commerce-webhook" },
      payments: { page: "payments-slack-staging", ticket: "payments-slack-staging", info: "payments-email" },
      pricing: { page: "pricing-slack-staging", ticket: "pricing-slack-staging", info: "pricing-email" },
      platform: { page: "platform-slack-staging", ticket: "platform-slack-staging", info: "platform-webhook" },
    },
    deadMansSwitch: "platform-dead-mans-switch-staging",
  },
  local: {
    teams: {
      commerce: { page: "commerce-slack-staging", ticket: "commerce-slack-staging", info: "commerce-webhook" },
      payments: { page: "payments-slack-staging", ticket: "payments-slack-staging", info: "payments-email" },
      pricing: { page: "pricing-slack-staging", ticket: "pricing-slack-staging", info: "pricing-email" },
      platform: { page: "platform-slack-staging", ticket: "platform-slack-staging", info: "platform-webhook" },
    },
    deadMansSwitch: "platform-dead-mans-switch-local",
  },
};

describe.each(["production", "staging", "local"] as const)("routing matrix of stack %s", (environment) => {
  const file = writeTemp(renderAlertmanagerConfig(generateAlertmanagerConfig({ environment, teams, services }), `routing matrix (${environment})`));
  const expected = EXPECTED[environment];

  const serviceAlerts = services.flatMap(({ declaration: s }) =>
    (["page", "ticket", "info"] as const).map((severity) => ({ team: s.team, service: s.name, namespace: s.namespace, severity })),
  );
  test.each(serviceAlerts)("SLO alert of $service (team $team) with severity $severity", ({ team, service, namespace, severity }) => {
    const labels = { alertname: "SLOErrorBudgetBurn", team, service, namespace, slo: "availability", severity };
    expect(routesTest(file, labels)).toBe(expected.teams[team][severity]);
  });

  test("the catalogue's services cover every product team", () => {
    expect([...new Set(serviceAlerts.map((a) => a.team))].sort()).toEqual(["commerce", "payments", "pricing"]);
  });

  const platformAlerts = [
    { severity: "critical", cls: "page" },
    { severity: "warning", cls: "ticket" },
    { severity: "info", cls: "info" },
    { severity: "page", cls: "page" },
    { severity: "ticket", cls: "ticket" },
  ] as const;
  test.each(platformAlerts)("platform alert with severity $severity goes to the platform $cls receiver", ({ severity, cls }) => {
    expect(routesTest(file, { alertname: "PrometheusRuleFailures", team: "platform", namespace: "observability", severity })).toBe(expected.teams.platform[cls]);
  });

  test("a product team's alert with an unknown severity stops at the team, on its ticket receiver", () => {
    expect(routesTest(file, { alertname: "Custom", team: "pricing", service: "pricing-engine", severity: "urgent" })).toBe(expected.teams.pricing.ticket);
  });

  test("an alert without a team label goes to the visible unowned catch-all", () => {
    expect(routesTest(file, { alertname: "KubePodCrashLooping", namespace: "shop", severity: "warning" })).toBe("platform-unowned");
  });

  test("an alert naming an undeclared team is unowned too", () => {
    expect(routesTest(file, { alertname: "SLOErrorBudgetBurn", team: "marketing", service: "newsletter", severity: "page" })).toBe("platform-unowned");
  });

  test("the Watchdog goes to the dead-man's switch", () => {
    expect(routesTest(file, { alertname: "Watchdog", team: "platform", severity: "none" })).toBe(expected.deadMansSwitch);
  });

  test("the InfoInhibitor goes to the null receiver", () => {
    expect(routesTest(file, { alertname: "InfoInhibitor", team: "platform", namespace: "shop", severity: "none" })).toBe("null");
  });

  test("a page raised by a chaos experiment goes to the experiments channel and pages nobody", () => {
    const labels = { alertname: "SLOErrorBudgetBurn", team: "payments", service: "checkout-api", slo: "availability", severity: "page", chaos_experiment: "checkout-api-pod-kill" };
    expect(routesTest(file, labels)).toBe("platform-chaos-experiments");
  });
});

/** The label sets of every alert the rule generators emit for a stack (service SLOs, platform, resilience), unique. */
function generatedAlertLabels(environment: EnvironmentName): Array<Record<string, string>> {
  const files: RuleFile[] = [
    ...services.map((s) => generateServiceRules(s, environment)),
    generatePlatformRules(),
    ...services.map((s) => generateResilienceRules(s, resolveResiliencePolicies(s, services, environment))),
  ];
  const labelSets = files.flatMap((f) => f.groups.flatMap((g) => g.rules.filter(isAlertingRule).map((r) => ({ alertname: r.alert, ...r.labels }))));
  return [...new Map(labelSets.map((l) => [JSON.stringify(l), l])).values()];
}

/** Resilience alerts of the example catalogue per stack (one label set each). */
const RESILIENCE_ALERT_COUNT: Record<EnvironmentName, number> = { production: 16, staging: 16, local: 14 };

const CLASS: Record<string, "page" | "ticket" | "info"> = { page: "page", critical: "page", ticket: "ticket", warning: "ticket", info: "info" };

describe.each(["production", "staging", "local"] as const)("every alert the rule generators emit for stack %s", (environment) => {
  const file = writeTemp(renderAlertmanagerConfig(generateAlertmanagerConfig({ environment, teams, services }), `generated alerts (${environment})`));
  const alerts = generatedAlertLabels(environment);

  test("includes the SLO alerts of every service, the platform alerts and the resilience alerts", () => {
    const names = new Set(alerts.map((a) => a.alertname));
    expect(names).toContain("SLOErrorBudgetBurn");
    expect(names).toContain(WATCHDOG_ALERT);
    expect(names).toContain(INFO_INHIBITOR_ALERT);
    for (const name of PLATFORM_DOWN_ALERTS) expect(names).toContain(name);
    for (const name of Object.values(RESILIENCE_ALERTS)) expect(names).toContain(name);
    expect(alerts.filter((a) => a.team === "platform")).toHaveLength(14);
    // Per (service, dependency) the alerts its resolved policy calls for; locally pricing-engine → postgres
    // and storefront → pricing-engine have no circuit breaker.
    const resilience = alerts.filter((a) => a.alertname.startsWith("Resilience"));
    expect(resilience).toHaveLength(RESILIENCE_ALERT_COUNT[environment]);
    expect(resilience.filter((a) => a.severity === "page").map((a) => `${a.alertname} ${a.service} → ${a.dependency}`)).toEqual([
      "ResilienceCircuitBreakerOpen checkout-api → pricing-engine",
      "ResilienceCircuitBreakerOpen checkout-api → stripe",
    ]);
    expect(alerts.filter((a) => a.alertname === "SLOErrorBudgetBurn").map((a) => a.service).sort()).toEqual(
      services.flatMap((s) => s.declaration.slos.flatMap(() => [s.declaration.name, s.declaration.name])).sort(),
    );
  });

  test.each(alerts.map((labels) => ({ labels, title: `${labels.alertname} ${labels.service ?? ""} ${labels.slo ?? labels.dependency ?? ""} ${labels.severity}` })))(
    "$title reaches its team's receiver for its severity",
    ({ labels }) => {
      const expected =
        labels.alertname === WATCHDOG_ALERT
          ? EXPECTED[environment].deadMansSwitch
          : labels.alertname === INFO_INHIBITOR_ALERT
            ? "null"
            : EXPECTED[environment].teams[labels.team][CLASS[labels.severity]];
      expect(routesTest(file, labels)).toBe(expected);
    },
  );
});
