import { z } from "zod";
import { durationSeconds, isDuration } from "../stacks/config/duration";
import { dnsLabel, quantity, resources, secretKey, url, volume } from "./config-parts";
import { goDuration, samplingConfigSchema } from "./sampling-schema";

/** The collector agent DaemonSet (one per node). */
const agentSchema = z.object({ resources }).strict();

/** Horizontal autoscaling of the gateway on CPU. */
const autoscalingSchema = z
  .object({
    minReplicas: z.number().int().min(1).max(20),
    maxReplicas: z.number().int().min(1).max(20),
    /** Average CPU utilisation (percent of requests) the autoscaler keeps. */
    targetCpuUtilization: z.number().int().min(10).max(95),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.minReplicas > a.maxReplicas) {
      ctx.addIssue({ code: "custom", path: ["minReplicas"], input: a.minReplicas, message: `is above maxReplicas ${a.maxReplicas}` });
    }
  });

/** The collector gateway Deployment: tail sampling, spanmetrics, service graph, export. */
const gatewaySchema = z
  .object({
    /** Replicas when not autoscaled. */
    replicas: z.number().int().min(1).max(20),
    /** `null`: a fixed replica count; otherwise a HorizontalPodAutoscaler owns the count. */
    autoscaling: autoscalingSchema.nullable(),
    resources,
  })
  .strict();

/**
 * The custom otelcol-sevensa image (components/collector-image.ts), built and pushed when a
 * registry is configured; the password is the secret config key `otelCollectorRegistryPassword`.
 */
const imageSchema = z
  .object({
    /** Registry host[:port], no scheme. */
    registry: z.string().refine((s) => /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?$/i.test(s), { params: { kind: "registry" } }),
    /** Repository under the registry. @default "otelcol-sevensa" */
    repository: z.string().optional(),
    /** Push user name. */
    username: z.string().min(1),
    /** Target platform. @default "linux/amd64" */
    platform: z.string().optional(),
  })
  .strict();

/** The `otelCollector` key of a stack file. */
export const otelCollectorConfigSchema = z.object({ agent: agentSchema, gateway: gatewaySchema, image: imageSchema.optional() }).strict();

/** Where a Secret holds a username and a password (values never enter config). */
const basicAuthSecret = z.object({ name: dnsLabel, usernameKey: secretKey, passwordKey: secretKey }).strict();

const jaegerStorageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("memory"), maxTraces: z.number().int().min(1000) }).strict(),
  z
    .object({
      type: z.literal("badger"),
      /** How long spans are kept (Go duration, e.g. 72h). */
      retention: goDuration,
      /** The badger volume. */
      volume: z.object({ size: quantity, storageClass: dnsLabel.optional() }).strict(),
    })
    .strict(),
  z
    .object({
      type: z.enum(["opensearch", "elasticsearch"]),
      serverUrls: z.array(url).min(1),
      /** Index prefix (the archive uses `<prefix>-archive`). */
      indexPrefix: dnsLabel,
      credentialsSecret: basicAuthSecret,
    })
    .strict(),
]);

/** The `jaeger` key of a stack file. */
export const jaegerConfigSchema = z
  .object({
    /** Replicas; more than one only with an external (OpenSearch/Elasticsearch) backend. */
    replicas: z.number().int().min(1).max(10),
    storage: jaegerStorageSchema,
    resources,
  })
  .strict()
  .superRefine((j, ctx) => {
    if (j.replicas > 1 && (j.storage.type === "memory" || j.storage.type === "badger")) {
      ctx.addIssue({ code: "custom", path: ["replicas"], input: j.replicas, message: `must be 1 with ${j.storage.type} storage (each replica would keep its own traces)` });
    }
  });

/** Where a Secret holds S3 credentials. */
const s3Secret = z.object({ name: dnsLabel, accessKeyIdKey: secretKey, secretAccessKeyKey: secretKey }).strict();

const lokiStorageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("filesystem"), volume }).strict(),
  z
    .object({
      type: z.literal("s3"),
      /** S3-compatible endpoint URL, e.g. https://s3.eu-west-1.amazonaws.com or http://minio.storage.svc:9000. */
      endpoint: url,
      bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: "is not an S3 bucket name" }),
      region: z.string().min(1),
      /** Path-style addressing (MinIO and most non-AWS stores). */
      forcePathStyle: z.boolean(),
      credentialsSecret: s3Secret,
      /** Local volume for the write-ahead log and index cache. */
      volume,
    })
    .strict(),
]);

/** A Prometheus-style duration that is a whole number of days (Loki's index period is 24h). */
const retention = z.string().refine((s) => isDuration(s) && durationSeconds(s) % 86400 === 0, {
  message: "is not a whole number of days like 7d or 744h (Loki's index period is 24h)",
  params: { kind: "loki-retention" },
});

/** The `loki` key of a stack file. */
export const lokiConfigSchema = z
  .object({
    /** How long logs are kept. */
    retention,
    /** Replicas of the monolith; more than one only with object storage (scale-out mode). */
    replicas: z.number().int().min(1).max(7),
    storage: lokiStorageSchema,
    resources,
  })
  .strict()
  .superRefine((l, ctx) => {
    if (l.replicas > 1 && l.storage.type === "filesystem") {
      ctx.addIssue({ code: "custom", path: ["replicas"], input: l.replicas, message: "must be 1 with filesystem storage (scale-out needs object storage)" });
    }
  });

/**
 * The telemetry keys of a stack file, to be merged into the stack schema:
 * `z.object({ ...existingKeys, ...telemetryConfigKeys })`.
 */
export const telemetryConfigKeys = {
  sampling: samplingConfigSchema,
  otelCollector: otelCollectorConfigSchema,
  jaeger: jaegerConfigSchema,
  loki: lokiConfigSchema,
} as const;

/** The telemetry keys alone, for tests and tools that check only them. */
export const telemetryConfigSchema = z.object(telemetryConfigKeys).strict();

export type TelemetryConfig = z.infer<typeof telemetryConfigSchema>;
export type OtelCollectorConfig = z.infer<typeof otelCollectorConfigSchema>;
export type JaegerConfig = z.infer<typeof jaegerConfigSchema>;
export type JaegerStorage = JaegerConfig["storage"];
export type LokiConfig = z.infer<typeof lokiConfigSchema>;
export type LokiStorage = LokiConfig["storage"];
