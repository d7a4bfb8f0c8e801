import { parseAllDocuments } from "yaml";

/** The documents of a YAML (or JSON) text, or the first parse error. */
export type Parsed = { ok: true; documents: unknown[] } | { ok: false; error: string };

/** Parses every document of a YAML or JSON text (JSON is YAML). */
export function parseDocuments(text: string): Parsed {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  for (const d of list) {
    if (d.errors.length > 0) return { ok: false, error: d.errors[0].message.split("\n")[0] };
  }
  return { ok: true, documents: list.map((d) => d.toJS()) };
}

/** Whether a value is a plain object (a YAML mapping). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
