import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { readConfig } from "../../lib/config";
import { parseImage } from "../../lib/images";
import { containerSubject, containersOf, podTemplateOf, subject } from "../../lib/k8s";

export const IMAGE_REGISTRY_ALLOWED = "k8s-image-registry-allowed";

/** Registries every stack may pull from. */
export const DEFAULT_REGISTRIES = ["quay.io", "docker.io", "ghcr.io", "registry.k8s.io"] as const;

/** Configuration of the registry policy. */
export interface ImageRegistryConfig {
  /** Registries allowed in this stack beyond the defaults (e.g. a private mirror). @default [] */
  extraRegistries: string[];
}

/**
 * Every container image comes from an allowed registry: quay.io, docker.io, ghcr.io,
 * registry.k8s.io, plus the stack's `extraRegistries` (an image without a registry host is
 * Docker Hub's).
 *
 * Severity: high. Why: the registry is the supply chain; an image from an unknown registry runs
 * unreviewed code next to the platform's secrets (receiver keys, the Grafana admin password).
 */
export function imageRegistryAllowed(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: IMAGE_REGISTRY_ALLOWED,
    description: "Container images come only from allowed registries (quay.io, docker.io, ghcr.io, registry.k8s.io and the stack's extra registries).",
    enforcementLevel,
    severity: "high",
    configSchema: {
      properties: {
        extraRegistries: { type: "array", items: { type: "string" }, default: [], description: "Registries allowed in this stack beyond the defaults." },
      },
    },
    validateResource: (args, reportViolation) => {
      const template = podTemplateOf(args.type, args.props);
      if (template === undefined) return;
      const config = readConfig<ImageRegistryConfig>(args, { extraRegistries: [] });
      const allowed = [...DEFAULT_REGISTRIES, ...config.extraRegistries];
      const owner = subject(args.type, args.name);
      for (const ref of containersOf(template.spec)) {
        const image = String(ref.container.image ?? "");
        const { registry } = parseImage(image);
        if (allowed.includes(registry)) continue;
        reportViolation(
          `${containerSubject(owner, ref)}: image "${image}" comes from the registry ${registry}; allowed: ${allowed.join(", ")}; ` +
            `use an image from one of them or add the registry to ${IMAGE_REGISTRY_ALLOWED}.extraRegistries in the stack's pack config`,
        );
      }
    },
  };
}
