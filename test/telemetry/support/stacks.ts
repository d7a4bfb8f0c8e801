import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import type { EnvironmentName } from "../../../catalogue/types";
import { projectValues } from "../../../stacks/config/load";
import type { TelemetryConfig } from "../../../telemetry/config-schema";
import { planTelemetry, type TelemetryPlan } from "../../../telemetry/plan";
import { parseTelemetryConfig } from "../../../telemetry/validate-config";

export const STACKS: EnvironmentName[] = ["local", "staging", "production"];

/** Prometheus replicas of each stack file (the foundation's values). */
export const PROMETHEUS_REPLICAS: Record<EnvironmentName, number> = { local: 1, staging: 1, production: 2 };

const FIXTURE = path.join(__dirname, "stack-telemetry.yaml");

/** The proposed telemetry keys of `stack`, validated by the schema the stack files use. */
export function stackTelemetry(stack: EnvironmentName): TelemetryConfig {
  const doc = parse(fs.readFileSync(FIXTURE, "utf8")) as Record<string, Record<string, unknown>>;
  return parseTelemetryConfig(`${path.basename(FIXTURE)} (${stack})`, projectValues(doc[stack]));
}

/** The telemetry plan of `stack` with the platform's default names (namespace `monitoring`). */
export function stackPlan(stack: EnvironmentName): TelemetryPlan {
  return planTelemetry({
    stack,
    environment: stack,
    namespace: "monitoring",
    telemetry: stackTelemetry(stack),
    prometheus: { name: "sevensa-prometheus", replicas: PROMETHEUS_REPLICAS[stack] },
  });
}
