import type { CataloguedService, EnvironmentName } from "../catalogue/types";
import type { AmInhibitRule } from "./alertmanager-types";
import type { LoadedTeam } from "./team-types";

/** What the Alertmanager configuration is generated from. */
export interface RoutingInput {
  /** The stack the configuration is for; decides per-environment routes and paging. @default - none (required) */
  environment: EnvironmentName;
  /** Every declared team (see `loadTeams`). @default - none (required) */
  teams: LoadedTeam[];
  /** The service catalogue (see `loadCatalogue`). @default - none (required) */
  services: CataloguedService[];
  /**
   * Generated name (`<team>-<key>`) of the receiver that alerts labelled `chaos_experiment`
   * go to, instead of the platform team's `routes.experiments`.
   * @default - the platform team's `routes.experiments` receiver
   */
  experimentReceiver?: string;
  /**
   * Inhibition rules appended after the generated ones, e.g. `chaosMuteInhibitRule()`
   * (chaos/windows.ts), which mutes a service's SLO alerts while its experiment window is open.
   * @default []
   */
  extraInhibitRules?: AmInhibitRule[];
}
