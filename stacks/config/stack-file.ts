import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/** Name of the stack file for a stack. */
export function stackFile(stack: string): string {
  return `Pulumi.${stack}.yaml`;
}

/** The directory holding Pulumi.yaml and the committed stack files (this file lives in stacks/config/). */
export const PROJECT_DIR = path.resolve(__dirname, "../..");

/**
 * The `config:` section of `Pulumi.<stack>.yaml` in `dir` as written in the file (secure values
 * stay `{secure: "v1:…"}`), or undefined when there is no such file.
 */
export function stackFileConfig(dir: string, stack: string): Record<string, unknown> | undefined {
  const file = path.join(dir, stackFile(stack));
  if (!fs.existsSync(file)) return undefined;
  const doc = (parse(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> | null };
  return doc.config ?? {};
}
