/**
 * Stable dashboard UIDs. Grafana allows at most 40 characters; a UID never changes for a
 * given service name, so links, bookmarks and the overview's links keep working across
 * deployments and environments.
 */
import { createHash } from "crypto";

/** Grafana's limit on a dashboard UID. */
export const MAX_UID_LENGTH = 40;

/** Prefix of per-service dashboard UIDs. */
export const SERVICE_UID_PREFIX = "svc-";

/** UIDs of the cross-team dashboards. */
export const PLATFORM_UIDS = {
  sloOverview: "sevensa-slo-overview",
  serviceMap: "sevensa-service-map",
  platformHealth: "sevensa-platform-health",
  errorPaths: "sevensa-error-paths",
  resilienceOverview: "sevensa-resilience-overview",
} as const;

const HASH_LENGTH = 8;

/** First `HASH_LENGTH` hex digits of the SHA-256 of `text`. */
function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, HASH_LENGTH);
}

/**
 * The UID of a service's dashboard: `svc-<name>` when that fits in 40 characters, otherwise
 * `svc-<start of name>-<8 hex digits of sha256(name)>` (still exactly 40). DNS-1123 names
 * make both valid Grafana UIDs.
 */
export function serviceDashboardUid(serviceName: string): string {
  const plain = `${SERVICE_UID_PREFIX}${serviceName}`;
  if (plain.length <= MAX_UID_LENGTH) return plain;
  const keep = MAX_UID_LENGTH - SERVICE_UID_PREFIX.length - 1 - HASH_LENGTH;
  return `${SERVICE_UID_PREFIX}${serviceName.slice(0, keep)}-${shortHash(serviceName)}`;
}

/** Something that owns a UID, for the collision message. */
export interface UidOwner {
  uid: string;
  /** Who made it, e.g. `stacks/services/checkout.ts: name "checkout"` or `platform dashboard "SLO overview"`. */
  origin: string;
}

/**
 * Throws when a UID is longer than 40 characters or used twice, naming both owners:
 * `dashboard UID "svc-a" of stacks/services/b.ts: name "a" is already used by stacks/services/a.ts: name "a"`.
 */
export function assertUniqueUids(owners: readonly UidOwner[]): void {
  const seen = new Map<string, string>();
  for (const o of owners) {
    if (o.uid.length > MAX_UID_LENGTH) {
      throw new Error(`dashboard UID "${o.uid}" of ${o.origin} is ${o.uid.length} characters long; Grafana allows at most ${MAX_UID_LENGTH}`);
    }
    const first = seen.get(o.uid);
    if (first !== undefined) throw new Error(`dashboard UID "${o.uid}" of ${o.origin} is already used by ${first}`);
    seen.set(o.uid, o.origin);
  }
}
