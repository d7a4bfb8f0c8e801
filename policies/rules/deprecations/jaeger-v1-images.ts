import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { parseImage } from "../../lib/images";
import { workloadContainers } from "../../lib/k8s";

export const JAEGER_V1_IMAGES = "deprecated-jaeger-v1-images";

/** Repositories of the Jaeger v1 binaries (v2 is the single `jaegertracing/jaeger` image). */
export const JAEGER_V1_REPOSITORIES = [
  "jaegertracing/all-in-one",
  "jaegertracing/jaeger-agent",
  "jaegertracing/jaeger-collector",
  "jaegertracing/jaeger-query",
  "jaegertracing/jaeger-ingester",
] as const;

/**
 * No container runs a Jaeger v1 image (all-in-one, agent, collector, query, ingester), from any
 * registry.
 *
 * Severity: medium. Why: Jaeger v1 is end of life and gets no fixes; v2 is built on the
 * OpenTelemetry collector, speaks OTLP natively and is what the Jaeger component deploys.
 */
export function jaegerV1Images(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: JAEGER_V1_IMAGES,
    description: "No Jaeger v1 images (all-in-one, agent, collector, query, ingester); deploy Jaeger v2.",
    enforcementLevel,
    severity: "medium",
    validateResource: (args, reportViolation) => {
      for (const { ref, where } of workloadContainers(args.type, args.name, args.props)) {
        const image = String(ref.container.image ?? "");
        if (!(JAEGER_V1_REPOSITORIES as readonly string[]).includes(parseImage(image).repository)) continue;
        reportViolation(`${where}: image "${image}" is Jaeger v1, which is end of life; deploy Jaeger v2 (jaegertracing/jaeger) through the Jaeger component`);
      }
    },
  };
}
