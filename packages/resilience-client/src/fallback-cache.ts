/** Most answers a `cached` fallback keeps per dependency; the oldest entry is dropped first. */
export const FALLBACK_CACHE_MAX_ENTRIES = 1000;

/** The last successful answer per cache key, for the `cached` fallback strategy. */
export class FallbackCache {
  private readonly entries = new Map<string, { value: unknown; at: number }>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  store(key: string, value: unknown): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now() });
    if (this.entries.size > FALLBACK_CACHE_MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /** The cached answer if one exists and is at most `maxAgeMs` old. */
  lookup(key: string): { value: unknown } | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined || this.now() - entry.at > this.maxAgeMs) return undefined;
    return { value: entry.value };
  }
}
