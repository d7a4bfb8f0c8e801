/**
 * The resilience graph checks on a large catalogue: 500 services with 5 dependencies each
 * (a random acyclic graph plus external systems, with overrides and latency objectives), all
 * checks in one environment. Prints the median of several runs. Target: under 1 s.
 *
 * Run: npx ts-node --transpile-only bench/resilience-graph.ts
 */
import type { CataloguedService, DependencyDeclaration } from "../catalogue/types";
import { resilienceGraphProblems } from "../resilience/graph-checks";

const SERVICES = 500;
const DEPS = 5;
const RUNS = 7;
const TARGET_MS = 1000;

/** Deterministic pseudo-random numbers (mulberry32), so every run checks the same graph. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function catalogue(): CataloguedService[] {
  const rnd = random(42);
  const name = (i: number) => `svc-${String(i).padStart(3, "0")}`;
  return Array.from({ length: SERVICES }, (_, i) => {
    const deps: DependencyDeclaration[] = [];
    const seen = new Set<number>();
    while (deps.length < DEPS) {
      // Calls go to later services (acyclic) or, near the end, to external systems.
      if (i >= SERVICES - DEPS || rnd() < 0.2) {
        deps.push({ external: `ext-${i}-${deps.length}`, resilience: { timeout: "200ms" } });
        continue;
      }
      const j = i + 1 + Math.floor(rnd() * Math.min(40, SERVICES - i - 1));
      if (seen.has(j)) continue;
      seen.add(j);
      deps.push({ service: name(j), resilience: { timeout: "300ms", retry: rnd() < 0.7 ? false : { maxAttempts: 2 } } });
    }
    return {
      file: `stacks/services/${name(i)}.ts`,
      declaration: {
        name: name(i),
        namespace: "bench",
        team: "platform",
        tier: i % 10 === 0 ? ("critical" as const) : ("standard" as const),
        language: "typescript" as const,
        description: "Bench service.",
        requestDeadline: "30s",
        telemetry: { otlp: true },
        slos: [
          { name: "availability", description: "ok", objective: 99.9, sli: { kind: "availability" as const, source: "otel-http" as const } },
          { name: "latency", description: "fast", objective: 99, sli: { kind: "latency" as const, source: "otel-http" as const, thresholdSeconds: 0.25 } },
        ],
        dependencies: deps,
      },
    };
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const services = catalogue();
resilienceGraphProblems(services, "production"); // warm-up
const runs: number[] = [];
let problems = 0;
for (let r = 0; r < RUNS; r++) {
  const start = process.hrtime.bigint();
  problems = resilienceGraphProblems(services, "production").length;
  runs.push(Number(process.hrtime.bigint() - start) / 1e6);
}
const m = median(runs);
console.log(`resilience graph checks: ${SERVICES} services × ${DEPS} dependencies (${SERVICES * DEPS} calls), ${RUNS} runs, ${problems} problems found`);
console.log(`  median ${m.toFixed(1)} ms (runs: ${runs.map((x) => x.toFixed(1)).join(", ")}); ${(m / TARGET_MS).toFixed(3)} of the 1 s target: ${m < TARGET_MS ? "met" : "MISSED"}`);
