/**
 * The versioned JSON Schema of the policy document (`schema/resilience-policy.v1.json`) and its
 * validation with ajv (JSON Schema draft 2020-12).
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import schema from "./schema/resilience-policy.v1.json";

/** Path of the schema file in the repository. */
export const POLICY_SCHEMA_FILE = "resilience/schema/resilience-policy.v1.json";

/** The schema, as data. */
export const POLICY_SCHEMA: object = schema;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);
  return compiled;
}

function describe(e: ErrorObject): string {
  const at = e.instancePath === "" ? "(document)" : e.instancePath;
  const extra = e.keyword === "additionalProperties" ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : "";
  const allowed = e.keyword === "enum" ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(", ")}` : "";
  return `${at}: ${e.message ?? e.keyword}${extra}${allowed}`;
}

/**
 * Problems of `document` against the version-1 schema, one line each as
 * `<JSON pointer>: <message>` (ajv's messages). Empty when it is valid.
 */
export function policySchemaProblems(document: unknown): string[] {
  const validate = validator();
  if (validate(document)) return [];
  return (validate.errors ?? []).map(describe);
}
