import type { ServiceDeclaration } from "./types";

/**
 * Identity helper a service file calls so that the declaration is type-checked:
 * `export default defineService({ ... })`. Validation happens when the catalogue loads.
 */
export function defineService(declaration: ServiceDeclaration): ServiceDeclaration {
  return declaration;
}
