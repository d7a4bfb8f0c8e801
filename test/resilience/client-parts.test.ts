import { FallbackCache, FALLBACK_CACHE_MAX_ENTRIES } from "../../packages/resilience-client/src/fallback-cache";
import { RetryBudget } from "../../packages/resilience-client/src/retry-budget";

describe("RetryBudget (10 s sliding window)", () => {
  test("allows percent of calls plus the per-second floor, and frees up as buckets leave the window", () => {
    let now = 1_000_000;
    const budget = new RetryBudget(20, 0.1, () => now); // 20% of calls + 1 per window
    for (let i = 0; i < 10; i++) budget.recordCall();
    const granted = () => Array.from({ length: 5 }, () => budget.tryAcquire()).filter(Boolean).length;
    expect(granted()).toBe(3); // 0.2 × 10 + 1
    now += 5_000;
    expect(budget.tryAcquire()).toBe(false); // still the same window
    now += 5_000; // the first second's calls and retries have left the window
    expect(budget.tryAcquire()).toBe(true); // only the floor is left: 1
    expect(budget.tryAcquire()).toBe(false);
  });

  test("a budget of 0% with no floor never retries", () => {
    const budget = new RetryBudget(0, 0, () => 0);
    budget.recordCall();
    expect(budget.tryAcquire()).toBe(false);
  });
});

describe("FallbackCache", () => {
  test("serves an answer up to maxAge old, per key, and drops the oldest key beyond its size", () => {
    let now = 0;
    const cache = new FallbackCache(1000, () => now);
    cache.store("a", 1);
    now = 1000;
    expect(cache.lookup("a")).toEqual({ value: 1 });
    expect(cache.lookup("b")).toBeUndefined();
    now = 1001;
    expect(cache.lookup("a")).toBeUndefined();
    for (let i = 0; i <= FALLBACK_CACHE_MAX_ENTRIES; i++) cache.store(`k${i}`, i);
    expect(cache.lookup("k0")).toBeUndefined();
    expect(cache.lookup(`k${FALLBACK_CACHE_MAX_ENTRIES}`)).toEqual({ value: FALLBACK_CACHE_MAX_ENTRIES });
  });
});
