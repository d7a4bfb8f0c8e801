/**
 * How a service receives its policy document: a ConfigMap `<service>-resilience` in the
 * service's namespace with key `resilience.json`, mounted at `/etc/sevensa/resilience`, and the
 * environment variable `SEVENSA_RESILIENCE_POLICY_FILE` pointing at the file. `npm run artifacts`
 * writes the same text to `services/<service>/resilience.json`.
 */
import { POLICY_FILE_ENV, type ResiliencePolicyDocument } from "./document";
import { policySchemaProblems } from "./schema";

/** ConfigMap key holding the document. */
export const RESILIENCE_CONFIG_KEY = "resilience.json";

/** Directory the ConfigMap is mounted at in the service's containers. */
export const RESILIENCE_MOUNT_DIR = "/etc/sevensa/resilience";

/** Full path of the document inside the container. */
export const RESILIENCE_POLICY_PATH = `${RESILIENCE_MOUNT_DIR}/${RESILIENCE_CONFIG_KEY}`;

/** Environment variable naming the document (`SEVENSA_RESILIENCE_POLICY_FILE`). */
export const RESILIENCE_POLICY_ENV = POLICY_FILE_ENV;

/** Name of a service's policy ConfigMap. */
export function resilienceConfigMapName(service: string): string {
  return `${service}-resilience`;
}

/** Artifact path of a service's document, relative to the artifacts directory. */
export function resilienceArtifactPath(service: string): string {
  return `services/${service}/${RESILIENCE_CONFIG_KEY}`;
}

/**
 * The document as the file text (2-space JSON, final newline; its `$comment` says it is
 * generated). Refuses a document its own schema rejects, so an invalid one is never delivered.
 * @throws Error naming the service and every schema problem
 */
export function renderPolicyDocument(document: ResiliencePolicyDocument): string {
  const problems = policySchemaProblems(document);
  if (problems.length > 0) {
    throw new Error(`the resilience policy document of ${document.service} does not match resilience-policy.v1.json:\n${problems.join("\n")}`);
  }
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The container environment entry that points clients at the mounted document. */
export function resilienceEnvironment(): Record<string, string> {
  return { [RESILIENCE_POLICY_ENV]: RESILIENCE_POLICY_PATH };
}
