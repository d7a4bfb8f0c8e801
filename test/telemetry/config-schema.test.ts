import { parseTelemetryConfig } from "../../telemetry/validate-config";
import { samplingConfigSchema } from "../../telemetry/sampling-schema";
import { stackTelemetry, STACKS } from "./support/stacks";

const FILE = "Pulumi.staging.yaml";

/** A valid telemetry block (the staging proposal) with one change applied at `path`. */
function withChange(path: string, value: unknown): Record<string, unknown> {
  const base = JSON.parse(JSON.stringify(stackTelemetry("staging"))) as Record<string, any>;
  const keys = path.split(".");
  let cur = base;
  for (const k of keys.slice(0, -1)) cur = cur[k];
  if (value === undefined) delete cur[keys[keys.length - 1]];
  else cur[keys[keys.length - 1]] = value;
  return base;
}

function errorOf(values: unknown): string {
  try {
    parseTelemetryConfig(FILE, values);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected a validation error");
}

test.each(STACKS)("the proposed %s telemetry keys validate", (stack) => {
  expect(() => stackTelemetry(stack)).not.toThrow();
});

describe("sampling validation names the key and the value", () => {
  test.each([
    ["a head percentage above 100", "sampling.head.percent", 150, 'Pulumi.staging.yaml: sevensa-observability:sampling.head.percent: 150 is above the maximum 100'],
    ["a negative baseline percentage", "sampling.tail.baselinePercent", -1, "Pulumi.staging.yaml: sevensa-observability:sampling.tail.baselinePercent: -1 is below the minimum 0"],
    ["a latency threshold that is not a duration", "sampling.tail.latencyThreshold", "fast", 'Pulumi.staging.yaml: sevensa-observability:sampling.tail.latencyThreshold: "fast" is not a duration like 500ms, 10s or 1m30s'],
    ["a latency threshold in days (Go has none)", "sampling.tail.latencyThreshold", "1d", 'Pulumi.staging.yaml: sevensa-observability:sampling.tail.latencyThreshold: "1d" is not a duration like 500ms, 10s or 1m30s'],
    ["a decision wait longer than the trace timeout", "sampling.tail.decisionWait", "2m", 'Pulumi.staging.yaml: sevensa-observability:sampling.tail.decisionWait: "2m" is not shorter than traceTimeout "1m" (the decision must come while late spans can still follow it)'],
    ["a decision wait equal to the trace timeout", "sampling.tail.decisionWait", "60s", 'Pulumi.staging.yaml: sevensa-observability:sampling.tail.decisionWait: "60s" is not shorter than traceTimeout "1m" (the decision must come while late spans can still follow it)'],
    ["a missing rate limit", "sampling.tail.rateLimitSpansPerSecond", undefined, "Pulumi.staging.yaml: sevensa-observability:sampling.tail.rateLimitSpansPerSecond: is required (number)"],
    ["a typo in a key", "sampling.tail.latencyTreshold", "1s", "Pulumi.staging.yaml: sevensa-observability:sampling.tail.latencyTreshold: unknown key"],
  ])("%s", (_name, path, value, message) => {
    expect(errorOf(withChange(path, value))).toBe(message);
  });

  test("the exported sub-schema accepts a valid block on its own", () => {
    expect(samplingConfigSchema.parse(stackTelemetry("local").sampling).tail.decisionWait).toBe("5s");
  });
});

describe("collector, Jaeger and Loki validation", () => {
  test.each([
    ["an autoscaler whose minimum is above its maximum", "otelCollector.gateway.autoscaling", { minReplicas: 5, maxReplicas: 3, targetCpuUtilization: 70 }, "Pulumi.staging.yaml: sevensa-observability:otelCollector.gateway.autoscaling.minReplicas: 5 is above maxReplicas 3"],
    ["two Jaeger replicas on badger", "jaeger.replicas", 2, "Pulumi.staging.yaml: sevensa-observability:jaeger.replicas: 2 must be 1 with badger storage (each replica would keep its own traces)"],
    ["an unknown Jaeger storage type", "jaeger.storage", { type: "cassandra" }, 'Pulumi.staging.yaml: sevensa-observability:jaeger.storage.type: {"type":"cassandra"} matches none of the allowed forms'],
    ["a badger retention that is not a duration", "jaeger.storage.retention", "3 days", 'Pulumi.staging.yaml: sevensa-observability:jaeger.storage.retention: "3 days" is not a duration like 500ms, 10s or 1m30s'],
    ["a Loki retention that is not whole days", "loki.retention", "36h", 'Pulumi.staging.yaml: sevensa-observability:loki.retention: "36h" is not a whole number of days like 7d or 744h (Loki\'s index period is 24h)'],
    ["several Loki replicas on a filesystem", "loki.replicas", 3, "Pulumi.staging.yaml: sevensa-observability:loki.replicas: 3 must be 1 with filesystem storage (scale-out needs object storage)"],
    ["a Loki volume size that is not a quantity", "loki.storage.volume.size", "lots", 'Pulumi.staging.yaml: sevensa-observability:loki.storage.volume.size: "lots" is not a Kubernetes quantity like 50Gi or 500m'],
  ])("%s", (_name, path, value, message) => {
    expect(errorOf(withChange(path, value))).toBe(message);
  });

  test("S3 credentials are a Secret reference; a literal key is an unknown key", () => {
    const prod = JSON.parse(JSON.stringify(stackTelemetry("production")));
    prod.loki.storage.secretAccessKey = "AKIA-not-here";
    expect(errorOf(prod)).toBe("Pulumi.staging.yaml: sevensa-observability:loki.storage.secretAccessKey: unknown key");
  });

  test("every problem is listed, one per line", () => {
    const values = withChange("sampling.head.percent", 101);
    (values as any).loki.retention = "1h";
    expect(errorOf(values).split("\n")).toHaveLength(2);
  });
});
