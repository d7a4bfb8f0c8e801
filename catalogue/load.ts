import { loadDeclarationFiles } from "./load-dir";
import type { CataloguedService, ServiceDeclaration } from "./types";

/** Where service declarations live, relative to the repository root. */
export const SERVICES_DIR = "stacks/services";

/**
 * Loads every service declaration (`export default defineService({ ... })`, one per file) under
 * `dir`, sorted by file name. Structural validation is done separately (see `validate.ts`).
 *
 * @param repoRoot absolute path of the repository root
 * @param dir directory relative to `repoRoot` @default SERVICES_DIR
 */
export function loadCatalogue(repoRoot: string, dir: string = SERVICES_DIR): CataloguedService[] {
  return loadDeclarationFiles<ServiceDeclaration>(repoRoot, dir, "defineService");
}
