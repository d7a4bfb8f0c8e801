/**
 * The metrics core (Prometheus, Alertmanager, Grafana) of each stack, as the real program
 * (stacks/main.ts) creates it under mocks: the exact children of each component, replicas,
 * PodDisruptionBudgets, container and pod security contexts, probes, NetworkPolicy flows and
 * Alertmanager's config reloader. Every expected value is written out here.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import type { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import type { EnvironmentName } from "../../catalogue/types";
import { generateStack } from "../../stacks/generate";
import { readStackConfigFile } from "../../stacks/config/read-file";
import { one, type Registered } from "../support/mocks";
import { fakeReceiverSecrets, runProgram } from "../support/program";

const root = path.resolve(__dirname, "../..");
const STACKS: EnvironmentName[] = ["local", "staging", "production"];

const PLATFORM = "sevensa:platform:ObservabilityPlatform";
const PROMETHEUS = "sevensa:metrics:Prometheus";
const ALERTMANAGER = "sevensa:alerting:Alertmanager";
const GRAFANA = "sevensa:dashboards:Grafana";
const CORE = [PROMETHEUS, ALERTMANAGER, GRAFANA];

const SS = "kubernetes:apps/v1:StatefulSet";
const DEP = "kubernetes:apps/v1:Deployment";
const PDB = "kubernetes:policy/v1:PodDisruptionBudget";
const NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const PVC = "kubernetes:core/v1:PersistentVolumeClaim";
const RANDOM = "random:index/randomPassword:RandomPassword";

/**
 * `type name` of every resource registered with `parentType` as its parent. The mock monitor's
 * URN carries the parent's type (`<parent type>$<type>`), which names the component exactly:
 * the platform has one Prometheus, one Alertmanager and one Grafana.
 */
function childrenOf(parentType: string): string[] {
  const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitor;
  return [...monitor.getRegisteredResources().keys()]
    .map((urn) => {
      const [, , chain, name] = urn.split("::");
      const types = chain.split("$");
      return { parent: types.length > 1 ? types[types.length - 2] : "", type: types[types.length - 1], name };
    })
    .filter((r) => r.parent === parentType)
    .map((r) => `${r.type} ${r.name}`)
    .sort();
}

/** Children every stack has. */
const BASE: Record<string, string[]> = {
  [PROMETHEUS]: [
    "kubernetes:apps/v1:StatefulSet sevensa-prometheus",
    "kubernetes:core/v1:ConfigMap sevensa-prometheus-config",
    "kubernetes:core/v1:Service sevensa-prometheus",
    "kubernetes:core/v1:Service sevensa-prometheus-headless",
    "kubernetes:core/v1:ServiceAccount sevensa-prometheus",
    "kubernetes:networking.k8s.io/v1:NetworkPolicy sevensa-prometheus",
    "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole sevensa-prometheus-discovery",
    "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding sevensa-prometheus-discovery",
    "kubernetes:rbac.authorization.k8s.io/v1:Role sevensa-prometheus-rules",
    "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding sevensa-prometheus-rules",
  ],
  [ALERTMANAGER]: [
    "kubernetes:apps/v1:StatefulSet sevensa-alertmanager",
    "kubernetes:core/v1:Secret sevensa-alertmanager-config",
    "kubernetes:core/v1:Secret sevensa-alertmanager-receivers",
    "kubernetes:core/v1:Service sevensa-alertmanager",
    "kubernetes:core/v1:Service sevensa-alertmanager-headless",
    "kubernetes:networking.k8s.io/v1:NetworkPolicy sevensa-alertmanager",
  ],
  [GRAFANA]: [
    "kubernetes:apps/v1:Deployment sevensa-grafana",
    "kubernetes:core/v1:ConfigMap sevensa-grafana-provisioning",
    "kubernetes:core/v1:Secret sevensa-grafana-admin",
    "kubernetes:core/v1:Service sevensa-grafana",
    "kubernetes:core/v1:ServiceAccount sevensa-grafana",
    "kubernetes:networking.k8s.io/v1:NetworkPolicy sevensa-grafana",
    "kubernetes:rbac.authorization.k8s.io/v1:Role sevensa-grafana-dashboards",
    "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding sevensa-grafana-dashboards",
  ],
};

/**
 * What each stack adds: PDBs where a set has more than one replica and PDBs are on, Grafana's
 * volume where it persists, and the generated admin password where the stack file sets none
 * (Pulumi.local.yaml sets `grafanaAdminPassword` as secret config).
 */
const EXTRA: Record<EnvironmentName, Record<string, string[]>> = {
  local: { [PROMETHEUS]: [], [ALERTMANAGER]: [], [GRAFANA]: [] },
  staging: {
    [PROMETHEUS]: [],
    [ALERTMANAGER]: [`${PDB} sevensa-alertmanager`],
    [GRAFANA]: [`${PVC} sevensa-grafana-data`, `${RANDOM} sevensa-grafana-admin`],
  },
  production: {
    [PROMETHEUS]: [`${PDB} sevensa-prometheus`],
    [ALERTMANAGER]: [`${PDB} sevensa-alertmanager`],
    [GRAFANA]: [`${PVC} sevensa-grafana-data`, `${RANDOM} sevensa-grafana-admin`],
  },
};

const REPLICAS: Record<EnvironmentName, { prometheus: number; alertmanager: number }> = {
  local: { prometheus: 1, alertmanager: 1 },
  staging: { prometheus: 1, alertmanager: 2 },
  production: { prometheus: 2, alertmanager: 3 },
};

/** The restricted container security context, with no exemption. */
const RESTRICTED = {
  runAsNonRoot: true,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

const podSecurity = (uid: number) => ({ runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, fsGroup: uid, seccompProfile: { type: "RuntimeDefault" } });

const get = (p: string, port: number, initialDelaySeconds: number) => ({
  httpGet: { path: p, port },
  initialDelaySeconds,
  periodSeconds: 10,
  timeoutSeconds: 5,
  failureThreshold: 6,
});
const RELOADER_PROBES = { liveness: get("/metrics", 9533, 5), readiness: get("/metrics", 9533, 5) };
const NO_PROBES = { liveness: undefined, readiness: undefined };
const WATCHER_EXEMPTION =
  "configmap-watcher: no-probes (k8s-sidecar has no health endpoint at the pinned version; the watcher exits and restarts on failure)";

/** `name: liveness/readiness` of every container of a pod spec. */
function probesOf(pod: any): Record<string, { liveness: unknown; readiness: unknown }> {
  return Object.fromEntries(pod.containers.map((c: any) => [c.name, { liveness: c.livenessProbe, readiness: c.readinessProbe }]));
}

/** One line per rule of a NetworkPolicy: direction, peer, ports. */
function flowsOf(spec: any): string[] {
  const peer = (p: any): string => {
    if (p.ipBlock !== undefined) return `cidr ${p.ipBlock.cidr}`;
    const pods = Object.entries(p.podSelector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).sort().join(",");
    if (p.namespaceSelector === undefined) return `pods ${pods}`;
    const ns = p.namespaceSelector.matchLabels?.["kubernetes.io/metadata.name"] ?? "*";
    return pods === "" ? `namespace ${ns} any pod` : `namespace ${ns} pods ${pods}`;
  };
  const ports = (r: any) => (r.ports.length === 0 ? "any port" : r.ports.map((p: any) => `${p.port}/${p.protocol}`).join(","));
  return [
    ...spec.ingress.map((r: any) => `in ${r.from.map(peer).join(" | ")} ${ports(r)}`),
    ...spec.egress.map((r: any) => `out ${r.to.map(peer).join(" | ")} ${ports(r)}`),
  ];
}

const DNS = "out namespace kube-system pods k8s-app=kube-dns 53/UDP,53/TCP";
const API_SERVER = "out cidr 0.0.0.0/0 443/TCP,6443/TCP";

describe.each(STACKS)("the metrics core of the %s stack", (stack) => {
  let r: Registered[];
  let children: Record<string, string[]>;
  beforeAll(async () => {
    const needed = generateStack(stack, readStackConfigFile(root, stack)).receiverSecretNames;
    ({ registered: r } = await runProgram(stack, fakeReceiverSecrets(needed)));
    children = Object.fromEntries([PLATFORM, ...CORE].map((t) => [t, childrenOf(t)]));
  });

  test("the platform owns exactly one Prometheus, one Alertmanager and one Grafana", () => {
    expect(children[PLATFORM].filter((c) => CORE.includes(c.split(" ")[0]))).toEqual([
      "sevensa:alerting:Alertmanager sevensa-alertmanager",
      "sevensa:dashboards:Grafana sevensa-grafana",
      "sevensa:metrics:Prometheus sevensa-prometheus",
    ]);
  });

  test.each([
    ["Prometheus", PROMETHEUS],
    ["Alertmanager", ALERTMANAGER],
    ["Grafana", GRAFANA],
  ])("%s: exactly these children (type name)", (_, type) => {
    expect(children[type]).toEqual([...BASE[type], ...EXTRA[stack][type]].sort());
  });

  test("replicas, and a PodDisruptionBudget allowing one disruption for each HA set", () => {
    const prom = one(r, SS, "sevensa-prometheus").inputs.spec;
    const am = one(r, SS, "sevensa-alertmanager").inputs.spec;
    const grafana = one(r, DEP, "sevensa-grafana").inputs.spec;
    expect([prom.replicas, am.replicas, grafana.replicas]).toEqual([REPLICAS[stack].prometheus, REPLICAS[stack].alertmanager, 1]);
    const pdbs = Object.fromEntries(r.filter((x) => x.type === PDB && /^sevensa-(prometheus|alertmanager|grafana)$/.test(x.name)).map((x) => [x.name, x.inputs.spec]));
    const budget = (name: string) => ({ maxUnavailable: 1, selector: { matchLabels: { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": `sevensa-${name}` } } });
    expect(pdbs).toEqual({
      local: {},
      staging: { "sevensa-alertmanager": budget("alertmanager") },
      production: { "sevensa-prometheus": budget("prometheus"), "sevensa-alertmanager": budget("alertmanager") },
    }[stack]);
  });

  test("every container runs with the restricted security context; pods run as a fixed non-root uid", () => {
    const pods = {
      prometheus: one(r, SS, "sevensa-prometheus").inputs.spec.template.spec,
      alertmanager: one(r, SS, "sevensa-alertmanager").inputs.spec.template.spec,
      grafana: one(r, DEP, "sevensa-grafana").inputs.spec.template.spec,
    };
    const contexts = Object.fromEntries(Object.entries(pods).map(([k, pod]) => [k, pod.containers.map((c: any) => [c.name, c.securityContext])]));
    expect(contexts).toEqual({
      prometheus: [["prometheus", RESTRICTED], ["configmap-watcher", RESTRICTED], ["config-reloader", RESTRICTED]],
      alertmanager: [["alertmanager", RESTRICTED], ["config-reloader", RESTRICTED]],
      grafana: [["grafana", RESTRICTED], ["configmap-watcher", RESTRICTED]],
    });
    expect([pods.prometheus.securityContext, pods.alertmanager.securityContext, pods.grafana.securityContext]).toEqual([
      podSecurity(65534),
      podSecurity(65534),
      podSecurity(472),
    ]);
    expect([pods.prometheus.automountServiceAccountToken, pods.alertmanager.automountServiceAccountToken, pods.grafana.automountServiceAccountToken]).toEqual([true, false, true]);
  });

  test("main containers get the stack file's requests and limits", () => {
    const config = readStackConfigFile(root, stack);
    expect([
      one(r, SS, "sevensa-prometheus").inputs.spec.template.spec.containers[0].resources,
      one(r, SS, "sevensa-alertmanager").inputs.spec.template.spec.containers[0].resources,
      one(r, DEP, "sevensa-grafana").inputs.spec.template.spec.containers[0].resources,
    ]).toEqual([config.prometheus.resources, config.alertmanager.resources, config.grafana.resources]);
  });

  test("Prometheus probes /-/healthy and /-/ready on the port it listens on; the rule watcher is a named no-probes exemption", () => {
    const template = one(r, SS, "sevensa-prometheus").inputs.spec.template;
    expect(probesOf(template.spec)).toEqual({
      prometheus: { liveness: get("/-/healthy", 9090, 30), readiness: get("/-/ready", 9090, 10) },
      "configmap-watcher": NO_PROBES,
      "config-reloader": RELOADER_PROBES,
    });
    const main = template.spec.containers[0];
    expect(main.ports).toEqual([{ name: "http", containerPort: 9090 }]);
    expect(main.args.filter((a: string) => a.startsWith("--web.listen-address="))).toEqual(["--web.listen-address=:9090"]);
    expect(template.metadata.annotations).toEqual({ "sevensa.io/security-exemptions": WATCHER_EXEMPTION });
  });

  test("Alertmanager probes /-/healthy and /-/ready on the port it listens on, and carries no exemption", () => {
    const template = one(r, SS, "sevensa-alertmanager").inputs.spec.template;
    expect(probesOf(template.spec)).toEqual({
      alertmanager: { liveness: get("/-/healthy", 9093, 10), readiness: get("/-/ready", 9093, 5) },
      "config-reloader": RELOADER_PROBES,
    });
    expect(template.spec.containers[0].args.filter((a: string) => a.startsWith("--web.listen-address="))).toEqual(["--web.listen-address=:9093"]);
    expect(template.metadata.annotations).toEqual({});
  });

  test("Grafana probes /api/health on its http port; the dashboard watcher is a named no-probes exemption", () => {
    const template = one(r, DEP, "sevensa-grafana").inputs.spec.template;
    expect(probesOf(template.spec)).toEqual({
      grafana: { liveness: get("/api/health", 3000, 30), readiness: get("/api/health", 3000, 5) },
      "configmap-watcher": NO_PROBES,
    });
    expect(template.spec.containers[0].ports).toEqual([{ name: "http", containerPort: 3000 }]);
    expect(template.metadata.annotations).toEqual({ "sevensa.io/security-exemptions": WATCHER_EXEMPTION });
  });

  test("Alertmanager's config reloader watches the config Secret's mount and POSTs Alertmanager's /-/reload", () => {
    const pod = one(r, SS, "sevensa-alertmanager").inputs.spec.template.spec;
    const reloader = pod.containers.find((c: any) => c.name === "config-reloader");
    expect({ args: reloader.args, volumeMounts: reloader.volumeMounts, ports: reloader.ports, image: reloader.image }).toEqual({
      args: ["--volume-dir=/etc/alertmanager/config", "--webhook-url=http://127.0.0.1:9093/-/reload", "--webhook-method=POST", "--web.listen-address=:9533"],
      volumeMounts: [{ name: "config", mountPath: "/etc/alertmanager/config", readOnly: true }],
      ports: [{ name: "reloader", containerPort: 9533 }],
      image: "ghcr.io/jimmidyson/configmap-reload:v0.15.0",
    });
    // The directory it watches is the config Secret, the one Alertmanager reads its --config.file from.
    expect(pod.volumes.find((v: any) => v.name === "config")).toEqual({ name: "config", secret: { secretName: "sevensa-alertmanager-config-generated" } });
    expect(pod.containers[0].args[0]).toBe("--config.file=/etc/alertmanager/config/alertmanager.yml");
    expect(pod.containers[0].volumeMounts[0]).toEqual({ name: "config", mountPath: "/etc/alertmanager/config", readOnly: true });
    expect(pod.containers[0].ports[0]).toEqual({ name: "http", containerPort: 9093 });
  });

  test("NetworkPolicies: each component allows exactly its real flows plus DNS", () => {
    const policy = (name: string) => one(r, NP, name).inputs.spec;
    const prometheus = policy("sevensa-prometheus");
    expect([prometheus.podSelector, prometheus.policyTypes]).toEqual([
      { matchLabels: { "app.kubernetes.io/name": "prometheus", "app.kubernetes.io/instance": "sevensa-prometheus" } },
      ["Ingress", "Egress"],
    ]);
    expect(flowsOf(prometheus)).toEqual([
      "in pods app.kubernetes.io/name=grafana 9090/TCP",
      "in pods app.kubernetes.io/name=prometheus 9090/TCP",
      "in pods app.kubernetes.io/name=otel-gateway 9090/TCP",
      ...(stack === "staging" ? ["in namespace chaos-mesh pods app.kubernetes.io/component=controller-manager,app.kubernetes.io/name=chaos-mesh 9090/TCP"] : []),
      DNS,
      "out namespace * any pod any port",
      "out pods app.kubernetes.io/name=alertmanager 9093/TCP",
      API_SERVER,
    ]);
    const alertmanager = policy("sevensa-alertmanager");
    expect(alertmanager.podSelector).toEqual({ matchLabels: { "app.kubernetes.io/name": "alertmanager", "app.kubernetes.io/instance": "sevensa-alertmanager" } });
    expect(flowsOf(alertmanager)).toEqual([
      "in pods app.kubernetes.io/name=prometheus 9093/TCP",
      "in pods app.kubernetes.io/name=grafana 9093/TCP",
      "in pods app.kubernetes.io/instance=sevensa-alertmanager,app.kubernetes.io/name=alertmanager 9094/TCP,9094/UDP",
      DNS,
      "out pods app.kubernetes.io/instance=sevensa-alertmanager,app.kubernetes.io/name=alertmanager 9094/TCP,9094/UDP",
      "out cidr 0.0.0.0/0 443/TCP",
    ]);
    const grafana = policy("sevensa-grafana");
    expect(grafana.podSelector).toEqual({ matchLabels: { "app.kubernetes.io/name": "grafana", "app.kubernetes.io/instance": "sevensa-grafana" } });
    expect(flowsOf(grafana)).toEqual([
      "in namespace * any pod 3000/TCP",
      DNS,
      "out pods app.kubernetes.io/name=prometheus 9090/TCP",
      "out pods app.kubernetes.io/name=alertmanager 9093/TCP",
      "out pods app.kubernetes.io/name=jaeger 16686/TCP",
      "out pods app.kubernetes.io/name=loki 3100/TCP",
      API_SERVER,
    ]);
  });

  test("every same-namespace pod selector of these policies selects pods the program creates", () => {
    const templates = r
      .filter((x) => [SS, DEP, "kubernetes:apps/v1:DaemonSet"].includes(x.type))
      .map((x) => ({ name: x.name, namespace: x.inputs.metadata.namespace, labels: x.inputs.spec.template.metadata.labels as Record<string, string> }));
    const selected = (labels: Record<string, string>) =>
      templates.filter((t) => t.namespace === "monitoring" && Object.entries(labels).every(([k, v]) => t.labels[k] === v)).map((t) => t.name);
    const found = Object.fromEntries(
      ["sevensa-prometheus", "sevensa-alertmanager", "sevensa-grafana"].map((name) => {
        const spec = one(r, NP, name).inputs.spec;
        const peers = [...spec.ingress.flatMap((i: any) => i.from), ...spec.egress.flatMap((e: any) => e.to)];
        const local = peers.filter((p: any) => p.namespaceSelector === undefined && p.podSelector !== undefined);
        return [name, local.map((p: any) => selected(p.podSelector.matchLabels))];
      }),
    );
    expect(found).toEqual({
      "sevensa-prometheus": [["sevensa-grafana"], ["sevensa-prometheus"], ["sevensa-otel-gateway"], ["sevensa-alertmanager"]],
      "sevensa-alertmanager": [["sevensa-prometheus"], ["sevensa-grafana"], ["sevensa-alertmanager"], ["sevensa-alertmanager"]],
      "sevensa-grafana": [["sevensa-prometheus"], ["sevensa-alertmanager"], ["sevensa-jaeger"], ["sevensa-loki"]],
    });
  });
});
