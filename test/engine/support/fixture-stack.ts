import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { repoStackDocument, type StackDocument } from "./sandbox";

/** test/fixtures/engine/ */
export const ENGINE_FIXTURES = path.resolve(__dirname, "../../fixtures/engine");

type Plain = Record<string, unknown>;

function isMapping(v: unknown): v is Plain {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `over` merged into `base`: mappings key by key (recursively), anything else replaced. */
export function mergeMappings(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isMapping(v) && isMapping(base[k]) ? mergeMappings(base[k], v) : v;
  }
  return out;
}

/**
 * A fixture stack: `extends: <stack>` names the repository's Pulumi.<stack>.yaml, `config` is
 * merged over its config. Throws naming the fixture file and field when either is missing.
 */
export function fixtureStackDocument(file: string): { base: StackDocument; document: StackDocument } {
  const fixture = parse(fs.readFileSync(file, "utf8")) as { extends?: unknown; config?: unknown } | null;
  const name = path.relative(ENGINE_FIXTURES, file);
  if (typeof fixture?.extends !== "string") throw new Error(`${name}: extends: is required (the stack whose Pulumi.<stack>.yaml the fixture starts from)`);
  if (!isMapping(fixture.config)) throw new Error(`${name}: config: is required (a mapping merged over the base stack's config)`);
  const base = repoStackDocument(fixture.extends);
  return { base, document: { ...base, config: mergeMappings(base.config, fixture.config) } };
}
