import * as path from "path";
import { ENVIRONMENTS } from "../catalogue/types";
import { SECRET_NAME_PATTERN } from "./secrets";
import type { LoadedTeam, ReceiverDeclaration, RotationLayer, SeverityTiming, TeamDeclaration, TeamRoutes, TimeIntervalClause, TimeRange } from "./team-types";
import { PLATFORM_TEAM, SEVERITY_CLASSES } from "./team-types";

const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/;
const TURN_LENGTH = /^([1-9][0-9]*)(h|d|w)$/;
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** Routes only the platform team declares, with what each is for. */
const PLATFORM_ROUTES = {
  deadMansSwitch: "the always-firing Watchdog alert (a dead-man's switch)",
  unowned: "alerts no declared team owns (the visible catch-all)",
  experiments: "alerts of chaos experiments (the experiments channel)",
} as const;

/** Whether `zone` is an IANA time zone this runtime (and Alertmanager's zoneinfo) knows. */
export function isTimeZone(zone: string): boolean {
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone === zone;
  } catch {
    return false;
  }
}

/** Seconds in a turn length like "1w", "12h", "2d"; undefined if malformed. */
export function turnLengthSeconds(turnLength: string): number | undefined {
  const m = TURN_LENGTH.exec(turnLength);
  if (m === null) return undefined;
  const unit = { h: 3600, d: 86400, w: 604800 }[m[2] as "h" | "d" | "w"];
  return Number(m[1]) * unit;
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

function list(values: Iterable<string>): string {
  const sorted = [...values].sort();
  return sorted.length === 0 ? "none" : sorted.join(", ");
}

/** Collects problems of one team file, each prefixed `<file>: <field>: `. */
class Problems {
  readonly lines: string[] = [];
  constructor(private readonly file: string) {}
  add(field: string, message: string): void {
    this.lines.push(`${this.file}: ${field}: ${message}`);
  }
}

function checkTimeRange(p: Problems, field: string, t: TimeRange): void {
  if (!HHMM.test(t.start)) p.add(`${field}.start`, `"${t.start}" is not a time like 09:00`);
  if (!HHMM.test(t.end)) p.add(`${field}.end`, `"${t.end}" is not a time like 17:30`);
  if (HHMM.test(t.start) && HHMM.test(t.end) && minutes(t.start) >= minutes(t.end)) {
    p.add(field, `start ${t.start} is not before end ${t.end}`);
  }
}

function checkRangeList(p: Problems, field: string, values: string[], valid: (v: string) => boolean, like: string): void {
  for (const v of values) {
    const parts = v.split(":");
    if (parts.length > 2 || !parts.every(valid)) p.add(field, `"${v}" is not ${like}`);
  }
}

function checkClause(p: Problems, field: string, c: TimeIntervalClause): void {
  (c.times ?? []).forEach((t, i) => checkTimeRange(p, `${field}.times[${i}]`, t));
  checkRangeList(p, `${field}.weekdays`, c.weekdays ?? [], (v) => WEEKDAYS.includes(v), "a weekday or range like monday:friday");
  checkRangeList(p, `${field}.months`, c.months ?? [], (v) => MONTHS.includes(v) || /^(1[0-2]|[1-9])$/.test(v), "a month or range like january:march");
  checkRangeList(p, `${field}.daysOfMonth`, c.daysOfMonth ?? [], (v) => /^-?([1-9]|[12][0-9]|3[01])$/.test(v), "a day of the month (1 to 31, or -31 to -1) or range");
  checkRangeList(p, `${field}.years`, c.years ?? [], (v) => /^[0-9]{4}$/.test(v), "a year or range like 2026:2027");
}

function checkSecretName(p: Problems, field: string, name: string): void {
  if (!SECRET_NAME_PATTERN.test(name)) {
    p.add(field, `"${name}" is not a valid secret name (a DNS-1123 label: lower-case letters, digits and '-')`);
  }
}

function checkReceiver(p: Problems, field: string, r: ReceiverDeclaration): void {
  if (r.pagerduty === undefined && r.slack === undefined && r.webhook === undefined && r.email === undefined) {
    p.add(field, "declares no integration; set pagerduty, slack, webhook or email");
  }
  if (r.pagerduty !== undefined) checkSecretName(p, `${field}.pagerduty.routingKeySecret`, r.pagerduty.routingKeySecret);
  if (r.slack !== undefined) {
    checkSecretName(p, `${field}.slack.webhookUrlSecret`, r.slack.webhookUrlSecret);
    if (!/^[#@][^\s]+$/.test(r.slack.channel)) p.add(`${field}.slack.channel`, `"${r.slack.channel}" is not a channel like #team-alerts`);
  }
  if (r.webhook !== undefined) {
    const w = r.webhook;
    let url: URL | undefined;
    try {
      url = new URL(w.url);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
      p.add(`${field}.webhook.url`, `"${w.url}" is not an http(s) URL`);
    } else if (url.username !== "" || url.password !== "" || url.search !== "") {
      p.add(
        `${field}.webhook.url`,
        "carries credentials or a query string, which would be written into the configuration (Alertmanager 0.25 has no url_file); put the secret in bearerTokenSecret",
      );
    }
    if (w.bearerTokenSecret !== undefined) checkSecretName(p, `${field}.webhook.bearerTokenSecret`, w.bearerTokenSecret);
  }
  if (r.email !== undefined) {
    const e = r.email;
    if (!EMAIL.test(e.to)) p.add(`${field}.email.to`, `"${e.to}" is not an e-mail address`);
    if (!EMAIL.test(e.from)) p.add(`${field}.email.from`, `"${e.from}" is not an e-mail address`);
    if (!/^[^\s:]+:[0-9]+$/.test(e.smarthost)) p.add(`${field}.email.smarthost`, `"${e.smarthost}" is not host:port`);
    if ((e.authUsername === undefined) !== (e.authPasswordSecret === undefined)) {
      p.add(`${field}.email`, "authUsername and authPasswordSecret must be set together");
    }
    if (e.authPasswordSecret !== undefined) checkSecretName(p, `${field}.email.authPasswordSecret`, e.authPasswordSecret);
  }
}

function checkRouteTargets(p: Problems, field: string, routes: Partial<TeamRoutes>, receivers: string[]): void {
  for (const [key, target] of Object.entries(routes) as Array<[keyof TeamRoutes, string | undefined]>) {
    if (target !== undefined && !receivers.includes(target)) {
      p.add(`${field}.${key}`, `receiver "${target}" is not declared in receivers (declared: ${list(receivers)})`);
    }
  }
}

function checkLayer(p: Problems, field: string, l: RotationLayer): void {
  if (!ISO_WITH_OFFSET.test(l.start) || Number.isNaN(Date.parse(l.start))) {
    p.add(`${field}.start`, `"${l.start}" is not an ISO 8601 time with offset like 2026-01-05T09:00:00+01:00`);
  }
  const seconds = turnLengthSeconds(l.turnLength);
  if (seconds === undefined) p.add(`${field}.turnLength`, `"${l.turnLength}" is not a turn length like 1w, 2d or 12h`);
  if (l.members.length === 0) p.add(`${field}.members`, "lists nobody; a rotation needs at least one person");
  for (const m of l.members) if (!EMAIL.test(m)) p.add(`${field}.members`, `"${m}" is not an e-mail address`);
  if (l.dailyRestriction !== undefined) checkTimeRange(p, `${field}.dailyRestriction`, l.dailyRestriction);
}

/** The routes a team uses in `environment`: its `routes` with the environment's override applied. */
export function effectiveRoutes(team: TeamDeclaration, environment: string): TeamRoutes {
  const override = (team.environments as Record<string, { routes?: Partial<TeamRoutes> } | undefined> | undefined)?.[environment];
  return { ...team.routes, ...(override?.routes ?? {}) };
}

/** Problems of one team file (without cross-file checks). */
export function validateTeam(loaded: LoadedTeam): string[] {
  const { file, declaration: t } = loaded;
  const p = new Problems(file);
  if (!DNS1123.test(t.name)) {
    p.add("name", `"${t.name}" is not a DNS-1123 label (lower-case letters, digits and '-')`);
  } else if (path.posix.basename(file).replace(/\.(ts|js)$/, "") !== t.name) {
    p.add("name", `"${t.name}" does not match the file name; rename the file to ${t.name}.ts`);
  }
  if (t.description.trim() === "") p.add("description", "is empty; say in one sentence what the team owns");
  if (!isTimeZone(t.timeZone)) p.add("timeZone", `"${t.timeZone}" is not an IANA time zone like Europe/Amsterdam`);

  const receivers = Object.keys(t.receivers);
  if (receivers.length === 0) p.add("receivers", "declares no receiver");
  for (const key of receivers) {
    if (!DNS1123.test(key)) p.add(`receivers.${key}`, `"${key}" is not a DNS-1123 label`);
    checkReceiver(p, `receivers.${key}`, t.receivers[key]);
  }

  checkRouteTargets(p, "routes", t.routes, receivers);
  for (const [env, override] of Object.entries(t.environments ?? {})) {
    if (!(ENVIRONMENTS as readonly string[]).includes(env)) {
      p.add(`environments.${env}`, `"${env}" is not an environment (${ENVIRONMENTS.join(", ")})`);
      continue;
    }
    checkRouteTargets(p, `environments.${env}.routes`, override?.routes ?? {}, receivers);
  }
  const production = effectiveRoutes(t, "production");
  if (production.page === undefined) {
    p.add("routes.page", "is required in production: every team needs a page receiver (PagerDuty) there");
  }
  for (const [key, purpose] of Object.entries(PLATFORM_ROUTES) as Array<[keyof typeof PLATFORM_ROUTES, string]>) {
    if (t.name === PLATFORM_TEAM && t.routes[key] === undefined) {
      p.add(`routes.${key}`, `is required for the platform team: it receives ${purpose}`);
    }
    if (t.name !== PLATFORM_TEAM) {
      const declared: Array<[string, Partial<TeamRoutes>]> = [
        ["routes", t.routes],
        ...Object.entries(t.environments ?? {}).map(([env, o]): [string, Partial<TeamRoutes>] => [`environments.${env}.routes`, o?.routes ?? {}]),
      ];
      for (const [field, routes] of declared) {
        if (routes[key] !== undefined) p.add(`${field}.${key}`, `only the platform team ("${PLATFORM_TEAM}") receives ${purpose}`);
      }
    }
  }

  const intervals = Object.keys(t.timeIntervals ?? {});
  for (const key of intervals) {
    if (!DNS1123.test(key)) p.add(`timeIntervals.${key}`, `"${key}" is not a DNS-1123 label`);
    const clauses = (t.timeIntervals ?? {})[key];
    if (clauses.length === 0) p.add(`timeIntervals.${key}`, "has no clause");
    clauses.forEach((c, i) => checkClause(p, `timeIntervals.${key}[${i}]`, c));
  }
  for (const cls of Object.keys(t.timing ?? {})) {
    if (!(SEVERITY_CLASSES as readonly string[]).includes(cls)) {
      p.add(`timing.${cls}`, `"${cls}" is not a severity class (${SEVERITY_CLASSES.join(", ")})`);
      continue;
    }
    const timing: SeverityTiming = (t.timing as Record<string, SeverityTiming | undefined> | undefined)?.[cls] ?? {};
    for (const kind of ["activeDuring", "mutedDuring"] as const) {
      const names = timing[kind] ?? [];
      for (const n of names) {
        if (!intervals.includes(n)) p.add(`timing.${cls}.${kind}`, `time interval "${n}" is not declared in timeIntervals (declared: ${list(intervals)})`);
      }
      if (cls === "page" && names.length > 0) {
        p.add(
          `timing.page.${kind}`,
          `${list(names)} would mute pages; pages reach on-call at any hour, so limit tickets or info instead, or lower the alert to a ticket`,
        );
      }
    }
  }

  const rotations = Object.keys(t.rotations);
  if (rotations.length === 0) p.add("rotations", "declares no rotation; on-call needs at least one");
  for (const key of rotations) {
    if (!DNS1123.test(key)) p.add(`rotations.${key}`, `"${key}" is not a DNS-1123 label`);
    const layers = t.rotations[key].layers;
    if (layers.length === 0) p.add(`rotations.${key}.layers`, "is empty; a rotation needs at least one layer");
    layers.forEach((l, i) => checkLayer(p, `rotations.${key}.layers[${i}]`, l));
  }
  const esc = t.escalation;
  if (esc.levels.length === 0) p.add("escalation.levels", "is empty; an escalation policy needs at least one level");
  const repeat = esc.repeat ?? 0;
  if (!Number.isInteger(repeat) || repeat < 0 || repeat > 9) p.add("escalation.repeat", `${repeat} is not a whole number from 0 to 9`);
  esc.levels.forEach((level, i) => {
    const f = `escalation.levels[${i}]`;
    if (!Number.isInteger(level.escalateAfterMinutes) || level.escalateAfterMinutes < 1) {
      p.add(`${f}.escalateAfterMinutes`, `${level.escalateAfterMinutes} is not a whole number of minutes of at least 1`);
    }
    if (level.notify.length === 0) p.add(`${f}.notify`, "notifies nobody");
    for (const target of level.notify) {
      if ("rotation" in target && !rotations.includes(target.rotation)) {
        p.add(`${f}.notify`, `rotation "${target.rotation}" is not declared in rotations (declared: ${list(rotations)})`);
      }
      if ("person" in target && !EMAIL.test(target.person)) p.add(`${f}.notify`, `"${target.person}" is not an e-mail address`);
    }
  });
  return p.lines;
}
