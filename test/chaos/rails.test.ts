import { validateChaos, ChaosValidationError } from "../../chaos/validate";
import type { ChaosConfig } from "../../chaos/config-schema";
import type { ChaosExperiment } from "../../chaos/types";
import type { CataloguedService, ServiceDeclaration } from "../../catalogue/types";
import { catalogue, stagingChaos } from "./fixtures";

const slot = { day: "tuesday", at: "10:00" } as const;
const kill: ChaosExperiment = { name: "kill", fault: { kind: "pod-kill" }, duration: "10m", schedule: slot };
const F = "stacks/services/api.ts";
/** A scope the declaration type refuses; the rail must refuse it too (declarations may come from JavaScript or a cast). */
const ALL = { mode: "all" } as never;

function problems(
  experiments: ChaosExperiment[],
  opts: { config?: ChaosConfig; environment?: "local" | "staging" | "production"; extra?: Partial<ServiceDeclaration>; services?: CataloguedService[] } = {},
): string[] {
  try {
    validateChaos({
      stack: opts.environment ?? "staging",
      environment: opts.environment ?? "staging",
      platformNamespace: "monitoring",
      config: opts.config ?? stagingChaos(),
      services: opts.services ?? catalogue(experiments, opts.extra),
    });
    return [];
  } catch (e) {
    if (!(e instanceof ChaosValidationError)) throw e;
    return e.problems;
  }
}

const cases: [string, ChaosExperiment[], Parameters<typeof problems>[1], string[]][] = [
  ["a compliant experiment passes", [kill], {}, []],
  [
    "mode all on a critical service",
    [{ ...kill, scope: ALL }], {},
    [`${F}: chaos.experiments[0].scope.mode: "all" would hit every pod of api; use "one", "fixed" or "fixed-percent" (only the zone-outage scenario takes every pod, of one zone)`],
  ],
  [
    "mode all on a standard service",
    [{ ...kill, scope: ALL }], { extra: { tier: "standard" } },
    [`${F}: chaos.experiments[0].scope.mode: "all" would hit every pod of api; use "one", "fixed" or "fixed-percent" (only the zone-outage scenario takes every pod, of one zone)`],
  ],
  [
    "mode all on a standard service with a single replica",
    [{ ...kill, scope: ALL }], { extra: { tier: "standard", overrides: { staging: { replicas: 1 } } } },
    [`${F}: chaos.experiments[0].scope.mode: "all" would hit every pod of api; use "one", "fixed" or "fixed-percent" (only the zone-outage scenario takes every pod, of one zone)`],
  ],
  [
    "mode all for the caller pods of a cascading failure",
    [{ name: "cascade", scenario: "cascading-failure", dependency: "db-api", latency: "1s", killAfter: "5m", duration: "10m", schedule: slot, scope: ALL }], {},
    [`${F}: chaos.experiments[0].scope.mode: "all" would hit every pod of api; use "one", "fixed" or "fixed-percent" (only the zone-outage scenario takes every pod, of one zone)`],
  ],
  [
    "a fixed scope that touches every replica",
    [{ ...kill, scope: { mode: "fixed", pods: 4 } }], {},
    [`${F}: chaos.experiments[0].scope: touches 4 of the 4 pods api runs with in staging; leave at least one untouched`],
  ],
  [
    "a fixed scope that touches every replica of a standard service",
    [{ ...kill, scope: { mode: "fixed", pods: 4 } }], { extra: { tier: "standard" } },
    [`${F}: chaos.experiments[0].scope: touches 4 of the 4 pods api runs with in staging; leave at least one untouched`],
  ],
  [
    "one pod of a standard service with a single replica in the environment passes",
    [kill], { extra: { tier: "standard", overrides: { staging: { replicas: 1 } } } },
    [],
  ],
  [
    "a percentage above the default maximum when the stack sets none",
    [{ ...kill, scope: { mode: "fixed-percent", percent: 75 } }], {},
    [`${F}: chaos.experiments[0].scope.percent: 75 exceeds the maximum 50% of Pulumi.staging.yaml (sevensa-observability:chaos.maxPercent, 50 when not set)`],
  ],
  [
    "a percentage above the stack's maximum",
    [{ ...kill, scope: { mode: "fixed-percent", percent: 50 } }], { config: stagingChaos({ maxPercent: 25 }) },
    [`${F}: chaos.experiments[0].scope.percent: 50 exceeds the maximum 25% of Pulumi.staging.yaml (sevensa-observability:chaos.maxPercent)`],
  ],
  [
    "a percentage at the stack's maximum passes",
    [{ ...kill, scope: { mode: "fixed-percent", percent: 50 } }], {},
    [],
  ],
  [
    "a cascading failure's caller percentage above the maximum",
    [{ name: "cascade", scenario: "cascading-failure", dependency: "db-api", latency: "1s", killAfter: "5m", duration: "10m", schedule: slot, scope: { mode: "fixed-percent", percent: 75 } }], {},
    [`${F}: chaos.experiments[0].scope.percent: 75 exceeds the maximum 50% of Pulumi.staging.yaml (sevensa-observability:chaos.maxPercent, 50 when not set)`],
  ],
  [
    "a percentage that rounds to no pod",
    [{ ...kill, scope: { mode: "fixed-percent", percent: 10 } }], {},
    [`${F}: chaos.experiments[0].scope: touches no pod of the 4 api runs with in staging; the experiment would do nothing`],
  ],
  [
    "one pod of a critical service with a single replica in the environment",
    [kill], { extra: { overrides: { staging: { replicas: 1 } } } },
    [`${F}: chaos.experiments[0].scope: touches 1 of the 1 pods api runs with in staging; leave at least one untouched`],
  ],
  [
    "longer than the stack's maximum duration",
    [{ ...kill, duration: "45m" }], {},
    [`${F}: chaos.experiments[0].duration: 45m exceeds the maximum 30m of Pulumi.staging.yaml (sevensa-observability:chaos.maxDuration)`],
  ],
  [
    "a service in a protected namespace",
    [kill], { extra: { namespace: "kube-system" } },
    [`${F}: chaos.experiments[0]: namespace "kube-system" is protected in Pulumi.staging.yaml (protected: chaos-mesh, kube-public, kube-system, monitoring)`],
  ],
  [
    "a service in the platform's namespace",
    [kill], { extra: { namespace: "monitoring" } },
    [`${F}: chaos.experiments[0]: namespace "monitoring" is protected in Pulumi.staging.yaml (protected: chaos-mesh, kube-public, kube-system, monitoring)`],
  ],
  [
    "a namespace not annotated for chaos",
    [kill], { config: stagingChaos({ targetNamespaces: ["data"] }) },
    [`${F}: chaos.experiments[0]: namespace "shop" is not annotated for chaos in Pulumi.staging.yaml (sevensa-observability:chaos.targetNamespaces: data)`],
  ],
  [
    "a dependency's namespace not annotated",
    [{ ...kill, fault: { kind: "network-delay", dependency: "db-api", latency: "100ms" } }], { config: stagingChaos({ targetNamespaces: ["shop"] }) },
    [`${F}: chaos.experiments[0]: namespace "data" is not annotated for chaos in Pulumi.staging.yaml (sevensa-observability:chaos.targetNamespaces: shop)`],
  ],
  [
    "a dependency the service does not declare",
    [{ ...kill, fault: { kind: "network-loss", dependency: "search", lossPercent: 5 } }], {},
    [`${F}: chaos.experiments[0].fault.dependency: "search" is not a dependency of api (declared: db-api, bank)`],
  ],
  [
    "a declared dependency that is not a declared service",
    [{ ...kill, fault: { kind: "network-loss", dependency: "db-api", lossPercent: 5 } }],
    { services: catalogue([{ ...kill, fault: { kind: "network-loss", dependency: "db-api", lossPercent: 5 } }]).filter((s) => s.declaration.name !== "db-api") },
    [`${F}: chaos.experiments[0].fault.dependency: "db-api" is not a declared service (targets must be services of the catalogue)`],
  ],
  [
    "an external dependency without hosts",
    [{ ...kill, fault: { kind: "dns-failure", dependency: "bank" } }], {},
    [`${F}: chaos.experiments[0].fault.externalHosts: is required for the external dependency bank: name the hosts it is reached at (e.g. ["api.bank.com"])`],
  ],
  [
    "hand-written hosts for a declared service",
    [{ ...kill, fault: { kind: "dns-failure", dependency: "db-api", externalHosts: ["db.example"] } }], {},
    [`${F}: chaos.experiments[0].fault.externalHosts: only for external dependencies; db-api is a declared service whose pods are selected from its declaration`],
  ],
  [
    "a service without SLO",
    [kill], { extra: { slos: [] } },
    [`${F}: chaos: api has no SLO: no steady-state hypothesis, no experiment`],
  ],
  [
    "a duration Chaos Mesh cannot parse",
    [{ ...kill, duration: "1d" }], {},
    [`${F}: chaos.experiments[0].duration: "1d" is not a duration like 5m, 90s or 200ms (units h, m, s, ms)`],
  ],
  [
    "a bad schedule",
    [{ ...kill, schedule: { day: "tue" as never, at: "25:00" } }], {},
    [
      `${F}: chaos.experiments[0].schedule.day: "tue" is not one of sunday, monday, tuesday, wednesday, thursday, friday, saturday`,
      `${F}: chaos.experiments[0].schedule.at: "25:00" is not a UTC time like 10:00 (HH:MM)`,
    ],
  ],
  [
    "duplicate experiment names",
    [kill, { ...kill, schedule: { day: "friday", at: "10:00" } }], {},
    [`${F}: chaos.experiments[1].name: "kill" is declared twice for api`],
  ],
  [
    "overlapping windows sharing a service",
    [kill, { ...kill, name: "kill-again", schedule: { day: "tuesday", at: "10:30" } }], {},
    [`${F}: chaos.experiments[1].schedule: its window (tuesday 10:25 to tuesday 11:10 UTC) overlaps the window of api-kill (${F}), and both affect api; move one`],
  ],
  [
    "a cascading failure whose kill never comes",
    [{ name: "cascade", scenario: "cascading-failure", dependency: "db-api", latency: "1s", killAfter: "10m", duration: "10m", schedule: slot }], {},
    [`${F}: chaos.experiments[0].killAfter: 10m is not shorter than the duration 10m; the caller's pods would never be killed`],
  ],
  [
    "a zone outage with one replica",
    [{ name: "zone", scenario: "zone-outage", zone: "eu-a", duration: "10m", schedule: slot }], { extra: { overrides: { staging: { replicas: 1 } } } },
    [`${F}: chaos.experiments[0]: a zone outage needs at least 2 replicas of api in staging (it runs 1)`],
  ],
  [
    "a zone partition without service dependencies",
    [{ name: "zone", scenario: "zone-outage", zone: "eu-a", outage: "partition", duration: "10m", schedule: slot }], { extra: { dependencies: [{ external: "bank" }] } },
    [`${F}: chaos.experiments[0].outage: "partition" cuts the zone's pods off from declared service dependencies, and api has none; use "pod-failure"`],
  ],
  [
    "production allowing chaos",
    [kill], { environment: "production" },
    ["Pulumi.production.yaml: sevensa-observability:chaos.allowed: chaos is never allowed in production; set it to false"],
  ],
  [
    "installing the engine where chaos is not allowed",
    [kill], { config: stagingChaos({ allowed: false }) },
    [`Pulumi.staging.yaml: sevensa-observability:chaos.engine.mode: "install" puts Chaos Mesh into a stack where chaos.allowed is false; use "off" (or "external" for an existing installation)`],
  ],
  [
    "annotating a protected namespace",
    [kill], { config: stagingChaos({ targetNamespaces: ["shop", "chaos-mesh"] }) },
    [`Pulumi.staging.yaml: sevensa-observability:chaos.targetNamespaces[1]: "chaos-mesh" is protected (protected: chaos-mesh, kube-public, kube-system, monitoring) and cannot be annotated for chaos`],
  ],
];

describe("safety rails: each forbidden case and its exact error", () => {
  test.each(cases)("%s", (_name, experiments, opts, expected) => {
    expect(problems(experiments, opts)).toEqual(expected);
  });

  test("stack rails do not apply where chaos is off, declaration checks (mode all among them) still do", () => {
    const off = stagingChaos({ allowed: false, engine: { mode: "off" } });
    expect(problems([{ ...kill, duration: "45m", scope: { mode: "fixed-percent", percent: 75 } }], { config: off })).toEqual([]);
    expect(problems([{ ...kill, duration: "1d" }], { config: off })).toEqual([
      `${F}: chaos.experiments[0].duration: "1d" is not a duration like 5m, 90s or 200ms (units h, m, s, ms)`,
    ]);
    expect(problems([{ ...kill, scope: ALL }], { config: off })).toEqual([
      `${F}: chaos.experiments[0].scope.mode: "all" would hit every pod of api; use "one", "fixed" or "fixed-percent" (only the zone-outage scenario takes every pod, of one zone)`,
    ]);
  });

  test("a zone outage takes every pod of one zone, even of a critical service", () => {
    expect(problems([{ name: "zone", scenario: "zone-outage", zone: "eu-a", duration: "10m", schedule: slot }])).toEqual([]);
  });
});
