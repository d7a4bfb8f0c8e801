import type { AmReceiver } from "./alertmanager-types";
import { secretFilePath } from "./secrets";
import type { ReceiverDeclaration } from "./team-types";

/** The generated (globally unique) name of a team's receiver. */
export function receiverName(team: string, key: string): string {
  return `${team}-${key}`;
}

/** Slack message title: status, count, alert and service. */
export const SLACK_TITLE =
  '[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }} {{ .CommonLabels.service }}';

/** Slack message body: summary, description and runbook of every alert in the group. */
export const SLACK_TEXT =
  "{{ range .Alerts }}*{{ .Annotations.summary }}*\n{{ .Annotations.description }}\nRunbook: {{ .Annotations.runbook_url }}\n{{ end }}";

/** PagerDuty incident title. */
export const PAGERDUTY_DESCRIPTION = "{{ .CommonLabels.alertname }} {{ .CommonLabels.service }}: {{ .CommonAnnotations.summary }}";

/**
 * Turns a declared receiver into an Alertmanager receiver. Every secret is a `*_file`
 * path under `ALERTMANAGER_SECRETS_DIR`; no value appears. Resolutions are sent.
 */
export function buildReceiver(name: string, decl: ReceiverDeclaration): AmReceiver {
  const out: AmReceiver = { name };
  if (decl.pagerduty !== undefined) {
    out.pagerduty_configs = [
      {
        send_resolved: true,
        routing_key_file: secretFilePath(decl.pagerduty.routingKeySecret),
        severity: decl.pagerduty.severity ?? "critical",
        description: PAGERDUTY_DESCRIPTION,
        links: [{ href: "{{ .CommonAnnotations.runbook_url }}", text: "Runbook" }],
      },
    ];
  }
  if (decl.slack !== undefined) {
    out.slack_configs = [
      {
        send_resolved: true,
        api_url_file: secretFilePath(decl.slack.webhookUrlSecret),
        channel: decl.slack.channel,
        title: SLACK_TITLE,
        text: SLACK_TEXT,
      },
    ];
  }
  if (decl.webhook !== undefined) {
    const token = decl.webhook.bearerTokenSecret;
    out.webhook_configs = [
      {
        send_resolved: true,
        url: decl.webhook.url,
        ...(token === undefined ? {} : { http_config: { authorization: { type: "Bearer", credentials_file: secretFilePath(token) } } }),
      },
    ];
  }
  if (decl.email !== undefined) {
    const e = decl.email;
    out.email_configs = [
      {
        send_resolved: true,
        to: e.to,
        from: e.from,
        smarthost: e.smarthost,
        require_tls: true,
        ...(e.authUsername === undefined ? {} : { auth_username: e.authUsername }),
        ...(e.authPasswordSecret === undefined ? {} : { auth_password_file: secretFilePath(e.authPasswordSecret) }),
      },
    ];
  }
  return out;
}
