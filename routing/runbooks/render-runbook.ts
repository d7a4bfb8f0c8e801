import type { CataloguedService, EnvironmentName } from "../../catalogue/types";
import { ENVIRONMENTS } from "../../catalogue/types";
import { CHAOS_EXPERIMENT_LABEL } from "../alert-names";
import { receiverName } from "../receivers";
import { SEVERITY_LABELS, SEVERITY_TIMINGS } from "../severity";
import type { LoadedTeam, ReceiverDeclaration, SeverityClass, TeamDeclaration, TimeIntervalClause } from "../team-types";
import { PLATFORM_TEAM } from "../team-types";
import { effectiveRoutes } from "../validate-teams";
import type { AlertType } from "./alert-types";
import type { Check, RunbookGuidance } from "./guidance";
import { agentNamespace, dashboardLink, serviceDashboardLink, errorTracesLink, logsLink, metricsLink, platformLogs, type ResolvedLinkOptions, serviceErrorLogs } from "./links";

/** Everything a runbook is rendered from. */
export interface RunbookContext {
  teams: LoadedTeam[];
  services: CataloguedService[];
  links: ResolvedLinkOptions;
}

function severityClass(severity: string): SeverityClass | undefined {
  return (Object.keys(SEVERITY_LABELS) as SeverityClass[]).find((c) => SEVERITY_LABELS[c].includes(severity));
}

function describeReceiver(r: ReceiverDeclaration): string {
  const parts: string[] = [];
  if (r.pagerduty !== undefined) parts.push("PagerDuty (Events API v2)");
  if (r.slack !== undefined) parts.push(`Slack ${r.slack.channel}`);
  if (r.webhook !== undefined) parts.push(`webhook ${r.webhook.url}`);
  if (r.email !== undefined) parts.push(`e-mail ${r.email.to}`);
  return parts.join(" + ");
}

/** Where a severity class of `team` goes in `env`: generated receiver name and what it is. */
function destination(team: TeamDeclaration, env: EnvironmentName, cls: SeverityClass): string {
  const routes = effectiveRoutes(team, env);
  const key = cls === "page" ? (routes.page ?? routes.ticket) : cls === "ticket" ? routes.ticket : routes.info;
  return `\`${receiverName(team.name, key)}\` (${describeReceiver(team.receivers[key])})`;
}

function escalationText(team: TeamDeclaration): string[] {
  const lines = team.escalation.levels.map((level, i) => {
    const who = level.notify.map((t) => ("rotation" in t ? `the **${t.rotation}** on-call rotation` : `**${t.person}**`)).join(" and ");
    return `${i + 1}. ${who}; escalates after ${level.escalateAfterMinutes} min unacknowledged`;
  });
  const repeat = team.escalation.repeat ?? 0;
  lines.push(repeat === 0 ? "\nAfter the last level the policy stops." : `\nAfter the last level the policy starts again, ${repeat} more time${repeat === 1 ? "" : "s"}.`);
  return lines;
}

function teamSection(team: TeamDeclaration, classes: SeverityClass[]): string[] {
  const out = [`### Team ${team.name}`, "", `${team.description}`, "", "| Severity | production | staging | local |", "|---|---|---|---|"];
  for (const cls of classes) {
    out.push(`| ${cls} | ${ENVIRONMENTS.slice().reverse().map((env) => destination(team, env, cls)).join(" | ")} |`);
  }
  const limits = classes.flatMap((cls) => timingLimits(team, cls));
  if (limits.length > 0) out.push("", ...limits);
  out.push("", `Pages follow the PagerDuty escalation policy of team ${team.name}:`, "", ...escalationText(team), "");
  return out;
}

function clauseText(c: TimeIntervalClause): string {
  const parts = [
    ...(c.weekdays ?? []),
    ...(c.daysOfMonth === undefined ? [] : [`days ${c.daysOfMonth.join(", ")} of the month`]),
    ...(c.months ?? []),
    ...(c.years ?? []),
    ...(c.times ?? []).map((t) => `${t.start}–${t.end}`),
  ];
  return parts.length === 0 ? "always" : parts.join(" ");
}

function intervalText(team: TeamDeclaration, key: string): string {
  return `*${key}* (${(team.timeIntervals?.[key] ?? []).map(clauseText).join("; ")} ${team.timeZone})`;
}

/** "Tickets are notified only during …; muted during …" for a class that the team limits. */
function timingLimits(team: TeamDeclaration, cls: SeverityClass): string[] {
  const timing = team.timing?.[cls];
  const active = timing?.activeDuring ?? [];
  const muted = timing?.mutedDuring ?? [];
  if (active.length === 0 && muted.length === 0) return [];
  const during = (keys: string[]): string => keys.map((k) => intervalText(team, k)).join(" or ");
  const when =
    active.length === 0
      ? `are not sent during ${during(muted)}`
      : `are sent only during ${during(active)}${muted.length === 0 ? "" : `, and not during ${during(muted)}`}`;
  return [`- ${cls} notifications ${when}; they are held back until then, not dropped.`];
}

function link(text: string, url: string): string {
  return `[${text}](${url})`;
}

function platformCheck(check: Check, g: RunbookGuidance, ctx: RunbookContext): string {
  const ns = ctx.links.platformNamespace;
  switch (check.kind) {
    case "dashboard":
      return check.dashboard === undefined
        ? `**Dashboard**: ${check.look}`
        : `**Dashboard**: ${link(`Grafana: ${check.dashboard.title}`, dashboardLink(ctx.links, check.dashboard.uid))}. ${check.look}`;
    case "metrics":
      return `**Metrics**: ${link("Explore in Prometheus", metricsLink(ctx.links, check.promql))}: \`${check.promql}\`. ${check.look}`;
    case "traces": {
      const links = ctx.services.map((s) => link(s.declaration.name, errorTracesLink(ctx.links, s.declaration.name))).join(" · ");
      return `**Traces**: error traces in Jaeger of ${links}. ${check.look}`;
    }
    case "logs": {
      const app = check.app ?? g.component?.app ?? "";
      const logql = platformLogs(ns, app);
      const agents =
        check.agents === true
          ? ` The node agents' own logs are not collected: \`kubectl -n ${agentNamespace(ns)} logs -l app.kubernetes.io/name=otel-agent --tail=200 --prefix\` (the alert's \`job\` label says which tier).`
          : "";
      return (
        `**Logs**: ${link("Explore in Loki", logsLink(ctx.links, logql))}: \`${logql}\`, or ` +
        `\`kubectl -n ${ns} logs -l app.kubernetes.io/name=${app} --tail=200 --prefix\`. ${check.look}${agents}`
      );
    }
  }
}

function serviceChecks(type: AlertType, g: RunbookGuidance, ctx: RunbookContext): string[] {
  const services = ctx.services.filter((s) => type.services.includes(s.declaration.name));
  const out = g.checks.map((c, i) => `${i + 1}. **${c.kind === "dashboard" ? "The service dashboard" : c.kind === "traces" ? "Its traces" : c.kind === "logs" ? "Its logs" : "Its metrics"}**: ${c.look}`);
  out.push("", "Links for the service in the alert's `service` label:", "", "| Service | Team | Dashboard | Traces | Logs |", "|---|---|---|---|---|");
  for (const { declaration: s } of services) {
    out.push(
      `| ${s.name} | ${s.team} | ${link("dashboard", serviceDashboardLink(ctx.links, s.name))} | ${link("error traces", errorTracesLink(ctx.links, s.name))} | ${link("error logs", logsLink(ctx.links, serviceErrorLogs(s.name, s.namespace)))} |`,
    );
  }
  return out;
}

function dependencyLines(type: AlertType, ctx: RunbookContext): string[] {
  const owner = new Map(ctx.services.map((s) => [s.declaration.name, s.declaration.team]));
  const lines: string[] = [];
  for (const { declaration: s } of ctx.services.filter((x) => type.services.includes(x.declaration.name))) {
    const deps = (s.dependencies ?? []).map((d) => ("service" in d ? `${d.service} (team ${owner.get(d.service) ?? "undeclared"})` : `${d.external} (external)`));
    if (deps.length > 0) lines.push(`- ${s.name} depends on ${deps.join(", ")}.`);
  }
  return lines;
}

function timingLines(classes: SeverityClass[]): string[] {
  return classes.map((cls) => {
    const t = SEVERITY_TIMINGS[cls];
    return `- **${cls}** (${SEVERITY_LABELS[cls].join(" or ")}): grouped by ${t.groupBy.map((l) => `\`${l}\``).join(", ")}; first notification ${t.groupWait} after the first alert of a group, changes every ${t.groupInterval}, repeated every ${t.repeatInterval} while firing.`;
  });
}

/** Where alerts labelled `chaos_experiment` go: the platform team's experiments receiver, per stack. */
function experimentsSection(ctx: RunbookContext): string[] {
  const platform = ctx.teams.find((t) => t.declaration.name === PLATFORM_TEAM)?.declaration;
  if (platform === undefined) return [];
  const cells = ENVIRONMENTS.slice()
    .reverse()
    .map((env) => {
      const key = effectiveRoutes(platform, env).experiments;
      return key === undefined ? "-" : `\`${receiverName(PLATFORM_TEAM, key)}\` (${describeReceiver(platform.receivers[key])})`;
    });
  return [
    `Alerts labelled \`${CHAOS_EXPERIMENT_LABEL}\` go to the experiments channel, whatever their team or severity, and page nobody:`,
    "",
    "| production | staging | local |",
    "|---|---|---|",
    `| ${cells.join(" | ")} |`,
  ];
}

/** The generated-file header, as a Markdown comment. */
export function runbookHeader(alertName: string): string {
  return `<!-- Generated by sevensa-observability from alert-rules/ (alert ${alertName}), routing/runbooks/guidance.ts, stacks/teams/*.ts and stacks/services/*.ts. Do not edit; change the source and run \`npm run artifacts\`. -->\n`;
}

/** The Markdown runbook of one alert type. */
export function renderRunbook(type: AlertType, guidance: RunbookGuidance, ctx: RunbookContext): string {
  const teams = ctx.teams.map((t) => t.declaration).filter((t) => type.teams.includes(t.name));
  const classes = [...new Set(type.severities.map(severityClass).filter((c): c is SeverityClass => c !== undefined))].sort(
    (a, b) => Object.keys(SEVERITY_LABELS).indexOf(a) - Object.keys(SEVERITY_LABELS).indexOf(b),
  );
  const isService = type.services.length > 0;
  const out: string[] = [
    `# ${type.name}`,
    "",
    `> ${guidance.summary ?? type.summary}`,
    "",
    `**Severity**: ${type.severities.map((s) => `\`${s}\``).join(", ")} · **Owner**: ${isService ? "the team in the alert's `team` label (the service's owner)" : `team ${type.teams.join(", ")}`}${guidance.component === undefined ? "" : ` · **Component**: ${guidance.component.name}`}`,
    "",
    "## What it means",
    "",
    guidance.meaning,
    "",
    "## First three things to check",
    "",
    ...(isService ? serviceChecks(type, guidance, ctx) : guidance.checks.map((c, i) => `${i + 1}. ${platformCheck(c, guidance, ctx)}`)),
    "",
    "## What usually fixes it",
    "",
    ...guidance.actions.map((a) => `- ${a}`),
    "",
    "## How to escalate",
    "",
  ];
  if (classes.length === 0) {
    out.push(`This alert pages nobody by itself. If it points at a real problem, page the platform team through its PagerDuty service (team ${PLATFORM_TEAM}).`, "");
    const platform = ctx.teams.find((t) => t.declaration.name === PLATFORM_TEAM)?.declaration;
    if (platform !== undefined) out.push(`Pages of team ${PLATFORM_TEAM} follow its escalation policy:`, "", ...escalationText(platform), "");
  } else {
    out.push(
      classes.includes("page")
        ? "Acknowledge the page in PagerDuty within the level's delay, or it escalates by itself. To escalate now, use *Escalate* on the incident (next level) or reassign it to another team's escalation policy."
        : "This alert does not page. If it needs someone now, trigger an incident on the owning team's PagerDuty service; it then follows the escalation policy below.",
      "",
    );
    const deps = dependencyLines(type, ctx);
    if (deps.length > 0) out.push("If a dependency is the cause, page its owner:", "", ...deps, "");
    if (isService) out.push(`If telemetry itself looks wrong (empty dashboards, no traces), page team ${PLATFORM_TEAM}.`, "");
    if (guidance.standalone?.experimentsRoute === true) {
      out.push(...experimentsSection(ctx), "");
      for (const team of teams) out.push(`### Team ${team.name}`, "", `Pages of team ${team.name} follow its escalation policy:`, "", ...escalationText(team), "");
    } else {
      out.push("Where notifications go (Alertmanager receiver, per stack):", "");
      for (const team of teams) out.push(...teamSection(team, classes));
      out.push("## Notification timing", "", ...timingLines(classes), "");
    }
  }
  return runbookHeader(type.name) + "\n" + out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}
