import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { parseImage } from "../../lib/images";
import { workloadContainers } from "../../lib/k8s";

export const IMAGE_PINNED = "k8s-image-pinned";

/**
 * Every container image carries a version tag (other than `latest`) or a digest.
 *
 * Severity: high. Why: an untagged or `latest` image changes under a running platform without a
 * diff in this repository, so a preview no longer shows what will run, a rollback does not roll
 * back, and two replicas can run different code. Versions are pinned in components/versions.ts.
 */
export function imagePinned(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: IMAGE_PINNED,
    description: "Container images are pinned to a version tag or digest; no latest, no untagged images.",
    enforcementLevel,
    severity: "high",
    validateResource: (args, reportViolation) => {
      for (const { ref, where } of workloadContainers(args.type, args.name, args.props)) {
        const image = String(ref.container.image ?? "");
        const parsed = parseImage(image);
        if (parsed.digest !== undefined) continue;
        if (parsed.tag === undefined || parsed.tag === "") {
          reportViolation(`${where}: image "${image}" has no tag; pin a version tag or a digest (in components/versions.ts)`);
        } else if (parsed.tag.toLowerCase() === "latest") {
          reportViolation(`${where}: image "${image}" uses the floating tag latest; pin a version tag or a digest (in components/versions.ts)`);
        }
      }
    },
  };
}
