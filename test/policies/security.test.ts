import { imagePinned } from "../../policies/rules/security/image-pinned";
import { imageRegistryAllowed } from "../../policies/rules/security/image-registry-allowed";
import { internalUiNotExposed } from "../../policies/rules/security/internal-ui-not-exposed";
import { noHostAccess } from "../../policies/rules/security/no-host-access";
import { podSecurityRestricted } from "../../policies/rules/security/pod-security-restricted";
import { container, exempt, goodContainer, goodDeployment, pod, SERVICE } from "./support/fixtures";
import { changed, resourceViolations, type Fixture } from "./support/run-policy";

const HINT = "in the pod template annotation sevensa.io/security-exemptions";
const W = 'Deployment "web" container "app"';

describe("k8s-pod-security-restricted", () => {
  const policy = podSecurityRestricted("mandatory");

  test("a restricted, read-only, non-root pod passes", async () => {
    expect(await resourceViolations(policy, goodDeployment())).toEqual([]);
  });

  test("a writable root filesystem passes when the container carries the named exemption with a reason", async () => {
    const f = changed(goodDeployment(), (p) => {
      container(p).securityContext.readOnlyRootFilesystem = false;
      exempt(p, ["app: writable-root-filesystem (the vendor binary unpacks plugins into /opt at start)"]);
    });
    expect(await resourceViolations(policy, f)).toEqual([]);
  });

  test.each<[string, (p: Record<string, any>) => void, string]>([
    [
      "a privileged container",
      (p) => (container(p).securityContext.privileged = true),
      `${W}: runs privileged; remove securityContext.privileged, or declare the named exemption "app: privileged (<reason>)" ${HINT}`,
    ],
    [
      "runAsNonRoot false on the container (overriding the pod)",
      (p) => (container(p).securityContext.runAsNonRoot = false),
      `${W}: runAsNonRoot is not true; set securityContext.runAsNonRoot: true on the pod or the container, or declare the named exemption "app: run-as-root (<reason>)" ${HINT}`,
    ],
    [
      "uid 0",
      (p) => (container(p).securityContext.runAsUser = 0),
      `${W}: runs as uid 0; set securityContext.runAsUser to a non-zero uid, or declare the named exemption "app: run-as-root (<reason>)" ${HINT}`,
    ],
    [
      "privilege escalation allowed",
      (p) => (container(p).securityContext.allowPrivilegeEscalation = true),
      `${W}: allowPrivilegeEscalation is not false; set securityContext.allowPrivilegeEscalation: false, or declare the named exemption "app: privilege-escalation (<reason>)" ${HINT}`,
    ],
    [
      "capabilities not dropped",
      (p) => (container(p).securityContext.capabilities.drop = []),
      `${W}: capabilities are not dropped; set securityContext.capabilities.drop: ["ALL"]`,
    ],
    [
      "an added capability other than NET_BIND_SERVICE",
      (p) => (container(p).securityContext.capabilities.add = ["SYS_ADMIN"]),
      `${W}: adds the capabilities SYS_ADMIN; the restricted profile allows adding only NET_BIND_SERVICE, or declare the named exemption "app: added-capabilities (<reason>)" ${HINT}`,
    ],
    [
      "seccomp Unconfined on the container (overriding the pod)",
      (p) => (container(p).securityContext.seccompProfile.type = "Unconfined"),
      `${W}: seccompProfile is not RuntimeDefault; set securityContext.seccompProfile.type: RuntimeDefault on the pod or the container, or declare the named exemption "app: seccomp-unconfined (<reason>)" ${HINT}`,
    ],
    [
      "a writable root filesystem without an exemption",
      (p) => (container(p).securityContext.readOnlyRootFilesystem = false),
      `${W}: the root filesystem is writable; set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where it writes, or declare the named exemption "app: writable-root-filesystem (<reason>)" ${HINT}`,
    ],
    [
      "an exemption line that does not parse",
      (p) => exempt(p, ["app writable-root-filesystem because"]),
      'Deployment "web": exemption line "app writable-root-filesystem because" is not "container: kind (reason)"',
    ],
    [
      "an exemption of an unknown kind",
      (p) => exempt(p, ["app: no-seatbelt (trust me)"]),
      'Deployment "web": exemption line "app: no-seatbelt (trust me)" names the unknown kind "no-seatbelt"; known kinds: writable-root-filesystem, run-as-root, no-probes, privilege-escalation, privileged, added-capabilities, seccomp-unconfined, host-network, host-pid, host-ipc, host-port, host-path',
    ],
    [
      "an exemption naming a container the pod does not have",
      (p) => exempt(p, ["sidecar: no-probes (no health endpoint)"]),
      'Deployment "web": exemption line "sidecar: no-probes (no health endpoint)" names container "sidecar", which the pod template does not have',
    ],
    [
      "an exemption without a reason",
      (p) => exempt(p, ["app: no-probes ( )"]),
      'Deployment "web": exemption line "app: no-probes ( )" gives no reason; say why the exemption is needed',
    ],
  ])("%s is reported with what to change", async (_name, edit, message) => {
    expect(await resourceViolations(policy, changed(goodDeployment(), edit))).toEqual([message]);
  });

  test("a violation lists the exemptions already in force for that container", async () => {
    const exempted = changed(goodDeployment(), (p) => {
      container(p).securityContext.readOnlyRootFilesystem = false;
      exempt(p, ["app: writable-root-filesystem (unpacks plugins at start)"]);
    });
    const f = changed(exempted, (p) => (container(p).securityContext.allowPrivilegeEscalation = true));
    expect(await resourceViolations(policy, f)).toEqual([
      `${W}: allowPrivilegeEscalation is not false; set securityContext.allowPrivilegeEscalation: false, or declare the named exemption "app: privilege-escalation (<reason>)" ${HINT}; exemptions in force: writable-root-filesystem (unpacks plugins at start)`,
    ]);
  });

  test("init containers are held to the same profile", async () => {
    const f = changed(goodDeployment(), (p) => (pod(p).initContainers = [{ ...goodContainer("migrate"), securityContext: { ...goodContainer().securityContext, allowPrivilegeEscalation: undefined } }]));
    expect(await resourceViolations(policy, f)).toEqual([
      `Deployment "web" init container "migrate": allowPrivilegeEscalation is not false; set securityContext.allowPrivilegeEscalation: false, or declare the named exemption "migrate: privilege-escalation (<reason>)" ${HINT}`,
    ]);
  });

  test.each<[string, (template: Record<string, any>) => Fixture]>([
    ["StatefulSet", (t) => ({ type: "kubernetes:apps/v1:StatefulSet", name: "w", props: { spec: { template: t } } })],
    ["DaemonSet", (t) => ({ type: "kubernetes:apps/v1:DaemonSet", name: "w", props: { spec: { template: t } } })],
    ["Job", (t) => ({ type: "kubernetes:batch/v1:Job", name: "w", props: { spec: { template: t } } })],
    ["CronJob", (t) => ({ type: "kubernetes:batch/v1:CronJob", name: "w", props: { spec: { jobTemplate: { spec: { template: t } } } } })],
    ["Pod", (t) => ({ type: "kubernetes:core/v1:Pod", name: "w", props: t })],
  ])("the pod template of a %s is checked", async (kind, wrap) => {
    const template = structuredClone(goodDeployment().props.spec.template);
    expect(await resourceViolations(policy, wrap(template))).toEqual([]);
    template.spec.containers[0].securityContext.privileged = true;
    expect(await resourceViolations(policy, wrap(template))).toEqual([
      `${kind} "w" container "app": runs privileged; remove securityContext.privileged, or declare the named exemption "app: privileged (<reason>)" ${HINT}`,
    ]);
  });

  test("resources without a pod template are not applicable", async () => {
    expect(await resourceViolations(policy, { type: SERVICE, name: "web", props: { spec: { type: "ClusterIP" } } })).toEqual([]);
  });
});

describe("k8s-image-pinned", () => {
  const policy = imagePinned("mandatory");

  test.each(["ghcr.io/sevensa/app:1.4.2", "quay.io/prometheus/prometheus@sha256:0123abcd", "localhost:5000/app:2.0"])("the pinned image %s passes", async (image) => {
    expect(await resourceViolations(policy, changed(goodDeployment(), (p) => (container(p).image = image)))).toEqual([]);
  });

  test("an image without a tag is reported", async () => {
    expect(await resourceViolations(policy, changed(goodDeployment(), (p) => (container(p).image = "ghcr.io/sevensa/app")))).toEqual([
      `${W}: image "ghcr.io/sevensa/app" has no tag; pin a version tag or a digest (in components/versions.ts)`,
    ]);
  });

  test("an image with a registry port but no tag is reported as untagged", async () => {
    expect(await resourceViolations(policy, changed(goodDeployment(), (p) => (container(p).image = "localhost:5000/app")))).toEqual([
      `${W}: image "localhost:5000/app" has no tag; pin a version tag or a digest (in components/versions.ts)`,
    ]);
  });

  test("the floating tag latest is reported", async () => {
    expect(await resourceViolations(policy, changed(goodDeployment(), (p) => (container(p).image = "grafana/grafana:latest")))).toEqual([
      `${W}: image "grafana/grafana:latest" uses the floating tag latest; pin a version tag or a digest (in components/versions.ts)`,
    ]);
  });
});

describe("k8s-image-registry-allowed", () => {
  const policy = imageRegistryAllowed("mandatory");

  test.each(["quay.io/prometheus/alertmanager:v0.28.1", "docker.io/grafana/grafana:12.1.1", "grafana/grafana:12.1.1", "ghcr.io/x/y:1", "registry.k8s.io/pause:3.10"])(
    "%s comes from an allowed registry",
    async (image) => {
      expect(await resourceViolations(policy, changed(goodDeployment(), (p) => (container(p).image = image)))).toEqual([]);
    },
  );

  test("an image from another registry is reported with the allowed list", async () => {
    expect(await resourceViolations(policy, changed(goodDeployment(), (p) => (container(p).image = "registry.example.com/app:1.0")))).toEqual([
      `${W}: image "registry.example.com/app:1.0" comes from the registry registry.example.com; allowed: quay.io, docker.io, ghcr.io, registry.k8s.io; use an image from one of them or add the registry to k8s-image-registry-allowed.extraRegistries in the stack's pack config`,
    ]);
  });

  test("a registry the stack's pack config adds is allowed", async () => {
    const f = changed(goodDeployment(), (p) => (container(p).image = "registry.example.com/app:1.0"));
    expect(await resourceViolations(policy, f, { extraRegistries: ["registry.example.com"] })).toEqual([]);
  });
});

describe("k8s-no-host-access", () => {
  const policy = noHostAccess("mandatory");

  test("a pod without host access passes", async () => {
    expect(await resourceViolations(policy, goodDeployment())).toEqual([]);
  });

  test.each<[string, "hostNetwork" | "hostPID" | "hostIPC", string]>([
    ["host network", "hostNetwork", "the host network (hostNetwork: true); remove hostNetwork"],
    ["host PID namespace", "hostPID", "the host PID namespace (hostPID: true); remove hostPID"],
    ["host IPC namespace", "hostIPC", "the host IPC namespace (hostIPC: true); remove hostIPC"],
  ])("sharing the %s is reported", async (_what, field, text) => {
    const kind = { hostNetwork: "host-network", hostPID: "host-pid", hostIPC: "host-ipc" }[field];
    expect(await resourceViolations(policy, changed(goodDeployment(), (p) => (pod(p)[field] = true)))).toEqual([
      `Deployment "web": shares ${text}, or declare the named exemption "app: ${kind} (<reason>)" ${HINT}`,
    ]);
  });

  test("a host port is reported", async () => {
    expect(await resourceViolations(policy, changed(goodDeployment(), (p) => (container(p).ports[0].hostPort = 8080)))).toEqual([
      `${W}: port 8080 binds the host port 8080; remove hostPort and expose it through a Service, or declare the named exemption "app: host-port (<reason>)" ${HINT}`,
    ]);
  });

  test("a mounted host path is reported", async () => {
    const withVolume = changed(goodDeployment(), (p) => pod(p).volumes.push({ name: "logs", hostPath: { path: "/var/log/pods" } }));
    const f = changed(withVolume, (p) => (container(p).volumeMounts = [{ name: "logs", mountPath: "/var/log/pods", readOnly: true }]));
    expect(await resourceViolations(policy, f)).toEqual([
      `${W}: mounts the host path /var/log/pods (volume "logs"); use a configMap, secret, emptyDir or persistent volume, or declare the named exemption "app: host-path (<reason>)" ${HINT}`,
    ]);
  });

  test("a host path no container mounts is reported", async () => {
    const f = changed(goodDeployment(), (p) => pod(p).volumes.push({ name: "logs", hostPath: { path: "/var/log/pods" } }));
    expect(await resourceViolations(policy, f)).toEqual(['Deployment "web": declares the hostPath volume "logs" (/var/log/pods) that no container mounts; remove it']);
  });

  test("a named host-path exemption allows the collector agent to read node logs", async () => {
    const mounted = changed(goodDeployment(), (p) => {
      pod(p).volumes.push({ name: "logs", hostPath: { path: "/var/log/pods" } });
      container(p).volumeMounts = [{ name: "logs", mountPath: "/var/log/pods", readOnly: true }];
    });
    const f = changed(mounted, (p) => exempt(p, ["app: host-path (filelog reads container logs from /var/log/pods)"]));
    expect(await resourceViolations(policy, f)).toEqual([]);
  });

  test("a pod-wide host namespace accepts the exemption on any of its containers", async () => {
    const f = changed(goodDeployment(), (p) => {
      pod(p).hostNetwork = true;
      exempt(p, ["app: host-network (node exporter reports the node's interfaces)"]);
    });
    expect(await resourceViolations(policy, f)).toEqual([]);
  });
});

describe("k8s-internal-ui-not-exposed", () => {
  const policy = internalUiNotExposed("mandatory");
  const grafana: Fixture = {
    type: SERVICE,
    name: "sevensa-grafana",
    props: { metadata: { labels: { "app.kubernetes.io/name": "grafana" } }, spec: { type: "ClusterIP", selector: { "app.kubernetes.io/name": "grafana" } } },
  };

  test("a ClusterIP Service of an internal UI passes", async () => {
    expect(await resourceViolations(policy, grafana)).toEqual([]);
  });

  test.each(["NodePort", "LoadBalancer"])("type %s on an internal UI is reported", async (type) => {
    expect(await resourceViolations(policy, changed(grafana, (p) => (p.spec.type = type)))).toEqual([
      `Service "sevensa-grafana": exposes the internal UI grafana as ${type}; use type ClusterIP and reach it through the authenticating ingress or kubectl port-forward`,
    ]);
  });

  test("the Chaos Mesh dashboard is recognised by its component label", async () => {
    const dashboard: Fixture = {
      type: SERVICE,
      name: "chaos-dashboard",
      props: { metadata: { labels: { "app.kubernetes.io/name": "chaos-mesh", "app.kubernetes.io/component": "chaos-dashboard" } }, spec: { type: "NodePort" } },
    };
    expect(await resourceViolations(policy, dashboard)).toEqual([
      'Service "chaos-dashboard": exposes the internal UI chaos-dashboard as NodePort; use type ClusterIP and reach it through the authenticating ingress or kubectl port-forward',
    ]);
  });

  test("a LoadBalancer for something that is not an internal UI passes", async () => {
    const ingress = changed(grafana, (p) => {
      p.spec.type = "LoadBalancer";
      p.metadata.labels = { "app.kubernetes.io/name": "ingress-nginx" };
      p.spec.selector = { "app.kubernetes.io/name": "ingress-nginx" };
    });
    expect(await resourceViolations(policy, ingress)).toEqual([]);
  });
});
