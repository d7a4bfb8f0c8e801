import { z } from "zod";

/**
 * Small value schemas the telemetry config shares. Their `params.kind` names the message
 * stacks/config/errors.ts prints (quantity, dns-label, url), so errors read like the rest of
 * the stack file's.
 */
function text(kind: string, test: (s: string) => boolean) {
  return z.string().refine(test, { params: { kind } });
}

export const quantity = text("quantity", (s) => /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|m|k|M|G|T)?$/.test(s));
export const dnsLabel = text("dns-label", (s) => /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(s));
export const url = text("url", (s) => /^https?:\/\/[^\s/]+/.test(s));
/** A key inside a Kubernetes Secret (letters, digits, '-', '_', '.'). */
export const secretKey = z.string().regex(/^[-._a-zA-Z0-9]+$/, { message: "is not a Secret key (letters, digits, '-', '_' and '.')" });

/** Requests and limits of one container. */
export const resources = z
  .object({
    requests: z.object({ cpu: quantity, memory: quantity }).strict(),
    limits: z.object({ cpu: quantity.optional(), memory: quantity }).strict(),
  })
  .strict();

/** A persistent volume; `null` means an emptyDir. */
export const volume = z.object({ size: quantity, storageClass: dnsLabel.optional() }).strict().nullable();
