/**
 * Dashboard generation for a large catalogue: 500 services built from the three example
 * declarations (so they mix HTTP and spanmetrics sources, availability, latency and ratio
 * SLOs, 7d/28d/30d periods and overrides), every dashboard of one environment, then
 * rendered to the JSON files Grafana reads. Prints the median of several runs after warm-up,
 * the ratio to the 2 s target, and the size of the generated JSON.
 *
 * Run: npx ts-node --transpile-only bench/dashboards-generation.ts
 */
import { performance } from "perf_hooks";
import * as path from "path";
import { loadCatalogue } from "../catalogue/load";
import type { CataloguedService } from "../catalogue/types";
import { validateCatalogue } from "../catalogue/validate";
import { generateDashboards, renderDashboard } from "../dashboards";
import { median } from "./support/median";

const SERVICES = 500;
const RUNS = 7;
const WARMUP = 2;
const TARGET_MS = 2000;

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

/** 500 services: copies of the example declarations under new names, calling each other. */
function catalogue(): CataloguedService[] {
  const examples = loadCatalogue(path.resolve(__dirname, ".."));
  const name = (i: number) => `bench-${String(i).padStart(3, "0")}`;
  return validateCatalogue(
    Array.from({ length: SERVICES }, (_, i) => {
      const base = examples[i % examples.length].declaration;
      const deps = [1, 2, 3].map((k) => i + k).filter((j) => j < SERVICES).map((j) => ({ service: name(j) }));
      return {
        file: `stacks/services/${name(i)}.ts`,
        declaration: {
          ...base,
          name: name(i),
          namespace: `ns-${i % 20}`,
          slos: base.slos.map((s) => (s.sli.kind === "ratio" ? { ...s, sli: { ...s.sli, errorQuery: s.sli.errorQuery?.split(base.name).join(name(i)), totalQuery: s.sli.totalQuery.split(base.name).join(name(i)) } } : s)),
          dependencies: deps,
        },
      };
    }),
  );
}

const services = catalogue();
const genMs: number[] = [];
const renderMs: number[] = [];
let sizes: Array<{ uid: string; bytes: number }> = [];
let compactBytes = 0;
let count = 0;
for (let run = 0; run < WARMUP + RUNS; run++) {
  const [dashboards, g] = timed(() => generateDashboards(services, "production"));
  const [texts, r] = timed(() => dashboards.map((d) => ({ uid: d.uid, text: renderDashboard(d) })));
  if (run < WARMUP) continue; // JIT warm-up, not counted
  genMs.push(g);
  renderMs.push(r);
  count = dashboards.length;
  sizes = texts.map((t) => ({ uid: t.uid, bytes: Buffer.byteLength(t.text) }));
  compactBytes = dashboards.reduce((n, d) => n + Buffer.byteLength(JSON.stringify(d.json)), 0);
}

const gen = median(genMs);
const total = sizes.reduce((n, s) => n + s.bytes, 0);
const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
const mib = (b: number) => (b / 1024 / 1024).toFixed(1);
console.log(`dashboard generation: ${SERVICES} services, ${services.reduce((n, s) => n + s.declaration.slos.length, 0)} SLOs, ${count} dashboards, median of ${RUNS} runs after ${WARMUP} warm-up runs`);
console.log(`  generate (SDK builders → plain JSON)  ${gen.toFixed(0)} ms   (target < ${TARGET_MS} ms: ${(gen / TARGET_MS).toFixed(2)} of the target)`);
console.log(`  render JSON text                      ${median(renderMs).toFixed(0)} ms`);
console.log(`  runs (ms)                             ${genMs.map((m) => m.toFixed(0)).join(", ")}`);
console.log(`  total JSON                            ${mib(total)} MiB pretty-printed (${(total / count / 1024).toFixed(1)} KiB per dashboard on average), ${mib(compactBytes)} MiB compact`);
console.log(`  largest                               ${largest.uid}: ${(largest.bytes / 1024).toFixed(1)} KiB (a ConfigMap holds at most 1 MiB)`);
