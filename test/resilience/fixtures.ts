import type { CataloguedService, DependencyDeclaration, ServiceDeclaration, Tier } from "../../catalogue/types";

/** A minimal valid service for resilience tests; `latencyMs` adds a latency SLO with that threshold. */
export function svc(
  name: string,
  opts: { tier?: Tier; deadline?: string; deps?: DependencyDeclaration[]; latencyMs?: number; team?: string } = {},
): CataloguedService {
  const slos: ServiceDeclaration["slos"] = [
    { name: "availability", description: "Answers without errors.", objective: 99.9, sli: { kind: "availability", source: "otel-http" } },
  ];
  if (opts.latencyMs !== undefined) {
    slos.push({ name: "latency", description: "Answers fast.", objective: 99, sli: { kind: "latency", source: "otel-http", thresholdSeconds: opts.latencyMs / 1000 } });
  }
  return {
    file: `stacks/services/${name}.ts`,
    declaration: {
      name,
      namespace: "shop",
      team: opts.team ?? "payments",
      tier: opts.tier ?? "standard",
      language: "typescript",
      description: `${name} for tests.`,
      requestDeadline: opts.deadline,
      telemetry: { otlp: true },
      slos,
      dependencies: opts.deps,
    },
  };
}
