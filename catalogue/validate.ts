/**
 * Validation of the service catalogue. Every problem is reported at once, one per line,
 * as `<file>: <field path>: <what is wrong and what to write instead>`, e.g.
 *
 *     stacks/services/checkout-api.ts: slos[0].objective: 0.999 looks like a fraction; write the objective in percent (99.9)
 *
 * Nothing is defaulted silently: a declaration either passes or the load fails.
 */
import { burnRateWindows, DEFAULT_PERIOD, minimumObjective } from "../alert-rules/burn-rate";
import { formatNumber } from "../alert-rules/format-number";
import { durationMs, isPrometheusDuration } from "./durations";
import { analysePromql, isLabelName, queryUnit, substituteWindow, WINDOW_PLACEHOLDER } from "./promql";
import { SLI_SOURCES } from "./sli-sources";
import {
  ENVIRONMENTS,
  type CataloguedService,
  type RatioSli,
  type ServiceDeclaration,
  type SloDefinition,
} from "./types";

/** Options of `validateCatalogue`. */
export interface ValidateCatalogueOptions {
  /** Names of the declared teams; when given, every service's `team` must be one of them. @default - teams are not checked */
  knownTeams?: readonly string[];
}

const TIERS = ["critical", "standard", "best-effort"] as const;
const LANGUAGES = ["typescript", "python", "php", "go", "java"] as const;
const SLI_KINDS = ["availability", "latency", "ratio"] as const;
const SLI_SOURCE_NAMES = Object.keys(SLI_SOURCES);

/** The window substituted for `{{window}}` when an SLI query is parsed. */
export const PARSE_WINDOW = "5m";

const DNS_LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const IANA_SVC_NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DURATION_HINT = "(e.g. 30d, 4w, 12h, 90s)";

/** The longest window any alert reads; an SLO period must be longer. */
const LONGEST_ALERT_WINDOW = burnRateWindows()
  .map((w) => w.long)
  .sort((a, b) => durationMs(b) - durationMs(a))[0];

/** Collects problems of one file as `<file>: <path>: <message>`. */
class Problems {
  readonly lines: string[] = [];
  constructor(private readonly file: string) {}
  add(path: string, message: string): void {
    this.lines.push(`${this.file}: ${path}: ${message}`);
  }
}

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/** Problem with a DNS-1123 label (also a label value, so it must not be empty), or undefined. */
function dnsLabelProblem(value: unknown): string | undefined {
  if (!isNonEmptyString(value)) return "must not be empty";
  if (value.length > 63) return `${show(value)} is longer than 63 characters (DNS-1123 label)`;
  if (!DNS_LABEL_RE.test(value)) {
    return `${show(value)} is not a DNS-1123 label: use lower-case letters, digits and "-", starting and ending with a letter or digit`;
  }
  return undefined;
}

function checkDnsLabel(p: Problems, path: string, value: unknown): void {
  const problem = dnsLabelProblem(value);
  if (problem !== undefined) p.add(path, problem);
}

function checkDuration(p: Problems, path: string, value: unknown): boolean {
  if (typeof value !== "string" || !isPrometheusDuration(value) || durationMs(value) === 0) {
    p.add(path, `${show(value)} is not a Prometheus duration ${DURATION_HINT}`);
    return false;
  }
  return true;
}

function checkOneOf(p: Problems, path: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== "string" || !allowed.includes(value)) {
    p.add(path, `${show(value)} must be one of ${allowed.join(", ")}`);
  }
}

function checkPositiveInteger(p: Problems, path: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    p.add(path, `${show(value)} must be a whole number of at least 1`);
  }
}

/** An objective in percent: above 0, below 100, not a fraction, high enough for the fastest page to fire. */
function checkObjective(p: Problems, path: string, value: unknown, period: string): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    p.add(path, `${show(value)} must be a number in percent, e.g. 99.9`);
  } else if (value <= 0 || value >= 100) {
    p.add(path, `${formatNumber(value)} must be above 0 and below 100 (percent)`);
  } else if (value < 1) {
    p.add(path, `${formatNumber(value)} looks like a fraction; write the objective in percent (${formatNumber(value * 100)})`);
  } else if (value <= minimumObjective(period)) {
    const fastest = burnRateWindows(period).reduce((a, b) => (b.factor > a.factor ? b : a));
    const maxBurn = 100 / (100 - value);
    const minimum = minimumObjective(period);
    const rounded = Math.ceil(minimum * 100) / 100;
    const atLeast = rounded > minimum ? rounded : rounded + 0.01;
    p.add(
      path,
      `${formatNumber(value)} is too low for a ${period} period: the ${fastest.long} page fires above a burn rate of ` +
        `${formatNumber(fastest.factor, 4)}, but at ${formatNumber(value)}% even 100% errors burn only ` +
        `${formatNumber(maxBurn, 4)}×; use at least ${formatNumber(atLeast)}`,
    );
  }
}

/** One generic SLI query: has `{{window}}`, parses, uses valid label names, counts events one way. */
function checkQuery(p: Problems, path: string, query: unknown): void {
  if (!isNonEmptyString(query)) {
    p.add(path, "must not be empty");
    return;
  }
  if (!query.includes(WINDOW_PLACEHOLDER)) {
    p.add(path, `has no ${WINDOW_PLACEHOLDER} placeholder; write the range as [${WINDOW_PLACEHOLDER}], e.g. rate(http_requests_total[${WINDOW_PLACEHOLDER}])`);
    return;
  }
  const analysis = analysePromql(substituteWindow(query, PARSE_WINDOW));
  if (analysis.error !== undefined) {
    p.add(path, `does not parse as PromQL (with ${WINDOW_PLACEHOLDER} as ${PARSE_WINDOW}): ${analysis.error}`);
    return;
  }
  for (const name of analysis.labelNames.filter((n) => !isLabelName(n))) {
    p.add(path, `${show(name)} is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)`);
  }
  const unit = queryUnit(analysis.functions);
  if (unit === "mixed") {
    p.add(path, "mixes per-second rate()/irate() with per-window increase()/sum_over_time()/count_over_time(); use one kind");
  } else if (unit === "none") {
    p.add(path, `counts events with none of rate(), irate(), increase(), sum_over_time(), count_over_time() over [${WINDOW_PLACEHOLDER}]`);
  }
}

const normalise = (q: string): string => q.replace(/\s+/g, "");

function checkRatioSli(p: Problems, path: string, sli: RatioSli): void {
  const hasError = sli.errorQuery !== undefined;
  const hasGood = sli.goodQuery !== undefined;
  if (hasError && hasGood) p.add(path, "give errorQuery or goodQuery, not both");
  if (!hasError && !hasGood) p.add(path, "give errorQuery or goodQuery (with totalQuery)");
  if (hasError) checkQuery(p, `${path}.errorQuery`, sli.errorQuery);
  if (hasGood) checkQuery(p, `${path}.goodQuery`, sli.goodQuery);
  checkQuery(p, `${path}.totalQuery`, sli.totalQuery);
  if (typeof sli.totalQuery === "string") {
    if (typeof sli.errorQuery === "string" && normalise(sli.errorQuery) === normalise(sli.totalQuery)) {
      p.add(`${path}.errorQuery`, "is the same query as totalQuery; the error ratio would always be 100%");
    }
    if (typeof sli.goodQuery === "string" && normalise(sli.goodQuery) === normalise(sli.totalQuery)) {
      p.add(`${path}.goodQuery`, "is the same query as totalQuery; the error ratio would always be 0%");
    }
  }
}

function checkSli(p: Problems, path: string, sli: SloDefinition["sli"] | undefined): void {
  if (sli === undefined || sli === null || typeof sli !== "object") {
    p.add(path, "missing; declare kind availability, latency or ratio");
    return;
  }
  if (!(SLI_KINDS as readonly string[]).includes(sli.kind)) {
    p.add(`${path}.kind`, `${show(sli.kind)} must be one of ${SLI_KINDS.join(", ")}`);
    return;
  }
  if (sli.kind === "ratio") {
    checkRatioSli(p, path, sli);
    return;
  }
  checkOneOf(p, `${path}.source`, sli.source, SLI_SOURCE_NAMES);
  if (sli.kind === "latency" && SLI_SOURCE_NAMES.includes(sli.source)) {
    const src = SLI_SOURCES[sli.source];
    const t = sli.thresholdSeconds as unknown;
    if (typeof t !== "number" || !Number.isFinite(t) || t <= 0) {
      p.add(`${path}.thresholdSeconds`, `${show(t)} must be a positive number of seconds`);
    } else if (!src.bucketBoundaries.includes(t)) {
      p.add(
        `${path}.thresholdSeconds`,
        `${formatNumber(t)} is not a bucket boundary of ${src.bucketMetric}; use one of ${src.bucketBoundaries.map((b) => formatNumber(b)).join(", ")}`,
      );
    }
  }
}

/** The period an SLO's checks use: its own when valid, else the default (its problem is reported separately). */
function checkedPeriod(p: Problems, path: string, slo: SloDefinition): string {
  if (slo.period === undefined) return DEFAULT_PERIOD;
  if (!checkDuration(p, path, slo.period)) return DEFAULT_PERIOD;
  if (durationMs(slo.period) <= durationMs(LONGEST_ALERT_WINDOW)) {
    p.add(path, `${show(slo.period)} must be longer than ${LONGEST_ALERT_WINDOW}, the longest alert window`);
    return DEFAULT_PERIOD;
  }
  return slo.period;
}

function checkSlos(p: Problems, slos: unknown): Map<string, string> {
  const periods = new Map<string, string>();
  if (!Array.isArray(slos) || slos.length === 0) {
    p.add("slos", "declare at least one SLO");
    return periods;
  }
  const seen = new Map<string, number>();
  (slos as SloDefinition[]).forEach((slo, i) => {
    const path = `slos[${i}]`;
    checkDnsLabel(p, `${path}.name`, slo.name);
    if (typeof slo.name === "string") {
      const first = seen.get(slo.name);
      if (first !== undefined) p.add(`${path}.name`, `${show(slo.name)} is already the name of slos[${first}]`);
      else seen.set(slo.name, i);
    }
    if (!isNonEmptyString(slo.description)) p.add(`${path}.description`, "must not be empty");
    const period = checkedPeriod(p, `${path}.period`, slo);
    if (typeof slo.name === "string" && !periods.has(slo.name)) periods.set(slo.name, period);
    checkObjective(p, `${path}.objective`, slo.objective, period);
    if (slo.minRequestRate !== undefined) {
      const m = slo.minRequestRate as unknown;
      if (typeof m !== "number" || !Number.isFinite(m) || m <= 0) {
        p.add(`${path}.minRequestRate`, `${show(m)} must be a positive number of requests per second`);
      }
    }
    checkSli(p, `${path}.sli`, slo.sli);
  });
  return periods;
}

function checkTelemetry(p: Problems, telemetry: ServiceDeclaration["telemetry"] | undefined): void {
  if (telemetry === undefined || telemetry === null || typeof telemetry !== "object") {
    p.add("telemetry", "missing; declare otlp: true and/or a scrape endpoint");
    return;
  }
  if (telemetry.otlp !== true && telemetry.scrape === undefined) {
    p.add("telemetry", "declares neither otlp: true nor scrape; the service's metrics would reach nobody");
  }
  const scrape = telemetry.scrape;
  if (scrape === undefined) return;
  const port = scrape.port as unknown;
  if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) {
    p.add("telemetry.scrape.port", `${show(port)} must be a whole number from 1 to 65535`);
  }
  if (scrape.portName !== undefined) {
    const n = scrape.portName;
    if (typeof n !== "string" || n.length > 15 || !IANA_SVC_NAME_RE.test(n) || n.includes("--") || !/[a-z]/.test(n)) {
      p.add(
        "telemetry.scrape.portName",
        `${show(n)} is not a Kubernetes port name: at most 15 lower-case letters, digits and "-", with at least one letter, no "-" at either end or twice in a row`,
      );
    }
  }
  if (scrape.path !== undefined && (typeof scrape.path !== "string" || !scrape.path.startsWith("/"))) {
    p.add("telemetry.scrape.path", `${show(scrape.path)} must start with "/"`);
  }
  if (scrape.interval !== undefined) checkDuration(p, "telemetry.scrape.interval", scrape.interval);
}

function checkOverrides(p: Problems, decl: ServiceDeclaration, periods: Map<string, string>): void {
  if (decl.overrides === undefined) return;
  for (const [env, override] of Object.entries(decl.overrides)) {
    const path = `overrides.${env}`;
    if (!(ENVIRONMENTS as readonly string[]).includes(env)) {
      p.add(path, `${show(env)} is not an environment; use ${ENVIRONMENTS.join(", ")}`);
      continue;
    }
    if (override === undefined) continue;
    if (override.replicas !== undefined) checkPositiveInteger(p, `${path}.replicas`, override.replicas);
    // Without a single named SLO the `slos` problem is already reported; nothing to compare with.
    if (periods.size === 0) continue;
    for (const [sloName, objective] of Object.entries(override.objectives ?? {})) {
      const period = periods.get(sloName);
      if (period === undefined) {
        p.add(`${path}.objectives.${sloName}`, `there is no SLO named ${show(sloName)} (slos: ${[...periods.keys()].join(", ")})`);
      } else {
        checkObjective(p, `${path}.objectives.${sloName}`, objective, period);
      }
    }
  }
}

function checkDependencies(p: Problems, decl: ServiceDeclaration, declared: readonly string[]): void {
  const seen = new Map<string, number>();
  (decl.dependencies ?? []).forEach((dep, i) => {
    const path = `dependencies[${i}]`;
    const d = dep as { service?: unknown; external?: unknown };
    if ((d.service === undefined) === (d.external === undefined)) {
      p.add(path, "give exactly one of service or external");
      return;
    }
    let key: string;
    if (d.service !== undefined) {
      key = `service:${String(d.service)}`;
      if (d.service === decl.name) {
        p.add(`${path}.service`, `${show(d.service)} is this service itself`);
      } else if (typeof d.service !== "string" || !declared.includes(d.service)) {
        p.add(`${path}.service`, `${show(d.service)} is not a declared service (declared: ${[...declared].sort().join(", ")})`);
      }
    } else {
      key = `external:${String(d.external)}`;
      checkDnsLabel(p, `${path}.external`, d.external);
    }
    const first = seen.get(key);
    if (first !== undefined) p.add(path, `${show(d.service ?? d.external)} is already listed as dependencies[${first}]`);
    else seen.set(key, i);
  });
}

function checkService(p: Problems, decl: ServiceDeclaration, declared: readonly string[], opts: ValidateCatalogueOptions): void {
  checkDnsLabel(p, "name", decl.name);
  checkDnsLabel(p, "namespace", decl.namespace);
  const teamProblem = dnsLabelProblem(decl.team);
  if (teamProblem !== undefined) {
    p.add("team", teamProblem);
  } else if (opts.knownTeams !== undefined && !opts.knownTeams.includes(decl.team)) {
    p.add("team", `${show(decl.team)} is not a declared team (declared: ${[...opts.knownTeams].sort().join(", ")})`);
  }
  checkOneOf(p, "tier", decl.tier, TIERS);
  checkOneOf(p, "language", decl.language, LANGUAGES);
  if (!isNonEmptyString(decl.description)) p.add("description", "must not be empty");
  if (decl.replicas !== undefined) checkPositiveInteger(p, "replicas", decl.replicas);
  if (decl.requestDeadline !== undefined) checkDuration(p, "requestDeadline", decl.requestDeadline);
  checkTelemetry(p, decl.telemetry);
  const periods = checkSlos(p, decl.slos);
  checkOverrides(p, decl, periods);
  checkDependencies(p, decl, declared);
}

/**
 * Every problem of the catalogue, one line each, in file order and field order.
 * Empty when the catalogue is valid.
 */
export function catalogueProblems(services: readonly CataloguedService[], opts: ValidateCatalogueOptions = {}): string[] {
  const declared = services.map((s) => s.declaration.name).filter((n): n is string => typeof n === "string");
  const firstFile = new Map<string, string>();
  const lines: string[] = [];
  for (const { file, declaration } of services) {
    const p = new Problems(file);
    if (declaration === null || typeof declaration !== "object") {
      p.add("default export", "is not a service declaration; write `export default defineService({ ... })`");
      lines.push(...p.lines);
      continue;
    }
    const name = declaration.name;
    if (typeof name === "string" && name !== "") {
      const other = firstFile.get(name);
      if (other !== undefined) p.add("name", `${show(name)} is already declared by ${other}`);
      else firstFile.set(name, file);
    }
    checkService(p, declaration, declared, opts);
    lines.push(...p.lines);
  }
  return lines;
}

/**
 * Validates the catalogue and returns it unchanged, or throws one Error listing every
 * problem as `<file>: <field path>: <what is wrong>`, one per line.
 *
 * @param services the catalogue, e.g. from `loadCatalogue`
 * @param opts `knownTeams` to also check each service's team @default {}
 */
export function validateCatalogue(services: CataloguedService[], opts: ValidateCatalogueOptions = {}): CataloguedService[] {
  const problems = catalogueProblems(services, opts);
  if (problems.length > 0) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    throw new Error(`The service catalogue has ${count}:\n${problems.join("\n")}`);
  }
  return services;
}
