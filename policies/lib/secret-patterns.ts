import { isMapping, parseDocuments } from "./documents";

/**
 * Names that say their value is a secret: passwords, tokens, keys, credentials, webhook URLs.
 * Matched at the end of a key, so `password_file`, `routing_key_file` and `secretName` (which
 * reference a secret) are not secrets themselves.
 */
const SECRET_NAME = /(password|passwd|secret|token|api[-_]?key|private[-_]?key|access[-_]?key|credentials?|auth[-_]?key|routing[-_]?key|service[-_]?key|webhook[-_]?url|slack[-_]?api[-_]?url)$/i;

/** Values that reference a secret rather than hold one. */
const REFERENCE = [/^\$\{[^}]+\}$/, /^\$__(file|env|vault)\{[^}]*\}$/, /^\$\(?[A-Za-z_][A-Za-z0-9_]*\)?$/];

/** Flag-like values that are never secrets, whatever the key says. */
const NOT_A_SECRET = /^(true|false|yes|no|on|off|none|null)$/i;

/**
 * Keys that name a secret in most tools but an enumerated setting in one the platform uses: the
 * OpenTelemetry load-balancing exporter's `routing_key` picks what spans are routed by.
 */
const ENUM_VALUES: Record<string, RegExp> = { routing_key: /^(traceID|service|resource|metric|streamID|attributes)$/ };

/** Value shapes that are secrets wherever they appear, with the name a message uses. */
const SECRET_VALUES: { what: string; pattern: RegExp }[] = [
  { what: "a Slack webhook URL", pattern: /https:\/\/hooks\.slack\.com\/(services|workflows|triggers)\/[A-Za-z0-9_/-]+/ },
  { what: "a Slack token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { what: "a Discord webhook URL", pattern: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[\w-]+/ },
  { what: "a Microsoft Teams webhook URL", pattern: /https:\/\/[\w.-]*webhook\.office\.com\/\S+/ },
  { what: "a private key", pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/ },
  { what: "an AWS access key id", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { what: "a GitHub token", pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
  { what: "a Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { what: "a JSON web token", pattern: /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
  { what: "a URL with a password", pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:(?!\$)[^/\s@]+@/i },
  { what: "a URL with a credential in its query", pattern: /[?&](?:token|api[_-]?key|apikey|access_token|sig|signature|secret|password)=[^&\s"']{8,}/i },
];

/** Whether a key names a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Whether `value`, stored under a secret-looking key, is a literal secret rather than a reference or a flag. */
export function isLiteralSecret(value: string): boolean {
  const v = value.trim();
  return v !== "" && !NOT_A_SECRET.test(v) && !REFERENCE.some((r) => r.test(v));
}

/** The kind of secret a value looks like, or undefined. */
export function secretShape(value: string): string | undefined {
  return SECRET_VALUES.find((s) => s.pattern.test(value))?.what;
}

/** One secret-looking value: where it is and why it looks secret. Never the value itself. */
export interface SecretFinding {
  /** Path in a structured document (`global.slack_api_url`), or `line N` of a plain text. */
  at: string;
  /** Why, e.g. `the key "password" names a secret` or `the value looks like a Slack webhook URL`. */
  why: string;
}

/** Why a (key, value) pair looks secret, or undefined. */
export function whySecret(key: string | undefined, value: string): string | undefined {
  if (key !== undefined && ENUM_VALUES[key]?.test(value.trim()) === true) return secretShape(value) === undefined ? undefined : `the value looks like ${secretShape(value)}`;
  if (key !== undefined && isSecretName(key) && isLiteralSecret(value)) return `the key "${key}" names a secret and holds a literal value`;
  const shape = secretShape(value);
  return shape === undefined ? undefined : `the value looks like ${shape}`;
}

function walk(node: unknown, path: string, key: string | undefined, out: SecretFinding[]): void {
  if (typeof node === "string") {
    const why = whySecret(key, node);
    if (why !== undefined) out.push({ at: path, why });
  } else if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, `${path}[${i}]`, key, out));
  } else if (isMapping(node)) {
    for (const [k, v] of Object.entries(node)) walk(v, path === "" ? k : `${path}.${k}`, k, out);
  }
}

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s*["']?(.*?)["']?\s*$/;

/**
 * Every secret-looking value of a text: structured texts (YAML, JSON) are walked key by key;
 * anything else is read line by line (`KEY=value`, `key: value`, or a secret-shaped value).
 */
export function findSecrets(text: string): SecretFinding[] {
  const out: SecretFinding[] = [];
  const parsed = parseDocuments(text);
  if (parsed.ok && parsed.documents.some((d) => typeof d === "object" && d !== null)) {
    parsed.documents.forEach((doc, i) => walk(doc, parsed.documents.length > 1 ? `document ${i + 1}` : "", undefined, out));
    return out.map((f) => ({ ...f, at: f.at === "" ? "the document" : f.at }));
  }
  text.split("\n").forEach((line, i) => {
    const m = ASSIGNMENT.exec(line);
    const why = m === null ? whySecret(undefined, line) : whySecret(m[1], m[2]);
    if (why !== undefined) out.push({ at: `line ${i + 1}`, why });
  });
  return out;
}
