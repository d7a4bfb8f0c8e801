import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { CataloguedService, EnvironmentName } from "../catalogue/types";
import { otelEnvironment, scrapeMarkers, type ScrapeMarkers } from "../generators/service-telemetry";
import type { GeneratedDashboard } from "../dashboards";
import { RESILIENCE_CONFIG_KEY, resilienceConfigMapName, resilienceEnvironment } from "../resilience";
import { dashboardConfigMap } from "./workload/dashboard-configmap";
import { ruleConfigMap } from "./workload/rule-configmap";

/** Annotations that tie generated objects to their service declaration (read by the policy pack). */
export const SERVICE_ANNOTATIONS = {
  service: "sevensa.io/service",
  team: "sevensa.io/team",
  source: "sevensa.io/declared-in",
  slos: "sevensa.io/slos",
  podLabels: "sevensa.io/pod-labels",
} as const;

/** Label of the per-service declaration ConfigMap the policy pack's contract checks start from. */
export const DECLARATION_LABEL = "sevensa.io/service-declaration";

/** Arguments of one declared service's observability objects. */
export interface ObservedServiceArgs {
  /** The validated declaration and its file. @default - none (required) */
  service: CataloguedService;
  /** Environment of the stack. @default - none (required) */
  environment: EnvironmentName;
  /** Platform namespace, where Prometheus discovers rule ConfigMaps. @default - none (required) */
  platformNamespace: pulumi.Input<string>;
  /** The rendered SLO rule file of this service (alert-rules/). @default - none (required) */
  ruleFileYaml: string;
  /** OTLP/HTTP endpoint of the node-local collector agent. @default - none (required) */
  otlpEndpoint: string;
  /** Head-sampling percentage handed to the SDK sampler. @default 100 */
  headSamplingPercent?: number;
  /** This service's generated dashboards; each becomes a ConfigMap Grafana discovers. @default [] */
  dashboards?: GeneratedDashboard[];
  /** The resolved resilience policy document (resilience/), delivered as `<service>-resilience`. @default - none */
  resilienceJson?: string;
  /** Alert rules on the resilience metrics contract, as a second rule file. @default - none */
  resilienceRulesYaml?: string;
}

/**
 * Turns a service declaration into objects: the OTEL_* environment as a ConfigMap in the
 * service's namespace (mounted with `envFrom`), and the SLO rule file as a labelled ConfigMap in
 * the platform namespace that Prometheus picks up with a reload. The scrape contract the
 * workload must carry is exposed as `scrape` (labels and annotations for its pod template).
 */
export class ObservedService extends pulumi.ComponentResource {
  /**
   * Name of the ConfigMap the workload mounts with `envFrom` (in the service namespace): the
   * OTEL_* environment when the service pushes OTLP, and SEVENSA_RESILIENCE_POLICY_FILE when it
   * has a resilience document. Undefined when there is neither.
   */
  public readonly envConfigMapName: pulumi.Output<string> | undefined;
  /** Name of the rule ConfigMap (in the platform namespace). */
  public readonly rulesConfigMapName: pulumi.Output<string>;
  /** Pod labels and annotations of the scrape contract. */
  public readonly scrape: ScrapeMarkers;

  constructor(name: string, args: ObservedServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("sevensa:services:ObservedService", name, {}, opts);
    const d = args.service.declaration;
    const parent = { parent: this };
    const annotations = { [SERVICE_ANNOTATIONS.service]: d.name, [SERVICE_ANNOTATIONS.team]: d.team, [SERVICE_ANNOTATIONS.source]: args.service.file };
    const labels = { "app.kubernetes.io/name": d.name, "app.kubernetes.io/part-of": "sevensa-observability", "app.kubernetes.io/managed-by": "pulumi" };

    this.scrape = scrapeMarkers(args.service);
    const declarationAnnotations: Record<string, string> = {
      ...annotations,
      [SERVICE_ANNOTATIONS.slos]: d.slos.map((slo) => slo.name).join(","),
    };
    if (d.telemetry.scrape !== undefined) {
      declarationAnnotations[SERVICE_ANNOTATIONS.podLabels] = Object.entries(this.scrape.labels).map(([k, v]) => `${k}=${v}`).join(",");
    }
    new k8s.core.v1.ConfigMap(`${name}-declaration`, {
      metadata: {
        name: `${d.name}-declaration`,
        namespace: d.namespace,
        labels: { ...labels, [DECLARATION_LABEL]: "true" },
        annotations: declarationAnnotations,
      },
      data: { "tier": d.tier, "language": d.language, "description": d.description },
    }, parent);

    if (args.resilienceJson !== undefined) {
      new k8s.core.v1.ConfigMap(`${name}-resilience`, {
        metadata: { name: resilienceConfigMapName(d.name), namespace: d.namespace, labels, annotations },
        data: { [RESILIENCE_CONFIG_KEY]: args.resilienceJson },
      }, parent);
    }
    const env: Record<string, string> = {
      ...(d.telemetry.otlp === true
        ? otelEnvironment({
            service: args.service,
            environment: args.environment,
            otlpEndpoint: args.otlpEndpoint,
            headSamplingPercent: args.headSamplingPercent ?? 100,
          })
        : {}),
      ...(args.resilienceJson !== undefined ? resilienceEnvironment() : {}),
    };
    if (Object.keys(env).length > 0) {
      const envMap = new k8s.core.v1.ConfigMap(`${name}-env`, {
        metadata: { name: `${d.name}-env`, namespace: d.namespace, labels, annotations },
        data: env,
      }, parent);
      this.envConfigMapName = envMap.metadata.name;
    }
    const rules = ruleConfigMap(`${name}-rules`, args.platformNamespace, `${d.name}.yaml`, args.ruleFileYaml, parent, annotations);
    this.rulesConfigMapName = rules.metadata.name;
    for (const dashboard of args.dashboards ?? []) {
      dashboardConfigMap(`${name}-dashboard-${dashboard.uid}`, args.platformNamespace, dashboard, parent, annotations);
    }
    if (args.resilienceRulesYaml !== undefined) {
      ruleConfigMap(`${name}-resilience-rules`, args.platformNamespace, `${d.name}-resilience.yaml`, args.resilienceRulesYaml, parent, annotations);
    }
    this.registerOutputs({ envConfigMapName: this.envConfigMapName, rulesConfigMapName: this.rulesConfigMapName });
  }
}
