import type { EnforcementLevel, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import * as fs from "fs";
import * as path from "path";
import { sevensaPolicies } from "../../../policies/pack";
import { isSecret, type Registered } from "../../support/mocks";
import { resourceViolations, stackViolations, type Fixture } from "./run-policy";

const ROOT = path.resolve(__dirname, "../../..");

/** One violation of the whole pack: the policy, its level in this stack, the message. */
export interface PackViolation {
  policy: string;
  level: EnforcementLevel;
  message: string;
}

/** Secret-marked values as the engine hands them to policies: plain. */
function plain(value: unknown): any {
  if (isSecret(value)) return plain((value as { value: unknown }).value);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** The resources the program registered, as the policies see them. */
export function asPolicyResources(registered: Registered[]): Fixture[] {
  return registered.map((r) => ({ type: r.type, name: r.name, props: plain(r.inputs) }));
}

/** policies/config/<stack>.json. */
export function packConfigOf(stack: string): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "policies/config", `${stack}.json`), "utf8"));
}

/**
 * Runs every policy of the pack over the resources as the engine would with
 * `--policy-pack-config policies/config/<stack>.json`: each policy at the stack's level with its
 * config; resource policies once per resource, stack policies once. Disabled policies do not run.
 */
export async function runPack(resources: Fixture[], packConfig: Record<string, any>): Promise<PackViolation[]> {
  const out: PackViolation[] = [];
  for (const policy of sevensaPolicies()) {
    const entry = packConfig[policy.name];
    const level: EnforcementLevel = typeof entry === "string" ? entry : entry?.enforcementLevel ?? policy.enforcementLevel ?? "mandatory";
    if (level === "disabled") continue;
    const config = typeof entry === "object" && entry !== null ? Object.fromEntries(Object.entries(entry).filter(([k]) => k !== "enforcementLevel")) : {};
    if ("validateStack" in policy) {
      for (const v of await stackViolations(policy as StackValidationPolicy, resources, config)) out.push({ policy: policy.name, level, message: v.message });
    } else {
      for (const r of resources) {
        for (const message of await resourceViolations(policy as ResourceValidationPolicy, r, config)) out.push({ policy: policy.name, level, message });
      }
    }
  }
  return out;
}
