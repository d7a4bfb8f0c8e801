import { metrics as otelMetrics, type MeterProvider } from "@opentelemetry/api";
import { createInstruments, DependencyMetrics, type ResilienceInstruments } from "./metrics";
import { METER_NAME } from "./metrics-contract";
import type { ResiliencePolicyDocument } from "./policy-document";
import { ResilientDependency, type DependencyOptions } from "./resilient-dependency";

/** Version reported as the meter's instrumentation-scope version. */
export const CLIENT_VERSION = "0.1.0";

/** Options of a `ResilienceClient`. */
export interface ResilienceClientOptions {
  /** Where the contract's metrics go. @default - the global OpenTelemetry meter provider */
  meterProvider?: MeterProvider;
}

/**
 * Applies a service's resilience policy document: one `ResilientDependency` per dependency,
 * created on first use and shared afterwards (its breaker, bulkhead and retry budget are
 * per process).
 */
export class ResilienceClient {
  private readonly instruments: ResilienceInstruments;
  private readonly dependencies = new Map<string, ResilientDependency>();

  constructor(
    /** The service's policy document (see `readPolicyFromEnvironment`). */
    readonly document: ResiliencePolicyDocument,
    options: ResilienceClientOptions = {},
  ) {
    const provider = options.meterProvider ?? otelMetrics.getMeterProvider();
    this.instruments = createInstruments(provider.getMeter(METER_NAME, CLIENT_VERSION));
  }

  /**
   * The policy-applying handle of dependency `name`. Options count on first use only.
   * @throws Error when the document has no policy for `name`
   */
  dependency(name: string, options: DependencyOptions = {}): ResilientDependency {
    const existing = this.dependencies.get(name);
    if (existing !== undefined) return existing;
    const policy = Object.prototype.hasOwnProperty.call(this.document.dependencies, name) ? this.document.dependencies[name] : undefined;
    if (policy === undefined) {
      const known = Object.keys(this.document.dependencies).join(", ");
      throw new Error(`the resilience policy of ${this.document.service} has no dependency ${JSON.stringify(name)} (it has: ${known}); declare it in the service's dependencies`);
    }
    const dep = new ResilientDependency(name, policy, new DependencyMetrics(this.instruments, name), options);
    this.dependencies.set(name, dep);
    return dep;
  }
}
