import * as path from "path";
import { loadCatalogue } from "../../../catalogue/load";
import type { CataloguedService } from "../../../catalogue/types";

/** The real example catalogue under stacks/services/ (storefront, checkout-api, pricing-engine). */
export function exampleCatalogue(): CataloguedService[] {
  return loadCatalogue(path.resolve(__dirname, "../../.."));
}
