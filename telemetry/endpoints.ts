/**
 * Names, ports and in-cluster URLs of the telemetry components. Pure, so the plan, the
 * generated configs, the components and the service declarations all agree on them.
 */

export const OTLP_GRPC_PORT = 4317;
export const OTLP_HTTP_PORT = 4318;
/** The collector's own metrics (service.telemetry) and Jaeger's. */
export const COLLECTOR_METRICS_PORT = 8888;
/** health_check extension of the collector, healthcheckv2 of Jaeger. */
export const HEALTH_PORT = 13133;
export const JAEGER_QUERY_HTTP_PORT = 16686;
export const JAEGER_QUERY_GRPC_PORT = 16685;
export const LOKI_HTTP_PORT = 3100;
export const LOKI_GRPC_PORT = 9095;
export const LOKI_MEMBERLIST_PORT = 7946;

/** Kubernetes object names of the collector's two tiers. */
export interface CollectorNames {
  /** DaemonSet and its Service (internalTrafficPolicy: Local). */
  agent: string;
  /** Deployment and its ClusterIP Service. */
  gateway: string;
  /** Headless Service the agents' load-balancing exporter resolves to reach every gateway pod. */
  gatewayHeadless: string;
}

/** Object names of an OtelCollector component called `name`. */
export function collectorNames(name: string): CollectorNames {
  return { agent: `${name}-agent`, gateway: `${name}-gateway`, gatewayHeadless: `${name}-gateway-headless` };
}

/** The namespace the agent DaemonSet runs in (it needs host paths, which "restricted" forbids). */
export function agentNamespaceName(platformNamespace: string): string {
  return `${platformNamespace}-agents`;
}

/**
 * OTLP endpoint a service's SDK sends to: the agent Service with `internalTrafficPolicy: Local`,
 * so every pod reaches the agent on its own node. `http` is OTLP/HTTP (port 4318, the SDK
 * default protocol `http/protobuf`), `grpc` OTLP/gRPC (4317).
 */
export function agentOtlpEndpoint(collectorName: string, platformNamespace: string, protocol: "http" | "grpc" = "http"): string {
  const host = `${collectorNames(collectorName).agent}.${agentNamespaceName(platformNamespace)}.svc`;
  return `http://${host}:${protocol === "http" ? OTLP_HTTP_PORT : OTLP_GRPC_PORT}`;
}

/**
 * Remote-write URL of every Prometheus replica: each replica of an HA pair must receive every
 * sample, so the gateway writes to each pod through the headless Service, never through the
 * load-balanced one.
 */
export function prometheusRemoteWriteUrls(prometheusName: string, namespace: string, replicas: number, port = 9090): string[] {
  return Array.from({ length: replicas }, (_, i) => `http://${prometheusName}-${i}.${prometheusName}-headless.${namespace}.svc:${port}/api/v1/write`);
}

/** In-cluster base URL of a Service. */
export function serviceUrl(service: string, namespace: string, port: number): string {
  return `http://${service}.${namespace}.svc:${port}`;
}

/** Jaeger's OTLP/gRPC endpoint (host:port) for the gateway's exporter. */
export function jaegerOtlpEndpoint(jaegerName: string, namespace: string): string {
  return `${jaegerName}.${namespace}.svc:${OTLP_GRPC_PORT}`;
}

/** Jaeger's query (UI and HTTP API) URL, Grafana's Jaeger datasource. */
export function jaegerQueryUrl(jaegerName: string, namespace: string): string {
  return serviceUrl(jaegerName, namespace, JAEGER_QUERY_HTTP_PORT);
}

/** Loki's HTTP URL, Grafana's Loki datasource. */
export function lokiUrl(lokiName: string, namespace: string): string {
  return serviceUrl(lokiName, namespace, LOKI_HTTP_PORT);
}

/** Loki's OTLP logs endpoint for the gateway's otlphttp exporter. */
export function lokiOtlpLogsUrl(lokiName: string, namespace: string): string {
  return `${lokiUrl(lokiName, namespace)}/otlp/v1/logs`;
}

/** Name of Loki's headless Service (memberlist peers, StatefulSet pod DNS). */
export function lokiHeadlessName(lokiName: string): string {
  return `${lokiName}-headless`;
}

/** DNS name of Loki's headless Service. */
export function lokiHeadlessHost(lokiName: string, namespace: string): string {
  return `${lokiHeadlessName(lokiName)}.${namespace}.svc`;
}
