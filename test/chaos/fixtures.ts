import type { CataloguedService, ServiceDeclaration } from "../../catalogue/types";
import type { ChaosConfig } from "../../chaos/config-schema";
import type { ChaosExperiment } from "../../chaos/types";

/** A critical service with one SLO, calling `db-api` and the external `bank`. */
export function api(overrides: Partial<ServiceDeclaration> = {}): ServiceDeclaration {
  return {
    name: "api",
    namespace: "shop",
    team: "payments",
    tier: "critical",
    language: "typescript",
    description: "Takes orders.",
    replicas: 4,
    telemetry: { otlp: true },
    slos: [{ name: "availability", description: "Answers without errors.", objective: 99.9, sli: { kind: "availability", source: "otel-http" } }],
    dependencies: [{ service: "db-api" }, { external: "bank" }],
    ...overrides,
  };
}

export function dbApi(overrides: Partial<ServiceDeclaration> = {}): ServiceDeclaration {
  return {
    name: "db-api",
    namespace: "data",
    team: "pricing",
    tier: "standard",
    language: "python",
    description: "Stores things.",
    replicas: 2,
    telemetry: { otlp: true },
    slos: [{ name: "latency", description: "Fast.", objective: 99, period: "28d", sli: { kind: "latency", source: "otel-http", thresholdSeconds: 0.5 } }],
    ...overrides,
  };
}

/** A web front calling `api`. */
export function web(): ServiceDeclaration {
  return { ...dbApi(), name: "web", namespace: "shop", team: "commerce", dependencies: [{ service: "api" }], slos: [{ name: "availability", description: "Up.", objective: 99.5, sli: { kind: "availability", source: "otel-http" } }] };
}

export function catalogue(apiExperiments: ChaosExperiment[], extra: Partial<ServiceDeclaration> = {}): CataloguedService[] {
  return [
    { file: "stacks/services/api.ts", declaration: api({ chaos: { experiments: apiExperiments }, ...extra }) },
    { file: "stacks/services/db-api.ts", declaration: dbApi() },
    { file: "stacks/services/web.ts", declaration: web() },
  ];
}

export function stagingChaos(overrides: Partial<ChaosConfig> = {}): ChaosConfig {
  return {
    allowed: true,
    maxDuration: "30m",
    protectedNamespaces: ["kube-public"],
    targetNamespaces: ["shop", "data"],
    engine: { mode: "install", namespace: "chaos-mesh", runtime: "containerd" },
    ...overrides,
  };
}

export const PROMETHEUS_URL = "http://sevensa-prometheus.monitoring.svc:9090";
