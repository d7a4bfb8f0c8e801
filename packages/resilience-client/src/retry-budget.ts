/** Length of the retry budget's sliding window. */
export const RETRY_BUDGET_WINDOW_SECONDS = 10;

/**
 * A retry budget over a sliding window of 10 one-second buckets: a retry is allowed while the
 * retries in the window stay below `percent`% of the calls in the window plus
 * `minRetriesPerSecond` × 10. Retries at several layers would otherwise multiply an outage
 * into a load spike.
 */
export class RetryBudget {
  private readonly calls = new Array<number>(RETRY_BUDGET_WINDOW_SECONDS).fill(0);
  private readonly retries = new Array<number>(RETRY_BUDGET_WINDOW_SECONDS).fill(0);
  private second = -1;

  constructor(
    private readonly percent: number,
    private readonly minRetriesPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one call. */
  recordCall(): void {
    this.calls[this.slot()] += 1;
  }

  /** Takes one retry from the budget; false when the budget is spent. */
  tryAcquire(): boolean {
    const slot = this.slot();
    const calls = this.calls.reduce((a, b) => a + b, 0);
    const retries = this.retries.reduce((a, b) => a + b, 0);
    const allowed = (calls * this.percent) / 100 + this.minRetriesPerSecond * RETRY_BUDGET_WINDOW_SECONDS;
    if (retries + 1 > allowed) return false;
    this.retries[slot] += 1;
    return true;
  }

  /** Index of the current second's bucket, clearing buckets that fell out of the window. */
  private slot(): number {
    const second = Math.floor(this.now() / 1000);
    if (second !== this.second) {
      const gap = this.second < 0 ? RETRY_BUDGET_WINDOW_SECONDS : Math.min(second - this.second, RETRY_BUDGET_WINDOW_SECONDS);
      for (let i = 1; i <= gap; i++) {
        const s = (this.second + i) % RETRY_BUDGET_WINDOW_SECONDS;
        this.calls[s] = 0;
        this.retries[s] = 0;
      }
      this.second = second;
    }
    return second % RETRY_BUDGET_WINDOW_SECONDS;
  }
}
