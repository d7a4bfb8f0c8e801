import * as pagerduty from "@pulumi/pagerduty";
import * as pulumi from "@pulumi/pulumi";
import { pagerDutyKeySecrets } from "../routing/secrets";
import type { LoadedTeam, RotationLayer, TeamDeclaration } from "../routing/team-types";
import { turnLengthSeconds, validateTeam } from "../routing/validate-teams";

/** Arguments of the PagerDuty on-call component. */
export interface PagerDutyOnCallArgs {
  /** The teams to provision, as `loadTeams` returns them (validated again here). @default - none (at least one) */
  teams: LoadedTeam[];
  /** Prefix of every PagerDuty object's display name, e.g. "Sevensa production". @default "Sevensa" */
  namePrefix?: string;
  /**
   * PagerDuty user IDs by e-mail. People not listed are looked up with `pagerduty.getUser`
   * by their e-mail (they must exist in PagerDuty, e.g. provisioned through SSO).
   * @default {}
   */
  userIds?: Record<string, string>;
  /** Minutes after which an acknowledged incident re-triggers; `null` never. @default 30 */
  acknowledgementTimeoutMinutes?: number | null;
}

/** PagerDuty string values (the provider's wire values, not the camel-cased doc spelling). */
const EVENTS_API_V2 = "events_api_v2_inbound_integration";
const CREATE_ALERTS_AND_INCIDENTS = "create_alerts_and_incidents";

function seconds(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 3600 + m * 60;
}

/**
 * A team's on-call in PagerDuty: one schedule per rotation (its layers as schedule
 * layers), the escalation policy (levels pointing at those schedules or at people,
 * repeated `repeat` times), a service and its Events API v2 integration. The
 * integration keys come out as `routingKeys`, by the secret name the team's PagerDuty
 * receivers read (`routingKeySecret`), so they can feed the Alertmanager receiver Secret.
 * Optional: without it, routing works with keys given in stack secret config.
 */
export class PagerDutyOnCall extends pulumi.ComponentResource {
  /** Integration key of each team's service, by routing-key secret name. Secret. */
  public readonly routingKeys: pulumi.Output<Record<string, string>>;
  /** PagerDuty service ID by team name. */
  public readonly serviceIds: pulumi.Output<Record<string, string>>;
  /** PagerDuty escalation policy ID by team name. */
  public readonly escalationPolicyIds: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: PagerDutyOnCallArgs, opts?: pulumi.ComponentResourceOptions) {
    super("sevensa:oncall:PagerDutyOnCall", name, {}, opts);
    const namePrefix = args.namePrefix ?? "Sevensa";
    const knownIds = args.userIds ?? {};
    // `null` is a deliberate value (never re-trigger), so only `undefined` takes the default.
    const ackMinutes = args.acknowledgementTimeoutMinutes === undefined ? 30 : args.acknowledgementTimeoutMinutes;
    if (args.teams.length === 0) throw new Error(`PagerDutyOnCall ${name}: args.teams is empty; pass the loaded teams`);
    const problems = args.teams.flatMap(validateTeam);
    if (problems.length > 0) throw new Error(`PagerDutyOnCall ${name}: invalid teams:\n${problems.join("\n")}`);
    const owner = new Map<string, string>();
    for (const { file, declaration } of args.teams) {
      for (const secret of pagerDutyKeySecrets(declaration)) {
        const other = owner.get(secret);
        if (other !== undefined) throw new Error(`PagerDutyOnCall ${name}: ${file}: routing-key secret "${secret}" is also used by team ${other}; each team's service has its own key`);
        owner.set(secret, declaration.name);
      }
    }
    const parent = { parent: this };

    const users = new Map<string, pulumi.Input<string>>();
    const userId = (email: string): pulumi.Input<string> => {
      let id = users.get(email) ?? knownIds[email];
      if (id === undefined) id = pagerduty.getUserOutput({ email }, parent).id;
      users.set(email, id);
      return id;
    };

    const routingKeys: Record<string, pulumi.Output<string>> = {};
    const serviceIds: Record<string, pulumi.Output<string>> = {};
    const policyIds: Record<string, pulumi.Output<string>> = {};
    for (const { declaration: team } of args.teams) {
      const schedules = this.schedules(name, namePrefix, team, userId);
      const policy = new pagerduty.EscalationPolicy(`${name}-${team.name}`, {
        name: `${namePrefix} ${team.name}`,
        description: `Escalation of ${team.name} pages. Generated from stacks/teams/${team.name}.ts.`,
        numLoops: team.escalation.repeat ?? 0,
        rules: team.escalation.levels.map((level) => ({
          escalationDelayInMinutes: level.escalateAfterMinutes,
          targets: level.notify.map((t) =>
            "rotation" in t ? { type: "schedule_reference", id: schedules[t.rotation].id } : { type: "user_reference", id: userId(t.person) },
          ),
        })),
      }, parent);
      const service = new pagerduty.Service(`${name}-${team.name}`, {
        name: `${namePrefix} ${team.name}`,
        description: team.description,
        escalationPolicy: policy.id,
        alertCreation: CREATE_ALERTS_AND_INCIDENTS,
        // Alertmanager sends resolutions itself; PagerDuty must not resolve on its own.
        autoResolveTimeout: "null",
        acknowledgementTimeout: ackMinutes === null ? "null" : String(ackMinutes * 60),
      }, parent);
      const integration = new pagerduty.ServiceIntegration(`${name}-${team.name}-alertmanager`, {
        name: "Alertmanager (Events API v2)",
        service: service.id,
        type: EVENTS_API_V2,
      }, parent);
      for (const secret of pagerDutyKeySecrets(team)) routingKeys[secret] = pulumi.secret(integration.integrationKey);
      serviceIds[team.name] = service.id;
      policyIds[team.name] = policy.id;
    }
    this.routingKeys = pulumi.secret(pulumi.output(routingKeys));
    this.serviceIds = pulumi.output(serviceIds);
    this.escalationPolicyIds = pulumi.output(policyIds);
    this.registerOutputs({ routingKeys: this.routingKeys, serviceIds: this.serviceIds, escalationPolicyIds: this.escalationPolicyIds });
  }

  /** One schedule per rotation of `team`, by rotation name. */
  private schedules(name: string, prefix: string, team: TeamDeclaration, userId: (email: string) => pulumi.Input<string>): Record<string, pagerduty.Schedule> {
    const out: Record<string, pagerduty.Schedule> = {};
    for (const [rotation, decl] of Object.entries(team.rotations)) {
      out[rotation] = new pagerduty.Schedule(`${name}-${team.name}-${rotation}`, {
        name: `${prefix} ${team.name} ${rotation}`,
        description: `${team.name} ${rotation} on-call. Generated from stacks/teams/${team.name}.ts.`,
        timeZone: team.timeZone,
        layers: decl.layers.map((l) => layer(l, userId)),
      }, { parent: this });
    }
    return out;
  }
}

function layer(l: RotationLayer, userId: (email: string) => pulumi.Input<string>): pagerduty.types.input.ScheduleLayer {
  return {
    name: l.name,
    start: l.start,
    rotationVirtualStart: l.start,
    // validateTeam has accepted the turn length, so it parses.
    rotationTurnLengthSeconds: turnLengthSeconds(l.turnLength) ?? 0,
    users: l.members.map(userId),
    ...(l.dailyRestriction === undefined
      ? {}
      : {
          restrictions: [
            {
              type: "daily_restriction",
              startTimeOfDay: `${l.dailyRestriction.start}:00`,
              durationSeconds: seconds(l.dailyRestriction.end) - seconds(l.dailyRestriction.start),
            },
          ],
        }),
  };
}
