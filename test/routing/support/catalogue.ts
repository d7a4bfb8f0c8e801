import type { CataloguedService } from "../../../catalogue/types";
import { FIXTURE_SERVICES } from "./services";

/**
 * The example catalogue the routing tests run over. Until the example services land
 * under stacks/services/ these are fixtures with the same names, teams and namespaces.
 */
export function exampleCatalogue(): CataloguedService[] {
  return FIXTURE_SERVICES;
}
