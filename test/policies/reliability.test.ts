import { haAntiAffinity } from "../../policies/rules/reliability/ha-anti-affinity";
import { pdbAllowsDisruption } from "../../policies/rules/reliability/pdb-allows-disruption";
import { probesRequired } from "../../policies/rules/reliability/probes-required";
import { replicaMinimum } from "../../policies/rules/reliability/replica-minimum";
import { requestsLimits } from "../../policies/rules/reliability/requests-limits";
import { APP_LABELS, container, exempt, goodContainer, goodDeployment, HPA, PDB, pod, STATEFULSET } from "./support/fixtures";
import { changed, resourceViolations, stackMessages, stackViolations, urnOf, type Fixture } from "./support/run-policy";

const W = 'Deployment "web" container "app"';
const HINT = "in the pod template annotation sevensa.io/security-exemptions";

describe("k8s-resources-requests-limits", () => {
  const policy = requestsLimits("mandatory");

  test("requests for cpu and memory and a memory limit pass (no cpu limit needed)", async () => {
    expect(await resourceViolations(policy, goodDeployment())).toEqual([]);
  });

  test.each<[string, (r: Record<string, any>) => void, string]>([
    ["no cpu request", (r) => delete r.requests.cpu, "resources.requests.cpu is not set"],
    ["no memory request", (r) => delete r.requests.memory, "resources.requests.memory is not set"],
    ["no memory limit", (r) => delete r.limits.memory, "resources.limits.memory is not set"],
  ])("%s is reported", async (_name, edit, what) => {
    expect(await resourceViolations(policy, changed(goodDeployment(), (p) => edit(container(p).resources)))).toEqual([
      `${W}: ${what}; request cpu and memory and limit memory`,
    ]);
  });

  test("a container without resources is reported once with every missing field", async () => {
    expect(await resourceViolations(policy, changed(goodDeployment(), (p) => delete container(p).resources))).toEqual([
      `${W}: resources.requests.cpu, resources.requests.memory, resources.limits.memory are not set; request cpu and memory and limit memory`,
    ]);
  });

  test("init containers need requests and limits too", async () => {
    const f = changed(goodDeployment(), (p) => (pod(p).initContainers = [{ ...goodContainer("migrate"), resources: undefined }]));
    expect(await resourceViolations(policy, f)).toEqual([
      'Deployment "web" init container "migrate": resources.requests.cpu, resources.requests.memory, resources.limits.memory are not set; request cpu and memory and limit memory',
    ]);
  });
});

describe("k8s-probes-required", () => {
  const policy = probesRequired("mandatory");

  test("liveness and readiness probes pass", async () => {
    expect(await resourceViolations(policy, goodDeployment())).toEqual([]);
  });

  test("a missing readiness probe is reported", async () => {
    expect(await resourceViolations(policy, changed(goodDeployment(), (p) => delete container(p).readinessProbe))).toEqual([
      `${W}: has no readinessProbe; add liveness and readiness probes, or declare the named exemption "app: no-probes (<reason>)" ${HINT}`,
    ]);
  });

  test("a missing liveness probe is reported", async () => {
    expect(await resourceViolations(policy, changed(goodDeployment(), (p) => delete container(p).livenessProbe))).toEqual([
      `${W}: has no livenessProbe; add liveness and readiness probes, or declare the named exemption "app: no-probes (<reason>)" ${HINT}`,
    ]);
  });

  test("a named no-probes exemption allows a container without probes", async () => {
    const f = changed(goodDeployment(), (p) => {
      delete container(p).livenessProbe;
      delete container(p).readinessProbe;
      exempt(p, ["app: no-probes (k8s-sidecar has no health endpoint)"]);
    });
    expect(await resourceViolations(policy, f)).toEqual([]);
  });

  test("a missing probe next to another exemption lists that exemption", async () => {
    const exempted = changed(goodDeployment(), (p) => exempt(p, ["app: writable-root-filesystem (unpacks plugins)"]));
    expect(await resourceViolations(policy, changed(exempted, (p) => delete container(p).readinessProbe))).toEqual([
      `${W}: has no readinessProbe; add liveness and readiness probes, or declare the named exemption "app: no-probes (<reason>)" ${HINT}; exemptions in force: writable-root-filesystem (unpacks plugins)`,
    ]);
  });

  test("Jobs run to completion and need no probes", async () => {
    const job: Fixture = { type: "kubernetes:batch/v1:Job", name: "migrate", props: { spec: { template: { metadata: {}, spec: { containers: [{ name: "m", image: "x:1" }] } } } } };
    expect(await resourceViolations(policy, job)).toEqual([]);
  });
});

/** The Alertmanager StatefulSet as the component declares it, with `replicas`. */
function alertmanager(replicas: number, name = "sevensa-alertmanager"): Fixture {
  const labels = { "app.kubernetes.io/name": "alertmanager", "app.kubernetes.io/instance": name };
  return {
    type: STATEFULSET,
    name,
    props: {
      metadata: { name, namespace: "monitoring", labels },
      spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [goodContainer("alertmanager")] } } },
    },
  };
}

describe("k8s-replica-minimum", () => {
  const policy = replicaMinimum("mandatory");
  const production = { minimums: { alertmanager: 3, prometheus: 2, "otel-gateway": 2 } };

  test("a set at its stack minimum passes", async () => {
    expect(await stackMessages(policy, [alertmanager(3)], production)).toEqual([]);
  });

  test("a set below its stack minimum is reported against that resource", async () => {
    const f = alertmanager(1);
    expect(await stackViolations(policy, [f], production)).toEqual([
      {
        message: 'StatefulSet "sevensa-alertmanager" (app.kubernetes.io/name=alertmanager) runs 1 replica; this stack requires at least 3: raise replicas in the stack config',
        urn: urnOf(f),
      },
    ]);
  });

  test("the minimum is read from the pod template labels when the workload has none", async () => {
    const f = changed(alertmanager(2), (p) => (p.metadata.labels = {}));
    expect(await stackMessages(policy, [f], production)).toEqual([
      'StatefulSet "sevensa-alertmanager" (app.kubernetes.io/name=alertmanager) runs 2 replicas; this stack requires at least 3: raise replicas in the stack config',
    ]);
  });

  test("an autoscaled gateway counts its HorizontalPodAutoscaler's minReplicas", async () => {
    const labels = { "app.kubernetes.io/name": "otel-gateway" };
    const gateway = changed(goodDeployment("gateway", labels), (p) => {
      p.metadata.name = "gateway";
      delete p.spec.replicas;
    });
    const hpa: Fixture = {
      type: HPA,
      name: "gateway",
      props: { metadata: { namespace: "shop" }, spec: { scaleTargetRef: { kind: "Deployment", name: "gateway" }, minReplicas: 2, maxReplicas: 6 } },
    };
    expect(await stackMessages(policy, [gateway, hpa], production)).toEqual([]);
    expect(await stackMessages(policy, [gateway, changed(hpa, (p) => (p.spec.minReplicas = 1))], production)).toEqual([
      "Deployment \"gateway\" (app.kubernetes.io/name=otel-gateway) runs 1 replica; this stack requires at least 2: raise its HorizontalPodAutoscaler's minReplicas in the stack config",
    ]);
  });

  test("without minimums (local) nothing is required", async () => {
    expect(await stackMessages(policy, [alertmanager(1)], { minimums: {} })).toEqual([]);
  });
});

describe("k8s-pdb-allows-disruption", () => {
  const policy = pdbAllowsDisruption("mandatory");
  const labels = { "app.kubernetes.io/name": "alertmanager", "app.kubernetes.io/instance": "sevensa-alertmanager" };
  const pdb: Fixture = {
    type: PDB,
    name: "sevensa-alertmanager",
    props: { metadata: { namespace: "monitoring" }, spec: { maxUnavailable: 1, selector: { matchLabels: labels } } },
  };
  const fix = "so no node can be drained; set maxUnavailable: 1";

  test("maxUnavailable 1 over a three-replica set passes", async () => {
    expect(await stackMessages(policy, [alertmanager(3), pdb], { requireForHaSets: true })).toEqual([]);
  });

  test.each<[string, (p: Record<string, any>) => void, string]>([
    ["maxUnavailable 0", (p) => (p.spec.maxUnavailable = 0), `maxUnavailable 0 allows no voluntary disruption, ${fix}`],
    ["maxUnavailable 0%", (p) => (p.spec.maxUnavailable = "0%"), `maxUnavailable 0% allows no voluntary disruption, ${fix}`],
    [
      "minAvailable 100%",
      (p) => {
        delete p.spec.maxUnavailable;
        p.spec.minAvailable = "100%";
      },
      `minAvailable 100% allows no voluntary disruption, ${fix}`,
    ],
    [
      "minAvailable equal to the replicas",
      (p) => {
        delete p.spec.maxUnavailable;
        p.spec.minAvailable = 3;
      },
      `minAvailable 3 is not below the 3 replicas of StatefulSet "sevensa-alertmanager", ${fix}`,
    ],
  ])("%s is reported", async (_name, edit, text) => {
    const bad = changed(pdb, edit);
    expect(await stackViolations(policy, [alertmanager(3), bad], {})).toEqual([{ message: `PodDisruptionBudget "sevensa-alertmanager": ${text}`, urn: urnOf(bad) }]);
  });

  test("an HA set without a budget is reported where the stack requires budgets", async () => {
    expect(await stackMessages(policy, [alertmanager(3)], { requireForHaSets: true })).toEqual([
      'StatefulSet "sevensa-alertmanager" runs 3 replicas without a PodDisruptionBudget; a node drain may take them all at once: enable highAvailability.podDisruptionBudgets',
    ]);
  });

  test("a budget in another namespace does not cover the set", async () => {
    expect(await stackMessages(policy, [alertmanager(3), changed(pdb, (p) => (p.metadata.namespace = "shop"))], { requireForHaSets: true })).toEqual([
      'StatefulSet "sevensa-alertmanager" runs 3 replicas without a PodDisruptionBudget; a node drain may take them all at once: enable highAvailability.podDisruptionBudgets',
    ]);
  });

  test("an autoscaled set counts its HorizontalPodAutoscaler's minReplicas", async () => {
    const labels = { "app.kubernetes.io/name": "otel-gateway" };
    const gateway = changed(goodDeployment("gateway", labels), (p) => {
      p.metadata.name = "gateway";
      delete p.spec.replicas;
    });
    const hpa: Fixture = { type: HPA, name: "gateway", props: { metadata: { namespace: "shop" }, spec: { scaleTargetRef: { kind: "Deployment", name: "gateway" }, minReplicas: 2 } } };
    expect(await stackMessages(policy, [gateway, hpa], { requireForHaSets: true })).toEqual([
      'Deployment "gateway" runs 2 replicas without a PodDisruptionBudget; a node drain may take them all at once: enable highAvailability.podDisruptionBudgets',
    ]);
  });

  test("a single replica needs no budget", async () => {
    expect(await stackMessages(policy, [alertmanager(1)], { requireForHaSets: true })).toEqual([]);
  });
});

describe("k8s-ha-anti-affinity", () => {
  const policy = haAntiAffinity("mandatory");
  const preferred = (p: Record<string, any>) =>
    (pod(p).affinity = {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: APP_LABELS }, topologyKey: "kubernetes.io/hostname" } }],
      },
    });

  test("a required anti-affinity term over its own pods passes in mode required", async () => {
    expect(await resourceViolations(policy, goodDeployment(), { mode: "required" })).toEqual([]);
  });

  test("a preferred term passes in mode preferred", async () => {
    expect(await resourceViolations(policy, changed(goodDeployment(), preferred), { mode: "preferred" })).toEqual([]);
  });

  test("a preferred term is reported in mode required", async () => {
    expect(await resourceViolations(policy, changed(goodDeployment(), preferred), { mode: "required" })).toEqual([
      'Deployment "web" runs 3 replicas with only a preferred pod anti-affinity; this stack requires it: set highAvailability.antiAffinity: required',
    ]);
  });

  test("no affinity on an HA set is reported", async () => {
    expect(await resourceViolations(policy, changed(goodDeployment(), (p) => delete pod(p).affinity), { mode: "preferred" })).toEqual([
      'Deployment "web" runs 3 replicas without a pod anti-affinity term selecting its own pods; spread them across nodes: set highAvailability.antiAffinity: preferred',
    ]);
  });

  test("a term that selects other pods does not spread the set", async () => {
    const f = changed(goodDeployment(), (p) => (pod(p).affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels = { app: "other" }));
    expect(await resourceViolations(policy, f, { mode: "required" })).toEqual([
      'Deployment "web" runs 3 replicas without a pod anti-affinity term selecting its own pods; spread them across nodes: set highAvailability.antiAffinity: required',
    ]);
  });

  test("a term without a topology key does not spread the set", async () => {
    const f = changed(goodDeployment(), (p) => (pod(p).affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey = ""));
    expect(await resourceViolations(policy, f, { mode: "required" })).toEqual([
      'Deployment "web" runs 3 replicas without a pod anti-affinity term selecting its own pods; spread them across nodes: set highAvailability.antiAffinity: required',
    ]);
  });

  test("a single replica is not an HA set", async () => {
    expect(await resourceViolations(policy, changed(goodDeployment(), (p) => (p.spec.replicas = 1)), { mode: "required" })).toEqual([]);
  });
});
