import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { exemptionHint, exemptionsInForce, isExempt, parseExemptions, type Exemption } from "../../lib/exemptions";
import { containerSubject, containersOf, podTemplateOf, subject, type ContainerRef, type Props } from "../../lib/k8s";

export const POD_SECURITY_RESTRICTED = "k8s-pod-security-restricted";

/** Capabilities the restricted profile lets a container add back. */
const ADDABLE = new Set(["NET_BIND_SERVICE"]);
const SECCOMP_OK = new Set(["RuntimeDefault", "Localhost"]);

function containerFindings(owner: string, pod: Props, ref: ContainerRef, exemptions: Exemption[]): string[] {
  const c = ref.container;
  const name = String(c.name);
  const sc: Props = c.securityContext ?? {};
  const psc: Props = pod.securityContext ?? {};
  const where = containerSubject(owner, ref);
  const inForce = exemptionsInForce(exemptions, name);
  const exempt = (kind: Parameters<typeof isExempt>[2]) => isExempt(exemptions, name, kind);
  const out: string[] = [];
  const privileged = sc.privileged === true;

  if (privileged && !exempt("privileged")) {
    out.push(`${where}: runs privileged; remove securityContext.privileged${exemptionHint(name, "privileged")}${inForce}`);
  }
  if ((sc.runAsNonRoot ?? psc.runAsNonRoot) !== true && !exempt("run-as-root")) {
    out.push(`${where}: runAsNonRoot is not true; set securityContext.runAsNonRoot: true on the pod or the container${exemptionHint(name, "run-as-root")}${inForce}`);
  }
  if ((sc.runAsUser ?? psc.runAsUser) === 0 && !exempt("run-as-root")) {
    out.push(`${where}: runs as uid 0; set securityContext.runAsUser to a non-zero uid${exemptionHint(name, "run-as-root")}${inForce}`);
  }
  if (sc.allowPrivilegeEscalation !== false && !exempt("privilege-escalation")) {
    out.push(`${where}: allowPrivilegeEscalation is not false; set securityContext.allowPrivilegeEscalation: false${exemptionHint(name, "privilege-escalation")}${inForce}`);
  }
  if (!(privileged && exempt("privileged"))) {
    const drop: unknown[] = sc.capabilities?.drop ?? [];
    if (!drop.includes("ALL")) {
      out.push(`${where}: capabilities are not dropped; set securityContext.capabilities.drop: ["ALL"]${inForce}`);
    }
    const added = ((sc.capabilities?.add ?? []) as string[]).filter((cap) => !ADDABLE.has(cap));
    if (added.length > 0 && !exempt("added-capabilities")) {
      out.push(`${where}: adds the capabilities ${added.join(", ")}; the restricted profile allows adding only NET_BIND_SERVICE${exemptionHint(name, "added-capabilities")}${inForce}`);
    }
  }
  const seccomp = sc.seccompProfile?.type ?? psc.seccompProfile?.type;
  if (!SECCOMP_OK.has(seccomp) && !exempt("seccomp-unconfined")) {
    out.push(`${where}: seccompProfile is not RuntimeDefault; set securityContext.seccompProfile.type: RuntimeDefault on the pod or the container${exemptionHint(name, "seccomp-unconfined")}${inForce}`);
  }
  if (sc.readOnlyRootFilesystem !== true && !exempt("writable-root-filesystem")) {
    out.push(`${where}: the root filesystem is writable; set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where it writes${exemptionHint(name, "writable-root-filesystem")}${inForce}`);
  }
  return out;
}

/**
 * Every pod template (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod) follows
 * the Pod Security Standards "restricted" profile plus the platform's read-only root filesystem:
 * non-root, no privilege escalation, ALL capabilities dropped, seccomp RuntimeDefault, not
 * privileged. A departure is allowed only by a typed, named exemption with a reason in the pod
 * template annotation `sevensa.io/security-exemptions` (`container: kind (reason)` per line);
 * malformed exemption lines are violations, and a violation lists the exemptions in force.
 *
 * Severity: high. Why: the platform namespace enforces "restricted" at admission, so a
 * non-compliant pod would be accepted by `pulumi up` and then never start; and a container
 * escaping its sandbox reaches every metric, log and alert the platform holds.
 */
export function podSecurityRestricted(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: POD_SECURITY_RESTRICTED,
    description: "Pod templates follow Pod Security Standards \"restricted\" with a read-only root filesystem, unless a named exemption says why not.",
    enforcementLevel,
    severity: "high",
    validateResource: (args, reportViolation) => {
      const template = podTemplateOf(args.type, args.props);
      if (template === undefined) return;
      const owner = subject(args.type, args.name);
      const { exemptions, problems } = parseExemptions(template);
      for (const p of problems) reportViolation(`${owner}: ${p}`);
      for (const ref of containersOf(template.spec)) {
        for (const m of containerFindings(owner, template.spec, ref, exemptions)) reportViolation(m);
      }
    },
  };
}
