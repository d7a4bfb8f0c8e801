import { catalogueProblems, validateCatalogue } from "../../catalogue/validate";
import type { CataloguedService, ServiceDeclaration, SliDefinition, SloDefinition } from "../../catalogue/types";

const FILE = "stacks/services/checkout-api.ts";

/** A valid declaration; every case below changes one thing. */
function validDeclaration(): ServiceDeclaration {
  return {
    name: "checkout-api",
    namespace: "shop",
    team: "payments",
    tier: "critical",
    language: "typescript",
    description: "Places orders.",
    replicas: 3,
    requestDeadline: "8s",
    telemetry: { otlp: true, scrape: { port: 9464, portName: "metrics", path: "/metrics", interval: "30s" } },
    slos: [
      { name: "availability", description: "No server errors.", objective: 99.9, sli: { kind: "availability", source: "otel-http" } },
      { name: "latency", description: "Fast.", objective: 99, period: "28d", sli: { kind: "latency", source: "spanmetrics", thresholdSeconds: 0.1 } },
      {
        name: "payments",
        description: "Payments do not fail.",
        objective: 99.5,
        minRequestRate: 0.2,
        sli: {
          kind: "ratio",
          errorQuery: 'sum(rate(payments_total{outcome="error"}[{{window}}]))',
          totalQuery: "sum(rate(payments_total[{{window}}]))",
        },
      },
    ],
    dependencies: [{ service: "pricing-engine" }, { external: "stripe" }],
    overrides: { staging: { replicas: 1, pagingDisabled: true, objectives: { latency: 98 } } },
  };
}

const PRICING: CataloguedService = {
  file: "stacks/services/pricing-engine.ts",
  declaration: {
    name: "pricing-engine",
    namespace: "shop",
    team: "pricing",
    tier: "standard",
    language: "python",
    description: "Prices.",
    telemetry: { otlp: true },
    slos: [{ name: "availability", description: "Works.", objective: 99.9, sli: { kind: "availability", source: "spanmetrics" } }],
  },
};

const KNOWN_TEAMS = ["commerce", "payments", "platform", "pricing"];

/** Problems of the catalogue {changed checkout-api, pricing-engine}. */
function problemsOf(change: (d: ServiceDeclaration) => void): string[] {
  const decl = validDeclaration();
  change(decl);
  return catalogueProblems([{ file: FILE, declaration: decl }, PRICING], { knownTeams: KNOWN_TEAMS });
}

const slo = (d: ServiceDeclaration, i: number): SloDefinition => d.slos[i];
const setSli = (d: ServiceDeclaration, i: number, sli: unknown): void => {
  d.slos[i].sli = sli as SliDefinition;
};
const ratio = (errorQuery: string | undefined, totalQuery: string, goodQuery?: string): unknown => ({ kind: "ratio", errorQuery, goodQuery, totalQuery });

test("the valid fixture has no problems", () => {
  expect(problemsOf(() => undefined)).toEqual([]);
});

describe("objective", () => {
  test.each<[string, (d: ServiceDeclaration) => void, string]>([
    ["zero", (d) => (slo(d, 0).objective = 0), "slos[0].objective: 0 must be above 0 and below 100 (percent)"],
    ["negative", (d) => (slo(d, 0).objective = -5), "slos[0].objective: -5 must be above 0 and below 100 (percent)"],
    ["exactly 100", (d) => (slo(d, 0).objective = 100), "slos[0].objective: 100 must be above 0 and below 100 (percent)"],
    ["above 100", (d) => (slo(d, 0).objective = 999), "slos[0].objective: 999 must be above 0 and below 100 (percent)"],
    ["a fraction", (d) => (slo(d, 0).objective = 0.999), "slos[0].objective: 0.999 looks like a fraction; write the objective in percent (99.9)"],
    ["a fraction with float noise", (d) => (slo(d, 0).objective = 0.995), "slos[0].objective: 0.995 looks like a fraction; write the objective in percent (99.5)"],
    [
      "too low for the 1h page at 30d (14.4x)",
      (d) => (slo(d, 0).objective = 93),
      "slos[0].objective: 93 is too low for a 30d period: the 1h page fires above a burn rate of 14.4, but at 93% even 100% errors burn only 14.29×; use at least 93.06",
    ],
    [
      "too low for the 1h page at 28d (13.44x)",
      (d) => (slo(d, 1).objective = 92.5),
      "slos[1].objective: 92.5 is too low for a 28d period: the 1h page fires above a burn rate of 13.44, but at 92.5% even 100% errors burn only 13.33×; use at least 92.56",
    ],
    ["not a number", (d) => (slo(d, 0).objective = "99.9" as unknown as number), 'slos[0].objective: "99.9" must be a number in percent, e.g. 99.9'],
    [
      "an environment override that looks like a fraction",
      (d) => (d.overrides = { production: { objectives: { availability: 0.99 } } }),
      "overrides.production.objectives.availability: 0.99 looks like a fraction; write the objective in percent (99)",
    ],
  ])("%s", (_name, change, message) => {
    expect(problemsOf(change)).toEqual([`${FILE}: ${message}`]);
  });

  test("93.06 at 30d is just high enough for the 1h page", () => {
    expect(problemsOf((d) => (slo(d, 0).objective = 93.06))).toEqual([]);
  });

  test("90 is fine over 7d, whose fastest page needs only 3.36x", () => {
    expect(problemsOf((d) => Object.assign(slo(d, 0), { objective: 90, period: "7d" }))).toEqual([]);
  });
});

describe("durations", () => {
  test.each<[string, (d: ServiceDeclaration) => void, string]>([
    ["period in words", (d) => (slo(d, 0).period = "30days"), 'slos[0].period: "30days" is not a Prometheus duration (e.g. 30d, 4w, 12h, 90s)'],
    ["period with a space", (d) => (slo(d, 0).period = "30 d"), 'slos[0].period: "30 d" is not a Prometheus duration (e.g. 30d, 4w, 12h, 90s)'],
    ["period of zero", (d) => (slo(d, 0).period = "0d"), 'slos[0].period: "0d" is not a Prometheus duration (e.g. 30d, 4w, 12h, 90s)'],
    ["period shorter than the 3d window", (d) => (slo(d, 0).period = "2d"), 'slos[0].period: "2d" must be longer than 3d, the longest alert window'],
    ["request deadline with a decimal", (d) => (d.requestDeadline = "1.5s"), 'requestDeadline: "1.5s" is not a Prometheus duration (e.g. 30d, 4w, 12h, 90s)'],
    ["scrape interval with units out of order", (d) => (d.telemetry.scrape = { port: 9464, interval: "30s1m" }), 'telemetry.scrape.interval: "30s1m" is not a Prometheus duration (e.g. 30d, 4w, 12h, 90s)'],
  ])("%s", (_name, change, message) => {
    expect(problemsOf(change)).toEqual([`${FILE}: ${message}`]);
  });

  test("compound durations such as 1h30m and 4w are accepted", () => {
    expect(
      problemsOf((d) => {
        d.requestDeadline = "1m30s";
        slo(d, 0).period = "4w";
      }),
    ).toEqual([]);
  });
});

describe("names and label values", () => {
  test.each<[string, (d: ServiceDeclaration) => void, string]>([
    ["service name with capitals and underscore", (d) => (d.name = "Checkout_API"), 'name: "Checkout_API" is not a DNS-1123 label: use lower-case letters, digits and "-", starting and ending with a letter or digit'],
    ["service name ending in a dash", (d) => (d.name = "checkout-"), 'name: "checkout-" is not a DNS-1123 label: use lower-case letters, digits and "-", starting and ending with a letter or digit'],
    ["service name longer than 63", (d) => (d.name = "a".repeat(64)), `name: "${"a".repeat(64)}" is longer than 63 characters (DNS-1123 label)`],
    ["empty namespace (an empty label value)", (d) => (d.namespace = ""), "namespace: must not be empty"],
    ["empty team (an empty label value)", (d) => (d.team = " "), "team: must not be empty"],
    ["team that is not a label value we allow", (d) => (d.team = "Payments Team"), 'team: "Payments Team" is not a DNS-1123 label: use lower-case letters, digits and "-", starting and ending with a letter or digit'],
    ["undeclared team", (d) => (d.team = "paymnets"), 'team: "paymnets" is not a declared team (declared: commerce, payments, platform, pricing)'],
    ["SLO name with a dot", (d) => (slo(d, 0).name = "availability.v2"), 'slos[0].name: "availability.v2" is not a DNS-1123 label: use lower-case letters, digits and "-", starting and ending with a letter or digit'],
    ["empty SLO name", (d) => (slo(d, 0).name = ""), "slos[0].name: must not be empty"],
    ["duplicate SLO name", (d) => (slo(d, 2).name = "availability"), 'slos[2].name: "availability" is already the name of slos[0]'],
    [
      "label name a Prometheus 2 query cannot use (quoted UTF-8 name)",
      (d) => setSli(d, 2, ratio('sum(rate(payments_total{"payment.outcome"="error"}[{{window}}]))', "sum(rate(payments_total[{{window}}]))")),
      'slos[2].sli.errorQuery: "payment.outcome" is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)',
    ],
    ["tier", (d) => (d.tier = "gold" as ServiceDeclaration["tier"]), 'tier: "gold" must be one of critical, standard, best-effort'],
    ["language", (d) => (d.language = "rust" as ServiceDeclaration["language"]), 'language: "rust" must be one of typescript, python, php, go, java'],
    ["empty description", (d) => (d.description = ""), "description: must not be empty"],
    ["replicas zero", (d) => (d.replicas = 0), "replicas: 0 must be a whole number of at least 1"],
  ])("%s", (_name, change, message) => {
    expect(problemsOf(change)).toEqual([`${FILE}: ${message}`]);
  });

  test("a service name declared twice names the other file", () => {
    const copy: CataloguedService = { file: "stacks/services/checkout-copy.ts", declaration: validDeclaration() };
    expect(catalogueProblems([{ file: FILE, declaration: validDeclaration() }, PRICING, copy])).toEqual([
      'stacks/services/checkout-copy.ts: name: "checkout-api" is already declared by stacks/services/checkout-api.ts',
    ]);
  });

  test("teams are not checked when no team list is given", () => {
    const decl = validDeclaration();
    decl.team = "nobody";
    expect(catalogueProblems([{ file: FILE, declaration: decl }, PRICING])).toEqual([]);
  });
});

describe("SLIs", () => {
  test.each<[string, (d: ServiceDeclaration) => void, string]>([
    [
      "latency threshold that is no bucket boundary (otel-http)",
      (d) => setSli(d, 1, { kind: "latency", source: "otel-http", thresholdSeconds: 0.3 }),
      "slos[1].sli.thresholdSeconds: 0.3 is not a bucket boundary of http_server_request_duration_seconds_bucket; use one of 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10",
    ],
    [
      "latency threshold in milliseconds (spanmetrics)",
      (d) => setSli(d, 1, { kind: "latency", source: "spanmetrics", thresholdSeconds: 100 }),
      "slos[1].sli.thresholdSeconds: 100 is not a bucket boundary of traces_span_metrics_duration_seconds_bucket; use one of 0.002, 0.004, 0.006, 0.008, 0.01, 0.05, 0.1, 0.2, 0.4, 0.8, 1, 1.4, 2, 5, 10, 15",
    ],
    ["negative latency threshold", (d) => setSli(d, 1, { kind: "latency", source: "spanmetrics", thresholdSeconds: -1 }), "slos[1].sli.thresholdSeconds: -1 must be a positive number of seconds"],
    ["unknown SLI source", (d) => setSli(d, 0, { kind: "availability", source: "jaeger" }), 'slos[0].sli.source: "jaeger" must be one of otel-http, spanmetrics'],
    ["unknown SLI kind", (d) => setSli(d, 0, { kind: "throughput" }), 'slos[0].sli.kind: "throughput" must be one of availability, latency, ratio'],
    ["missing SLI", (d) => setSli(d, 0, undefined), "slos[0].sli: missing; declare kind availability, latency or ratio"],
    [
      "error query that does not parse",
      (d) => setSli(d, 2, ratio('sum(rate(payments_total{outcome="error"}[{{window}}])', "sum(rate(payments_total[{{window}}]))")),
      "slos[2].sli.errorQuery: does not parse as PromQL (with {{window}} as 5m): unexpected end of query at character 46",
    ],
    [
      "total query with an unknown function",
      (d) => setSli(d, 2, ratio('sum(rate(payments_total{outcome="error"}[{{window}}]))', "sum(rates(payments_total[{{window}}]))")),
      'slos[2].sli.totalQuery: does not parse as PromQL (with {{window}} as 5m): unexpected "(payments_to" at character 10',
    ],
    [
      "query without {{window}}",
      (d) => setSli(d, 2, ratio('sum(rate(payments_total{outcome="error"}[5m]))', "sum(rate(payments_total[{{window}}]))")),
      "slos[2].sli.errorQuery: has no {{window}} placeholder; write the range as [{{window}}], e.g. rate(http_requests_total[{{window}}])",
    ],
    [
      "identical error and total queries",
      (d) => setSli(d, 2, ratio("sum(rate(payments_total[{{window}}]))", "sum( rate(payments_total[{{window}}]) )")),
      "slos[2].sli.errorQuery: is the same query as totalQuery; the error ratio would always be 100%",
    ],
    [
      "identical good and total queries",
      (d) => setSli(d, 2, ratio(undefined, "sum(rate(payments_total[{{window}}]))", "sum(rate(payments_total[{{window}}]))")),
      "slos[2].sli.goodQuery: is the same query as totalQuery; the error ratio would always be 0%",
    ],
    [
      "both error and good queries",
      (d) => setSli(d, 2, ratio('sum(rate(payments_total{outcome="error"}[{{window}}]))', "sum(rate(payments_total[{{window}}]))", 'sum(rate(payments_total{outcome="ok"}[{{window}}]))')),
      "slos[2].sli: give errorQuery or goodQuery, not both",
    ],
    ["neither error nor good query", (d) => setSli(d, 2, ratio(undefined, "sum(rate(payments_total[{{window}}]))")), "slos[2].sli: give errorQuery or goodQuery (with totalQuery)"],
    [
      "empty total query",
      (d) => setSli(d, 2, ratio('sum(rate(payments_total{outcome="error"}[{{window}}]))', "")),
      "slos[2].sli.totalQuery: must not be empty",
    ],
    [
      "query mixing rate() and increase()",
      (d) => setSli(d, 2, ratio('sum(increase(payments_total{outcome="error"}[{{window}}])) + sum(rate(refunds_total[{{window}}]))', "sum(rate(payments_total[{{window}}]))")),
      "slos[2].sli.errorQuery: mixes per-second rate()/irate() with per-window increase()/sum_over_time()/count_over_time(); use one kind",
    ],
    [
      "query that counts nothing over the window",
      (d) => setSli(d, 2, ratio('sum(avg_over_time(payments_inflight{outcome="error"}[{{window}}]))', "sum(rate(payments_total[{{window}}]))")),
      "slos[2].sli.errorQuery: counts events with none of rate(), irate(), increase(), sum_over_time(), count_over_time() over [{{window}}]",
    ],
    ["minimum request rate of zero", (d) => (slo(d, 2).minRequestRate = 0), "slos[2].minRequestRate: 0 must be a positive number of requests per second"],
  ])("%s", (_name, change, message) => {
    expect(problemsOf(change)).toEqual([`${FILE}: ${message}`]);
  });

  test("no SLOs at all", () => {
    expect(problemsOf((d) => (d.slos = []))).toEqual([`${FILE}: slos: declare at least one SLO`]);
  });
});

describe("telemetry, overrides and dependencies", () => {
  test.each<[string, (d: ServiceDeclaration) => void, string]>([
    ["neither OTLP nor scrape", (d) => (d.telemetry = { otlp: false }), "telemetry: declares neither otlp: true nor scrape; the service's metrics would reach nobody"],
    ["scrape port out of range", (d) => (d.telemetry.scrape = { port: 70000 }), "telemetry.scrape.port: 70000 must be a whole number from 1 to 65535"],
    [
      "scrape port name longer than 15",
      (d) => (d.telemetry.scrape = { port: 9464, portName: "prometheus-metrics" }),
      'telemetry.scrape.portName: "prometheus-metrics" is not a Kubernetes port name: at most 15 lower-case letters, digits and "-", with at least one letter, no "-" at either end or twice in a row',
    ],
    ["scrape path without slash", (d) => (d.telemetry.scrape = { port: 9464, path: "metrics" }), 'telemetry.scrape.path: "metrics" must start with "/"'],
    ["override for an unknown environment", (d) => (d.overrides = { prod: {} } as ServiceDeclaration["overrides"]), 'overrides.prod: "prod" is not an environment; use local, staging, production'],
    [
      "override of an SLO that does not exist",
      (d) => (d.overrides = { staging: { objectives: { availabilty: 99 } } }),
      'overrides.staging.objectives.availabilty: there is no SLO named "availabilty" (slos: availability, latency, payments)',
    ],
    ["override with zero replicas", (d) => (d.overrides = { local: { replicas: 0 } }), "overrides.local.replicas: 0 must be a whole number of at least 1"],
    ["dependency on an undeclared service", (d) => (d.dependencies = [{ service: "inventory" }]), 'dependencies[0].service: "inventory" is not a declared service (declared: checkout-api, pricing-engine)'],
    ["dependency on itself", (d) => (d.dependencies = [{ service: "checkout-api" }]), 'dependencies[0].service: "checkout-api" is this service itself'],
    ["external name that is not DNS-1123", (d) => (d.dependencies = [{ external: "Stripe API" }]), 'dependencies[0].external: "Stripe API" is not a DNS-1123 label: use lower-case letters, digits and "-", starting and ending with a letter or digit'],
    [
      "dependency naming both a service and an external",
      (d) => (d.dependencies = [{ service: "pricing-engine", external: "stripe" } as unknown as { service: string }]),
      "dependencies[0]: give exactly one of service or external",
    ],
    ["the same dependency twice", (d) => (d.dependencies = [{ external: "stripe" }, { external: "stripe" }]), 'dependencies[1]: "stripe" is already listed as dependencies[0]'],
  ])("%s", (_name, change, message) => {
    expect(problemsOf(change)).toEqual([`${FILE}: ${message}`]);
  });
});

describe("validateCatalogue", () => {
  test("returns the catalogue unchanged when it is valid", () => {
    const services = [{ file: FILE, declaration: validDeclaration() }, PRICING];
    expect(validateCatalogue(services, { knownTeams: KNOWN_TEAMS })).toBe(services);
  });

  test("throws one error listing every problem of every file, one per line", () => {
    const bad = validDeclaration();
    bad.slos[0].objective = 0.999;
    bad.dependencies = [{ service: "inventory" }];
    const badPricing: CataloguedService = { ...PRICING, declaration: { ...PRICING.declaration, namespace: "Shop" } };
    expect(() => validateCatalogue([{ file: FILE, declaration: bad }, badPricing])).toThrow(
      new Error(
        [
          "The service catalogue has 3 problems:",
          "stacks/services/checkout-api.ts: slos[0].objective: 0.999 looks like a fraction; write the objective in percent (99.9)",
          'stacks/services/checkout-api.ts: dependencies[0].service: "inventory" is not a declared service (declared: checkout-api, pricing-engine)',
          'stacks/services/pricing-engine.ts: namespace: "Shop" is not a DNS-1123 label: use lower-case letters, digits and "-", starting and ending with a letter or digit',
        ].join("\n"),
      ),
    );
  });
});
