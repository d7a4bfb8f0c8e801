import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ChaosEngine } from "../../components/chaos-engine";
import { parseStackConfig, StackConfigError } from "../../stacks/config/load";
import { chaosEngineValues } from "../../chaos/engine-values";
import { CHAOS_MESH } from "../../chaos/versions";
import { recordRegistrations, settle, one, type Registered } from "../support/mocks";
import { REPO, stackChaosPlan } from "../chaos/support";

async function build(stack: "local" | "staging" | "production", tweak?: (c: ReturnType<typeof stackChaosPlan>) => void): Promise<Registered[]> {
  const registered = recordRegistrations(stack);
  const s = stackChaosPlan(stack);
  tweak?.(s);
  new ChaosEngine("chaos", { environment: stack, config: s.config, plan: s.plan });
  await settle();
  return registered;
}

describe("ChaosEngine", () => {
  test("staging: the pinned chart with hardened values, annotated target namespaces, one Schedule per experiment", async () => {
    const r = await build("staging");
    const ns = one(r, "kubernetes:core/v1:Namespace", "chaos-namespace");
    expect(ns.inputs.metadata.name).toBe("chaos-mesh");
    expect(ns.inputs.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("privileged");

    const chart = one(r, "kubernetes:helm.sh/v4:Chart", "chaos-chaos-mesh");
    expect(chart.inputs.chart).toBe("chaos-mesh");
    expect(chart.inputs.version).toBe("2.8.4");
    expect(chart.inputs.repositoryOpts).toEqual({ repo: "https://charts.chaos-mesh.org" });
    expect(chart.inputs.namespace).toBe("chaos-mesh");
    const v = chart.inputs.values;
    expect(v).toEqual(chaosEngineValues({ runtime: "containerd" }));
    expect(v.controllerManager.enableFilterNamespace).toBe(true);
    expect(v.webhook).toEqual({ FailurePolicy: "Fail" });
    expect(v.dashboard).toMatchObject({ create: true, securityMode: true, service: { type: "ClusterIP" }, ingress: { enabled: false } });
    expect(v.images).toEqual({ registry: "ghcr.io", tag: CHAOS_MESH.imageTag });
    expect(v.controllerManager.podChaos.podFailure.pauseImage).toBe("registry.k8s.io/pause:3.10");
    expect(v.dnsServer.image.tag).toBe("v0.2.8");
    expect(v.chaosDaemon).toEqual({ runtime: "containerd", socketPath: "/run/containerd/containerd.sock", mtls: { enabled: true } });
    expect(JSON.stringify(v)).not.toContain("latest");

    const patch = one(r, "kubernetes:core/v1:NamespacePatch", "chaos-inject-shop");
    expect(patch.inputs.metadata).toEqual({ name: "shop", annotations: { "chaos-mesh.org/inject": "enabled" } });

    const schedules = r.filter((x) => x.type === "kubernetes:chaos-mesh.org/v1alpha1:Schedule");
    expect(schedules.map((x) => x.inputs.metadata.name).sort()).toEqual([
      "checkout-api-cascading-pricing", "checkout-api-pod-kill", "checkout-api-pricing-latency",
      "checkout-api-resilience-pricing-engine-abort", "checkout-api-resilience-pricing-engine-latency", "checkout-api-resilience-stripe-abort", "checkout-api-resilience-stripe-latency",
      "checkout-api-stripe-dns", "checkout-api-zone-a-outage",
      "pricing-engine-postgres-loss", "pricing-engine-resilience-postgres-abort", "pricing-engine-resilience-postgres-latency",
      "storefront-cart-delay", "storefront-checkout-partition", "storefront-cpu-stress",
      "storefront-resilience-checkout-api-abort", "storefront-resilience-checkout-api-latency", "storefront-resilience-pricing-engine-abort", "storefront-resilience-pricing-engine-latency",
    ]);
    const podKill = one(r, "kubernetes:chaos-mesh.org/v1alpha1:Schedule", "chaos-checkout-api-pod-kill");
    expect(podKill.inputs.metadata.namespace).toBe("shop");
    expect(podKill.inputs.spec).toMatchObject({ concurrencyPolicy: "Forbid", historyLimit: 5, type: "Workflow", schedule: "CRON_TZ=UTC 0 10 * * 2" });
  });

  // Runtime → socket as the Chaos Mesh Helm install guide ("Install Chaos Mesh using Helm", step 4)
  // sets them: Docker /var/run/docker.sock (the chart's default), containerd
  // /run/containerd/containerd.sock, CRI-O /var/run/crio/crio.sock; K3s is containerd at
  // /run/k3s/containerd/containerd.sock, a socket given explicitly.
  test.each([
    { runtime: "crio", given: "no socketPath", socketPath: undefined, socket: "/var/run/crio/crio.sock" },
    { runtime: "docker", given: "no socketPath", socketPath: undefined, socket: "/var/run/docker.sock" },
    { runtime: "containerd", given: "the K3s socketPath", socketPath: "/run/k3s/containerd/containerd.sock", socket: "/run/k3s/containerd/containerd.sock" },
    { runtime: "crio", given: "an explicit socketPath", socketPath: "/run/crio/crio.sock", socket: "/run/crio/crio.sock" },
  ] as const)("staging with runtime $runtime and $given: chaos-daemon talks to $socket", async ({ runtime, socketPath, socket }) => {
    const r = await build("staging", (s) => {
      s.config.engine = { mode: "install", namespace: "chaos-mesh", runtime, ...(socketPath === undefined ? {} : { socketPath }) };
    });
    const v = one(r, "kubernetes:helm.sh/v4:Chart", "chaos-chaos-mesh").inputs.values;
    expect(v.chaosDaemon).toEqual({ runtime, socketPath: socket, mtls: { enabled: true } });
    expect(v).toEqual(chaosEngineValues({ runtime, socketPath }));
  });

  /** The message parseStackConfig throws for Pulumi.staging.yaml with `chaos.engine` replaced. */
  function engineConfigError(engine: Record<string, unknown>): string {
    const doc = parse(fs.readFileSync(path.join(REPO, "Pulumi.staging.yaml"), "utf8")) as { config: Record<string, unknown> };
    const chaos = { ...(doc.config["sevensa-observability:chaos"] as Record<string, unknown>), engine };
    try {
      parseStackConfig("staging", { ...doc.config, "sevensa-observability:chaos": chaos });
    } catch (e) {
      if (e instanceof StackConfigError) return e.message;
      throw e;
    }
    throw new Error("the stack config was accepted");
  }

  test.each([
    [
      "a runtime chaos-daemon does not know",
      { mode: "install", namespace: "chaos-mesh", runtime: "cri-o" },
      'Pulumi.staging.yaml: sevensa-observability:chaos.engine.runtime: "cri-o" is not one of containerd, crio, docker',
    ],
    [
      "a relative socket path",
      { mode: "install", namespace: "chaos-mesh", runtime: "containerd", socketPath: "run/containerd/containerd.sock" },
      'Pulumi.staging.yaml: sevensa-observability:chaos.engine.socketPath: "run/containerd/containerd.sock" is not an absolute file path like /run/containerd/containerd.sock',
    ],
  ])("the stack config refuses %s, naming the file and the key", (_name, engine, message) => {
    expect(engineConfigError(engine)).toBe(message);
  });

  test("staging with an external engine: no chart, no namespace, the same experiments", async () => {
    const r = await build("staging", (s) => {
      s.config.engine = { mode: "external", namespace: "chaos-testing" };
    });
    expect(r.filter((x) => x.type === "kubernetes:helm.sh/v4:Chart" || x.type === "kubernetes:core/v1:Namespace")).toEqual([]);
    expect(r.filter((x) => x.type === "kubernetes:chaos-mesh.org/v1alpha1:Schedule")).toHaveLength(19);
  });

  test("production: no chaos object at all", async () => {
    const r = await build("production");
    expect(r.filter((x) => x.type.startsWith("kubernetes:"))).toEqual([]);
  });

  test("local (chaos off, or an external engine with chaos not allowed): nothing", async () => {
    expect((await build("local")).filter((x) => x.type.startsWith("kubernetes:"))).toEqual([]);
    const external = await build("local", (s) => {
      s.config.engine = { mode: "external", namespace: "chaos-mesh" };
    });
    expect(external.filter((x) => x.type.startsWith("kubernetes:"))).toEqual([]);
  });

  test("a production plan that somehow has objects is refused", () => {
    recordRegistrations("production");
    const staging = stackChaosPlan("staging");
    const prod = stackChaosPlan("production");
    expect(() => new ChaosEngine("chaos", { environment: "production", config: prod.config, plan: staging.plan })).toThrow(
      /^ChaosEngine chaos: the production plan has chaos objects \(checkout-api-pod-kill, .*\); chaos is never deployed to production$/,
    );
  });
});
