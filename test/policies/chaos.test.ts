import { chaosAllowedInStack } from "../../policies/rules/chaos/allowed-in-stack";
import { chaosDurationBounded } from "../../policies/rules/chaos/duration-bounded";
import { chaosModeBounded } from "../../policies/rules/chaos/mode-bounded";
import { chaosProtectedNamespaces } from "../../policies/rules/chaos/protected-namespaces";
import { chaosScheduleForbidsConcurrency } from "../../policies/rules/chaos/schedule-forbids-concurrency";
import { changed, resourceViolations, type Fixture } from "./support/run-policy";

const STAGING = { allowed: true, protectedNamespaces: ["kube-system", "kube-public", "chaos-mesh", "monitoring"], maxDuration: "30m", maxPercent: 50 };

/** A pod kill of one checkout-api replica, as the chaos builders emit it. */
const podKill: Fixture = {
  type: "kubernetes:chaos-mesh.org/v1alpha1:PodChaos",
  name: "checkout-api-pod-kill",
  props: {
    apiVersion: "chaos-mesh.org/v1alpha1",
    kind: "PodChaos",
    metadata: { namespace: "shop" },
    spec: { action: "pod-kill", mode: "one", duration: "30s", selector: { namespaces: ["shop"], labelSelectors: { "app.kubernetes.io/name": "checkout-api" } } },
  },
};

/** A network delay between checkout-api and pricing-engine. */
const delay: Fixture = {
  type: "kubernetes:chaos-mesh.org/v1alpha1:NetworkChaos",
  name: "checkout-api-delay",
  props: {
    metadata: { namespace: "shop" },
    spec: {
      action: "delay",
      mode: "fixed-percent",
      value: "50",
      duration: "10m",
      delay: { latency: "200ms" },
      selector: { namespaces: ["shop"], labelSelectors: { "app.kubernetes.io/name": "checkout-api" } },
      direction: "to",
      target: { mode: "one", selector: { namespaces: ["shop"], labelSelectors: { "app.kubernetes.io/name": "pricing-engine" } } },
    },
  },
};

/** A nightly schedule of the pod kill. */
const schedule: Fixture = {
  type: "kubernetes:chaos-mesh.org/v1alpha1:Schedule",
  name: "checkout-api-nightly",
  props: {
    metadata: { namespace: "shop" },
    spec: {
      schedule: "0 3 * * *",
      concurrencyPolicy: "Forbid",
      historyLimit: 5,
      type: "PodChaos",
      podChaos: { action: "pod-kill", mode: "one", duration: "30s", selector: { namespaces: ["shop"], labelSelectors: { "app.kubernetes.io/name": "checkout-api" } } },
    },
  },
};

/** A cascading-failure workflow: latency on the dependency, then a pod kill on the caller. */
const workflow: Fixture = {
  type: "kubernetes:chaos-mesh.org/v1alpha1:Workflow",
  name: "checkout-api-cascade",
  props: {
    metadata: { namespace: "shop" },
    spec: {
      entry: "cascade",
      templates: [
        { name: "cascade", templateType: "Serial", deadline: "20m", children: ["slow-pricing", "kill-caller"] },
        {
          name: "slow-pricing",
          templateType: "NetworkChaos",
          deadline: "10m",
          networkChaos: { action: "delay", mode: "one", delay: { latency: "500ms" }, selector: { namespaces: ["shop"], labelSelectors: { "app.kubernetes.io/name": "pricing-engine" } } },
        },
        {
          name: "kill-caller",
          templateType: "PodChaos",
          deadline: "1m",
          podChaos: { action: "pod-kill", mode: "one", selector: { namespaces: ["shop"], labelSelectors: { "app.kubernetes.io/name": "checkout-api" } } },
        },
      ],
    },
  },
};

const shopPods = (name: string) => ({ namespaces: ["shop"], labelSelectors: { "app.kubernetes.io/name": name } });

/**
 * A weekly Schedule of a Workflow with a DNSChaos and an HTTPChaos template, as the chaos builders
 * emit them: the specs sit under `dnsChaos` and `httpChaos` (the Chaos Mesh API's field names).
 */
const dependencyFaults: Fixture = {
  type: "kubernetes:chaos-mesh.org/v1alpha1:Schedule",
  name: "checkout-api-stripe-dns",
  props: {
    metadata: { namespace: "shop" },
    spec: {
      schedule: "CRON_TZ=UTC 0 10 * * 3",
      concurrencyPolicy: "Forbid",
      historyLimit: 5,
      type: "Workflow",
      workflow: {
        entry: "experiment",
        templates: [
          { name: "experiment", templateType: "Parallel", children: ["dns-failure", "http-delay"] },
          { name: "dns-failure", templateType: "DNSChaos", deadline: "5m", dnsChaos: { action: "error", selector: shopPods("checkout-api"), mode: "one", patterns: ["api.stripe.com"] } },
          {
            name: "http-delay",
            templateType: "HTTPChaos",
            deadline: "10m",
            httpChaos: { selector: shopPods("storefront"), mode: "fixed-percent", value: "50", target: "Request", port: 8080, path: "/cart*", delay: "2s" },
          },
        ],
      },
    },
  },
};

/** A zone outage: every checkout-api pod on nodes of one zone fails, or is cut off from pricing-engine. */
const zoneOutage: Fixture = {
  type: "kubernetes:chaos-mesh.org/v1alpha1:Workflow",
  name: "checkout-api-zone-a-outage",
  props: {
    metadata: { namespace: "shop" },
    spec: {
      entry: "experiment",
      templates: [
        { name: "experiment", templateType: "Parallel", children: ["zone-pod-failure", "zone-partition-pricing-engine"] },
        {
          name: "zone-pod-failure",
          templateType: "PodChaos",
          deadline: "10m",
          podChaos: { action: "pod-failure", selector: { ...shopPods("checkout-api"), nodeSelectors: { "topology.kubernetes.io/zone": "europe-west4-a" } }, mode: "all" },
        },
        {
          name: "zone-partition-pricing-engine",
          templateType: "NetworkChaos",
          deadline: "10m",
          networkChaos: {
            action: "partition",
            selector: { ...shopPods("checkout-api"), nodeSelectors: { "topology.kubernetes.io/zone": "europe-west4-a" } },
            mode: "all",
            direction: "to",
            target: { mode: "all", selector: shopPods("pricing-engine") },
          },
        },
      ],
    },
  },
};

const EVERY = [podKill, delay, schedule, workflow, dependencyFaults, zoneOutage];

describe("chaos-allowed-in-stack", () => {
  const policy = chaosAllowedInStack("mandatory");

  test.each(EVERY.map((f) => [f.name, f] as const))("%s passes in a stack that allows chaos", async (_n, f) => {
    expect(await resourceViolations(policy, f, { allowed: true })).toEqual([]);
  });

  test("an experiment in a stack that disallows chaos is reported", async () => {
    expect(await resourceViolations(policy, podKill, { allowed: false })).toEqual([
      'PodChaos "checkout-api-pod-kill": chaos experiments are not allowed in this stack (chaos-allowed-in-stack.allowed is false); remove it: experiments run only in stacks whose config sets chaos.allowed: true (staging)',
    ]);
  });

  test("chaos is disallowed when the pack config says nothing", async () => {
    expect(await resourceViolations(policy, schedule, {})).toEqual([
      'Schedule "checkout-api-nightly": chaos experiments are not allowed in this stack (chaos-allowed-in-stack.allowed is false); remove it: experiments run only in stacks whose config sets chaos.allowed: true (staging)',
    ]);
  });

  test("a chaos object is recognised by its apiVersion whatever its type token", async () => {
    const generic: Fixture = { type: "kubernetes:apiextensions.k8s.io:CustomResource", name: "raw", props: { apiVersion: "chaos-mesh.org/v1alpha1", kind: "PodChaos", spec: {} } };
    expect(await resourceViolations(policy, generic, { allowed: false })).toEqual([
      'PodChaos "raw": chaos experiments are not allowed in this stack (chaos-allowed-in-stack.allowed is false); remove it: experiments run only in stacks whose config sets chaos.allowed: true (staging)',
    ]);
  });

  test("other resources are not chaos", async () => {
    expect(await resourceViolations(policy, { type: "kubernetes:core/v1:ConfigMap", name: "x", props: { data: {} } }, { allowed: false })).toEqual([]);
  });
});

describe("chaos-protected-namespaces", () => {
  const policy = chaosProtectedNamespaces("mandatory");

  test.each(EVERY.map((f) => [f.name, f] as const))("%s targets only the service's namespace and passes", async (_n, f) => {
    expect(await resourceViolations(policy, f, STAGING)).toEqual([]);
  });

  test("an experiment targeting a protected namespace is reported", async () => {
    expect(await resourceViolations(policy, changed(podKill, (p) => (p.spec.selector.namespaces = ["kube-system"])), STAGING)).toEqual([
      'PodChaos "checkout-api-pod-kill" spec.selector targets the protected namespace "kube-system" (protected here: kube-system, kube-public, chaos-mesh, monitoring); target a declared service\'s namespace',
    ]);
  });

  test("an experiment living in a protected namespace is reported", async () => {
    expect(await resourceViolations(policy, changed(podKill, (p) => (p.metadata.namespace = "monitoring")), STAGING)).toEqual([
      'PodChaos "checkout-api-pod-kill" lives in the protected namespace "monitoring" (protected here: kube-system, kube-public, chaos-mesh, monitoring); create it in the target service\'s namespace',
    ]);
  });

  test("an experiment without target namespaces is reported", async () => {
    expect(await resourceViolations(policy, changed(podKill, (p) => delete p.spec.selector.namespaces), STAGING)).toEqual([
      'PodChaos "checkout-api-pod-kill" spec.selector.namespaces is empty; name the target service\'s namespace so the blast radius is explicit',
    ]);
  });

  test("a NetworkChaos target in a protected namespace is reported", async () => {
    expect(await resourceViolations(policy, changed(delay, (p) => (p.spec.target.selector.namespaces = ["monitoring"])), STAGING)).toEqual([
      'NetworkChaos "checkout-api-delay" spec.target.selector targets the protected namespace "monitoring" (protected here: kube-system, kube-public, chaos-mesh, monitoring); target a declared service\'s namespace',
    ]);
  });

  test("a Schedule's embedded experiment is checked", async () => {
    expect(await resourceViolations(policy, changed(schedule, (p) => (p.spec.podChaos.selector.namespaces = ["chaos-mesh"])), STAGING)).toEqual([
      'Schedule "checkout-api-nightly" spec.podChaos.selector targets the protected namespace "chaos-mesh" (protected here: kube-system, kube-public, chaos-mesh, monitoring); target a declared service\'s namespace',
    ]);
  });

  test("a Workflow's chaos template is checked", async () => {
    expect(await resourceViolations(policy, changed(workflow, (p) => (p.spec.templates[2].podChaos.selector.namespaces = ["kube-system"])), STAGING)).toEqual([
      'Workflow "checkout-api-cascade" spec.templates[2] (kill-caller).selector targets the protected namespace "kube-system" (protected here: kube-system, kube-public, chaos-mesh, monitoring); target a declared service\'s namespace',
    ]);
  });

  test("a DNSChaos template is read from dnsChaos: a protected namespace there is reported", async () => {
    expect(await resourceViolations(policy, changed(dependencyFaults, (p) => (p.spec.workflow.templates[1].dnsChaos.selector.namespaces = ["kube-system"])), STAGING)).toEqual([
      'Schedule "checkout-api-stripe-dns" spec.workflow.templates[1] (dns-failure).selector targets the protected namespace "kube-system" (protected here: kube-system, kube-public, chaos-mesh, monitoring); target a declared service\'s namespace',
    ]);
  });

  test("an HTTPChaos template is read from httpChaos: no namespaces there is reported", async () => {
    expect(await resourceViolations(policy, changed(dependencyFaults, (p) => delete p.spec.workflow.templates[2].httpChaos.selector.namespaces), STAGING)).toEqual([
      'Schedule "checkout-api-stripe-dns" spec.workflow.templates[2] (http-delay).selector.namespaces is empty; name the target service\'s namespace so the blast radius is explicit',
    ]);
  });

  test("a Schedule of a DNSChaos is read from spec.dnsChaos", async () => {
    const dns = changed(schedule, (p) => {
      p.spec.type = "DNSChaos";
      p.spec.dnsChaos = { ...p.spec.podChaos, action: "error", patterns: ["api.stripe.com"], selector: { namespaces: ["monitoring"] } };
      delete p.spec.podChaos;
    });
    expect(await resourceViolations(policy, dns, STAGING)).toEqual([
      'Schedule "checkout-api-nightly" spec.dnsChaos.selector targets the protected namespace "monitoring" (protected here: kube-system, kube-public, chaos-mesh, monitoring); target a declared service\'s namespace',
    ]);
  });
});

describe("chaos-duration-bounded", () => {
  const policy = chaosDurationBounded("mandatory");

  test.each(EVERY.map((f) => [f.name, f] as const))("%s ends within the stack maximum", async (_n, f) => {
    expect(await resourceViolations(policy, f, STAGING)).toEqual([]);
  });

  test("an experiment without a duration is reported", async () => {
    expect(await resourceViolations(policy, changed(podKill, (p) => delete p.spec.duration), STAGING)).toEqual([
      'PodChaos "checkout-api-pod-kill" spec has no duration; set one of at most 30m so the fault ends by itself',
    ]);
  });

  test("a duration beyond the stack maximum is reported", async () => {
    expect(await resourceViolations(policy, changed(delay, (p) => (p.spec.duration = "1h")), STAGING)).toEqual([
      'NetworkChaos "checkout-api-delay" spec duration 1h exceeds this stack\'s maximum of 30m; shorten it',
    ]);
  });

  test("a duration that is not a Go duration is reported", async () => {
    expect(await resourceViolations(policy, changed(podKill, (p) => (p.spec.duration = "5 minutes")), STAGING)).toEqual([
      'PodChaos "checkout-api-pod-kill" spec duration "5 minutes" is not a Go duration like 30s or 5m',
    ]);
  });

  test("a Schedule's embedded experiment beyond the maximum is reported", async () => {
    expect(await resourceViolations(policy, changed(schedule, (p) => (p.spec.podChaos.duration = "45m")), STAGING)).toEqual([
      'Schedule "checkout-api-nightly" spec.podChaos duration 45m exceeds this stack\'s maximum of 30m; shorten it',
    ]);
  });

  test("a Workflow chaos template without duration or deadline is reported", async () => {
    expect(await resourceViolations(policy, changed(workflow, (p) => delete p.spec.templates[2].deadline), STAGING)).toEqual([
      'Workflow "checkout-api-cascade" spec.templates[2] (kill-caller) has no duration (or deadline); set one of at most 30m so the fault ends by itself',
    ]);
  });

  test("an HTTPChaos template without duration or deadline is reported", async () => {
    expect(await resourceViolations(policy, changed(dependencyFaults, (p) => delete p.spec.workflow.templates[2].deadline), STAGING)).toEqual([
      'Schedule "checkout-api-stripe-dns" spec.workflow.templates[2] (http-delay) has no duration (or deadline); set one of at most 30m so the fault ends by itself',
    ]);
  });

  test("the production maximum is stricter", async () => {
    expect(await resourceViolations(policy, delay, { maxDuration: "1m" })).toEqual([
      'NetworkChaos "checkout-api-delay" spec duration 10m exceeds this stack\'s maximum of 1m; shorten it',
    ]);
  });
});

describe("chaos-mode-bounded", () => {
  const policy = chaosModeBounded("mandatory");
  const fix = "use one, fixed, fixed-percent or random-max-percent of at most 50";
  const unzoned = "hits every matching pod and its selector is not scoped to one zone (nodeSelectors or expressionSelectors on topology.kubernetes.io/zone)";

  test.each(EVERY.map((f) => [f.name, f] as const))("%s hits a bounded share of its pods", async (_n, f) => {
    expect(await resourceViolations(policy, f, STAGING)).toEqual([]);
  });

  test("mode all on a selector not scoped to one zone is reported", async () => {
    expect(await resourceViolations(policy, changed(podKill, (p) => (p.spec.mode = "all")), STAGING)).toEqual([
      `PodChaos "checkout-api-pod-kill" spec mode "all" ${unzoned}; ${fix}`,
    ]);
  });

  test("mode all on a selector scoped to one zone by an expression selector passes", async () => {
    const zoned = changed(podKill, (p) => {
      p.spec.mode = "all";
      p.spec.selector.expressionSelectors = [{ key: "topology.kubernetes.io/zone", operator: "In", values: ["europe-west4-a"] }];
    });
    expect(await resourceViolations(policy, zoned, STAGING)).toEqual([]);
  });

  test("a zone outage without its zone node selector is reported", async () => {
    expect(await resourceViolations(policy, changed(zoneOutage, (p) => delete p.spec.templates[1].podChaos.selector.nodeSelectors), STAGING)).toEqual([
      `Workflow "checkout-api-zone-a-outage" spec.templates[1] (zone-pod-failure) mode "all" ${unzoned}; ${fix}`,
    ]);
  });

  test("a node selector on another label does not scope mode all", async () => {
    const byHost = changed(zoneOutage, (p) => (p.spec.templates[1].podChaos.selector.nodeSelectors = { "kubernetes.io/hostname": "node-1" }));
    expect(await resourceViolations(policy, byHost, STAGING)).toEqual([
      `Workflow "checkout-api-zone-a-outage" spec.templates[1] (zone-pod-failure) mode "all" ${unzoned}; ${fix}`,
    ]);
  });

  test("an expression selector naming two zones does not scope mode all", async () => {
    const twoZones = changed(zoneOutage, (p) => {
      p.spec.templates[2].networkChaos.selector = {
        ...shopPods("checkout-api"),
        expressionSelectors: [{ key: "topology.kubernetes.io/zone", operator: "In", values: ["europe-west4-a", "europe-west4-b"] }],
      };
    });
    expect(await resourceViolations(policy, twoZones, STAGING)).toEqual([
      `Workflow "checkout-api-zone-a-outage" spec.templates[2] (zone-partition-pricing-engine) mode "all" ${unzoned}; ${fix}`,
    ]);
  });

  test("a percentage above the stack limit is reported", async () => {
    expect(await resourceViolations(policy, changed(delay, (p) => (p.spec.value = "80")), STAGING)).toEqual([
      `NetworkChaos "checkout-api-delay" spec mode fixed-percent with value 80 exceeds this stack's limit of 50%; ${fix}`,
    ]);
  });

  test("a NetworkChaos target of mode all passes: the source pods' mode bounds the fault", async () => {
    expect(await resourceViolations(policy, changed(delay, (p) => (p.spec.target.mode = "all")), STAGING)).toEqual([]);
  });

  test("a NetworkChaos target's percentage above the stack limit is reported", async () => {
    const target = changed(delay, (p) => (p.spec.target = { ...p.spec.target, mode: "fixed-percent", value: "75" }));
    expect(await resourceViolations(policy, target, STAGING)).toEqual([
      `NetworkChaos "checkout-api-delay" spec.target mode fixed-percent with value 75 exceeds this stack's limit of 50%; ${fix}`,
    ]);
  });

  test("a missing mode is reported", async () => {
    expect(await resourceViolations(policy, changed(podKill, (p) => delete p.spec.mode), STAGING)).toEqual([`PodChaos "checkout-api-pod-kill" spec has no mode; ${fix}`]);
  });

  test("an unknown mode is reported", async () => {
    expect(await resourceViolations(policy, changed(podKill, (p) => (p.spec.mode = "half")), STAGING)).toEqual([
      `PodChaos "checkout-api-pod-kill" spec mode "half" is not a Chaos Mesh mode; ${fix}`,
    ]);
  });

  test("a percentage mode without a numeric value is reported", async () => {
    expect(await resourceViolations(policy, changed(podKill, (p) => (p.spec.mode = "random-max-percent")), STAGING)).toEqual([
      `PodChaos "checkout-api-pod-kill" spec mode random-max-percent needs a numeric value (a percentage); ${fix}`,
    ]);
  });

  test("a Workflow chaos template of mode all is reported", async () => {
    expect(await resourceViolations(policy, changed(workflow, (p) => (p.spec.templates[1].networkChaos.mode = "all")), STAGING)).toEqual([
      `Workflow "checkout-api-cascade" spec.templates[1] (slow-pricing) mode "all" ${unzoned}; ${fix}`,
    ]);
  });

  test("a DNSChaos template is read from dnsChaos: mode all there is reported", async () => {
    expect(await resourceViolations(policy, changed(dependencyFaults, (p) => (p.spec.workflow.templates[1].dnsChaos.mode = "all")), STAGING)).toEqual([
      `Schedule "checkout-api-stripe-dns" spec.workflow.templates[1] (dns-failure) mode "all" ${unzoned}; ${fix}`,
    ]);
  });

  test("an HTTPChaos template is read from httpChaos: no mode there is reported", async () => {
    expect(await resourceViolations(policy, changed(dependencyFaults, (p) => delete p.spec.workflow.templates[2].httpChaos.mode), STAGING)).toEqual([
      `Schedule "checkout-api-stripe-dns" spec.workflow.templates[2] (http-delay) has no mode; ${fix}`,
    ]);
  });

  test("an HTTPChaos template's percentage above the stack limit is reported", async () => {
    expect(await resourceViolations(policy, changed(dependencyFaults, (p) => (p.spec.workflow.templates[2].httpChaos.value = "80")), STAGING)).toEqual([
      `Schedule "checkout-api-stripe-dns" spec.workflow.templates[2] (http-delay) mode fixed-percent with value 80 exceeds this stack's limit of 50%; ${fix}`,
    ]);
  });

  test("a Workflow template of type Schedule is read from schedule.<kind>", async () => {
    const nested = changed(workflow, (p) => {
      p.spec.templates[2] = { name: "kill-caller", templateType: "Schedule", deadline: "1m", schedule: { schedule: "@every 30s", concurrencyPolicy: "Forbid", type: "PodChaos", podChaos: { ...p.spec.templates[2].podChaos, mode: "all" } } };
    });
    expect(await resourceViolations(policy, nested, STAGING)).toEqual([
      `Workflow "checkout-api-cascade" spec.templates[2] (kill-caller).schedule.podChaos mode "all" ${unzoned}; ${fix}`,
    ]);
  });
});

describe("chaos-schedule-forbids-concurrency", () => {
  const policy = chaosScheduleForbidsConcurrency("mandatory");

  test("a Schedule with concurrencyPolicy Forbid passes", async () => {
    expect(await resourceViolations(policy, schedule)).toEqual([]);
  });

  test("concurrencyPolicy Allow is reported", async () => {
    expect(await resourceViolations(policy, changed(schedule, (p) => (p.spec.concurrencyPolicy = "Allow")))).toEqual([
      'Schedule "checkout-api-nightly": concurrencyPolicy is "Allow"; set concurrencyPolicy: Forbid so a run never overlaps the previous one',
    ]);
  });

  test("an unset concurrencyPolicy is reported", async () => {
    expect(await resourceViolations(policy, changed(schedule, (p) => delete p.spec.concurrencyPolicy))).toEqual([
      'Schedule "checkout-api-nightly": concurrencyPolicy is not set; set concurrencyPolicy: Forbid so a run never overlaps the previous one',
    ]);
  });

  test("experiments that are not Schedules are not checked", async () => {
    expect(await resourceViolations(policy, podKill)).toEqual([]);
  });
});
