import * as fs from "fs";
import * as path from "path";
import { execFileSync, spawnSync } from "child_process";
import { parse } from "yaml";
import { loadCatalogue } from "../../catalogue/load";
import { chaosConfigSchema, type ChaosConfig } from "../../chaos/config-schema";
import { planChaos, type ChaosPlan } from "../../chaos/plan";

export const REPO = path.resolve(__dirname, "../..");

/**
 * The `chaos` config of a stack file. Until the stack files carry the keys this work adds
 * (`targetNamespaces`, `engine`), the values proposed for them are filled in; the file's own
 * values win as soon as it has them.
 */
export function stackChaosConfig(stack: "local" | "staging" | "production"): ChaosConfig {
  const doc = parse(fs.readFileSync(path.join(REPO, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
  const raw = doc.config["sevensa-observability:chaos"] as Record<string, unknown>;
  const proposed = stack === "staging"
    ? { targetNamespaces: ["shop"], engine: { mode: "install", namespace: "chaos-mesh", runtime: "containerd" } }
    : { targetNamespaces: [], engine: { mode: "off" } };
  return chaosConfigSchema.parse({ ...proposed, ...raw });
}

/** The chaos plan of a stack from its stack file and the repository's catalogue. */
export function stackChaosPlan(stack: "local" | "staging" | "production"): { config: ChaosConfig; plan: ChaosPlan } {
  const config = stackChaosConfig(stack);
  const plan = planChaos({
    stack,
    environment: stack,
    platformNamespace: "monitoring",
    config,
    services: loadCatalogue(REPO),
    prometheusUrl: "http://sevensa-prometheus.monitoring.svc:9090",
  });
  return { config, plan };
}

/** Path of the chaos-validate binary; throws, naming the build script, when it is missing. */
export function chaosValidateBinary(): string {
  const bin = execFileSync(path.join(REPO, "scripts/build-chaos-validate.sh"), ["--path"], { encoding: "utf8" }).trim();
  if (!fs.existsSync(bin)) {
    throw new Error(`chaos-validate is not built (${bin} is missing): run scripts/build-chaos-validate.sh`);
  }
  return bin;
}

/** Runs chaos-validate with `args` (files, or `--crds DIR` and files); its stdout and stderr together. */
export function runChaosValidate(args: string[]): { status: number | null; out: string } {
  const r = spawnSync(chaosValidateBinary(), args, { encoding: "utf8", timeout: 60_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}
