import { metaName, SCRAPE_CONTRACT } from "./scrape-contract";

/** Input of the prometheus.yml generator. */
export interface PrometheusConfigInput {
  /** Environment name; becomes the `environment` external label. */
  environment: string;
  /** Global scrape interval (Prometheus duration). */
  scrapeInterval: string;
  /** Global rule evaluation interval (Prometheus duration). */
  evaluationInterval: string;
  /** Every Alertmanager replica as host:port; each Prometheus replica sends to all of them. */
  alertmanagers: string[];
  /** Directory the rule-file sidecar writes into. */
  ruleDir: string;
  /** Static self-monitoring targets of the platform, by job name. */
  platformTargets: Record<string, string[]>;
  /** Platform workloads scraped by pod discovery (per-node agents, replicated backends). @default [] */
  platformPodJobs?: PlatformPodJob[];
}

/** A platform workload scraped through pod discovery: pods labelled `app.kubernetes.io/name: app` in `namespace`. */
export interface PlatformPodJob {
  job: string;
  namespace: string;
  app: string;
  port: number;
}

function platformPodJob(j: PlatformPodJob): Record<string, unknown> {
  return {
    job_name: j.job,
    kubernetes_sd_configs: [{ role: "pod", namespaces: { names: [j.namespace] } }],
    relabel_configs: [
      { action: "keep", source_labels: [metaName("label", "app.kubernetes.io/name")], regex: j.app },
      { action: "replace", source_labels: ["__meta_kubernetes_pod_ip"], regex: "(.+)", replacement: `$1:${j.port}`, target_label: "__address__" },
      { action: "replace", target_label: "service", replacement: j.job },
      { action: "replace", source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" },
      { action: "replace", source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" },
    ],
  };
}

/** External label that tells HA replicas apart; dropped before alerts go to Alertmanager. */
export const REPLICA_LABEL = "prometheus_replica";

/** Environment variable of the Prometheus container holding its pod name (set by components/prometheus.ts). */
export const PROMETHEUS_POD_ENV = "POD_NAME";

const opted = metaName("label", SCRAPE_CONTRACT.optInLabel);

/** A Prometheus duration under the default 10s scrape timeout: `1s`…`9s`, optionally plus ms, or ms alone. */
const SHORT_INTERVAL = "([1-9]s|[1-9]s\\d+ms|\\d+ms)";

/** The relabelling that implements the scrape contract for declared workloads. */
function serviceDiscoveryJob(): Record<string, unknown> {
  return {
    job_name: "declared-services",
    kubernetes_sd_configs: [{ role: "pod" }],
    relabel_configs: [
      { action: "keep", source_labels: [opted], regex: "true" },
      { action: "drop", source_labels: ["__meta_kubernetes_pod_phase"], regex: "Pending|Succeeded|Failed" },
      {
        action: "replace",
        source_labels: ["__address__", metaName("annotation", SCRAPE_CONTRACT.portAnnotation)],
        regex: "([^:]+)(?::\\d+)?;(\\d+)",
        replacement: "$1:$2",
        target_label: "__address__",
      },
      {
        action: "replace",
        source_labels: [metaName("annotation", SCRAPE_CONTRACT.pathAnnotation)],
        regex: "(.+)",
        target_label: "__metrics_path__",
      },
      {
        action: "replace",
        source_labels: [metaName("annotation", SCRAPE_CONTRACT.intervalAnnotation)],
        regex: "(.+)",
        target_label: "__scrape_interval__",
      },
      {
        // Prometheus refuses a target whose scrape timeout exceeds its interval ("scrape timeout
        // cannot be greater than scrape interval"), and the timeout is the default 10s (no
        // scrape_timeout is set here): an interval under 10s also becomes the timeout.
        action: "replace",
        source_labels: [metaName("annotation", SCRAPE_CONTRACT.intervalAnnotation)],
        regex: SHORT_INTERVAL,
        target_label: "__scrape_timeout__",
      },
      { action: "replace", source_labels: [metaName("label", SCRAPE_CONTRACT.serviceLabel)], target_label: "service" },
      { action: "replace", source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" },
      { action: "replace", source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" },
    ],
  };
}

/**
 * prometheus.yml as plain data. Rules come from `ruleDir` (written by a sidecar that watches
 * labelled ConfigMaps and triggers a reload, not a restart). The replica label is
 * `${POD_NAME}`: Prometheus itself expands `${VAR}` in external label values from its environment
 * (always in 3.x, the deployed version; 2.x needs `--enable-feature=expand-external-labels`), and
 * the Prometheus container sets `POD_NAME` from `metadata.name`. Kubernetes' own `$(VAR)` syntax
 * would NOT work here: kubelet expands it only in a container's command, args and env, never in a
 * mounted file, so every replica would carry the same literal label.
 */
export function generatePrometheusConfig(input: PrometheusConfigInput): Record<string, unknown> {
  const platformJobs = Object.entries(input.platformTargets).map(([job, targets]) => ({
    job_name: job,
    static_configs: [{ targets, labels: { service: job } }],
  }));
  return {
    global: {
      scrape_interval: input.scrapeInterval,
      evaluation_interval: input.evaluationInterval,
      external_labels: { environment: input.environment, [REPLICA_LABEL]: `${"$"}{${PROMETHEUS_POD_ENV}}` },
    },
    alerting: {
      alert_relabel_configs: [{ action: "labeldrop", regex: REPLICA_LABEL }],
      alertmanagers: [{ api_version: "v2", static_configs: [{ targets: input.alertmanagers }] }],
    },
    rule_files: [`${input.ruleDir}/*.yaml`],
    scrape_configs: [...platformJobs, ...(input.platformPodJobs ?? []).map(platformPodJob), serviceDiscoveryJob()],
  };
}
