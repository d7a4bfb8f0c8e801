/**
 * The team declaration API: what a team writes, in one file under `stacks/teams/`,
 * to own alerts. Receivers, routes per severity, time intervals, and the on-call
 * rotation and escalation policy. Plain data, no Pulumi. Secrets appear only by
 * NAME: the value lives in stack secret config and is mounted as a file.
 */
import type { EnvironmentName } from "../catalogue/types";

/** The three notification classes a route distinguishes (see `severity.ts`). */
export const SEVERITY_CLASSES = ["page", "ticket", "info"] as const;
export type SeverityClass = (typeof SEVERITY_CLASSES)[number];

/** Sends to a PagerDuty service through its Events API v2 integration. */
export interface PagerDutyTarget {
  /** Name of the secret (a key of `sevensa-observability:receiverSecrets`) holding the Events API v2 routing key. @default - none (required) */
  routingKeySecret: string;
  /** PagerDuty event severity (`critical`, `error`, `warning` or `info`). @default "critical" */
  severity?: "critical" | "error" | "warning" | "info";
}

/** Posts to a Slack channel through an incoming webhook. */
export interface SlackTarget {
  /** Channel the message goes to, e.g. `#payments-alerts`. @default - none (required) */
  channel: string;
  /** Name of the secret holding the incoming-webhook URL (the URL is the secret). @default - none (required) */
  webhookUrlSecret: string;
}

/**
 * Posts the Alertmanager webhook payload to an HTTP endpoint. Alertmanager 0.25 has no
 * `url_file`, so the URL is written into the configuration and must carry no secret
 * (no user info, no query string); authenticate with a bearer token file instead.
 */
export interface WebhookTarget {
  /** http(s) URL without credentials or query string. @default - none (required) */
  url: string;
  /** Name of the secret holding a bearer token sent as `Authorization: Bearer`. @default - no authentication */
  bearerTokenSecret?: string;
}

/** Sends e-mail through an SMTP smarthost. */
export interface EmailTarget {
  /** Recipient address. @default - none (required) */
  to: string;
  /** Sender address. @default - none (required) */
  from: string;
  /** SMTP server as `host:port`. @default - none (required) */
  smarthost: string;
  /** SMTP user name. @default - no SMTP authentication */
  authUsername?: string;
  /** Name of the secret holding the SMTP password; required when `authUsername` is set. @default - none */
  authPasswordSecret?: string;
}

/** One named receiver. At least one integration is set; all set ones are notified. */
export interface ReceiverDeclaration {
  /** PagerDuty Events API v2. @default - none */
  pagerduty?: PagerDutyTarget;
  /** Slack incoming webhook. @default - none */
  slack?: SlackTarget;
  /** Generic webhook. @default - none */
  webhook?: WebhookTarget;
  /** E-mail. @default - none */
  email?: EmailTarget;
}

/** Which receiver (a key of the team's `receivers`) each severity class goes to. */
export interface TeamRoutes {
  /** Receiver for `severity="page"` (and `critical`). Required in production. @default - outside production, pages go to the `ticket` receiver */
  page?: string;
  /** Receiver for `severity="ticket"` (and `warning`), and for alerts of this team with an unknown severity. @default - none (required) */
  ticket: string;
  /** Receiver for `severity="info"`. @default - none (required) */
  info: string;
  /** Platform team only: receiver of the always-firing `Watchdog` alert (a dead-man's switch). @default - none (required for the platform team) */
  deadMansSwitch?: string;
  /** Platform team only: receiver of alerts no declared team owns (the visible catch-all). @default - none (required for the platform team) */
  unowned?: string;
  /** Platform team only: receiver of alerts labelled `chaos_experiment` (the experiments channel; pages nobody). @default - none (required for the platform team) */
  experiments?: string;
}

/** A time range within a day, `HH:MM` 24-hour clock, end exclusive. */
export interface TimeRange {
  /** Start, e.g. "09:00". @default - none (required) */
  start: string;
  /** End, e.g. "17:30" ("24:00" is the end of the day). @default - none (required) */
  end: string;
}

/**
 * One Alertmanager time interval clause (all set fields must match). Fields follow
 * Alertmanager's `time_intervals` syntax; ranges are written `monday:friday`, `1:7`.
 */
export interface TimeIntervalClause {
  /** Times of day. @default - the whole day */
  times?: TimeRange[];
  /** Weekdays or ranges, e.g. ["monday:friday"]. @default - every day */
  weekdays?: string[];
  /** Days of the month or ranges (negative counts from the end), e.g. ["1:7"]. @default - every day */
  daysOfMonth?: string[];
  /** Months or ranges, e.g. ["december"]. @default - every month */
  months?: string[];
  /** Years or ranges, e.g. ["2026"]. @default - every year */
  years?: string[];
}

/** Which named time intervals silence or enable a severity class. */
export interface SeverityTiming {
  /** Notify only while one of these intervals is active (e.g. business hours). @default - always */
  activeDuring?: string[];
  /** Do not notify while one of these intervals is active (e.g. maintenance windows). @default - never muted */
  mutedDuring?: string[];
}

/** One layer of a rotation: people taking turns. */
export interface RotationLayer {
  /** Layer name, e.g. "weekly". @default - none (required) */
  name: string;
  /** When the layer starts (and its first turn begins), ISO 8601 with offset, e.g. "2026-01-05T09:00:00+01:00". @default - none (required) */
  start: string;
  /** Length of one turn as a duration of whole hours or days, e.g. "1w", "12h" (at least 1h). @default - none (required) */
  turnLength: string;
  /** People in turn order, by e-mail address (their PagerDuty login). @default - none (required) */
  members: string[];
  /** Restrict the layer to a daily window, e.g. business hours. @default - all day */
  dailyRestriction?: TimeRange;
}

/** A rotation (a PagerDuty schedule): layers, later ones overriding earlier ones. */
export interface RotationDeclaration {
  /** Layers, lowest first. @default - none (at least one) */
  layers: RotationLayer[];
}

/** Who an escalation level notifies. */
export type EscalationTarget = { /** Name of a rotation of this team. */ rotation: string } | { /** A person's e-mail address. */ person: string };

/** One level of an escalation policy. */
export interface EscalationLevel {
  /** Minutes an unacknowledged incident stays at this level before escalating (at least 1). @default - none (required) */
  escalateAfterMinutes: number;
  /** Who is notified at this level. @default - none (at least one) */
  notify: EscalationTarget[];
}

/** The team's escalation policy. */
export interface EscalationPolicyDeclaration {
  /** Levels, notified in order. @default - none (at least one) */
  levels: EscalationLevel[];
  /** How many times the whole policy repeats after its last level (0 to 9). @default 0 */
  repeat?: number;
}

/** Differences for one environment; only what differs is stated. */
export interface TeamEnvironmentOverride {
  /** Routes that differ in this environment. @default - the team's `routes` */
  routes?: Partial<TeamRoutes>;
}

/** One team, as it declares itself. */
export interface TeamDeclaration {
  /** DNS-1123 label; services name it in their `team` field and alerts carry it as `team`. @default - none (required) */
  name: string;
  /** What the team owns, in one sentence. @default - none (required) */
  description: string;
  /** IANA time zone of the team's time intervals and rotations, e.g. "Europe/Amsterdam". @default - none (required) */
  timeZone: string;
  /** Named receivers (DNS-1123 keys); generated receiver names are `<team>-<key>`. @default - none (at least one) */
  receivers: Record<string, ReceiverDeclaration>;
  /** Which receiver each severity class goes to. @default - none (required) */
  routes: TeamRoutes;
  /** Named time intervals (DNS-1123 keys), each a list of clauses in `timeZone`. @default {} */
  timeIntervals?: Record<string, TimeIntervalClause[]>;
  /** When each severity class is notified. Pages can never be limited. @default {} */
  timing?: Partial<Record<SeverityClass, SeverityTiming>>;
  /** The on-call rotations by name (DNS-1123), each a PagerDuty schedule. @default - none (at least one) */
  rotations: Record<string, RotationDeclaration>;
  /** The escalation policy pages follow. @default - none (required) */
  escalation: EscalationPolicyDeclaration;
  /** Per-environment differences. @default {} */
  environments?: Partial<Record<EnvironmentName, TeamEnvironmentOverride>>;
}

/** A team declaration plus the file it came from, as `loadTeams` returns it. */
export interface LoadedTeam {
  /** Path of the declaring file relative to the repository root, e.g. `stacks/teams/payments.ts`. */
  file: string;
  declaration: TeamDeclaration;
}

/** The team that owns platform alerts, the Watchdog, the catch-all and the experiments route. */
export const PLATFORM_TEAM = "platform";
