import { defineTeam } from "../../routing/define-team";

/**
 * Platform: the observability platform itself. Owns platform alerts (severity
 * critical/warning/info), the Watchdog dead-man's switch, alerts nobody owns, and the
 * chaos-experiments channel.
 */
export default defineTeam({
  name: "platform",
  description: "The observability platform and the Kubernetes clusters it runs on.",
  timeZone: "Europe/Amsterdam",
  receivers: {
    pagerduty: { pagerduty: { routingKeySecret: "platform-pagerduty-routing-key" } },
    slack: { slack: { channel: "#platform-alerts", webhookUrlSecret: "platform-slack-webhook" } },
    "slack-staging": { slack: { channel: "#platform-alerts-staging", webhookUrlSecret: "platform-slack-webhook" } },
    webhook: { webhook: { url: "https://ops-inbox.sevensa.example/api/v1/teams/platform/alerts", bearerTokenSecret: "ops-inbox-token" } },
    // The heartbeat monitor opens a PagerDuty incident when the Watchdog stops arriving.
    "dead-mans-switch": {
      webhook: { url: "https://heartbeat.sevensa.example/api/v1/heartbeats/alertmanager-production", bearerTokenSecret: "heartbeat-token" },
    },
    "dead-mans-switch-staging": {
      webhook: { url: "https://heartbeat.sevensa.example/api/v1/heartbeats/alertmanager-staging", bearerTokenSecret: "heartbeat-token" },
    },
    "dead-mans-switch-local": {
      webhook: { url: "https://heartbeat.sevensa.example/api/v1/heartbeats/alertmanager-local", bearerTokenSecret: "heartbeat-token" },
    },
    unowned: { slack: { channel: "#alerts-unowned", webhookUrlSecret: "platform-slack-webhook" } },
    "chaos-experiments": { slack: { channel: "#chaos-experiments", webhookUrlSecret: "platform-slack-webhook" } },
  },
  routes: {
    page: "pagerduty",
    ticket: "slack",
    info: "webhook",
    deadMansSwitch: "dead-mans-switch",
    unowned: "unowned",
    experiments: "chaos-experiments",
  },
  environments: {
    staging: { routes: { page: "slack-staging", ticket: "slack-staging", deadMansSwitch: "dead-mans-switch-staging" } },
    local: { routes: { page: "slack-staging", ticket: "slack-staging", deadMansSwitch: "dead-mans-switch-local" } },
  },
  timeIntervals: {
    "business-hours": [{ weekdays: ["monday:friday"], times: [{ start: "08:00", end: "18:00" }] }],
    // Cluster upgrades: the first Tuesday of every month, 06:00-08:00.
    "cluster-upgrades": [{ weekdays: ["tuesday"], daysOfMonth: ["1:7"], times: [{ start: "06:00", end: "08:00" }] }],
  },
  timing: {
    ticket: { activeDuring: ["business-hours"], mutedDuring: ["cluster-upgrades"] },
    info: { activeDuring: ["business-hours"], mutedDuring: ["cluster-upgrades"] },
  },
  rotations: {
    primary: {
      layers: [
        {
          name: "weekly",
          start: "2026-01-05T09:00:00+01:00",
          turnLength: "1w",
          members: ["thijs.kok@sevensa.example", "fleur.dekker@sevensa.example", "bram.vos@sevensa.example", "isa.peters@sevensa.example"],
        },
      ],
    },
    secondary: {
      layers: [
        {
          name: "weekly",
          start: "2026-01-05T09:00:00+01:00",
          turnLength: "1w",
          members: ["bram.vos@sevensa.example", "isa.peters@sevensa.example", "thijs.kok@sevensa.example", "fleur.dekker@sevensa.example"],
        },
      ],
    },
  },
  escalation: {
    repeat: 2,
    levels: [
      { escalateAfterMinutes: 10, notify: [{ rotation: "primary" }] },
      { escalateAfterMinutes: 20, notify: [{ rotation: "secondary" }] },
      { escalateAfterMinutes: 30, notify: [{ person: "ruben.willems@sevensa.example" }] },
    ],
  },
});
