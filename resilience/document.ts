/**
 * The resolved policy document (version 1). Its types are owned by the client package that
 * reads it, so that the package stands alone; the generator uses the same definitions.
 */
export {
  POLICY_SCHEMA_VERSION,
  POLICY_FILE_ENV,
  type ResiliencePolicyDocument,
  type DependencyPolicy,
  type RetryConfig,
  type CircuitBreakerConfig,
  type BulkheadConfig,
  type FallbackConfig,
} from "../packages/resilience-client/src/policy-document";
