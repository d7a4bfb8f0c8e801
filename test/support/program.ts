import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { recordRegistrations, settle, type Registered } from "./mocks";

const ROOT = path.resolve(__dirname, "../..");

/** The config of a stack file as the engine hands it to the program: `project:key` → text (objects as JSON). */
export function engineConfig(stack: string): Record<string, string> {
  const doc = parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
  return Object.fromEntries(
    Object.entries(doc.config).map(([k, v]) => [k, typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)]),
  );
}

/**
 * Runs the real program (stacks/main.ts) under mocks with a stack's config, plus `extra` config
 * entries (`receiverSecrets` given here is marked secret as `pulumi config set --secret` would).
 * Returns every registration and the stack outputs.
 */
export async function runProgram(
  stack: string,
  extra: Record<string, string> = {},
): Promise<{ registered: Registered[]; outputs: Record<string, unknown> }> {
  const registered = recordRegistrations(stack);
  const config = { ...engineConfig(stack), ...extra };
  const secretKeys = Object.keys(extra).filter((k) => k.endsWith(":receiverSecrets"));
  pulumi.runtime.setAllConfig(config, secretKeys);
  // Import after the config is in place; jest isolates modules per test file.
  const { main } = await import("../../stacks/main");
  const outputs = await main();
  await settle();
  return { registered, outputs };
}

/** Receiver secret values for every name the example teams need, as secret config JSON. */
export function fakeReceiverSecrets(names: string[]): Record<string, string> {
  return { "sevensa-observability:receiverSecrets": JSON.stringify(Object.fromEntries(names.map((n) => [n, `fake-${n}`]))) };
}
