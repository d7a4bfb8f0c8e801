import type { PodTemplate } from "./k8s";

/**
 * The annotation on a pod template listing its named exemptions from the secure defaults, one
 * `container: kind (reason)` line each. Written by `exemptionAnnotations()` in
 * components/workload/security.ts; a test keeps both names equal.
 */
export const EXEMPTIONS_ANNOTATION = "sevensa.io/security-exemptions";

/**
 * Every exemption kind the policies honour. The components' `SecurityExemptionKind` must be a
 * subset (a type test checks it). Host kinds are pod-wide in Kubernetes but are still declared
 * on the container that needs them, so the reason sits next to the container it explains.
 */
export const EXEMPTION_KINDS = [
  "writable-root-filesystem",
  "run-as-root",
  "no-probes",
  "privilege-escalation",
  "privileged",
  "added-capabilities",
  "seccomp-unconfined",
  "host-network",
  "host-pid",
  "host-ipc",
  "host-port",
  "host-path",
] as const;

/** A kind of named exemption. */
export type ExemptionKind = (typeof EXEMPTION_KINDS)[number];

/** One named exemption of one container. */
export interface Exemption {
  container: string;
  kind: ExemptionKind;
  reason: string;
}

/** The exemptions of a pod template, and what is wrong with lines that are not valid exemptions. */
export interface ParsedExemptions {
  exemptions: Exemption[];
  problems: string[];
}

const LINE = /^([^:\s]+): (\S+) \((.*)\)$/;

/**
 * Reads the exemption annotation of a pod template. Lines that do not parse, name an unknown
 * kind, name a container the pod does not have, or give no reason are problems, never exemptions.
 */
export function parseExemptions(template: PodTemplate): ParsedExemptions {
  const text = template.metadata.annotations?.[EXEMPTIONS_ANNOTATION];
  const exemptions: Exemption[] = [];
  const problems: string[] = [];
  if (typeof text !== "string" || text.trim() === "") return { exemptions, problems };
  const names = new Set(
    [...(template.spec.initContainers ?? []), ...(template.spec.containers ?? [])].map((c: { name?: string }) => c.name),
  );
  for (const line of text.split("\n").filter((l) => l.trim() !== "")) {
    const m = LINE.exec(line);
    if (m === null) {
      problems.push(`exemption line "${line}" is not "container: kind (reason)"`);
      continue;
    }
    const [, container, kind, reason] = m;
    if (!(EXEMPTION_KINDS as readonly string[]).includes(kind)) {
      problems.push(`exemption line "${line}" names the unknown kind "${kind}"; known kinds: ${EXEMPTION_KINDS.join(", ")}`);
    } else if (!names.has(container)) {
      problems.push(`exemption line "${line}" names container "${container}", which the pod template does not have`);
    } else if (reason.trim() === "") {
      problems.push(`exemption line "${line}" gives no reason; say why the exemption is needed`);
    } else {
      exemptions.push({ container, kind: kind as ExemptionKind, reason });
    }
  }
  return { exemptions, problems };
}

/** Whether `container` holds an exemption of `kind`. */
export function isExempt(exemptions: Exemption[], container: string, kind: ExemptionKind): boolean {
  return exemptions.some((e) => e.container === container && e.kind === kind);
}

/** The hint ending a violation that a named exemption could allow. */
export function exemptionHint(container: string, kind: ExemptionKind): string {
  return `, or declare the named exemption "${container}: ${kind} (<reason>)" in the pod template annotation ${EXEMPTIONS_ANNOTATION}`;
}

/** `; exemptions in force: kind (reason), …` for a container that has any, else "". */
export function exemptionsInForce(exemptions: Exemption[], container: string): string {
  const own = exemptions.filter((e) => e.container === container);
  return own.length === 0 ? "" : `; exemptions in force: ${own.map((e) => `${e.kind} (${e.reason})`).join(", ")}`;
}
