import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { PagerDutyOnCall } from "../../components/pagerduty-oncall";
import { loadTeams } from "../../routing/load-teams";
import { alphaFixture, loaded, platformFixture } from "./support/teams";
import { valueOf } from "../support/mocks";

interface Recorded {
  type: string;
  name: string;
  inputs: Record<string, any>;
}

const resources: Recorded[] = [];
const calls: Array<{ token: string; inputs: Record<string, any> }> = [];

pulumi.runtime.setMocks(
  {
    newResource(args: pulumi.runtime.MockResourceArgs) {
      resources.push({ type: args.type, name: args.name, inputs: args.inputs });
      const state: Record<string, any> = { ...args.inputs };
      if (args.type === "pagerduty:index/serviceIntegration:ServiceIntegration") state.integrationKey = `key-of-${args.name}`;
      return { id: `${args.name}-id`, state };
    },
    call(args: pulumi.runtime.MockCallArgs) {
      calls.push({ token: args.token, inputs: args.inputs });
      return { id: `user-${String(args.inputs.email).split("@")[0]}`, email: args.inputs.email, name: "someone" };
    },
  },
  "sevensa-observability",
  "production",
  false,
);

const repoRoot = path.resolve(__dirname, "../..");

async function build(args: ConstructorParameters<typeof PagerDutyOnCall>[1]): Promise<PagerDutyOnCall> {
  resources.length = 0;
  calls.length = 0;
  const c = new PagerDutyOnCall("oncall", args);
  await valueOf(c.routingKeys);
  await new Promise((r) => setTimeout(r, 50));
  return c;
}

function named(type: string): string[] {
  return resources.filter((r) => r.type === type).map((r) => r.name).sort();
}

function one(type: string, name: string): Record<string, any> {
  const found = resources.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} ${name}; have ${named(type).join(", ")}`);
  return found[0].inputs;
}

describe("PagerDutyOnCall over the example teams", () => {
  let component: PagerDutyOnCall;
  beforeAll(async () => {
    component = await build({ teams: loadTeams(repoRoot), namePrefix: "Sevensa production", userIds: { "eva.mulder@sevensa.example": "PEVA001" } });
  });

  test("creates a schedule per rotation and a policy, service and Events API v2 integration per team, named from the component", () => {
    expect(named("sevensa:oncall:PagerDutyOnCall")).toEqual(["oncall"]);
    expect(named("pagerduty:index/schedule:Schedule")).toEqual([
      "oncall-commerce-primary",
      "oncall-payments-primary",
      "oncall-payments-secondary",
      "oncall-platform-primary",
      "oncall-platform-secondary",
      "oncall-pricing-primary",
    ]);
    expect(named("pagerduty:index/escalationPolicy:EscalationPolicy")).toEqual(["oncall-commerce", "oncall-payments", "oncall-platform", "oncall-pricing"]);
    expect(named("pagerduty:index/service:Service")).toEqual(["oncall-commerce", "oncall-payments", "oncall-platform", "oncall-pricing"]);
    expect(named("pagerduty:index/serviceIntegration:ServiceIntegration")).toEqual([
      "oncall-commerce-alertmanager",
      "oncall-payments-alertmanager",
      "oncall-platform-alertmanager",
      "oncall-pricing-alertmanager",
    ]);
    expect(resources).toHaveLength(1 + 6 + 4 + 4 + 4);
  });

  test("the escalation policy targets the team's schedules, then a person, and repeats", () => {
    expect(one("pagerduty:index/escalationPolicy:EscalationPolicy", "oncall-payments")).toEqual({
      name: "Sevensa production payments",
      description: "Escalation of payments pages. Generated from stacks/teams/payments.ts.",
      numLoops: 2,
      rules: [
        { escalationDelayInMinutes: 10, targets: [{ type: "schedule_reference", id: "oncall-payments-primary-id" }] },
        { escalationDelayInMinutes: 15, targets: [{ type: "schedule_reference", id: "oncall-payments-secondary-id" }] },
        { escalationDelayInMinutes: 30, targets: [{ type: "user_reference", id: "PEVA001" }] },
      ],
    });
  });

  test("schedule layers carry start, turn length in seconds, members in order and a daily restriction", () => {
    const pricing = one("pagerduty:index/schedule:Schedule", "oncall-pricing-primary");
    expect(pricing.timeZone).toBe("Europe/Amsterdam");
    expect(pricing.layers).toEqual([
      {
        name: "business-days",
        start: "2026-01-05T09:00:00+01:00",
        rotationVirtualStart: "2026-01-05T09:00:00+01:00",
        rotationTurnLengthSeconds: 604800,
        users: ["user-milan.vandijk", "user-emma.hendriks"],
      },
      {
        name: "follow-the-night",
        start: "2026-01-05T18:00:00+01:00",
        rotationVirtualStart: "2026-01-05T18:00:00+01:00",
        rotationTurnLengthSeconds: 86400,
        users: ["user-emma.hendriks", "user-milan.vandijk"],
        restrictions: [{ type: "daily_restriction", startTimeOfDay: "18:00:00", durationSeconds: 21600 }],
      },
    ]);
  });

  test("people are looked up by e-mail once each, except those given in userIds", () => {
    const looked = calls.map((c) => [c.token, c.inputs.email]);
    expect(looked.every(([token]) => token === "pagerduty:index/getUser:getUser")).toBe(true);
    const emails = looked.map(([, e]) => e as string);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails).not.toContain("eva.mulder@sevensa.example");
    expect(emails).toContain("ruben.willems@sevensa.example");
    expect(emails).toHaveLength(4 + 3 + 2 + 4 + 1 + 1 + 1); // members of payments, commerce, pricing, platform + three escalation people (eva known)
  });

  test("each service escalates through its policy, creates incidents from Events API v2 alerts and leaves resolving to Alertmanager", () => {
    expect(one("pagerduty:index/service:Service", "oncall-commerce")).toEqual({
      name: "Sevensa production commerce",
      description: "The customer-facing shop: storefront (PHP) and its product pages.",
      escalationPolicy: "oncall-commerce-id",
      alertCreation: "create_alerts_and_incidents",
      autoResolveTimeout: "null",
      acknowledgementTimeout: "1800",
    });
    expect(one("pagerduty:index/serviceIntegration:ServiceIntegration", "oncall-commerce-alertmanager")).toEqual({
      name: "Alertmanager (Events API v2)",
      service: "oncall-commerce-id",
      type: "events_api_v2_inbound_integration",
    });
  });

  test("the integration keys come out, as a secret, under the secret names the page receivers read", async () => {
    expect(await pulumi.isSecret(component.routingKeys)).toBe(true);
    expect(await valueOf(component.routingKeys)).toEqual({
      "commerce-pagerduty-routing-key": "key-of-oncall-commerce-alertmanager",
      "payments-pagerduty-routing-key": "key-of-oncall-payments-alertmanager",
      "platform-pagerduty-routing-key": "key-of-oncall-platform-alertmanager",
      "pricing-pagerduty-routing-key": "key-of-oncall-pricing-alertmanager",
    });
    expect(await valueOf(component.serviceIds)).toEqual({ commerce: "oncall-commerce-id", payments: "oncall-payments-id", platform: "oncall-platform-id", pricing: "oncall-pricing-id" });
  });
});

describe("PagerDutyOnCall arguments", () => {
  test("acknowledgementTimeoutMinutes null means never re-trigger (not the default)", async () => {
    await build({ teams: loaded(alphaFixture()), acknowledgementTimeoutMinutes: null });
    expect(one("pagerduty:index/service:Service", "oncall-alpha").acknowledgementTimeout).toBe("null");
    expect(one("pagerduty:index/service:Service", "oncall-alpha").name).toBe("Sevensa alpha");
  });

  test("no teams is refused", () => {
    expect(() => new PagerDutyOnCall("x", { teams: [] })).toThrow("PagerDutyOnCall x: args.teams is empty; pass the loaded teams");
  });

  test("an invalid team is refused with the validation message naming its file", () => {
    const alpha = alphaFixture();
    alpha.escalation.levels[0].notify = [{ rotation: "night" }];
    expect(() => new PagerDutyOnCall("x", { teams: loaded(alpha) })).toThrow(
      'PagerDutyOnCall x: invalid teams:\nstacks/teams/alpha.ts: escalation.levels[0].notify: rotation "night" is not declared in rotations (declared: primary)',
    );
  });

  test("two teams sharing a routing-key secret are refused", () => {
    const platform = platformFixture();
    platform.receivers.pagerduty = { pagerduty: { routingKeySecret: "alpha-pd" } };
    expect(() => new PagerDutyOnCall("x", { teams: loaded(alphaFixture(), platform) })).toThrow(
      'PagerDutyOnCall x: stacks/teams/platform.ts: routing-key secret "alpha-pd" is also used by team alpha; each team\'s service has its own key',
    );
  });
});
