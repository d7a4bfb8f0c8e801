/**
 * The subset of the Alertmanager 0.25 configuration file this platform generates, as
 * plain data with Alertmanager's own (snake_case) field names, so that rendering it is
 * a plain YAML dump. https://prometheus.io/docs/alerting/0.25/configuration/
 */

/** `route` and its children. */
export interface AmRoute {
  receiver?: string;
  matchers?: string[];
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  continue?: boolean;
  active_time_intervals?: string[];
  mute_time_intervals?: string[];
  routes?: AmRoute[];
}

export interface AmPagerDutyConfig {
  send_resolved: boolean;
  routing_key_file: string;
  severity: string;
  description: string;
  links: Array<{ href: string; text: string }>;
}

export interface AmSlackConfig {
  send_resolved: boolean;
  api_url_file: string;
  channel: string;
  title: string;
  text: string;
}

export interface AmHttpConfig {
  authorization?: { type: string; credentials_file: string };
}

export interface AmWebhookConfig {
  send_resolved: boolean;
  url: string;
  http_config?: AmHttpConfig;
}

export interface AmEmailConfig {
  send_resolved: boolean;
  to: string;
  from: string;
  smarthost: string;
  require_tls: boolean;
  auth_username?: string;
  auth_password_file?: string;
}

export interface AmReceiver {
  name: string;
  pagerduty_configs?: AmPagerDutyConfig[];
  slack_configs?: AmSlackConfig[];
  webhook_configs?: AmWebhookConfig[];
  email_configs?: AmEmailConfig[];
}

export interface AmInhibitRule {
  source_matchers: string[];
  target_matchers: string[];
  equal?: string[];
}

export interface AmTimeInterval {
  name: string;
  time_intervals: Array<{
    times?: Array<{ start_time: string; end_time: string }>;
    weekdays?: string[];
    days_of_month?: string[];
    months?: string[];
    years?: string[];
    location?: string;
  }>;
}

/** The whole generated configuration. */
export interface AlertmanagerConfig {
  global: { resolve_timeout: string };
  route: AmRoute;
  inhibit_rules: AmInhibitRule[];
  receivers: AmReceiver[];
  time_intervals: AmTimeInterval[];
}
