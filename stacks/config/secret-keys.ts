/**
 * Which config keys hold secrets, and the check that each was given as a secret (issue 2: secrets
 * come only from secret config or `@pulumi/random`). Pure: the caller says what was marked secret.
 */
import { PROJECT } from "./schema";
import { stackFile } from "./stack-file";

/** Config keys whose values are secrets; a plaintext value of any of them is refused. */
export const SECRET_KEYS = ["receiverSecrets", "grafanaAdminPassword", "otelCollectorRegistryPassword"] as const;

/** Secret keys holding a map of named secrets, set one name at a time with `--path`. */
const SECRET_MAPS: readonly string[] = ["receiverSecrets"];

/** What a stack's config says about which values were given as secrets. */
export interface SecretMarks {
  /** True when the engine marks the whole `project:key` as secret config (`pulumi config set --secret`). */
  isSecretKey(fullKey: string): boolean;
  /**
   * The stack file's `config:` section as written (secure values as `{secure: "v1:…"}`), when it
   * is known. A key present there is judged leaf by leaf: the engine marks a whole object secret
   * when any one of its leaves is, so a plaintext `receiverSecrets.<name>` beside a secure one
   * shows only in the file. @default - none (only the engine's mark, or the value's own form)
   */
  fileConfig?: Record<string, unknown>;
}

/** A stack file's encrypted leaf: `{secure: "v1:…"}` (also as the JSON text the engine passes objects as). */
function isSecureLeaf(value: unknown): boolean {
  const v = typeof value === "string" && value.trim().startsWith("{") ? tryJson(value) : value;
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { secure?: unknown }).secure === "string";
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The paths (below the key) of the leaves of a stack-file value that are not `secure:` entries;
 * `[[]]` for a plaintext scalar, `[]` when every leaf is secure.
 */
export function plaintextLeaves(value: unknown, at: string[] = []): string[][] {
  if (isSecureLeaf(value)) return [];
  const v = typeof value === "string" && /^\s*\{/.test(value) ? tryJson(value) : value;
  if (typeof v === "object" && v !== null && !Array.isArray(v)) {
    return Object.entries(v).flatMap(([k, inner]) => plaintextLeaves(inner, [...at, k]));
  }
  return [at];
}

/** The command that sets `key` (at `leaf`) as a secret. */
function setCommand(stack: string, key: string, leaf: string[]): string {
  const at = leaf.length > 0 ? [key, ...leaf] : SECRET_MAPS.includes(key) ? [key, "<name>"] : [];
  return at.length === 0
    ? `pulumi config set --secret ${key} <value> --stack ${stack}`
    : `pulumi config set --secret --path '${at.join(".")}' <value> --stack ${stack}`;
}

/**
 * One line per secret value given in plaintext:
 * `Pulumi.<stack>.yaml: sevensa-observability:<key>[.<leaf>]: must be a secret (pulumi config set --secret …)`.
 * A key the stack file holds must be secure there leaf by leaf (those leaves are named); and the
 * value parsed must be marked secret by the engine or still be in the file's encrypted form
 * (else the key itself is named: it came from `--config` or the engine's plaintext config).
 *
 * @param raw the `project:key → value` map the config is parsed from
 */
export function plaintextSecretProblems(stack: string, raw: Record<string, unknown>, marks: SecretMarks): string[] {
  return SECRET_KEYS.flatMap((key) => {
    const full = `${PROJECT}:${key}`;
    if (raw[full] === undefined) return [];
    const inFile = marks.fileConfig?.[full];
    const fileLeaves = inFile === undefined ? [] : plaintextLeaves(inFile);
    const secretAsGiven = marks.isSecretKey(full) || plaintextLeaves(raw[full]).length === 0;
    const leaves = fileLeaves.length > 0 ? fileLeaves : secretAsGiven ? [] : [[]];
    return leaves.map((leaf) => `${stackFile(stack)}: ${[full, ...leaf].join(".")}: must be a secret (${setCommand(stack, key, leaf)})`);
  });
}
