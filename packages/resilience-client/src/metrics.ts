import type { Attributes, Counter, Meter, UpDownCounter } from "@opentelemetry/api";
import { METRICS, type BreakerStateName, type CallOutcome } from "./metrics-contract";
import type { FailureOutcome, FallbackStrategyName } from "./policy-document";

/** The contract's instruments, created once per client from its meter. */
export interface ResilienceInstruments {
  calls: Counter;
  retries: Counter;
  retryBudgetExhausted: Counter;
  timeouts: Counter;
  breakerState: UpDownCounter;
  breakerTransitions: Counter;
  bulkheadRejections: Counter;
  fallbacks: Counter;
}

/** Creates the contract's instruments (names, units, descriptions from `METRICS`). */
export function createInstruments(meter: Meter): ResilienceInstruments {
  const counter = (m: { name: string; unit: string; description: string }): Counter =>
    meter.createCounter(m.name, { unit: m.unit, description: m.description });
  return {
    calls: counter(METRICS.calls),
    retries: counter(METRICS.retries),
    retryBudgetExhausted: counter(METRICS.retryBudgetExhausted),
    timeouts: counter(METRICS.timeouts),
    breakerState: meter.createUpDownCounter(METRICS.breakerState.name, { unit: METRICS.breakerState.unit, description: METRICS.breakerState.description }),
    breakerTransitions: counter(METRICS.breakerTransitions),
    bulkheadRejections: counter(METRICS.bulkheadRejections),
    fallbacks: counter(METRICS.fallbacks),
  };
}

/**
 * Records the metrics of one dependency. Attribute sets are built once and reused, so a call
 * on the hot path allocates none.
 */
export class DependencyMetrics {
  private readonly base: Attributes;
  private readonly byOutcome = new Map<string, Attributes>();
  private readonly byState = new Map<string, Attributes>();

  constructor(
    private readonly instruments: ResilienceInstruments,
    readonly dependency: string,
  ) {
    this.base = { dependency };
  }

  call(outcome: CallOutcome): void {
    this.instruments.calls.add(1, this.outcomeAttributes(outcome));
  }

  retry(outcome: FailureOutcome): void {
    this.instruments.retries.add(1, this.outcomeAttributes(outcome));
  }

  retryBudgetExhausted(): void {
    this.instruments.retryBudgetExhausted.add(1, this.base);
  }

  timeout(): void {
    this.instruments.timeouts.add(1, this.base);
  }

  bulkheadRejection(): void {
    this.instruments.bulkheadRejections.add(1, this.base);
  }

  fallback(strategy: FallbackStrategyName, outcome: CallOutcome): void {
    this.instruments.fallbacks.add(1, { dependency: this.dependency, strategy, outcome });
  }

  /** The breaker starts closed. */
  breakerCreated(): void {
    this.instruments.breakerState.add(1, this.stateAttributes("closed"));
  }

  breakerTransition(from: BreakerStateName, to: BreakerStateName): void {
    this.instruments.breakerState.add(-1, this.stateAttributes(from));
    this.instruments.breakerState.add(1, this.stateAttributes(to));
    this.instruments.breakerTransitions.add(1, { dependency: this.dependency, from, to });
  }

  private outcomeAttributes(outcome: string): Attributes {
    let attrs = this.byOutcome.get(outcome);
    if (attrs === undefined) {
      attrs = { dependency: this.dependency, outcome };
      this.byOutcome.set(outcome, attrs);
    }
    return attrs;
  }

  private stateAttributes(state: BreakerStateName): Attributes {
    let attrs = this.byState.get(state);
    if (attrs === undefined) {
      attrs = { dependency: this.dependency, state };
      this.byState.set(state, attrs);
    }
    return attrs;
  }
}
