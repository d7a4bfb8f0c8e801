import type { EnforcementLevel, Policies, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { chaosAllowedInStack, CHAOS_ALLOWED_IN_STACK } from "./rules/chaos/allowed-in-stack";
import { chaosDurationBounded, CHAOS_DURATION_BOUNDED } from "./rules/chaos/duration-bounded";
import { chaosModeBounded, CHAOS_MODE_BOUNDED } from "./rules/chaos/mode-bounded";
import { chaosProtectedNamespaces, CHAOS_PROTECTED_NAMESPACES } from "./rules/chaos/protected-namespaces";
import { chaosScheduleForbidsConcurrency, CHAOS_SCHEDULE_FORBIDS_CONCURRENCY } from "./rules/chaos/schedule-forbids-concurrency";
import { grafanaOncallOss, GRAFANA_ONCALL_OSS } from "./rules/deprecations/grafana-oncall-oss";
import { jaegerV1Images, JAEGER_V1_IMAGES } from "./rules/deprecations/jaeger-v1-images";
import { opsgenieReceivers, OPSGENIE_RECEIVERS } from "./rules/deprecations/opsgenie-receivers";
import { alertAnnotations, ALERT_ANNOTATIONS } from "./rules/observability/alert-annotations";
import { scrapeSelectorsMatch, SCRAPE_SELECTORS_MATCH } from "./rules/observability/scrape-selectors-match";
import { serviceContract, SERVICE_CONTRACT } from "./rules/observability/service-contract";
import { haAntiAffinity, HA_ANTI_AFFINITY } from "./rules/reliability/ha-anti-affinity";
import { pdbAllowsDisruption, PDB_ALLOWS_DISRUPTION } from "./rules/reliability/pdb-allows-disruption";
import { probesRequired, PROBES_REQUIRED } from "./rules/reliability/probes-required";
import { replicaMinimum, REPLICA_MINIMUM } from "./rules/reliability/replica-minimum";
import { requestsLimits, REQUESTS_LIMITS } from "./rules/reliability/requests-limits";
import { alertmanagerConfigInSecret, ALERTMANAGER_CONFIG_IN_SECRET } from "./rules/secrets/alertmanager-config-in-secret";
import { noLiteralSecretEnv, NO_LITERAL_SECRET_ENV } from "./rules/secrets/no-literal-secret-env";
import { noSecretsInConfigMaps, NO_SECRETS_IN_CONFIGMAPS } from "./rules/secrets/no-secrets-in-configmaps";
import { imagePinned, IMAGE_PINNED } from "./rules/security/image-pinned";
import { imageRegistryAllowed, IMAGE_REGISTRY_ALLOWED } from "./rules/security/image-registry-allowed";
import { internalUiNotExposed, INTERNAL_UI_NOT_EXPOSED } from "./rules/security/internal-ui-not-exposed";
import { noHostAccess, NO_HOST_ACCESS } from "./rules/security/no-host-access";
import { podSecurityRestricted, POD_SECURITY_RESTRICTED } from "./rules/security/pod-security-restricted";

/** A policy factory: the enforcement level in, the policy out. */
export type PolicyFactory = (level: EnforcementLevel) => ResourceValidationPolicy | StackValidationPolicy;

/** Every policy of the pack by its fully qualified name, grouped by domain. */
export const POLICY_FACTORIES = {
  // workload security
  [POD_SECURITY_RESTRICTED]: podSecurityRestricted,
  [IMAGE_PINNED]: imagePinned,
  [IMAGE_REGISTRY_ALLOWED]: imageRegistryAllowed,
  [NO_HOST_ACCESS]: noHostAccess,
  [INTERNAL_UI_NOT_EXPOSED]: internalUiNotExposed,
  // reliability
  [REQUESTS_LIMITS]: requestsLimits,
  [PROBES_REQUIRED]: probesRequired,
  [REPLICA_MINIMUM]: replicaMinimum,
  [PDB_ALLOWS_DISRUPTION]: pdbAllowsDisruption,
  [HA_ANTI_AFFINITY]: haAntiAffinity,
  // secrets
  [NO_SECRETS_IN_CONFIGMAPS]: noSecretsInConfigMaps,
  [NO_LITERAL_SECRET_ENV]: noLiteralSecretEnv,
  [ALERTMANAGER_CONFIG_IN_SECRET]: alertmanagerConfigInSecret,
  // the observability contract (stack policies)
  [SERVICE_CONTRACT]: serviceContract,
  [ALERT_ANNOTATIONS]: alertAnnotations,
  [SCRAPE_SELECTORS_MATCH]: scrapeSelectorsMatch,
  // chaos safety
  [CHAOS_ALLOWED_IN_STACK]: chaosAllowedInStack,
  [CHAOS_PROTECTED_NAMESPACES]: chaosProtectedNamespaces,
  [CHAOS_DURATION_BOUNDED]: chaosDurationBounded,
  [CHAOS_MODE_BOUNDED]: chaosModeBounded,
  [CHAOS_SCHEDULE_FORBIDS_CONCURRENCY]: chaosScheduleForbidsConcurrency,
  // deprecations
  [JAEGER_V1_IMAGES]: jaegerV1Images,
  [OPSGENIE_RECEIVERS]: opsgenieReceivers,
  [GRAFANA_ONCALL_OSS]: grafanaOncallOss,
} satisfies Record<string, PolicyFactory>;

/** A policy name of the pack. */
export type PolicyName = keyof typeof POLICY_FACTORIES;

/**
 * Every policy at the given levels. Without a stack's pack config every policy is mandatory;
 * `policies/config/<stack>.json` (passed with `--policy-pack-config`) sets the level and the
 * parameters per stack.
 */
export function sevensaPolicies(levels: Partial<Record<PolicyName, EnforcementLevel>> = {}): Policies {
  return (Object.entries(POLICY_FACTORIES) as [PolicyName, PolicyFactory][]).map(([name, factory]) => factory(levels[name] ?? "mandatory"));
}
