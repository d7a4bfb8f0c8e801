import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { exemptionHint, isExempt, parseExemptions, type ExemptionKind } from "../../lib/exemptions";
import { containerSubject, containersOf, podTemplateOf, subject, type Props } from "../../lib/k8s";

export const NO_HOST_ACCESS = "k8s-no-host-access";

const NAMESPACES: { field: "hostNetwork" | "hostPID" | "hostIPC"; kind: ExemptionKind; what: string }[] = [
  { field: "hostNetwork", kind: "host-network", what: "the host network" },
  { field: "hostPID", kind: "host-pid", what: "the host PID namespace" },
  { field: "hostIPC", kind: "host-ipc", what: "the host IPC namespace" },
];

/**
 * No pod shares the host's network, PID or IPC namespace, binds a host port or mounts a host
 * path, unless a named exemption (`host-network`, `host-pid`, `host-ipc`, `host-port`,
 * `host-path`) on one of its containers says why (for example the collector agent reading
 * /var/log/pods). Pod-wide namespaces accept the exemption on any container of the pod.
 *
 * Severity: critical. Why: host access crosses the node boundary: a host path or the host PID
 * namespace exposes every other pod on the node, a host port bypasses NetworkPolicies.
 */
export function noHostAccess(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: NO_HOST_ACCESS,
    description: "No host namespaces, host ports or host paths without a named exemption.",
    enforcementLevel,
    severity: "critical",
    validateResource: (args, reportViolation) => {
      const template = podTemplateOf(args.type, args.props);
      if (template === undefined) return;
      const owner = subject(args.type, args.name);
      const pod = template.spec;
      const { exemptions } = parseExemptions(template);
      const refs = containersOf(pod);
      const first = String(refs[0]?.container.name ?? "<container>");

      for (const ns of NAMESPACES) {
        if (pod[ns.field] !== true) continue;
        if (exemptions.some((e) => e.kind === ns.kind)) continue;
        reportViolation(`${owner}: shares ${ns.what} (${ns.field}: true); remove ${ns.field}${exemptionHint(first, ns.kind)}`);
      }

      const hostPaths = new Map<string, string>();
      for (const v of (pod.volumes ?? []) as Props[]) {
        if (v.hostPath !== undefined && v.hostPath !== null) hostPaths.set(String(v.name), String(v.hostPath.path));
      }
      const mounted = new Set<string>();
      for (const ref of refs) {
        const name = String(ref.container.name);
        const where = containerSubject(owner, ref);
        for (const p of (ref.container.ports ?? []) as Props[]) {
          if (p.hostPort === undefined || p.hostPort === null || p.hostPort === 0) continue;
          if (isExempt(exemptions, name, "host-port")) continue;
          reportViolation(`${where}: port ${p.containerPort} binds the host port ${p.hostPort}; remove hostPort and expose it through a Service${exemptionHint(name, "host-port")}`);
        }
        for (const m of (ref.container.volumeMounts ?? []) as Props[]) {
          const path = hostPaths.get(String(m.name));
          if (path === undefined) continue;
          mounted.add(String(m.name));
          if (isExempt(exemptions, name, "host-path")) continue;
          reportViolation(`${where}: mounts the host path ${path} (volume "${m.name}"); use a configMap, secret, emptyDir or persistent volume${exemptionHint(name, "host-path")}`);
        }
      }
      for (const [volume, path] of hostPaths) {
        if (!mounted.has(volume)) reportViolation(`${owner}: declares the hostPath volume "${volume}" (${path}) that no container mounts; remove it`);
      }
    },
  };
}
