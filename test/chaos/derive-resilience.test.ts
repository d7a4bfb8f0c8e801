/**
 * Experiments derived from resilience policies (issue 10, point 5): the mapping to Chaos Mesh,
 * the stack rails (not derived with a reason, or an exact error), their slots, and PLAN.md.
 */
import { loadCatalogue } from "../../catalogue/load";
import { resolveResiliencePolicies } from "../../resilience/resolve";
import { deriveResilienceExperiments, type ResilienceExperiment } from "../../resilience/chaos-experiments";
import { resilienceChaosExperiment } from "../../chaos/from-resilience";
import { planChaos, type ChaosPlan } from "../../chaos/plan";
import { renderChaosPlan, chaosArtifactFiles } from "../../chaos/render";
import { ChaosValidationError } from "../../chaos/validate";
import { windowsOverlap } from "../../chaos/windows";
import type { ChaosConfig } from "../../chaos/config-schema";
import type { ChaosExperiment } from "../../chaos/types";
import type { CataloguedService, ServiceDeclaration } from "../../catalogue/types";
import { catalogue, PROMETHEUS_URL, stagingChaos, web } from "./fixtures";
import { REPO, stackChaosPlan } from "./support";

const F = "stacks/services/api.ts";
const W = "stacks/services/web.ts";
/** A declared experiment naming the external `bank`'s hosts (the only source of hosts a derived experiment uses). */
const bankDns: ChaosExperiment = {
  name: "bank-dns",
  fault: { kind: "dns-failure", dependency: "bank", externalHosts: ["api.bank.example"] },
  duration: "5m",
  schedule: { day: "tuesday", at: "10:00" },
};
const API_SELECTOR = { namespaces: ["shop"], labelSelectors: { "app.kubernetes.io/name": "api" } };

function plan(services: CataloguedService[], config: ChaosConfig = stagingChaos()): ChaosPlan {
  return planChaos({ stack: "staging", environment: "staging", platformNamespace: "monitoring", config, services, prometheusUrl: PROMETHEUS_URL });
}

function problems(services: CataloguedService[], config: ChaosConfig = stagingChaos()): string[] {
  try {
    plan(services, config);
    return [];
  } catch (e) {
    if (!(e instanceof ChaosValidationError)) throw e;
    return e.problems;
  }
}

/** What resilience/chaos-experiments.ts derives for `service` of `services` in staging. */
function source(services: CataloguedService[], service: string, dependency: string, fault: "latency" | "abort"): ResilienceExperiment {
  const svc = services.find((s) => s.declaration.name === service)!;
  const found = deriveResilienceExperiments(resolveResiliencePolicies(svc, services, "staging")).find((e) => e.dependency === dependency && e.fault === fault);
  if (found === undefined) throw new Error(`no ${fault} experiment of ${service} on ${dependency}`);
  return found;
}

describe("mapping a derived experiment to a typed chaos experiment", () => {
  const latency: ResilienceExperiment = {
    service: "api", namespace: "shop", dependency: "db-api", dependencyKind: "service", fault: "latency", latency: "2000ms", durationSeconds: 120, hypothesis: "Timeouts are counted.",
  };
  const abort: ResilienceExperiment = {
    service: "api", namespace: "shop", dependency: "bank", dependencyKind: "external", fault: "abort", durationSeconds: 300, hypothesis: "The breaker opens.",
  };
  const slot = { day: "monday", at: "09:00" } as const;
  test.each([
    [
      "latency → network-delay to the dependency, one pod, duration in the shortest Go form",
      latency, undefined,
      { name: "resilience-db-api-latency", duration: "2m", schedule: slot, purpose: "Timeouts are counted.", fault: { kind: "network-delay", dependency: "db-api", latency: "2000ms" }, scope: { mode: "one" } },
    ],
    [
      "abort → network-partition (direction to) of an external dependency, with the hosts given",
      abort, ["api.bank.example"],
      {
        name: "resilience-bank-abort", duration: "5m", schedule: slot, purpose: "The breaker opens.",
        fault: { kind: "network-partition", dependency: "bank", direction: "to", externalHosts: ["api.bank.example"] }, scope: { mode: "one" },
      },
    ],
  ])("%s", (_name, e, hosts, expected) => {
    expect(resilienceChaosExperiment(e, slot, hosts)).toEqual(expected);
  });

  test("a latency experiment without latency is refused", () => {
    expect(() => resilienceChaosExperiment({ ...latency, latency: undefined }, slot)).toThrow("api: the latency experiment on db-api has no latency");
  });
});

describe("derived experiments in the plan: the exact Chaos Mesh objects", () => {
  const services = catalogue([bankDns]);
  const p = plan(services);
  const object = (name: string) => p.objects.find((o) => o.metadata.name === name)!;

  test("every dependency gets a latency and an abort experiment, after the declared ones, each in its own slot", () => {
    expect(p.experiments.map((x) => [x.resolved.name, x.resolved.origin.kind, `${x.resolved.experiment.schedule.day} ${x.resolved.experiment.schedule.at}`, x.resolved.experiment.duration])).toEqual([
      ["api-bank-dns", "declared", "tuesday 10:00", "5m"],
      // 2m faults: window from 5 minutes before to 32 minutes after the start, so starts 45 minutes apart
      ["api-resilience-db-api-latency", "resilience-policy", "monday 09:00", "2m"],
      ["api-resilience-db-api-abort", "resilience-policy", "monday 09:45", "2m"],
      ["api-resilience-bank-latency", "resilience-policy", "monday 10:30", "2m"],
      ["api-resilience-bank-abort", "resilience-policy", "monday 11:15", "2m"],
      ["web-resilience-api-latency", "resilience-policy", "monday 12:00", "2m"],
      ["web-resilience-api-abort", "resilience-policy", "monday 12:45", "2m"],
    ]);
    expect(p.notDerived).toEqual([]);
  });

  test("latency on a declared service: NetworkChaos delay from one api pod to every db-api pod", () => {
    const o = object("api-resilience-db-api-latency");
    expect(o.spec.schedule).toBe("CRON_TZ=UTC 0 9 * * 1");
    expect(o.spec.workflow.templates.map((t) => t.name)).toEqual(["experiment", "slo-guard", "network-delay"]);
    expect(o.spec.workflow.templates[2]).toEqual({
      name: "network-delay",
      templateType: "NetworkChaos",
      deadline: "2m",
      networkChaos: {
        action: "delay",
        selector: API_SELECTOR,
        mode: "one",
        direction: "to",
        target: { mode: "all", selector: { namespaces: ["data"], labelSelectors: { "app.kubernetes.io/name": "db-api" } } },
        delay: { latency: "2000ms" },
      },
    });
    expect(o.metadata.labels).toEqual({
      "app.kubernetes.io/part-of": "sevensa-observability",
      "app.kubernetes.io/managed-by": "pulumi",
      "sevensa.io/service": "api",
      "sevensa.io/chaos-experiment": "resilience-db-api-latency",
      "sevensa.io/derived-from": "resilience-policy",
    });
    expect(o.metadata.annotations).toEqual({
      "sevensa.io/declared-in": F,
      "sevensa.io/derived-from-field": "dependencies[0].resilience",
      "sevensa.io/hypothesis":
        "While 2000ms latency to db-api from 1 of 4 pods runs against api, no page burn-rate condition of api, web becomes true and their SLOs hold. " +
        source(services, "api", "db-api", "latency").hypothesis,
    });
  });

  test("abort of an external system: NetworkChaos partition from one api pod to the hosts its declared experiment names", () => {
    const o = object("api-resilience-bank-abort");
    expect(o.spec.schedule).toBe("CRON_TZ=UTC 15 11 * * 1");
    expect(o.spec.workflow.templates[2]).toEqual({
      name: "network-partition",
      templateType: "NetworkChaos",
      deadline: "2m",
      networkChaos: { action: "partition", selector: API_SELECTOR, mode: "one", direction: "to", externalTargets: ["api.bank.example"] },
    });
    const guard = o.spec.workflow.templates[1] as { deadline: string; abortWithStatusCheck: boolean };
    expect([guard.deadline, guard.abortWithStatusCheck]).toEqual(["2m", true]);
    expect(o.metadata.annotations["sevensa.io/derived-from-field"]).toBe("dependencies[1].resilience");
  });

  test("no two windows of experiments sharing a service of their blast radius overlap (here every one affects web)", () => {
    const all = p.experiments.map((x) => x.resolved);
    expect(all.every((r) => r.affected.some((s) => s.name === "web"))).toBe(true);
    for (let i = 0; i < all.length; i++) for (let j = 0; j < i; j++) expect([all[i].name, all[j].name, windowsOverlap(all[i].window, all[j].window)]).toEqual([all[i].name, all[j].name, false]);
  });
});

describe("stack rails on derived experiments", () => {
  test("a derived experiment longer than the stack's maximum is an error naming the policy and its breaker, not clamped", () => {
    const slow: Partial<ServiceDeclaration> = { dependencies: [{ service: "db-api", resilience: { circuitBreaker: { openDuration: "20m" } } }, { external: "bank" }] };
    const tail =
      "lasts 41m, longer than the maximum 30m of Pulumi.staging.yaml (sevensa-observability:chaos.maxDuration), so the policy cannot be proven in staging: " +
      "the experiment outlasts two open periods of the circuit breaker (20m each) to see it close again; shorten circuitBreaker.openDuration for staging, or raise the maximum";
    expect(problems(catalogue([], slow))).toEqual([
      `${F}: dependencies[0].resilience: the latency experiment derived from this policy (resilience-db-api-latency) ${tail}`,
      `${F}: dependencies[0].resilience: the abort experiment derived from this policy (resilience-db-api-abort) ${tail}`,
    ]);
    // a longer maximum lets them run, with the policy's full length
    const ok = plan(catalogue([], slow), stagingChaos({ maxDuration: "45m" }));
    expect(ok.experiments.filter((x) => x.resolved.service.declaration.name === "api").map((x) => [x.resolved.name, x.resolved.experiment.duration])).toEqual([
      ["api-resilience-db-api-latency", "41m"],
      ["api-resilience-db-api-abort", "41m"],
    ]);
    // where chaos does not run, nothing is derived, so nothing is too long
    expect(problems(catalogue([], slow), stagingChaos({ allowed: false, engine: { mode: "off" } }))).toEqual([]);
  });

  test("a call without a circuit breaker: the message has nothing to shorten but the maximum", () => {
    const noBreaker: Partial<ServiceDeclaration> = { dependencies: [{ service: "db-api", resilience: { circuitBreaker: false } }] };
    expect(problems(catalogue([], noBreaker), stagingChaos({ maxDuration: "1m" }))).toEqual([
      `${F}: dependencies[0].resilience: the latency experiment derived from this policy (resilience-db-api-latency) lasts 2m, longer than the maximum 1m of Pulumi.staging.yaml (sevensa-observability:chaos.maxDuration), so the policy cannot be proven in staging; raise the maximum`,
      `${W}: dependencies[0].resilience: the latency experiment derived from this policy (resilience-api-latency) lasts 2m, longer than the maximum 1m of Pulumi.staging.yaml (sevensa-observability:chaos.maxDuration), so the policy cannot be proven in staging: the experiment outlasts two open periods of the circuit breaker (30s each) to see it close again; shorten circuitBreaker.openDuration for staging, or raise the maximum`,
      `${W}: dependencies[0].resilience: the abort experiment derived from this policy (resilience-api-abort) lasts 2m, longer than the maximum 1m of Pulumi.staging.yaml (sevensa-observability:chaos.maxDuration), so the policy cannot be proven in staging: the experiment outlasts two open periods of the circuit breaker (30s each) to see it close again; shorten circuitBreaker.openDuration for staging, or raise the maximum`,
    ]);
  });

  const notDerived = (services: CataloguedService[], config?: ChaosConfig) =>
    plan(services, config).notDerived.map((n) => [`${n.service.declaration.name}-${n.name}`, n.field, n.reason]);
  const noHost = "no host declared: bank is an external system, and no experiment in chaos.experiments of api names its externalHosts";

  test.each([
    [
      "an external dependency whose hosts no declared experiment names",
      catalogue([]), undefined,
      [["api-resilience-bank-latency", "dependencies[1].resilience", noHost], ["api-resilience-bank-abort", "dependencies[1].resilience", noHost]],
    ],
    [
      "a dependency in a namespace not annotated for chaos",
      catalogue([bankDns]), stagingChaos({ targetNamespaces: ["shop"] }),
      ["latency", "abort"].map((f) => [`api-resilience-db-api-${f}`, "dependencies[0].resilience", 'namespace "data" is not annotated for chaos in Pulumi.staging.yaml (sevensa-observability:chaos.targetNamespaces: shop)']),
    ],
    [
      "a service in a protected namespace (and its caller's calls into it)",
      catalogue([], { namespace: "kube-system" }), undefined,
      [
        ...["db-api-latency", "db-api-abort"].map((n) => [`api-resilience-${n}`, "dependencies[0].resilience", 'namespace "kube-system" is protected in Pulumi.staging.yaml (protected: chaos-mesh, kube-public, kube-system, monitoring)']),
        ...["bank-latency", "bank-abort"].map((n) => [`api-resilience-${n}`, "dependencies[1].resilience", noHost]),
        ...["latency", "abort"].map((f) => [`web-resilience-api-${f}`, "dependencies[0].resilience", 'namespace "kube-system" is protected in Pulumi.staging.yaml (protected: chaos-mesh, kube-public, kube-system, monitoring)']),
      ],
    ],
    [
      "a critical service running one replica (scope one would take every pod)",
      catalogue([], { replicas: 1, dependencies: [{ service: "db-api" }] }), undefined,
      ["latency", "abort"].map((f) => [`api-resilience-db-api-${f}`, "dependencies[0].resilience", 'scope { mode: "one" } touches 1 of the 1 pods api runs with in staging; leave at least one untouched']),
    ],
    [
      "a service without SLO (no steady-state hypothesis)",
      catalogue([], { slos: [], dependencies: [{ service: "db-api" }] }), undefined,
      ["latency", "abort"].map((f) => [`api-resilience-db-api-${f}`, "dependencies[0].resilience", "api has no SLO: no steady-state hypothesis, no experiment"]),
    ],
  ])("not derived, with the reason: %s", (_name, services, config, expected) => {
    expect(notDerived(services, config)).toEqual(expected);
  });

  test("a declared experiment with a derived experiment's name is an error (the objects would collide)", () => {
    const clash: ChaosExperiment = { name: "resilience-db-api-latency", fault: { kind: "pod-kill" }, duration: "5m", schedule: { day: "friday", at: "10:00" } };
    expect(problems(catalogue([clash]))).toEqual([
      `${F}: chaos.experiments[0].name: "resilience-db-api-latency" is the name of the experiment derived from dependencies[0].resilience; rename it`,
    ]);
  });

  test("a week without a free slot is an error for every experiment left without one", () => {
    const days = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;
    const fullDays: ChaosExperiment[] = days.map((day) => ({ name: `soak-${day}`, fault: { kind: "pod-kill" }, duration: "8h", schedule: { day, at: "09:00" } }));
    const slots = "every start (monday to friday, 09:00 to 17:00 UTC, every 15 minutes) opens a window that overlaps the window of another experiment on a service of its blast radius";
    const move = "; move or remove declared experiments";
    expect(problems(catalogue(fullDays), stagingChaos({ maxDuration: "9h" }))).toEqual([
      `${F}: dependencies[0].resilience: no slot is left for the experiment resilience-db-api-latency derived from this policy (2m): ${slots} (api, web)${move}`,
      `${F}: dependencies[0].resilience: no slot is left for the experiment resilience-db-api-abort derived from this policy (2m): ${slots} (api, web)${move}`,
      `${W}: dependencies[0].resilience: no slot is left for the experiment resilience-api-latency derived from this policy (2m): ${slots} (web)${move}`,
      `${W}: dependencies[0].resilience: no slot is left for the experiment resilience-api-abort derived from this policy (2m): ${slots} (web)${move}`,
    ]);
  });

  test("experiments whose blast radii share no service may share a slot (the rule between declared experiments)", () => {
    // `other` calls db-api too but nobody calls `other`: its experiments affect only itself
    const other: CataloguedService = { file: "stacks/services/other.ts", declaration: { ...web(), name: "other", dependencies: [{ service: "db-api" }] } };
    const p = plan([...catalogue([]), other]);
    expect(p.experiments.map((x) => [x.resolved.name, `${x.resolved.experiment.schedule.day} ${x.resolved.experiment.schedule.at}`, x.resolved.affected.map((s) => s.name).join(",")])).toEqual([
      ["api-resilience-db-api-latency", "monday 09:00", "api,web"],
      ["api-resilience-db-api-abort", "monday 09:45", "api,web"],
      ["web-resilience-api-latency", "monday 10:30", "web"],
      ["web-resilience-api-abort", "monday 11:15", "web"],
      ["other-resilience-db-api-latency", "monday 09:00", "other"],
      ["other-resilience-db-api-abort", "monday 09:45", "other"],
    ]);
  });
});

describe("PLAN.md lists the derived experiments", () => {
  test("fixture: a table row and a section marked as derived from the resilience policy, with the policy's hypothesis; the policies not derivable with the reason", () => {
    const services = catalogue([]);
    const config = stagingChaos();
    const md = renderChaosPlan({ stack: "staging", environment: "staging", config, plan: plan(services, config) });
    const lines = md.split("\n");
    expect(lines).toContain("| Experiment | Origin | Service | Injected | Schedule (UTC) | Duration | Blast radius |");
    expect(lines).toContain("| `api-resilience-db-api-latency` | resilience policy | api | 2000ms latency to db-api from 1 of 4 pods | monday 09:00 | 2m | api, web |");
    expect(lines).toContain("| `web-resilience-api-abort` | resilience policy | web | network partition (to) from api of 1 of 2 pods | monday 11:15 | 2m | web |");
    const section = md.slice(md.indexOf("## api-resilience-db-api-latency\n"), md.indexOf("## api-resilience-db-api-abort\n")).split("\n");
    expect(section.slice(0, 5)).toEqual([
      "## api-resilience-db-api-latency",
      "",
      "- Derived from the resilience policy: `stacks/services/api.ts` (`dependencies[0].resilience`, resolved for staging), latency fault",
      "- Injected: 2000ms latency to db-api from 1 of 4 pods",
      "- Hypothesis: While 2000ms latency to db-api from 1 of 4 pods runs against api, no page burn-rate condition of api, web becomes true and their SLOs hold. " +
        source(services, "api", "db-api", "latency").hypothesis,
    ]);
    expect(section).toContain("- Schedule: every monday at 09:00 UTC (`CRON_TZ=UTC 0 9 * * 1`), for 2m");
    expect(section).toContain("- Object: `chaos/api-resilience-db-api-latency.yaml`");
    expect(md.slice(md.indexOf("## Resilience policies without an experiment in staging"))).toBe(
      [
        "## Resilience policies without an experiment in staging",
        "",
        "Not derivable here, so these policies are not proven by chaos in this stack:",
        "",
        `- \`api-resilience-bank-latency\` (\`${F}\`, \`dependencies[1].resilience\`): no host declared: bank is an external system, and no experiment in chaos.experiments of api names its externalHosts`,
        `- \`api-resilience-bank-abort\` (\`${F}\`, \`dependencies[1].resilience\`): no host declared: bank is an external system, and no experiment in chaos.experiments of api names its externalHosts`,
        "",
      ].join("\n"),
    );
  });

  test("staging: the ten experiments of the example catalogue's policies, each with its section and object file", () => {
    const { config, plan: p } = stackChaosPlan("staging");
    const files = chaosArtifactFiles({ stack: "staging", environment: "staging", config, plan: p });
    const md = files["chaos/PLAN.md"];
    const derived = p.experiments.filter((x) => x.resolved.origin.kind === "resilience-policy");
    // every policy of the catalogue (deriveResilienceExperiments, staging) has its experiment
    const services = loadCatalogue(REPO);
    const expected = services.flatMap((s) => deriveResilienceExperiments(resolveResiliencePolicies(s, services, "staging")).map((e) => `${e.service}-resilience-${e.dependency}-${e.fault}`));
    expect(expected).toHaveLength(10);
    expect(derived.map((x) => x.resolved.name)).toEqual(expected);
    expect(p.notDerived).toEqual([]);
    for (const x of derived) {
      const r = x.resolved;
      expect(md).toContain(`| \`${r.name}\` | resilience policy | ${r.service.declaration.name} | ${x.injected} |`);
      expect(md).toContain(`## ${r.name}\n\n- Derived from the resilience policy: \`${r.service.file}\` (\`${r.field}\`, resolved for staging)`);
      expect(md).toContain(`- Hypothesis: ${x.hypothesis}\n`);
      expect(files[`chaos/${r.name}.yaml`].split("\n")[0]).toBe(
        `# Generated by sevensa-observability from ${r.service.file} (${r.field}, derived from its resilience policy) for Pulumi.staging.yaml via chaos/plan.ts. Do not edit; change the source and regenerate.`,
      );
    }
    // no two experiments of the stack sharing a service of their blast radius have overlapping windows
    const all = p.experiments.map((x) => x.resolved);
    const clashes = all.flatMap((a, i) =>
      all.slice(0, i).filter((b) => a.affected.some((s) => b.affected.some((t) => t.name === s.name)) && windowsOverlap(a.window, b.window)).map((b) => `${a.name} × ${b.name}`),
    );
    expect(clashes).toEqual([]);
    // the external dependencies take the hosts of the services' own declared experiments
    expect(md).toContain(
      "- Derived from the resilience policy: `stacks/services/checkout-api.ts` (`dependencies[1].resilience`, resolved for staging), abort fault; hosts from `chaos.experiments[2].fault.externalHosts`",
    );
    expect(md).toContain("- Injected: network partition (to) from stripe (api.stripe.com) of 1 of 2 pods");
  });

  test("production and local: no chaos object, nothing derived, nothing listed", () => {
    for (const stack of ["production", "local"] as const) {
      const { plan: p } = stackChaosPlan(stack);
      expect([stack, p.active, p.objects, p.notDerived]).toEqual([stack, false, [], []]);
    }
  });
});
