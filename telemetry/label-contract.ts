/**
 * OTTL statements that give pushed telemetry the platform's label contract: every metric
 * carries `service` (from service.name) and `namespace` (the Kubernetes namespace, else
 * service.namespace), exactly like scraped series; every log stream carries `service`,
 * `namespace` and (from the filelog parsing) `severity`, the only Loki index labels.
 */

const has = (path: string) => `${path} != nil`;

function labelStatements(target: (label: string) => string): string[] {
  return [
    `set(${target("service")}, resource.attributes["service.name"]) where ${has('resource.attributes["service.name"]')}`,
    `set(${target("namespace")}, resource.attributes["service.namespace"]) where ${has('resource.attributes["service.namespace"]')}`,
    `set(${target("namespace")}, resource.attributes["k8s.namespace.name"]) where ${has('resource.attributes["k8s.namespace.name"]')}`,
  ];
}

/** Datapoint statements: `service` and `namespace` labels on every series. */
export function metricLabelStatements(): string[] {
  const dp = (label: string) => `datapoint.attributes["${label}"]`;
  return [
    ...labelStatements(dp),
    // spanmetrics keeps service.name as a datapoint dimension; use it when the resource has none.
    `set(${dp("service")}, datapoint.attributes["service.name"]) where ${dp("service")} == nil and ${has('datapoint.attributes["service.name"]')}`,
  ];
}

/**
 * Pushed metrics: the `pod` label, like scraped series carry, so two pods of a service never
 * write the same series (SDKs need not set service.instance.id).
 */
export function pushedMetricStatements(): string[] {
  return [`set(datapoint.attributes["pod"], resource.attributes["k8s.pod.name"]) where ${has('resource.attributes["k8s.pod.name"]')}`];
}

/** Environment variable holding the gateway pod's name (downward API). */
export const GATEWAY_POD_ENV = "POD_NAME";
/** Label telling apart the series each gateway replica derives (spanmetrics, servicegraph). */
export const COLLECTOR_POD_LABEL = "collector_pod";

/**
 * Derived metrics (spanmetrics, servicegraph): every gateway replica counts its own share of the
 * traces, so its series carry the replica's pod name (queries sum over it); the span resource's
 * instance id is dropped, it would name an arbitrary pod of the service.
 */
export function derivedMetricStatements(): string[] {
  return [
    'delete_key(resource.attributes, "service.instance.id")',
    `set(datapoint.attributes["${COLLECTOR_POD_LABEL}"], "\${env:${GATEWAY_POD_ENV}}")`,
  ];
}

/** Resource statements: the `service` and `namespace` stream labels of every log. */
export function logLabelStatements(): string[] {
  return labelStatements((label) => `resource.attributes["${label}"]`);
}

/** The Loki index labels, all resource attributes; everything else is structured metadata. */
export const LOKI_INDEX_LABELS = ["namespace", "service", "severity"] as const;
