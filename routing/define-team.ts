import type { TeamDeclaration } from "./team-types";

/**
 * Identity helper a team file calls so that the declaration is type-checked:
 * `export default defineTeam({ ... })`. Validation happens in `validateRouting`.
 */
export function defineTeam(declaration: TeamDeclaration): TeamDeclaration {
  return declaration;
}
