import { defineTeam } from "../../routing/define-team";

/** Payments: checkout and payment processing. Critical tier, so tickets are not held back to office hours. */
export default defineTeam({
  name: "payments",
  description: "Checkout and payment processing: checkout-api and its Stripe integration.",
  timeZone: "Europe/Amsterdam",
  receivers: {
    pagerduty: { pagerduty: { routingKeySecret: "payments-pagerduty-routing-key" } },
    slack: { slack: { channel: "#payments-alerts", webhookUrlSecret: "payments-slack-webhook" } },
    "slack-staging": { slack: { channel: "#payments-alerts-staging", webhookUrlSecret: "payments-slack-webhook" } },
    email: {
      email: {
        to: "payments-team@sevensa.example",
        from: "alertmanager@sevensa.example",
        smarthost: "smtp.sevensa.example:587",
        authUsername: "alertmanager@sevensa.example",
        authPasswordSecret: "smtp-password",
      },
    },
  },
  routes: { page: "pagerduty", ticket: "slack", info: "email" },
  environments: {
    staging: { routes: { page: "slack-staging", ticket: "slack-staging" } },
    local: { routes: { page: "slack-staging", ticket: "slack-staging" } },
  },
  timeIntervals: {
    "business-hours": [{ weekdays: ["monday:friday"], times: [{ start: "08:30", end: "18:00" }] }],
    // Stripe's announced maintenance window for the EU region: Sundays 02:00-04:00.
    "stripe-maintenance": [{ weekdays: ["sunday"], times: [{ start: "02:00", end: "04:00" }] }],
  },
  timing: {
    ticket: { mutedDuring: ["stripe-maintenance"] },
    info: { activeDuring: ["business-hours"] },
  },
  rotations: {
    primary: {
      layers: [
        {
          name: "weekly",
          start: "2026-01-05T09:00:00+01:00",
          turnLength: "1w",
          members: ["anouk.devries@sevensa.example", "daan.bakker@sevensa.example", "sem.jansen@sevensa.example", "lotte.visser@sevensa.example"],
        },
      ],
    },
    secondary: {
      layers: [
        {
          name: "weekly",
          start: "2026-01-05T09:00:00+01:00",
          turnLength: "1w",
          members: ["sem.jansen@sevensa.example", "lotte.visser@sevensa.example", "anouk.devries@sevensa.example", "daan.bakker@sevensa.example"],
        },
      ],
    },
  },
  escalation: {
    repeat: 2,
    levels: [
      { escalateAfterMinutes: 10, notify: [{ rotation: "primary" }] },
      { escalateAfterMinutes: 15, notify: [{ rotation: "secondary" }] },
      { escalateAfterMinutes: 30, notify: [{ person: "eva.mulder@sevensa.example" }] },
    ],
  },
});
