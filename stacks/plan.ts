import { ALERTMANAGER_PORT, alertmanagerPeers } from "../components/alertmanager";
import { PROMETHEUS_PORT, PROMETHEUS_RULE_DIR } from "../components/prometheus";
import { generateDatasources } from "../generators/grafana-datasources";
import { generatePrometheusConfig } from "../generators/prometheus-config";
import { renderYaml } from "../generators/render-yaml";
import { dashboardArtifactPath, renderDashboard, type GeneratedDashboard } from "../dashboards";
import type { ChaosPlan } from "../chaos/plan";
import { planTelemetry, type TelemetryPlan } from "../telemetry/plan";
import { COLLECTOR_METRICS_PORT, LOKI_HTTP_PORT } from "../telemetry/endpoints";
import type { StackConfig } from "./config/schema";

/** What the plan is computed from: validated stack config plus the generated pieces of other domains. */
export interface PlatformPlanInput {
  /** Stack name (`local`, `staging`, `production`, or a fixture). */
  stack: string;
  /** Validated stack configuration. */
  config: StackConfig;
  /** Name of the ObservabilityPlatform component; children are named from it. @default "sevensa" */
  platformName?: string;
  /** alertmanager.yml text, generated from teams and services (routing/). */
  alertmanagerYaml: string;
  /** Prometheus rule files by file name (`<service>.yaml`, `platform.yaml`), already rendered. @default {} */
  ruleFiles?: Record<string, string>;
  /** Generated dashboards (dashboards/). @default [] */
  dashboards?: GeneratedDashboard[];
  /** The chaos plan (chaos/plan.ts). @default - none (no chaos) */
  chaos?: ChaosPlan;
  /** Further generated files by artifact path (chaos plan and objects, resilience documents). @default {} */
  extraFiles?: Record<string, string>;
}

/** Everything the platform deploys, as plain text files, before anything is a Pulumi resource. */
export interface PlatformPlan {
  /** Component child names. */
  names: { prometheus: string; alertmanager: string; grafana: string };
  /** Every generated file by its artifact path (the documented `npm run artifacts` layout). */
  files: Record<string, string>;
  /** Endpoints handed to services. */
  endpoints: { otlpHttp: string };
  /** Dashboards, each also in `files` at `grafana/dashboards/<uid>.json`. */
  dashboards: GeneratedDashboard[];
  /** The chaos plan, when the stack has one. */
  chaos?: ChaosPlan;
  /** Names, endpoints and files of the tracing and logging path. */
  telemetry: TelemetryPlan;
}

/** Name of the ObservabilityPlatform component when none is given. */
export const DEFAULT_PLATFORM_NAME = "sevensa";

/** Child component names of the platform `base`. */
export function platformNames(base: string = DEFAULT_PLATFORM_NAME): PlatformPlan["names"] {
  return { prometheus: `${base}-prometheus`, alertmanager: `${base}-alertmanager`, grafana: `${base}-grafana` };
}

/** In-cluster URL of Prometheus' API. */
export function prometheusUrl(config: StackConfig, base: string = DEFAULT_PLATFORM_NAME): string {
  return `http://${platformNames(base).prometheus}.${config.namespace}.svc:${PROMETHEUS_PORT}`;
}

/** Computes names, endpoints and every generated configuration of one stack. Pure. */
export function planPlatform(input: PlatformPlanInput): PlatformPlan {
  const base = input.platformName ?? DEFAULT_PLATFORM_NAME;
  const { config } = input;
  const ns = config.namespace;
  const names = platformNames(base);
  const telemetry = planTelemetry({
    stack: input.stack,
    environment: config.environment,
    namespace: ns,
    platformName: base,
    telemetry: config,
    prometheus: { name: names.prometheus, replicas: config.prometheus.replicas, port: PROMETHEUS_PORT },
  });
  const t = telemetry.names;
  const source = `Pulumi.${input.stack}.yaml`;

  const prometheusYml = renderYaml(
    generatePrometheusConfig({
      environment: config.environment,
      scrapeInterval: config.prometheus.scrapeInterval,
      evaluationInterval: config.prometheus.evaluationInterval,
      alertmanagers: alertmanagerPeers(names.alertmanager, ns, config.alertmanager.replicas, ALERTMANAGER_PORT),
      ruleDir: PROMETHEUS_RULE_DIR,
      platformTargets: {
        prometheus: [`localhost:${PROMETHEUS_PORT}`],
        alertmanager: alertmanagerPeers(names.alertmanager, ns, config.alertmanager.replicas, ALERTMANAGER_PORT),
        grafana: [`${names.grafana}.${ns}.svc:3000`],
      },
      platformPodJobs: [
        { job: "otel-agent", namespace: t.agentNamespace, app: "otel-agent", port: COLLECTOR_METRICS_PORT },
        { job: "otel-gateway", namespace: ns, app: "otel-gateway", port: COLLECTOR_METRICS_PORT },
        { job: "jaeger", namespace: ns, app: "jaeger", port: COLLECTOR_METRICS_PORT },
        { job: "loki", namespace: ns, app: "loki", port: LOKI_HTTP_PORT },
      ],
    }),
    `${source} via generators/prometheus-config.ts`,
  );
  const datasources = renderYaml(
    generateDatasources({
      prometheusUrl: prometheusUrl(config, base),
      alertmanagerUrl: `http://${names.alertmanager}.${ns}.svc:${ALERTMANAGER_PORT}`,
      scrapeInterval: config.prometheus.scrapeInterval,
      extra: telemetry.datasources,
      prometheusJsonData: telemetry.prometheusJsonData,
    }),
    `${source} via generators/grafana-datasources.ts`,
  );
  const files: Record<string, string> = {
    "prometheus/prometheus.yml": prometheusYml,
    "alertmanager/alertmanager.yml": input.alertmanagerYaml,
    "grafana/datasources.yaml": datasources,
    ...telemetry.files,
  };
  for (const [file, text] of Object.entries(input.ruleFiles ?? {})) files[`prometheus/rules/${file}`] = text;
  Object.assign(files, input.extraFiles ?? {});
  const dashboards = input.dashboards ?? [];
  for (const d of dashboards) files[dashboardArtifactPath(d)] = renderDashboard(d);
  const endpoints = { otlpHttp: telemetry.agentOtlpEndpoint };
  return { names, files, endpoints, dashboards, chaos: input.chaos, telemetry };
}
