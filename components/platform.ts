import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../stacks/config/schema";
import type { PlatformPlan } from "../stacks/plan";
import type { CataloguedService } from "../catalogue/types";
import { Alertmanager } from "./alertmanager";
import { ChaosEngine, chaosGuardIngress } from "./chaos-engine";
import { ObservedService } from "./observed-service";
import { Grafana } from "./grafana";
import { Prometheus } from "./prometheus";
import { defaultDenySpec } from "./workload/network-policy";
import { ruleConfigMap } from "./workload/rule-configmap";
import { dashboardConfigMap } from "./workload/dashboard-configmap";
import { serviceDashboardUid } from "../dashboards";
import { resilienceArtifactPath } from "../resilience";

/** Arguments of the composition root. */
export interface ObservabilityPlatformArgs {
  /** Validated stack configuration. @default - none (required) */
  config: StackConfig;
  /** The plan computed from the config (stacks/plan.ts): names and generated files. @default - none (required) */
  plan: PlatformPlan;
  /** Receiver secret values by name, from secret config; mounted into Alertmanager. @default {} */
  receiverSecrets?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Validated service declarations; each becomes an ObservedService. @default [] */
  services?: CataloguedService[];
  /** Head-sampling percentage handed to every service's SDK. @default 100 */
  headSamplingPercent?: number;
}

/**
 * The composition root a stack instantiates: owns the platform namespace (Pod Security
 * "restricted", default-deny network policy) and wires Alertmanager, Prometheus and Grafana.
 */
export class ObservabilityPlatform extends pulumi.ComponentResource {
  public readonly namespace: pulumi.Output<string>;
  public readonly prometheusUrl: pulumi.Output<string>;
  public readonly alertmanagerUrl: pulumi.Output<string>;
  public readonly grafanaUrl: pulumi.Output<string>;
  public readonly grafanaAdminPassword: pulumi.Output<string>;

  constructor(name: string, args: ObservabilityPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("sevensa:platform:ObservabilityPlatform", name, {}, opts);
    const { config, plan } = args;
    const ha = config.highAvailability;
    const parent = { parent: this };
    const file = (path: string): string => {
      const text = plan.files[path];
      if (text === undefined) throw new Error(`ObservabilityPlatform ${name}: the plan has no ${path}`);
      return text;
    };

    const namespace = new k8s.core.v1.Namespace(`${name}-namespace`, {
      metadata: {
        name: config.namespace,
        labels: {
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/warn": "restricted",
          "app.kubernetes.io/part-of": "sevensa-observability",
        },
      },
    }, parent);
    const ns = namespace.metadata.name;
    new k8s.networking.v1.NetworkPolicy(`${name}-default-deny`, {
      metadata: { name: "default-deny", namespace: ns },
      spec: defaultDenySpec(),
    }, parent);

    const alertmanager = new Alertmanager(plan.names.alertmanager, {
      namespace: ns,
      namespaceName: config.namespace,
      replicas: config.alertmanager.replicas,
      configYaml: file("alertmanager/alertmanager.yml"),
      receiverSecrets: args.receiverSecrets,
      storage: config.alertmanager.storage,
      resources: config.alertmanager.resources,
      antiAffinity: ha.antiAffinity,
      podDisruptionBudget: ha.podDisruptionBudgets,
    }, parent);
    const chaosEngine = config.chaos.engine;
    const engineNamespace = plan.chaos?.active === true && chaosEngine.mode !== "off" ? chaosEngine.namespace : undefined;
    const prometheus = new Prometheus(plan.names.prometheus, {
      namespace: ns,
      namespaceName: config.namespace,
      configYaml: file("prometheus/prometheus.yml"),
      replicas: config.prometheus.replicas,
      retention: config.prometheus.retention,
      retentionSize: config.prometheus.retentionSize,
      storage: config.prometheus.storage,
      resources: config.prometheus.resources,
      antiAffinity: ha.antiAffinity,
      podDisruptionBudget: ha.podDisruptionBudgets,
      extraIngress: engineNamespace === undefined ? [] : [chaosGuardIngress(engineNamespace)],
    }, parent);
    const grafana = new Grafana(plan.names.grafana, {
      namespace: ns,
      namespaceName: config.namespace,
      datasourcesYaml: file("grafana/datasources.yaml"),
      rootUrl: config.grafana.rootUrl,
      storage: config.grafana.storage,
      resources: config.grafana.resources,
    }, parent);

    for (const [key, file] of [["platform", "platform.yaml"], ["chaos-windows", "chaos-windows.yaml"]]) {
      const text = plan.files[`prometheus/rules/${file}`];
      if (text !== undefined) ruleConfigMap(`${name}-${key}-rules`, ns, file, text, parent);
    }
    if (plan.chaos !== undefined && plan.chaos.active) {
      new ChaosEngine(`${name}-chaos`, { environment: config.environment, config: config.chaos, plan: plan.chaos }, parent);
    }

    const serviceUids = new Set((args.services ?? []).map((s) => serviceDashboardUid(s.declaration.name)));
    for (const dashboard of plan.dashboards.filter((d) => !serviceUids.has(d.uid))) {
      dashboardConfigMap(`${name}-dashboard-${dashboard.uid}`, ns, dashboard, parent);
    }
    for (const service of args.services ?? []) {
      const svc = service.declaration.name;
      new ObservedService(`${name}-${svc}`, {
        service,
        environment: config.environment,
        platformNamespace: ns,
        ruleFileYaml: file(`prometheus/rules/${svc}.yaml`),
        otlpEndpoint: plan.endpoints.otlpHttp,
        headSamplingPercent: args.headSamplingPercent,
        dashboards: plan.dashboards.filter((d) => d.uid === serviceDashboardUid(svc)),
        resilienceJson: plan.files[resilienceArtifactPath(svc)],
        resilienceRulesYaml: plan.files[`prometheus/rules/${svc}-resilience.yaml`],
      }, parent);
    }

    this.namespace = ns;
    this.prometheusUrl = prometheus.url;
    this.alertmanagerUrl = alertmanager.url;
    this.grafanaUrl = grafana.url;
    this.grafanaAdminPassword = grafana.adminPassword;
    this.registerOutputs({
      namespace: this.namespace,
      prometheusUrl: this.prometheusUrl,
      alertmanagerUrl: this.alertmanagerUrl,
      grafanaUrl: this.grafanaUrl,
    });
  }
}
