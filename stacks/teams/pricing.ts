import { defineTeam } from "../../routing/define-team";

/** Pricing: the pricing engine. Tickets wait for office hours; the nightly reindex is muted. */
export default defineTeam({
  name: "pricing",
  description: "Price calculation: pricing-engine (Python) and its PostgreSQL database.",
  timeZone: "Europe/Amsterdam",
  receivers: {
    pagerduty: { pagerduty: { routingKeySecret: "pricing-pagerduty-routing-key" } },
    slack: { slack: { channel: "#pricing-alerts", webhookUrlSecret: "pricing-slack-webhook" } },
    "slack-staging": { slack: { channel: "#pricing-alerts-staging", webhookUrlSecret: "pricing-slack-webhook" } },
    email: { email: { to: "pricing-team@sevensa.example", from: "alertmanager@sevensa.example", smarthost: "smtp.sevensa.example:587", authUsername: "alertmanager@sevensa.example", authPasswordSecret: "smtp-password" } },
  },
  routes: { page: "pagerduty", ticket: "slack", info: "email" },
  environments: {
    staging: { routes: { page: "slack-staging", ticket: "slack-staging" } },
    local: { routes: { page: "slack-staging", ticket: "slack-staging" } },
  },
  timeIntervals: {
    "business-hours": [{ weekdays: ["monday:friday"], times: [{ start: "09:00", end: "17:00" }] }],
    // Nightly reindex of the price tables: latency tickets during it are expected.
    "nightly-reindex": [{ times: [{ start: "02:00", end: "03:00" }] }],
  },
  timing: {
    ticket: { activeDuring: ["business-hours"], mutedDuring: ["nightly-reindex"] },
    info: { activeDuring: ["business-hours"], mutedDuring: ["nightly-reindex"] },
  },
  rotations: {
    primary: {
      layers: [
        {
          name: "business-days",
          start: "2026-01-05T09:00:00+01:00",
          turnLength: "1w",
          members: ["milan.vandijk@sevensa.example", "emma.hendriks@sevensa.example"],
        },
        {
          // Two-person team: nights and weekends rotate daily so nobody carries a whole week alone.
          name: "follow-the-night",
          start: "2026-01-05T18:00:00+01:00",
          turnLength: "1d",
          members: ["emma.hendriks@sevensa.example", "milan.vandijk@sevensa.example"],
          dailyRestriction: { start: "18:00", end: "24:00" },
        },
      ],
    },
  },
  escalation: {
    repeat: 2,
    levels: [
      { escalateAfterMinutes: 15, notify: [{ rotation: "primary" }] },
      { escalateAfterMinutes: 30, notify: [{ person: "lucas.vanleeuwen@sevensa.example" }] },
    ],
  },
});
