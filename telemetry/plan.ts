import type { EnvironmentName } from "../catalogue/types";
import { renderYaml } from "../generators/render-yaml";
import { generateAgentConfig } from "./agent-config";
import type { TelemetryConfig } from "./config-schema";
import { prometheusExemplarJsonData, telemetryDatasources } from "./datasources";
import {
  agentNamespaceName,
  agentOtlpEndpoint,
  collectorNames,
  jaegerOtlpEndpoint,
  jaegerQueryUrl,
  lokiHeadlessHost,
  lokiOtlpLogsUrl,
  lokiUrl,
  prometheusRemoteWriteUrls,
  serviceUrl,
} from "./endpoints";
import { generateGatewayConfig } from "./gateway-config";
import { generateJaegerConfig } from "./jaeger-config";
import { generateLokiConfig } from "./loki-config";

/** What the telemetry plan of a stack is made from. */
export interface TelemetryPlanInput {
  /** Stack name (for the generated-file headers). */
  stack: string;
  environment: EnvironmentName;
  /** Platform namespace. */
  namespace: string;
  /** Base of the component names (the platform's name). @default "sevensa" */
  platformName?: string;
  /** Validated telemetry keys of the stack. */
  telemetry: TelemetryConfig;
  /** The Prometheus component's name and replica count (remote write goes to each replica). */
  prometheus: { name: string; replicas: number; port?: number };
}

/** Names, endpoints and generated files of the tracing and logging path of one stack. */
export interface TelemetryPlan {
  names: { collector: string; jaeger: string; loki: string; agentNamespace: string };
  /** The OTLP/HTTP endpoint services' SDKs send to (their node's agent). */
  agentOtlpEndpoint: string;
  /** Head-sampling percent for the services' OTEL_TRACES_SAMPLER_ARG. */
  headSamplingPercent: number;
  /** Generated files by artifact path: otel/agent.yaml, otel/gateway.yaml, jaeger/config.yaml, loki/config.yaml. */
  files: Record<string, string>;
  /** Datasource entries to append to Grafana's provisioning (Jaeger, Loki). */
  datasources: Record<string, unknown>[];
  /** jsonData to merge into the Prometheus datasource (exemplar → Jaeger link). */
  prometheusJsonData: Record<string, unknown>;
}

/** Computes every generated configuration of the tracing and logging path. Pure. */
export function planTelemetry(input: TelemetryPlanInput): TelemetryPlan {
  const base = input.platformName ?? "sevensa";
  const ns = input.namespace;
  const t = input.telemetry;
  const names = { collector: `${base}-otel`, jaeger: `${base}-jaeger`, loki: `${base}-loki`, agentNamespace: agentNamespaceName(ns) };
  const collector = collectorNames(names.collector);
  const source = (via: string) => `Pulumi.${input.stack}.yaml via ${via}`;
  const promPort = input.prometheus.port ?? 9090;

  const files: Record<string, string> = {
    "otel/agent.yaml": renderYaml(
      generateAgentConfig({
        environment: input.environment,
        agentNamespace: names.agentNamespace,
        gatewayHeadlessHost: `${collector.gatewayHeadless}.${ns}.svc.cluster.local`,
        gatewayHost: `${collector.gateway}.${ns}.svc.cluster.local`,
      }),
      source("telemetry/agent-config.ts"),
    ),
    "otel/gateway.yaml": renderYaml(
      generateGatewayConfig({
        sampling: t.sampling,
        jaegerOtlpEndpoint: jaegerOtlpEndpoint(names.jaeger, ns),
        lokiOtlpLogsUrl: lokiOtlpLogsUrl(names.loki, ns),
        prometheusRemoteWriteUrls: prometheusRemoteWriteUrls(input.prometheus.name, ns, input.prometheus.replicas, promPort),
      }),
      source("telemetry/gateway-config.ts"),
    ),
    "jaeger/config.yaml": renderYaml(
      generateJaegerConfig({ storage: t.jaeger.storage, prometheusUrl: serviceUrl(input.prometheus.name, ns, promPort) }),
      source("telemetry/jaeger-config.ts"),
    ),
    "loki/config.yaml": renderYaml(
      generateLokiConfig({ loki: t.loki, headlessHost: lokiHeadlessHost(names.loki, ns) }),
      source("telemetry/loki-config.ts"),
    ),
  };
  return {
    names,
    agentOtlpEndpoint: agentOtlpEndpoint(names.collector, ns),
    headSamplingPercent: t.sampling.head.percent,
    files,
    datasources: telemetryDatasources({ jaegerUrl: jaegerQueryUrl(names.jaeger, ns), lokiUrl: lokiUrl(names.loki, ns) }),
    prometheusJsonData: prometheusExemplarJsonData(),
  };
}
