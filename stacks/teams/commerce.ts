import { defineTeam } from "../../routing/define-team";

/** Commerce: the storefront. Tickets wait for office hours. */
export default defineTeam({
  name: "commerce",
  description: "The customer-facing shop: storefront (PHP) and its product pages.",
  timeZone: "Europe/Amsterdam",
  receivers: {
    pagerduty: { pagerduty: { routingKeySecret: "commerce-pagerduty-routing-key" } },
    slack: { slack: { channel: "#commerce-alerts", webhookUrlSecret: "commerce-slack-webhook" } },
    "slack-staging": { slack: { channel: "#commerce-alerts-staging", webhookUrlSecret: "commerce-slack-webhook" } },
    webhook: { webhook: { url: "https://ops-inbox.sevensa.example/api/v1/teams/commerce/alerts", bearerTokenSecret: "ops-inbox-token" } },
  },
  routes: { page: "pagerduty", ticket: "slack", info: "webhook" },
  environments: {
    staging: { routes: { page: "slack-staging", ticket: "slack-staging" } },
    local: { routes: { page: "slack-staging", ticket: "slack-staging" } },
  },
  timeIntervals: {
    "business-hours": [{ weekdays: ["monday:friday"], times: [{ start: "09:00", end: "17:30" }] }],
    // Weekly catalogue import, during which the storefront serves stale prices by design.
    "catalogue-import": [{ weekdays: ["wednesday"], times: [{ start: "05:00", end: "06:00" }] }],
  },
  timing: {
    ticket: { activeDuring: ["business-hours"], mutedDuring: ["catalogue-import"] },
    info: { activeDuring: ["business-hours"] },
  },
  rotations: {
    primary: {
      layers: [
        {
          name: "weekly",
          start: "2026-01-05T09:00:00+01:00",
          turnLength: "1w",
          members: ["noah.smit@sevensa.example", "julia.meijer@sevensa.example", "finn.degroot@sevensa.example"],
        },
      ],
    },
  },
  escalation: {
    repeat: 1,
    levels: [
      { escalateAfterMinutes: 15, notify: [{ rotation: "primary" }] },
      { escalateAfterMinutes: 30, notify: [{ person: "sophie.bos@sevensa.example" }] },
    ],
  },
});
