import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { EnvironmentName } from "../catalogue/types";
import type { ChaosConfig } from "../chaos/config-schema";
import { chaosEngineValues } from "../chaos/engine-values";
import type { ChaosPlan } from "../chaos/plan";
import { CHAOS_MESH, CHAOS_NAMESPACE_ANNOTATION } from "../chaos/versions";
import { PROMETHEUS_PORT } from "./prometheus";
import type { Flow } from "./workload/network-policy";

/** Arguments of the chaos engine. */
export interface ChaosEngineArgs {
  /** Environment of the stack; in `production` the component creates nothing at all. @default - none (required) */
  environment: EnvironmentName;
  /** The validated `chaos` config of the stack (engine mode, runtime, namespaces). @default - none (required) */
  config: ChaosConfig;
  /** The stack's chaos plan (`planChaos`): the objects to create and the namespaces to annotate. @default - none (required) */
  plan: ChaosPlan;
}

/** Why chaos-daemon is privileged: it enters other pods' network and PID namespaces to inject faults. */
export const CHAOS_DAEMON_EXEMPTION = "chaos-daemon injects faults into other pods' namespaces (tc, iptables, process signals) and needs a privileged container";

/** The ingress Prometheus must allow so the controller-manager can run the SLO guard's status checks. */
export function chaosGuardIngress(engineNamespace: string): Flow {
  return {
    why: "Chaos Mesh status checks (SLO guard of chaos experiments)",
    pods: { "app.kubernetes.io/name": "chaos-mesh", "app.kubernetes.io/component": "controller-manager" },
    namespace: { name: engineNamespace },
    ports: [{ port: PROMETHEUS_PORT }],
  };
}

/**
 * Chaos Mesh and the stack's experiments. Mode `install` installs the pinned upstream chart
 * through `helm.v4.Chart` (every child object is visible to the policy pack) into its own
 * namespace with hardened values (chaos/engine-values.ts); `external` uses an existing
 * installation; `off` creates nothing. Namespaces listed in `chaos.targetNamespaces` are
 * annotated `chaos-mesh.org/inject: enabled` (namespace filtering is on), and each experiment
 * of the plan becomes a `Schedule` CustomResource. Production: nothing, whatever the config.
 */
export class ChaosEngine extends pulumi.ComponentResource {
  /** Namespace Chaos Mesh runs in, when this stack has an engine. */
  public readonly engineNamespace: pulumi.Output<string> | undefined;
  /** Names of the Schedule objects created (empty where nothing runs). */
  public readonly scheduleNames: pulumi.Output<string[]>;

  constructor(name: string, args: ChaosEngineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("sevensa:chaos:ChaosEngine", name, {}, opts);
    const { config, plan, environment } = args;
    const engine = config.engine;
    const parent = { parent: this };
    if (environment === "production" && plan.objects.length > 0) {
      throw new Error(`ChaosEngine ${name}: the production plan has chaos objects (${plan.objects.map((o) => o.metadata.name).join(", ")}); chaos is never deployed to production`);
    }
    const runs = environment !== "production" && config.allowed && engine.mode !== "off";
    if (!runs && plan.objects.length > 0) {
      throw new Error(`ChaosEngine ${name}: the plan has chaos objects but chaos is not allowed or the engine is off in ${environment}`);
    }

    const dependsOn: pulumi.Resource[] = [];
    if (runs && engine.mode === "install") {
      const ns = new k8s.core.v1.Namespace(`${name}-namespace`, {
        metadata: {
          name: engine.namespace,
          labels: {
            "pod-security.kubernetes.io/enforce": "privileged",
            "pod-security.kubernetes.io/warn": "restricted",
            "app.kubernetes.io/part-of": "sevensa-observability",
          },
          annotations: { "sevensa.io/security-exemptions": `chaos-daemon: privileged (${CHAOS_DAEMON_EXEMPTION})` },
        },
      }, parent);
      const chart = new k8s.helm.v4.Chart(`${name}-chaos-mesh`, {
        chart: "chaos-mesh",
        version: CHAOS_MESH.chartVersion,
        repositoryOpts: { repo: CHAOS_MESH.chartRepository },
        namespace: ns.metadata.name,
        values: chaosEngineValues({ runtime: engine.runtime, socketPath: engine.socketPath }),
      }, { parent: this, dependsOn: [ns] });
      dependsOn.push(chart);
      this.engineNamespace = ns.metadata.name;
    } else if (runs && engine.mode === "external") {
      this.engineNamespace = pulumi.output(engine.namespace);
    }

    if (runs) {
      for (const target of plan.annotatedNamespaces) {
        new k8s.core.v1.NamespacePatch(`${name}-inject-${target}`, {
          metadata: { name: target, annotations: { [CHAOS_NAMESPACE_ANNOTATION]: "enabled" } },
        }, parent);
      }
    }
    const names: string[] = [];
    for (const obj of runs ? plan.objects : []) {
      new k8s.apiextensions.CustomResource(`${name}-${obj.metadata.name}`, {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        metadata: obj.metadata,
        spec: obj.spec,
      }, { parent: this, dependsOn });
      names.push(obj.metadata.name);
    }
    this.scheduleNames = pulumi.output(names);
    this.registerOutputs({ engineNamespace: this.engineNamespace, scheduleNames: this.scheduleNames });
  }
}
