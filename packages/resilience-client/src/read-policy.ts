import * as fs from "fs";
import { FAILURE_OUTCOMES, FALLBACK_STRATEGIES, JITTERS, POLICY_FILE_ENV, POLICY_SCHEMA_VERSION, type ResiliencePolicyDocument } from "./policy-document";

/**
 * Checks what the client relies on, naming the field: the document is validated against its JSON
 * Schema when it is generated, this guards against a hand-edited or foreign file.
 */
function documentProblems(doc: unknown): string[] {
  const problems: string[] = [];
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
  const whole = (path: string, v: unknown, min: number): void => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < min) problems.push(`${path}: ${JSON.stringify(v)} must be a whole number of at least ${min}`);
  };
  const oneOf = (path: string, v: unknown, allowed: readonly string[]): void => {
    if (typeof v !== "string" || !allowed.includes(v)) problems.push(`${path}: ${JSON.stringify(v)} must be one of ${allowed.join(", ")}`);
  };
  if (!isObject(doc)) return ["the document is not a JSON object"];
  if (doc.schemaVersion !== POLICY_SCHEMA_VERSION) {
    return [`schemaVersion: ${JSON.stringify(doc.schemaVersion)} is not supported; this client reads version ${POLICY_SCHEMA_VERSION}`];
  }
  if (!isObject(doc.dependencies)) return ["dependencies: must be an object of policies by dependency name"];
  for (const [name, p] of Object.entries(doc.dependencies)) {
    const at = `dependencies.${name}`;
    if (!isObject(p)) {
      problems.push(`${at}: must be an object`);
      continue;
    }
    if (p.timeoutMs !== null) whole(`${at}.timeoutMs`, p.timeoutMs, 1);
    if (p.retry !== null) {
      const r = isObject(p.retry) ? p.retry : {};
      whole(`${at}.retry.maxAttempts`, r.maxAttempts, 1);
      const b = isObject(r.backoff) ? r.backoff : {};
      whole(`${at}.retry.backoff.baseMs`, b.baseMs, 0);
      whole(`${at}.retry.backoff.capMs`, b.capMs, 0);
      oneOf(`${at}.retry.backoff.jitter`, b.jitter, JITTERS);
      if (!Array.isArray(r.retryOn)) problems.push(`${at}.retry.retryOn: must be a list of ${FAILURE_OUTCOMES.join(", ")}`);
      else r.retryOn.forEach((o, i) => oneOf(`${at}.retry.retryOn[${i}]`, o, FAILURE_OUTCOMES));
      const g = isObject(r.budget) ? r.budget : {};
      if (typeof g.percent !== "number" || g.percent < 0) problems.push(`${at}.retry.budget.percent: ${JSON.stringify(g.percent)} must be a number of at least 0`);
      if (typeof g.minRetriesPerSecond !== "number" || g.minRetriesPerSecond < 0) {
        problems.push(`${at}.retry.budget.minRetriesPerSecond: ${JSON.stringify(g.minRetriesPerSecond)} must be a number of at least 0`);
      }
    }
    if (p.circuitBreaker !== null) {
      const c = isObject(p.circuitBreaker) ? p.circuitBreaker : {};
      const rate = c.failureRatePercent;
      if (typeof rate !== "number" || rate <= 0 || rate >= 100) problems.push(`${at}.circuitBreaker.failureRatePercent: ${JSON.stringify(rate)} must be above 0 and below 100`);
      whole(`${at}.circuitBreaker.minimumCalls`, c.minimumCalls, 1);
      whole(`${at}.circuitBreaker.windowCalls`, c.windowCalls, typeof c.minimumCalls === "number" ? Math.max(1, c.minimumCalls) : 1);
      whole(`${at}.circuitBreaker.openDurationMs`, c.openDurationMs, 1);
      whole(`${at}.circuitBreaker.halfOpenProbes`, c.halfOpenProbes, 1);
    }
    if (p.bulkhead !== null) {
      const k = isObject(p.bulkhead) ? p.bulkhead : {};
      whole(`${at}.bulkhead.maxConcurrent`, k.maxConcurrent, 1);
      whole(`${at}.bulkhead.queueSize`, k.queueSize, 0);
    }
    const f = isObject(p.fallback) ? p.fallback : {};
    oneOf(`${at}.fallback.strategy`, f.strategy, FALLBACK_STRATEGIES);
    if (f.strategy === "cached") whole(`${at}.fallback.maxAgeMs`, f.maxAgeMs, 1);
    if (f.strategy === "default-value" && !("value" in f)) problems.push(`${at}.fallback.value: missing`);
  }
  return problems;
}

/**
 * The policy document in `text`, checked; `source` names it in errors (a file path).
 * @throws Error `<source>: <field>: <problem>`, one line per problem
 */
export function parsePolicyDocument(text: string, source: string): ResiliencePolicyDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source}: is not JSON: ${(e as Error).message}`);
  }
  const problems = documentProblems(doc);
  if (problems.length > 0) throw new Error(problems.map((p) => `${source}: ${p}`).join("\n"));
  return doc as ResiliencePolicyDocument;
}

/** Reads and checks the policy file at `file`. */
export function readPolicyFile(file: string): ResiliencePolicyDocument {
  return parsePolicyDocument(fs.readFileSync(file, "utf8"), file);
}

/**
 * Reads the policy file named by `SEVENSA_RESILIENCE_POLICY_FILE`.
 * @param env the environment @default process.env
 */
export function readPolicyFromEnvironment(env: NodeJS.ProcessEnv = process.env): ResiliencePolicyDocument {
  const file = env[POLICY_FILE_ENV];
  if (file === undefined || file === "") {
    throw new Error(`${POLICY_FILE_ENV} is not set: mount the service's <service>-resilience ConfigMap and point ${POLICY_FILE_ENV} at its resilience.json`);
  }
  return readPolicyFile(file);
}
