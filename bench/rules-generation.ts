/**
 * Bench (a): SLO rule generation for a catalogue of 500 services × 2 SLOs (availability
 * and latency). Prints the median of several runs for validation, generation and YAML
 * rendering, the rule count and rules per SLO. Targets: generation under 1 s, ≤ 12 rules/SLO.
 *
 *   npx ts-node --transpile-only bench/rules-generation.ts [services=500] [runs=7]
 */
import { generateServiceRules, isAlertingRule, renderRuleFile, type RuleFile } from "../alert-rules";
import type { CataloguedService } from "../catalogue/types";
import { validateCatalogue } from "../catalogue/validate";

const SERVICES = Number(process.argv[2] ?? "500");
const RUNS = Number(process.argv[3] ?? "7");
const TARGET_MS = 1000;
const TARGET_RULES_PER_SLO = 12;

function catalogue(n: number): CataloguedService[] {
  return Array.from({ length: n }, (_, i) => ({
    file: `stacks/services/svc-${i}.ts`,
    declaration: {
      name: `svc-${i}`,
      namespace: `ns-${i % 20}`,
      team: `team-${i % 10}`,
      tier: "standard",
      language: "typescript",
      description: "Synthetic bench service.",
      telemetry: { otlp: true },
      slos: [
        { name: "availability", description: "No server errors.", objective: 99.9, sli: { kind: "availability", source: "otel-http" } },
        { name: "latency", description: "Fast enough.", objective: 99, period: "28d", sli: { kind: "latency", source: "spanmetrics", thresholdSeconds: 0.4 } },
      ],
      dependencies: i > 0 ? [{ service: `svc-${i - 1}` }] : [],
    },
  }));
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timed<T>(f: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const out = f();
  return [out, Number(process.hrtime.bigint() - t0) / 1e6];
}

const WARMUP = 2;
const services = catalogue(SERVICES);
const validateMs: number[] = [];
const generateMs: number[] = [];
const renderMs: number[] = [];
let files: RuleFile[] = [];
let bytes = 0;
for (let run = 0; run < WARMUP + RUNS; run++) {
  const [, v] = timed(() => validateCatalogue(services));
  const [generated, g] = timed(() => services.map((s) => generateServiceRules(s, "production")));
  const [texts, r] = timed(() => generated.map((f, i) => renderRuleFile(f, services[i].file)));
  if (run < WARMUP) continue; // JIT warm-up, not counted
  validateMs.push(v);
  generateMs.push(g);
  renderMs.push(r);
  files = generated;
  bytes = texts.reduce((sum, t) => sum + t.length, 0);
}

const slos = SERVICES * 2;
const rules = files.reduce((sum, f) => sum + f.groups.reduce((n, g) => n + g.rules.length, 0), 0);
const alerts = files.reduce((sum, f) => sum + f.groups.reduce((n, g) => n + g.rules.filter(isAlertingRule).length, 0), 0);
const gen = median(generateMs);
console.log(`rule generation: ${SERVICES} services × 2 SLOs, median of ${RUNS} runs after ${WARMUP} warm-up runs`);
console.log(`  validate catalogue     ${median(validateMs).toFixed(1)} ms`);
console.log(`  generate rule groups   ${gen.toFixed(1)} ms   (target < ${TARGET_MS} ms: ${(TARGET_MS / gen).toFixed(1)}× under)`);
console.log(`  render YAML            ${median(renderMs).toFixed(1)} ms   (${(bytes / 1024 / 1024).toFixed(1)} MiB)`);
console.log(`  generate + render      ${(gen + median(renderMs)).toFixed(1)} ms`);
console.log(`  rules                  ${rules} (${alerts} alerts) = ${(rules / slos).toFixed(2)} rules/SLO (target ≤ ${TARGET_RULES_PER_SLO}; Sloth emits 17)`);
