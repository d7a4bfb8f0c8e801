import { z } from "zod";
import { ENVIRONMENTS } from "../../catalogue/types";
import { chaosConfigSchema } from "../../chaos/config-schema";
import { telemetryConfigKeys } from "../../telemetry/config-schema";
import { isDuration } from "./duration";

/** The Pulumi project name; every config key is `sevensa-observability:<key>`. */
export const PROJECT = "sevensa-observability";

/** A string that must satisfy `test`; the error message is chosen by `kind` (see errors.ts). */
function text(kind: string, test: (s: string) => boolean) {
  return z.string().refine(test, { params: { kind } });
}
const duration = text("duration", isDuration);
const quantity = text("quantity", (s) => /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|m|k|M|G|T)?$/.test(s));
const dnsLabel = text("dns-label", (s) => /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(s));
const replicas = z.number().int().min(1).max(7);

/** Requests and limits of one container; both are required, so nothing runs unbounded. */
const resources = z
  .object({
    requests: z.object({ cpu: quantity, memory: quantity }).strict(),
    limits: z.object({ cpu: quantity.optional(), memory: quantity }).strict(),
  })
  .strict();

/** Persistent storage of a StatefulSet; `null` in the stack file means an emptyDir (local only). */
const storage = z
  .object({
    size: quantity,
    /** StorageClass name. @default - the cluster's default StorageClass */
    storageClass: dnsLabel.optional(),
  })
  .strict()
  .nullable();

const kubernetes = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("render"), renderDir: z.string().min(1) }).strict(),
  z.object({ mode: z.literal("cluster"), context: z.string().min(1).optional() }).strict(),
]);

const prometheus = z
  .object({
    replicas,
    retention: duration,
    retentionSize: text("size", (s) => /^[0-9]+(B|KB|MB|GB|TB|PB)$/.test(s)).optional(),
    scrapeInterval: duration,
    evaluationInterval: duration,
    storage,
    resources,
  })
  .strict();

const alertmanager = z.object({ replicas, storage, resources }).strict();

/** Grafana runs one replica on a persistent volume; dashboards and datasources are provisioned from code. */
const grafana = z
  .object({
    /** Public URL users open Grafana at; used for links in alerts. */
    rootUrl: text("url", (s) => /^https?:\/\/[^\s/]+/.test(s)),
    storage,
    resources,
  })
  .strict();

const highAvailability = z
  .object({
    podDisruptionBudgets: z.boolean(),
    antiAffinity: z.enum(["required", "preferred", "none"]),
  })
  .strict();

/** Stack-wide settings of the resilience graph checks (resilience/graph-checks.ts), run before deploy. */
const resilience = z
  .object({
    /**
     * Largest product of attempts allowed along any call path (retries at several layers
     * multiply); a whole number of at least 1. @default 10 (DEFAULT_RETRY_AMPLIFICATION_LIMIT)
     */
    retryAmplificationLimit: z.number().int().min(1).optional(),
  })
  .strict();

/**
 * Secret config values are validated by name only; their values never enter the plain
 * config object (components read them with `requireSecretObject`).
 */
const secretNames = z.record(dnsLabel, z.unknown());

/** Every key a stack file may set under `sevensa-observability:`. Unknown keys are errors. */
export const stackConfigSchema = z
  .object({
    environment: z.enum(ENVIRONMENTS),
    namespace: dnsLabel,
    kubernetes,
    prometheus,
    alertmanager,
    grafana,
    highAvailability,
    chaos: chaosConfigSchema,
    ...telemetryConfigKeys,
    /** Resilience graph-check settings. @default - every setting at its own default */
    resilience: resilience.optional(),
    receiverSecrets: secretNames.optional(),
    /**
     * On-call in PagerDuty (components/pagerduty-oncall.ts): schedules, escalation policies and an
     * Events API v2 integration per team, whose keys feed the page receivers. Needs the provider's
     * own `pagerduty:token` secret config. @default - off; page keys come from receiverSecrets
     */
    pagerDuty: z.object({ enabled: z.boolean(), namePrefix: z.string().min(1).optional() }).strict().optional(),
    /** Grafana's admin password as secret config; without it `@pulumi/random` generates one. */
    grafanaAdminPassword: z.unknown().optional(),
    /** Push password of the custom collector image's registry, as secret config. */
    otelCollectorRegistryPassword: z.unknown().optional(),
  })
  .strict();

export type StackConfig = z.infer<typeof stackConfigSchema>;
