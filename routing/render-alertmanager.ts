import { renderYaml } from "../generators/render-yaml";
import type { AlertmanagerConfig } from "./alertmanager-types";

/**
 * The configuration as YAML, headed by the platform's generated-file comment naming
 * `source` (e.g. "stacks/teams and stacks/services for production").
 */
export function renderAlertmanagerConfig(config: AlertmanagerConfig, source: string): string {
  return renderYaml(config, source);
}
