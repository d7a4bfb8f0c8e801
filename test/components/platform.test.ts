import * as path from "path";
import { ObservabilityPlatform } from "../../components/platform";
import { readStackConfigFile } from "../../stacks/config/read-file";
import { planPlatform } from "../../stacks/plan";
import { isSecret, one, recordRegistrations, settle, unsecret, type Registered } from "../support/mocks";

const root = path.resolve(__dirname, "../..");
const AM_FIXTURE = "route:\n  receiver: sink\nreceivers:\n  - name: sink\n";

async function deploy(stack: string): Promise<Registered[]> {
  const registered = recordRegistrations(stack);
  const config = readStackConfigFile(root, stack);
  const plan = planPlatform({ stack, config, alertmanagerYaml: AM_FIXTURE, ruleFiles: { "platform.yaml": "groups: []\n" } });
  new ObservabilityPlatform("sevensa", { config, plan, receiverSecrets: { "payments-pagerduty": "rk" } });
  await settle();
  return registered;
}

const SS = "kubernetes:apps/v1:StatefulSet";
const PDB = "kubernetes:policy/v1:PodDisruptionBudget";

describe("ObservabilityPlatform children per stack", () => {
  test("local: single replicas, emptyDir storage, no PDB, no anti-affinity", async () => {
    const r = await deploy("local");
    const prom = one(r, SS, "sevensa-prometheus").inputs;
    const am = one(r, SS, "sevensa-alertmanager").inputs;
    expect(prom.spec.replicas).toBe(1);
    expect(prom.spec.volumeClaimTemplates).toBeUndefined();
    expect(prom.spec.template.spec.volumes).toContainEqual({ name: "data", emptyDir: {} });
    expect(prom.spec.template.spec.affinity).toBeUndefined();
    expect(am.spec.replicas).toBe(1);
    expect(am.spec.template.spec.containers[0].args).toContain("--cluster.listen-address=");
    expect(r.filter((x) => x.type === PDB)).toEqual([]);
  });

  test("production: Prometheus HA pair, 3 clustered Alertmanagers, PDBs, required anti-affinity, persistent volumes", async () => {
    const r = await deploy("production");
    const prom = one(r, SS, "sevensa-prometheus").inputs;
    const am = one(r, SS, "sevensa-alertmanager").inputs;
    expect(prom.spec.replicas).toBe(2);
    expect(prom.spec.volumeClaimTemplates).toEqual([
      { metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], storageClassName: "fast-ssd", resources: { requests: { storage: "200Gi" } } } },
    ]);
    expect(prom.spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]).toEqual({
      labelSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus", "app.kubernetes.io/instance": "sevensa-prometheus" } },
      topologyKey: "kubernetes.io/hostname",
    });
    expect(am.spec.replicas).toBe(3);
    const peers = am.spec.template.spec.containers[0].args.filter((a: string) => a.startsWith("--cluster.peer="));
    expect(peers).toEqual([0, 1, 2].map((i) => `--cluster.peer=sevensa-alertmanager-${i}.sevensa-alertmanager-headless.monitoring.svc:9094`));
    expect(one(r, PDB, "sevensa-prometheus").inputs.spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { "app.kubernetes.io/name": "prometheus", "app.kubernetes.io/instance": "sevensa-prometheus" } },
    });
    expect(one(r, PDB, "sevensa-alertmanager").inputs.spec.maxUnavailable).toBe(1);
  });

  test("staging: persistence on, PDB only where there is more than one replica, preferred anti-affinity", async () => {
    const r = await deploy("staging");
    expect(one(r, SS, "sevensa-prometheus").inputs.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe("50Gi");
    expect(r.filter((x) => x.type === PDB).map((x) => x.name).sort()).toEqual(["sevensa-alertmanager", "sevensa-otel-gateway"]);
    expect(one(r, SS, "sevensa-alertmanager").inputs.spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
  });

  test("every Prometheus replica sends to every Alertmanager replica directly", async () => {
    const r = await deploy("production");
    const yml = one(r, "kubernetes:core/v1:ConfigMap", "sevensa-prometheus-config").inputs.data["prometheus.yml"] as string;
    for (const i of [0, 1, 2]) expect(yml).toContain(`- sevensa-alertmanager-${i}.sevensa-alertmanager-headless.monitoring.svc:9093`);
  });

  test("the Alertmanager configuration and receiver secrets live in Secrets, never in a ConfigMap", async () => {
    const r = await deploy("staging");
    const config = one(r, "kubernetes:core/v1:Secret", "sevensa-alertmanager-config").inputs.stringData;
    const receivers = one(r, "kubernetes:core/v1:Secret", "sevensa-alertmanager-receivers").inputs.stringData;
    expect(unsecret(config)).toEqual({ "alertmanager.yml": AM_FIXTURE });
    expect([isSecret(config), isSecret(receivers)]).toEqual([true, true]);
    expect(unsecret(receivers)).toEqual({ "payments-pagerduty": "rk" });
    const configMaps = r.filter((x) => x.type === "kubernetes:core/v1:ConfigMap");
    for (const cm of configMaps) {
      expect(Object.keys(cm.inputs.data ?? {})).not.toContain("alertmanager.yml");
      expect(JSON.stringify(cm.inputs.data)).not.toContain("rk\"");
    }
    const volumes = one(r, SS, "sevensa-alertmanager").inputs.spec.template.spec.volumes;
    expect(volumes.find((v: any) => v.name === "config").secret).toBeDefined();
  });

  test("Grafana: admin password from @pulumi/random into a Secret, anonymous access off, datasources provisioned", async () => {
    const r = await deploy("local");
    expect(one(r, "random:index/randomPassword:RandomPassword", "sevensa-grafana-admin").inputs.length).toBe(32);
    const grafana = one(r, "kubernetes:apps/v1:Deployment", "sevensa-grafana").inputs.spec.template.spec.containers[0];
    const env = Object.fromEntries(grafana.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    expect(env.GF_AUTH_ANONYMOUS_ENABLED).toBe("false");
    expect(env.GF_SECURITY_ADMIN_PASSWORD).toEqual({ secretKeyRef: { name: "sevensa-grafana-admin-generated", key: "admin-password" } });
    const provisioning = one(r, "kubernetes:core/v1:ConfigMap", "sevensa-grafana-provisioning").inputs.data;
    expect(provisioning["datasources.yaml"]).toContain("uid: sevensa-prometheus");
    expect(JSON.stringify(provisioning)).not.toContain("mock-password-not-secret");
  });

  test("rule files are discovered by a watcher that reloads Prometheus, never a restart", async () => {
    const r = await deploy("local");
    const containers = one(r, SS, "sevensa-prometheus").inputs.spec.template.spec.containers;
    const watcher = containers.find((c: any) => c.name === "configmap-watcher");
    const env = Object.fromEntries(watcher.env.map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject({ LABEL: "sevensa.io/prometheus-rules", LABEL_VALUE: "true", FOLDER: "/etc/prometheus/rules", REQ_URL: "http://127.0.0.1:9090/-/reload", REQ_METHOD: "POST" });
    expect(containers[0].args).toEqual(expect.arrayContaining(["--web.enable-lifecycle", "--web.enable-remote-write-receiver", "--enable-feature=exemplar-storage"]));
    const rules = one(r, "kubernetes:core/v1:ConfigMap", "sevensa-platform-rules").inputs;
    expect(rules.metadata.labels["sevensa.io/prometheus-rules"]).toBe("true");
  });

  test("the namespace enforces Pod Security 'restricted' and denies all traffic by default", async () => {
    const r = await deploy("local");
    expect(one(r, "kubernetes:core/v1:Namespace", "sevensa-namespace").inputs.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    expect(one(r, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "sevensa-default-deny").inputs.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    const policies = r.filter((x) => x.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy").map((x) => x.name).sort();
    expect(policies).toEqual([
      "sevensa-alertmanager",
      "sevensa-default-deny",
      "sevensa-grafana",
      "sevensa-jaeger",
      "sevensa-loki",
      "sevensa-otel-agent",
      "sevensa-otel-agents-default-deny",
      "sevensa-otel-gateway",
      "sevensa-prometheus",
    ]);
  });

  test("Alertmanager allows gossip only between its own replicas and alerts only from Prometheus and Grafana", async () => {
    const r = await deploy("production");
    const spec = one(r, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "sevensa-alertmanager").inputs.spec;
    const from = spec.ingress.map((i: any) => [i.from[0].podSelector.matchLabels["app.kubernetes.io/name"], i.ports.map((p: any) => `${p.port}/${p.protocol}`).join(",")]);
    expect(from).toEqual([["prometheus", "9093/TCP"], ["grafana", "9093/TCP"], ["alertmanager", "9094/TCP,9094/UDP"]]);
  });
});

describe("custom collector image", () => {
  test("a stack with a registry builds otelcol-sevensa with @pulumi/docker and the collectors run it", async () => {
    const registered = recordRegistrations("staging");
    const { setAllConfig } = await import("@pulumi/pulumi/runtime");
    setAllConfig({ "sevensa-observability:otelCollectorRegistryPassword": "token" }, ["sevensa-observability:otelCollectorRegistryPassword"]);
    const base = readStackConfigFile(root, "staging");
    const config = { ...base, otelCollector: { ...base.otelCollector, image: { registry: "registry.sevensa.example", username: "ci" } } };
    const plan = planPlatform({ stack: "staging", config, alertmanagerYaml: AM_FIXTURE });
    new ObservabilityPlatform("sevensa", { config, plan });
    await settle();
    const image = one(registered, "docker:index/image:Image", "sevensa-otel-image-image").inputs;
    expect(image.imageName).toBe("registry.sevensa.example/otelcol-sevensa:0.159.0");
    const gateway = one(registered, "kubernetes:apps/v1:Deployment", "sevensa-otel-gateway").inputs;
    expect(gateway.spec.template.spec.containers[0].image).toBe("registry.sevensa.example/otelcol-sevensa:0.159.0");
  });

  test("without a registry no image is built and the pinned contrib image runs", async () => {
    const r = await deploy("staging");
    expect(r.filter((x) => x.type.startsWith("docker:"))).toEqual([]);
    expect(one(r, "kubernetes:apps/v1:Deployment", "sevensa-otel-gateway").inputs.spec.template.spec.containers[0].image).toMatch(/opentelemetry-collector-contrib:0\.159\.0$/);
  });
});
