/**
 * Bench (b) of issue 5: the real Pulumi program (stacks/main.ts) under mocks with 200 declared
 * services on the staging stack: milliseconds per registered resource (target ≤ 2 ms) and peak
 * memory. Run: npx ts-node --transpile-only bench/program-mocks.ts [services] [runs]
 * With PULUMI_DEBUG_PROMISE_LEAKS=1 the program keeps Pulumi's per-promise stacks source-mapped
 * (stacks/promise-stacks.ts), the cost before that mitigation.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadDeclarations } from "../stacks/generate";
import type { CataloguedService } from "../catalogue/types";
import { engineConfig, fakeReceiverSecrets } from "../test/support/program";
import { recordRegistrations, settle } from "../test/support/mocks";
import { median } from "./support/median";

const SERVICES = Number(process.argv[2] ?? 200);
const RUNS = Number(process.argv[3] ?? 5);
const TARGET_MS_PER_RESOURCE = 2;

/** `n` copies of the example services under new names; each copy's dependencies point inside its own copy. */
function syntheticCatalogue(n: number): CataloguedService[] {
  const examples = loadDeclarations().services;
  const out: CataloguedService[] = [];
  for (let i = 0; out.length < n; i++) {
    const rename = (name: string) => `${name}-${i}`;
    for (const s of examples) {
      if (out.length >= n) break;
      const d = s.declaration;
      out.push({
        file: s.file.replace(/\.ts$/, `-${i}.ts`),
        declaration: {
          ...d,
          name: rename(d.name),
          dependencies: (d.dependencies ?? []).map((dep) => ("service" in dep ? { ...dep, service: rename(dep.service) } : dep)),
          chaos: undefined,
        },
      });
    }
  }
  return out;
}

async function once(services: CataloguedService[]): Promise<{ ms: number; resources: number; generateMs: number }> {
  const registered = recordRegistrations("staging");
  pulumi.runtime.setAllConfig({ ...engineConfig("staging") }, []);
  const { main } = await import("../stacks/main");
  const { generateStack } = await import("../stacks/generate");
  const { readStackConfigFile } = await import("../stacks/config/read-file");
  const teams = loadDeclarations().teams;
  const g0 = process.hrtime.bigint();
  const needed = generateStack("staging", readStackConfigFile(process.cwd(), "staging"), { services, teams }).receiverSecretNames;
  const generateMs = Number(process.hrtime.bigint() - g0) / 1e6;
  pulumi.runtime.setAllConfig({ ...engineConfig("staging"), ...fakeReceiverSecrets(needed) }, ["sevensa-observability:receiverSecrets"]);
  const t0 = process.hrtime.bigint();
  await main({ services, teams });
  await settle();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6 - 50; // settle() waits 50 ms
  return { ms, resources: registered.length, generateMs };
}

async function run(): Promise<void> {
  const services = syntheticCatalogue(SERVICES);
  const times: number[] = [];
  const generation: number[] = [];
  let resources = 0;
  await once(services); // warm-up
  for (let i = 0; i < RUNS; i++) {
    const r = await once(services);
    times.push(r.ms);
    generation.push(r.generateMs);
    resources = r.resources;
  }
  const med = median(times);
  const perResource = med / resources;
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    [
      `program under mocks, staging stack, ${SERVICES} services, ${RUNS} runs after a warm-up`,
      `  resources registered per run   ${resources}`,
      `  wall per run (min/median/max)  ${Math.min(...times).toFixed(0)} / ${med.toFixed(0)} / ${Math.max(...times).toFixed(0)} ms`,
      `  per registered resource        ${perResource.toFixed(3)} ms (target ≤ ${TARGET_MS_PER_RESOURCE} ms; ratio to target ${(perResource / TARGET_MS_PER_RESOURCE).toFixed(2)})`,
      `  of which generation (pure)     ${median(generation).toFixed(0)} ms median (validation, rules, dashboards, routing, resilience, chaos)`,
      `  registration alone             ${((med - median(generation)) / resources).toFixed(3)} ms per resource`,
      `  peak memory (max RSS)          ${peakMiB.toFixed(0)} MiB`,
      "",
    ].join("\n"),
  );
}

run().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
