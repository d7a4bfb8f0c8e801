import type { LoadedTeam, TeamDeclaration } from "../../../routing/team-types";

/** A compliant platform team with every integration kind; tests change one field at a time. */
export function platformFixture(): TeamDeclaration {
  return {
    name: "platform",
    description: "The platform.",
    timeZone: "Europe/Amsterdam",
    receivers: {
      pagerduty: { pagerduty: { routingKeySecret: "platform-pd" } },
      slack: { slack: { channel: "#platform", webhookUrlSecret: "platform-slack" } },
      heartbeat: { webhook: { url: "https://heartbeat.example/ping/am", bearerTokenSecret: "heartbeat-token" } },
      unowned: { slack: { channel: "#unowned", webhookUrlSecret: "platform-slack" } },
      chaos: { slack: { channel: "#chaos", webhookUrlSecret: "platform-slack" } },
      mail: { email: { to: "platform@example.com", from: "am@example.com", smarthost: "smtp.example.com:587", authUsername: "am", authPasswordSecret: "smtp-password" } },
    },
    routes: { page: "pagerduty", ticket: "slack", info: "mail", deadMansSwitch: "heartbeat", unowned: "unowned", experiments: "chaos" },
    timeIntervals: { "office-hours": [{ weekdays: ["monday:friday"], times: [{ start: "09:00", end: "17:00" }] }] },
    timing: { ticket: { activeDuring: ["office-hours"] } },
    rotations: { primary: { layers: [{ name: "weekly", start: "2026-01-05T09:00:00+01:00", turnLength: "1w", members: ["a@example.com", "b@example.com"] }] } },
    escalation: { repeat: 1, levels: [{ escalateAfterMinutes: 10, notify: [{ rotation: "primary" }] }, { escalateAfterMinutes: 20, notify: [{ person: "lead@example.com" }] }] },
  };
}

/** A compliant product team "alpha": PagerDuty pages, Slack tickets, webhook info, a maintenance window. */
export function alphaFixture(): TeamDeclaration {
  return {
    name: "alpha",
    description: "Team alpha.",
    timeZone: "Europe/Amsterdam",
    receivers: {
      pd: { pagerduty: { routingKeySecret: "alpha-pd" } },
      slack: { slack: { channel: "#alpha", webhookUrlSecret: "alpha-slack" } },
      hook: { webhook: { url: "http://inbox.example/alpha" } },
    },
    routes: { page: "pd", ticket: "slack", info: "hook" },
    environments: { staging: { routes: { page: "slack" } } },
    timeIntervals: {
      "business-hours": [{ weekdays: ["monday:friday"], times: [{ start: "09:00", end: "17:30" }] }],
      maintenance: [{ weekdays: ["sunday"], times: [{ start: "02:00", end: "04:00" }], months: ["january:december"] }],
    },
    timing: { ticket: { activeDuring: ["business-hours"], mutedDuring: ["maintenance"] }, info: { mutedDuring: ["maintenance"] } },
    rotations: { primary: { layers: [{ name: "weekly", start: "2026-01-05T09:00:00+01:00", turnLength: "1w", members: ["c@example.com"] }] } },
    escalation: { levels: [{ escalateAfterMinutes: 15, notify: [{ rotation: "primary" }] }] },
  };
}

/** Wraps declarations as loaded files `stacks/teams/<name>.ts`. */
export function loaded(...teams: TeamDeclaration[]): LoadedTeam[] {
  return teams.map((declaration) => ({ file: `stacks/teams/${declaration.name}.ts`, declaration }));
}
