/**
 * Reading the Pulumi CLI's plain-text output (`--color never --non-interactive`) of
 * `preview` and `up`: the Policies block, the policy violations in it, the resource summary.
 */

/** The `Policies:` block: from that line up to the first blank line. Throws when there is none. */
export function policiesBlock(output: string): string {
  const m = /^Policies:\n(?:.+\n?)*/m.exec(output);
  if (m === null) throw new Error(`no "Policies:" block in the engine output:\n${output}`);
  return m[0].trimEnd();
}

/** One violation as the CLI prints it under its pack in the Policies block. */
export interface PrintedViolation {
  level: string;
  severity: string;
  policy: string;
  /** `<type>: <logical name>`, or empty for a stack policy without a resource. */
  resource: string;
  /** The policy's description line. */
  description: string;
  /** The violation message (the last line). */
  message: string;
}

/**
 * Every violation in the Policies block:
 * ```
 *     - [mandatory] [severity: high]  k8s-replica-minimum  (kubernetes:apps/v1:StatefulSet: sevensa-prometheus)
 *       HA sets (…) run at least the stack's minimum replicas.
 *       StatefulSet "sevensa-prometheus" (…) runs 1 replica; …
 * ```
 */
export function printedViolations(output: string): PrintedViolation[] {
  const re = /^ +- \[([a-z-]+)\] \[severity: ([a-z]+)\] +(\S+)(?: +\((.*)\))?\n +(.+)\n +(.+)$/gm;
  return [...policiesBlock(output).matchAll(re)].map((m) => ({
    level: m[1],
    severity: m[2],
    policy: m[3],
    resource: m[4] ?? "",
    description: m[5],
    message: m[6],
  }));
}

/** The number after `+` in the `Resources:` summary (`+ 58 to create` / `+ 58 created`). */
export function createdCount(output: string, verb: "to create" | "created"): number {
  const m = new RegExp(`^Resources:\\n(?: +.*\\n)*? +\\+ (\\d+) ${verb}$`, "m").exec(output);
  if (m === null) throw new Error(`no "+ N ${verb}" line in the engine output's Resources summary:\n${output}`);
  return Number(m[1]);
}
