import type { Registered } from "./mocks";
import { podTemplates } from "./mocks";

const EXEMPTIONS = "sevensa.io/security-exemptions";

/** Exemption kinds listed for a container in the pod template's annotation. */
function exemptionsOf(template: any, container: string): string[] {
  const text: string = template.metadata?.annotations?.[EXEMPTIONS] ?? "";
  return text
    .split("\n")
    .filter((l) => l.startsWith(`${container}: `))
    .map((l) => l.slice(container.length + 2).split(" ")[0]);
}

/**
 * Every way a container of the registered workloads departs from the restricted profile, requests
 * and limits, or probes, unless the pod carries a named exemption for it. Empty means compliant.
 */
export function restrictedViolations(registered: Registered[]): string[] {
  const out: string[] = [];
  for (const { owner, template } of podTemplates(registered)) {
    const pod = template.spec;
    const where = (c: any) => `${owner.type.split(":").pop()} ${owner.name} container ${c.name}`;
    if (pod.securityContext?.runAsNonRoot !== true) out.push(`${owner.name}: pod runAsNonRoot is not true`);
    if (pod.securityContext?.seccompProfile?.type !== "RuntimeDefault") out.push(`${owner.name}: pod seccomp is not RuntimeDefault`);
    if (pod.hostNetwork === true || pod.hostPID === true || pod.hostIPC === true) out.push(`${owner.name}: host namespaces`);
    for (const v of pod.volumes ?? []) {
      if (v.hostPath === undefined) continue;
      const mounters = [...(pod.initContainers ?? []), ...pod.containers].filter((c: any) => (c.volumeMounts ?? []).some((m: any) => m.name === v.name));
      const exempt = mounters.length > 0 && mounters.every((c: any) => exemptionsOf(template, c.name).includes("host-path"));
      if (!exempt) out.push(`${owner.name}: hostPath volume ${v.name} without a host-path exemption`);
      for (const c of mounters) {
        for (const m of c.volumeMounts.filter((x: any) => x.name === v.name)) {
          if (m.readOnly !== true) out.push(`${where(c)}: hostPath volume ${v.name} is mounted writable`);
        }
      }
    }
    for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
      const ex = exemptionsOf(template, c.name);
      const sc = c.securityContext ?? {};
      if (sc.runAsNonRoot !== true && !ex.includes("run-as-root")) out.push(`${where(c)}: runAsNonRoot is not true`);
      if (sc.readOnlyRootFilesystem !== true && !ex.includes("writable-root-filesystem")) out.push(`${where(c)}: root filesystem is writable`);
      if (sc.allowPrivilegeEscalation !== false && !ex.includes("privilege-escalation")) out.push(`${where(c)}: privilege escalation allowed`);
      if (JSON.stringify(sc.capabilities?.drop) !== JSON.stringify(["ALL"])) out.push(`${where(c)}: capabilities not dropped (ALL)`);
      if ((sc.capabilities?.add ?? []).length > 0) out.push(`${where(c)}: capabilities added`);
      if (sc.seccompProfile?.type !== "RuntimeDefault") out.push(`${where(c)}: seccomp is not RuntimeDefault`);
      const res = c.resources ?? {};
      if (res.requests?.cpu === undefined || res.requests?.memory === undefined) out.push(`${where(c)}: requests missing`);
      if (res.limits?.memory === undefined) out.push(`${where(c)}: memory limit missing`);
      if ((c.livenessProbe === undefined || c.readinessProbe === undefined) && !ex.includes("no-probes")) out.push(`${where(c)}: probes missing`);
      if (/:latest$/.test(c.image) || !/:[^/]+$/.test(c.image)) out.push(`${where(c)}: image ${c.image} is not pinned`);
    }
  }
  return out;
}
