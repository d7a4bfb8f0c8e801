import { Jaeger } from "../../components/jaeger";
import { Loki } from "../../components/loki";
import { OtelCollector } from "../../components/otel-collector";
import { IMAGES } from "../../components/versions";
import { securePodSpec } from "../../components/workload/security";
import type { EnvironmentName } from "../../catalogue/types";
import { one, recordRegistrations, settle, type Registered } from "../support/mocks";
import { restrictedViolations } from "../support/restricted";
import { stackPlan, stackTelemetry, STACKS } from "./support/stacks";

const NS = "monitoring";
const T = {
  ns: "kubernetes:core/v1:Namespace",
  cm: "kubernetes:core/v1:ConfigMap",
  svc: "kubernetes:core/v1:Service",
  sa: "kubernetes:core/v1:ServiceAccount",
  ds: "kubernetes:apps/v1:DaemonSet",
  dep: "kubernetes:apps/v1:Deployment",
  ss: "kubernetes:apps/v1:StatefulSet",
  hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
  pdb: "kubernetes:policy/v1:PodDisruptionBudget",
  np: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  cr: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
  crb: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
};

async function deploy(stack: EnvironmentName): Promise<Registered[]> {
  const registered = recordRegistrations(stack);
  const t = stackTelemetry(stack);
  const plan = stackPlan(stack);
  const ha = stack === "production";
  new OtelCollector(plan.names.collector, {
    namespace: NS,
    namespaceName: NS,
    agentConfigYaml: plan.files["otel/agent.yaml"],
    gatewayConfigYaml: plan.files["otel/gateway.yaml"],
    agentResources: t.otelCollector.agent.resources,
    gatewayResources: t.otelCollector.gateway.resources,
    gatewayReplicas: t.otelCollector.gateway.replicas,
    autoscaling: t.otelCollector.gateway.autoscaling,
    antiAffinity: ha ? "required" : "none",
    podDisruptionBudget: stack !== "local",
  });
  new Jaeger(plan.names.jaeger, {
    namespace: NS,
    configYaml: plan.files["jaeger/config.yaml"],
    storage: t.jaeger.storage,
    replicas: t.jaeger.replicas,
    resources: t.jaeger.resources,
    podDisruptionBudget: stack !== "local",
  });
  new Loki(plan.names.loki, {
    namespace: NS,
    configYaml: plan.files["loki/config.yaml"],
    storage: t.loki.storage,
    replicas: t.loki.replicas,
    resources: t.loki.resources,
    podDisruptionBudget: stack !== "local",
  });
  await settle();
  return registered;
}

const namesOf = (r: Registered[], type: string) => r.filter((x) => x.type === type).map((x) => x.name).sort();

describe.each(STACKS)("telemetry components of the %s stack", (stack) => {
  let r: Registered[];
  beforeAll(async () => {
    r = await deploy(stack);
  });

  test("component types and children", () => {
    expect(r.filter((x) => x.type.startsWith("sevensa:")).map((x) => `${x.type} ${x.name}`)).toEqual([
      "sevensa:telemetry:OtelCollector sevensa-otel",
      "sevensa:tracing:Jaeger sevensa-jaeger",
      "sevensa:logging:Loki sevensa-loki",
    ]);
    expect(namesOf(r, T.ds)).toEqual(["sevensa-otel-agent"]);
    expect(namesOf(r, T.np)).toEqual(["sevensa-jaeger", "sevensa-loki", "sevensa-otel-agent", "sevensa-otel-agents-default-deny", "sevensa-otel-gateway"]);
    expect(namesOf(r, T.svc)).toEqual(
      [
        "sevensa-jaeger",
        ...(stack === "staging" ? ["sevensa-jaeger-headless"] : []),
        "sevensa-loki",
        "sevensa-loki-headless",
        "sevensa-otel-agent",
        "sevensa-otel-gateway",
        "sevensa-otel-gateway-headless",
      ].sort(),
    );
  });

  test("the restricted profile holds, with named exemptions only for the agent's host path and root", () => {
    expect(restrictedViolations(r)).toEqual([]);
    const annotations = one(r, T.ds, "sevensa-otel-agent").inputs.spec.template.metadata.annotations["sevensa.io/security-exemptions"];
    expect(annotations.split("\n").map((l: string) => l.split(" (")[0])).toEqual(["otel-collector: host-path", "otel-collector: run-as-root"]);
    for (const type of [T.dep, T.ss]) {
      for (const w of r.filter((x) => x.type === type)) expect(w.inputs.spec.template.metadata.annotations["sevensa.io/security-exemptions"]).toBeUndefined();
    }
  });

  test("every container runs a pinned image from versions.ts", () => {
    const images = r.filter((x) => [T.ds, T.dep, T.ss].includes(x.type)).flatMap((x) => x.inputs.spec.template.spec.containers.map((c: any) => c.image));
    for (const image of images) expect([IMAGES.otelCollector, IMAGES.jaeger, IMAGES.loki]).toContain(image);
  });

  test("the agent: own privileged namespace, node-local Service, read-only pod logs, minimal RBAC", () => {
    const ns = one(r, T.ns, "sevensa-otel-agents").inputs.metadata;
    expect(ns.name).toBe("monitoring-agents");
    expect(ns.labels["pod-security.kubernetes.io/enforce"]).toBe("privileged");
    const svc = one(r, T.svc, "sevensa-otel-agent").inputs;
    expect(svc.metadata.namespace).toBe("monitoring-agents");
    expect(svc.spec.internalTrafficPolicy).toBe("Local");
    expect(svc.spec.ports.map((p: any) => p.port)).toEqual([4317, 4318]);
    const pod = one(r, T.ds, "sevensa-otel-agent").inputs.spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: "pod-logs", hostPath: { path: "/var/log/pods", type: "Directory" } });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: "pod-logs", mountPath: "/var/log/pods", readOnly: true });
    expect(pod.containers[0].securityContext).toMatchObject({ runAsNonRoot: false, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    expect(pod.containers[0].env).toEqual([{ name: "K8S_NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }]);
    expect(one(r, T.cr, "sevensa-otel-agent-k8sattributes").inputs.rules).toEqual([{ apiGroups: [""], resources: ["pods", "namespaces"], verbs: ["get", "list", "watch"] }]);
    expect(one(r, T.cm, "sevensa-otel-agent-config").inputs.data["config.yaml"]).toBe(stackPlan(stack).files["otel/agent.yaml"]);
  });

  test("the gateway: fixed replicas, or an autoscaler that owns the count", () => {
    const dep = one(r, T.dep, "sevensa-otel-gateway").inputs;
    const t = stackTelemetry(stack).otelCollector.gateway;
    if (t.autoscaling === null) {
      expect(dep.spec.replicas).toBe(t.replicas);
      expect(namesOf(r, T.hpa)).toEqual([]);
    } else {
      expect(dep.spec.replicas).toBeUndefined();
      const hpa = one(r, T.hpa, "sevensa-otel-gateway").inputs.spec;
      expect([hpa.minReplicas, hpa.maxReplicas, hpa.metrics[0].resource.target.averageUtilization]).toEqual([3, 10, 70]);
      expect(hpa.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: "sevensa-otel-gateway" });
    }
    expect(one(r, T.svc, "sevensa-otel-gateway-headless").inputs.spec.clusterIP).toBe("None");
  });

  test("no secret value anywhere: credentials are Secret references", () => {
    const text = JSON.stringify(r.map((x) => x.inputs));
    expect(r.filter((x) => x.type === "kubernetes:core/v1:Secret")).toEqual([]);
    expect(text).not.toMatch(/AKIA|password:\s*\S|secret_access_key: [^$]/);
  });
});

describe("storage per stack", () => {
  test("local: Jaeger in memory (Deployment, Recreate), Loki on an emptyDir", async () => {
    const r = await deploy("local");
    const jaeger = one(r, T.dep, "sevensa-jaeger").inputs.spec;
    expect([jaeger.replicas, jaeger.strategy.type]).toEqual([1, "Recreate"]);
    const loki = one(r, T.ss, "sevensa-loki").inputs.spec;
    expect(loki.volumeClaimTemplates).toBeUndefined();
    expect(loki.template.spec.volumes).toContainEqual({ name: "data", emptyDir: {} });
  });

  test("staging: Jaeger on badger (a StatefulSet of one with a 20Gi volume), Loki on a 50Gi volume", async () => {
    const r = await deploy("staging");
    const jaeger = one(r, T.ss, "sevensa-jaeger").inputs.spec;
    expect(jaeger.replicas).toBe(1);
    expect(jaeger.volumeClaimTemplates[0].spec.resources.requests.storage).toBe("20Gi");
    expect(jaeger.template.spec.containers[0].volumeMounts).toContainEqual({ name: "data", mountPath: "/badger" });
    expect(one(r, T.ss, "sevensa-loki").inputs.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe("50Gi");
    expect(namesOf(r, T.pdb)).toEqual(["sevensa-otel-gateway"]);
  });

  test("production: Jaeger on OpenSearch with credentials from a Secret, Loki scaled out on S3", async () => {
    const r = await deploy("production");
    const jaeger = one(r, T.dep, "sevensa-jaeger").inputs.spec.template.spec;
    expect(jaeger.containers[0].env).toEqual([{ name: "JAEGER_SEARCH_USERNAME", valueFrom: { secretKeyRef: { name: "jaeger-opensearch", key: "username" } } }]);
    expect(jaeger.volumes).toContainEqual({ name: "search-credentials", secret: { secretName: "jaeger-opensearch", items: [{ key: "password", path: "password" }] } });
    const loki = one(r, T.ss, "sevensa-loki").inputs.spec;
    expect(loki.replicas).toBe(3);
    expect(loki.template.spec.containers[0].env).toEqual([
      { name: "LOKI_S3_ACCESS_KEY_ID", valueFrom: { secretKeyRef: { name: "loki-s3", key: "access-key-id" } } },
      { name: "LOKI_S3_SECRET_ACCESS_KEY", valueFrom: { secretKeyRef: { name: "loki-s3", key: "secret-access-key" } } },
    ]);
    expect(loki.template.spec.containers[0].args).toEqual(["-config.file=/etc/loki/config.yaml", "-config.expand-env=true"]);
    const egress = one(r, T.np, "sevensa-loki").inputs.spec.egress;
    expect(egress).toContainEqual({ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 443, protocol: "TCP" }] });
    expect(namesOf(r, T.pdb)).toEqual(["sevensa-jaeger", "sevensa-loki", "sevensa-otel-gateway"]);
  });
});

describe("arguments that cannot work are refused at construction", () => {
  beforeAll(() => recordRegistrations("test"));
  const resources = { requests: { cpu: "1m", memory: "1Mi" }, limits: { memory: "1Mi" } };

  test("Jaeger with two replicas on memory storage", () => {
    expect(() => new Jaeger("j", { namespace: NS, configYaml: "", storage: { type: "memory", maxTraces: 1000 }, replicas: 2, resources })).toThrow(
      "Jaeger j: replicas 2 needs OpenSearch/Elasticsearch storage; memory keeps traces per replica",
    );
  });

  test("Loki with two replicas on a filesystem", () => {
    expect(() => new Loki("l", { namespace: NS, configYaml: "", storage: { type: "filesystem", volume: null }, replicas: 2, resources })).toThrow(
      "Loki l: replicas 2 needs S3 storage; filesystem storage is one replica",
    );
  });

  test("a collector autoscaler whose minimum is above its maximum", () => {
    expect(
      () =>
        new OtelCollector("c", {
          namespace: NS,
          namespaceName: NS,
          agentConfigYaml: "",
          gatewayConfigYaml: "",
          agentResources: resources,
          gatewayResources: resources,
          autoscaling: { minReplicas: 4, maxReplicas: 2, targetCpuUtilization: 70 },
        }),
    ).toThrow("OtelCollector c: autoscaling.minReplicas 4 is above maxReplicas 2");
  });
});

describe("the restricted-profile check catches host paths", () => {
  const resources = { requests: { cpu: "1m", memory: "1Mi" }, limits: { memory: "1Mi" } };
  const probes = { liveness: { httpGet: { path: "/", port: 1 } }, readiness: { httpGet: { path: "/", port: 1 } } };
  const workload = (exempt: boolean, readOnly: boolean): Registered => ({
    type: "kubernetes:apps/v1:DaemonSet",
    name: "fixture",
    inputs: {
      spec: {
        template: {
          metadata: { annotations: exempt ? { "sevensa.io/security-exemptions": "app: host-path (reads node logs)" } : {} },
          spec: securePodSpec("fixture", {
            containers: [{ name: "app", image: "x:1", resources, probes, volumeMounts: [{ name: "logs", mountPath: "/var/log/pods", readOnly }] }],
            volumes: [{ name: "logs", hostPath: { path: "/var/log/pods" } }],
          }),
        },
      },
    },
  });

  test("a hostPath volume without a host-path exemption is a violation", () => {
    expect(restrictedViolations([workload(false, true)])).toEqual(["fixture: hostPath volume logs without a host-path exemption"]);
  });

  test("with the exemption it is allowed, but only read-only", () => {
    expect(restrictedViolations([workload(true, true)])).toEqual([]);
    expect(restrictedViolations([workload(true, false)])).toEqual(["DaemonSet fixture container app: hostPath volume logs is mounted writable"]);
  });
});
