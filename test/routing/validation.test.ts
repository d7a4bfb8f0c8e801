import type { CataloguedService } from "../../catalogue/types";
import { generateAlertmanagerConfig } from "../../routing/alertmanager-config";
import type { LoadedTeam, TeamDeclaration } from "../../routing/team-types";
import { RoutingValidationError, routingProblems } from "../../routing/validate-routing";
import { fixtureService } from "./support/services";
import { alphaFixture, loaded, platformFixture } from "./support/teams";

interface Case {
  name: string;
  /** Changes one thing in the compliant input. */
  change: (input: { alpha: TeamDeclaration; platform: TeamDeclaration; services: CataloguedService[]; extra: LoadedTeam[] }) => void;
  experimentReceiver?: string;
  message: string;
}

const A = "stacks/teams/alpha.ts";
const P = "stacks/teams/platform.ts";

const cases: Case[] = [
  {
    name: "a route to a receiver that does not exist",
    change: ({ alpha }) => (alpha.routes.ticket = "slak"),
    message: `${A}: routes.ticket: receiver "slak" is not declared in receivers (declared: hook, pd, slack)`,
  },
  {
    name: "an environment's route to a receiver that does not exist",
    change: ({ alpha }) => (alpha.environments = { staging: { routes: { page: "pagerduty" } } }),
    message: `${A}: environments.staging.routes.page: receiver "pagerduty" is not declared in receivers (declared: hook, pd, slack)`,
  },
  {
    name: "a team without a page receiver in production",
    change: ({ alpha }) => delete alpha.routes.page,
    message: `${A}: routes.page: is required in production: every team needs a page receiver (PagerDuty) there`,
  },
  {
    name: "a service whose team is not declared",
    change: ({ services }) => services.push(fixtureService("beta-api", "beta")),
    message: 'stacks/services/beta-api.ts: team: "beta" is not a declared team (declared in stacks/teams/: alpha, platform)',
  },
  {
    name: "a maintenance window that would mute pages",
    change: ({ alpha }) => (alpha.timing = { page: { mutedDuring: ["maintenance"] } }),
    message: `${A}: timing.page.mutedDuring: maintenance would mute pages; pages reach on-call at any hour, so limit tickets or info instead, or lower the alert to a ticket`,
  },
  {
    name: "business hours that would mute pages at night",
    change: ({ alpha }) => (alpha.timing = { page: { activeDuring: ["business-hours"] } }),
    message: `${A}: timing.page.activeDuring: business-hours would mute pages; pages reach on-call at any hour, so limit tickets or info instead, or lower the alert to a ticket`,
  },
  {
    name: "a time interval that is not declared",
    change: ({ alpha }) => (alpha.timing = { ticket: { activeDuring: ["office-hours"] } }),
    message: `${A}: timing.ticket.activeDuring: time interval "office-hours" is not declared in timeIntervals (declared: business-hours, maintenance)`,
  },
  {
    name: "a time interval whose start is not before its end",
    change: ({ alpha }) => (alpha.timeIntervals = { "business-hours": [{ times: [{ start: "17:30", end: "09:00" }] }], maintenance: [{ weekdays: ["sunday"] }] }),
    message: `${A}: timeIntervals.business-hours[0].times[0]: start 17:30 is not before end 09:00`,
  },
  {
    name: "a misspelt weekday",
    change: ({ alpha }) => (alpha.timeIntervals = { "business-hours": [{ weekdays: ["monday:fryday"] }], maintenance: [{ weekdays: ["sunday"] }] }),
    message: `${A}: timeIntervals.business-hours[0].weekdays: "monday:fryday" is not a weekday or range like monday:friday`,
  },
  {
    name: "an unknown time zone",
    change: ({ alpha }) => (alpha.timeZone = "Europe/Amsterdm"),
    message: `${A}: timeZone: "Europe/Amsterdm" is not an IANA time zone like Europe/Amsterdam`,
  },
  {
    name: "a secret name that cannot be a file name",
    change: ({ alpha }) => (alpha.receivers.pd = { pagerduty: { routingKeySecret: "Alpha PD key" } }),
    message: `${A}: receivers.pd.pagerduty.routingKeySecret: "Alpha PD key" is not a valid secret name (a DNS-1123 label: lower-case letters, digits and '-')`,
  },
  {
    name: "a webhook URL with a token in its query string",
    change: ({ alpha }) => (alpha.receivers.hook = { webhook: { url: "https://inbox.example/alpha?token=s3cr3t" } }),
    message: `${A}: receivers.hook.webhook.url: carries credentials or a query string, which would be written into the configuration (Alertmanager 0.25 has no url_file); put the secret in bearerTokenSecret`,
  },
  {
    name: "a receiver without an integration",
    change: ({ alpha }) => (alpha.receivers.hook = {}),
    message: `${A}: receivers.hook: declares no integration; set pagerduty, slack, webhook or email`,
  },
  {
    name: "an e-mail password without a user name",
    change: ({ alpha }) => (alpha.receivers.hook = { email: { to: "a@example.com", from: "b@example.com", smarthost: "smtp.example.com:25", authPasswordSecret: "smtp" } }),
    message: `${A}: receivers.hook.email: authUsername and authPasswordSecret must be set together`,
  },
  {
    name: "a platform team without a dead-man's switch",
    change: ({ platform }) => delete platform.routes.deadMansSwitch,
    message: `${P}: routes.deadMansSwitch: is required for the platform team: it receives the always-firing Watchdog alert (a dead-man's switch)`,
  },
  {
    name: "a product team claiming unowned alerts",
    change: ({ alpha }) => (alpha.routes.unowned = "slack"),
    message: `${A}: routes.unowned: only the platform team ("platform") receives alerts no declared team owns (the visible catch-all)`,
  },
  {
    name: "a team name that does not match its file",
    change: ({ extra }) => extra.push({ file: "stacks/teams/gamma.ts", declaration: { ...alphaFixture(), name: "delta" } }),
    message: 'stacks/teams/gamma.ts: name: "delta" does not match the file name; rename the file to delta.ts',
  },
  {
    name: "two files declaring the same team",
    change: ({ extra }) => extra.push({ file: "stacks/teams/more/alpha.ts", declaration: alphaFixture() }),
    message: 'stacks/teams/more/alpha.ts: name: team "alpha" is already declared in stacks/teams/alpha.ts',
  },
  {
    name: "an escalation level naming an undeclared rotation",
    change: ({ alpha }) => (alpha.escalation = { levels: [{ escalateAfterMinutes: 15, notify: [{ rotation: "secondary" }] }] }),
    message: `${A}: escalation.levels[0].notify: rotation "secondary" is not declared in rotations (declared: primary)`,
  },
  {
    name: "an escalation that repeats more often than PagerDuty allows",
    change: ({ alpha }) => (alpha.escalation.repeat = 10),
    message: `${A}: escalation.repeat: 10 is not a whole number from 0 to 9`,
  },
  {
    name: "a rotation turn length in minutes",
    change: ({ alpha }) => (alpha.rotations.primary.layers[0].turnLength = "30m"),
    message: `${A}: rotations.primary.layers[0].turnLength: "30m" is not a turn length like 1w, 2d or 12h`,
  },
  {
    name: "a rotation start without an offset",
    change: ({ alpha }) => (alpha.rotations.primary.layers[0].start = "2026-01-05T09:00:00"),
    message: `${A}: rotations.primary.layers[0].start: "2026-01-05T09:00:00" is not an ISO 8601 time with offset like 2026-01-05T09:00:00+01:00`,
  },
  {
    name: "an override for an environment that does not exist",
    change: ({ alpha }) => (alpha.environments = { prod: {} } as TeamDeclaration["environments"]),
    message: `${A}: environments.prod: "prod" is not an environment (local, staging, production)`,
  },
  {
    name: "no platform team at all",
    change: ({ extra, platform }) => {
      platform.name = "ops";
      delete platform.routes.deadMansSwitch;
      delete platform.routes.unowned;
      delete platform.routes.experiments;
      extra.push({ file: "stacks/teams/ops.ts", declaration: platform });
    },
    message: 'stacks/teams: no team named "platform"; it owns platform alerts, the Watchdog, unowned alerts and chaos experiments',
  },
  {
    name: "an experiment receiver no team declares",
    change: () => undefined,
    experimentReceiver: "platform-chaos-staging",
    message:
      'experimentReceiver: receiver "platform-chaos-staging" is not declared by any team (declared: alpha-hook, alpha-pd, alpha-slack, platform-chaos, platform-heartbeat, platform-mail, platform-pagerduty, platform-slack, platform-unowned)',
  },
];

describe("routing validation", () => {
  test("the compliant fixture has no problem", () => {
    expect(routingProblems({ environment: "production", teams: loaded(alphaFixture(), platformFixture()), services: [fixtureService("alpha-api", "alpha")] })).toEqual([]);
  });

  test.each(cases)("$name", ({ change, experimentReceiver, message }) => {
    const alpha = alphaFixture();
    const platform = platformFixture();
    const services = [fixtureService("alpha-api", "alpha")];
    const extra: LoadedTeam[] = [];
    change({ alpha, platform, services, extra });
    const teams = [...loaded(alpha), ...(platform.name === "platform" ? loaded(platform) : []), ...extra];
    const input = { environment: "staging" as const, teams, services, ...(experimentReceiver === undefined ? {} : { experimentReceiver }) };
    let thrown: unknown;
    try {
      generateAlertmanagerConfig(input);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RoutingValidationError);
    expect((thrown as RoutingValidationError).message).toBe(message);
  });

  test("every problem is reported at once, one line each", () => {
    const alpha = alphaFixture();
    alpha.routes.info = "mail";
    alpha.timeZone = "CET-ish";
    expect(routingProblems({ environment: "production", teams: loaded(alpha, platformFixture()), services: [fixtureService("x", "nobody")] })).toEqual([
      `${A}: timeZone: "CET-ish" is not an IANA time zone like Europe/Amsterdam`,
      `${A}: routes.info: receiver "mail" is not declared in receivers (declared: hook, pd, slack)`,
      'stacks/services/x.ts: team: "nobody" is not a declared team (declared in stacks/teams/: alpha, platform)',
    ]);
  });
});
