import { durationSeconds } from "../stacks/config/duration";
import type { LokiConfig } from "./config-schema";
import { LOKI_INDEX_LABELS } from "./label-contract";
import { LOKI_GRPC_PORT, LOKI_HTTP_PORT, LOKI_MEMBERLIST_PORT } from "./endpoints";

/** Loki's data directory (a volume). */
export const LOKI_DATA_DIR = "/var/loki";
/** Environment variables the S3 credentials come in (secretKeyRef); Loki expands them (`-config.expand-env=true`). */
export const S3_ACCESS_KEY_ENV = "LOKI_S3_ACCESS_KEY_ID";
export const S3_SECRET_KEY_ENV = "LOKI_S3_SECRET_ACCESS_KEY";
/** The date the v13 TSDB schema applies from (before any data this platform stores). */
export const SCHEMA_FROM = "2024-04-01";

/** What the Loki config is made from. */
export interface LokiConfigInput {
  loki: LokiConfig;
  /** DNS name of Loki's headless Service (memberlist peers in scale-out mode). */
  headlessHost: string;
}

/** Retention in whole hours, the unit Loki prints (7d → 168h). */
function retentionHours(retention: string): string {
  return `${durationSeconds(retention) / 3600}h`;
}

function s3Host(endpoint: string): { host: string; insecure: boolean } {
  const u = new URL(endpoint);
  return { host: u.host, insecure: u.protocol === "http:" };
}

/**
 * Loki's config file. One binary with every target (monolithic). Filesystem storage keeps one
 * replica; with S3-compatible object storage several replicas form a ring over memberlist
 * (replication factor up to 3) — the scale-out mode for production. Schema v13 with TSDB,
 * OTLP ingestion where only `namespace`, `service` and `severity` become index labels and
 * everything else (trace_id, span_id, pod …) is structured metadata; retention by the compactor.
 * S3 credentials are `${ENV}` references filled from a Secret, never values.
 */
export function generateLokiConfig(input: LokiConfigInput): Record<string, unknown> {
  const { loki } = input;
  const objectStore = loki.storage.type === "s3" ? "s3" : "filesystem";
  const scaled = loki.replicas > 1;
  let storage: Record<string, unknown>;
  if (loki.storage.type === "s3") {
    const { host, insecure } = s3Host(loki.storage.endpoint);
    storage = {
      s3: {
        endpoint: host,
        insecure,
        region: loki.storage.region,
        bucketnames: loki.storage.bucket,
        s3forcepathstyle: loki.storage.forcePathStyle,
        access_key_id: `\${${S3_ACCESS_KEY_ENV}}`,
        secret_access_key: `\${${S3_SECRET_KEY_ENV}}`,
      },
    };
  } else {
    storage = { filesystem: { chunks_directory: `${LOKI_DATA_DIR}/chunks`, rules_directory: `${LOKI_DATA_DIR}/rules` } };
  }
  const config: Record<string, unknown> = {
    target: "all",
    auth_enabled: false,
    server: { http_listen_port: LOKI_HTTP_PORT, grpc_listen_port: LOKI_GRPC_PORT, log_level: "info", log_format: "json" },
    common: {
      path_prefix: LOKI_DATA_DIR,
      replication_factor: scaled ? Math.min(3, loki.replicas) : 1,
      ring: { kvstore: { store: scaled ? "memberlist" : "inmemory" } },
      ...(scaled ? {} : { instance_addr: "127.0.0.1" }),
      storage,
    },
    schema_config: {
      configs: [{ from: SCHEMA_FROM, store: "tsdb", object_store: objectStore, schema: "v13", index: { prefix: "index_", period: "24h" } }],
    },
    storage_config: {
      tsdb_shipper: { active_index_directory: `${LOKI_DATA_DIR}/tsdb-index`, cache_location: `${LOKI_DATA_DIR}/tsdb-cache` },
    },
    compactor: {
      working_directory: `${LOKI_DATA_DIR}/compactor`,
      compaction_interval: "10m",
      retention_enabled: true,
      retention_delete_delay: "2h",
      delete_request_store: objectStore,
    },
    limits_config: {
      retention_period: retentionHours(loki.retention),
      allow_structured_metadata: true,
      volume_enabled: true,
      reject_old_samples: true,
      reject_old_samples_max_age: "168h",
      max_label_names_per_series: 15,
      otlp_config: {
        resource_attributes: {
          ignore_defaults: true,
          attributes_config: [{ action: "index_label", attributes: [...LOKI_INDEX_LABELS] }],
        },
      },
    },
    analytics: { reporting_enabled: false },
  };
  if (scaled) {
    config.memberlist = { join_members: [`${input.headlessHost}:${LOKI_MEMBERLIST_PORT}`], bind_port: LOKI_MEMBERLIST_PORT };
  }
  return config;
}
