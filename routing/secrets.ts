import type { AlertmanagerConfig } from "./alertmanager-types";
import type { TeamDeclaration } from "./team-types";

/**
 * Where the Alertmanager pod mounts the receiver Secret: one file per secret name,
 * holding exactly the secret value. The generated configuration points every
 * `*_file` field at `${ALERTMANAGER_SECRETS_DIR}/<secretName>` and contains no value.
 */
export const ALERTMANAGER_SECRETS_DIR = "/etc/alertmanager/secrets";

/** Secret names are file names and Kubernetes Secret keys: DNS-1123 labels. */
export const SECRET_NAME_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The file Alertmanager reads the secret `name` from. */
export function secretFilePath(name: string): string {
  return `${ALERTMANAGER_SECRETS_DIR}/${name}`;
}

/**
 * Every secret name a generated configuration reads (through `routing_key_file`,
 * `api_url_file`, `credentials_file` or `auth_password_file`), sorted and unique: the
 * keys the mounted Secret must hold.
 */
export function secretNamesOf(config: AlertmanagerConfig): string[] {
  const names = new Set<string>();
  const add = (file: string | undefined): void => {
    if (file === undefined) return;
    const prefix = `${ALERTMANAGER_SECRETS_DIR}/`;
    if (!file.startsWith(prefix)) {
      throw new Error(`secret file ${file} is outside ${ALERTMANAGER_SECRETS_DIR}`);
    }
    names.add(file.slice(prefix.length));
  };
  for (const r of config.receivers) {
    for (const c of r.pagerduty_configs ?? []) add(c.routing_key_file);
    for (const c of r.slack_configs ?? []) add(c.api_url_file);
    for (const c of r.webhook_configs ?? []) add(c.http_config?.authorization?.credentials_file);
    for (const c of r.email_configs ?? []) add(c.auth_password_file);
  }
  return [...names].sort();
}

/**
 * The routing-key secret names of a team's PagerDuty receivers, sorted and unique: the
 * secrets the team's PagerDuty service integration key feeds (see `PagerDutyOnCall`).
 */
export function pagerDutyKeySecrets(team: TeamDeclaration): string[] {
  const names = Object.values(team.receivers).flatMap((r) => (r.pagerduty === undefined ? [] : [r.pagerduty.routingKeySecret]));
  return [...new Set(names)].sort();
}
