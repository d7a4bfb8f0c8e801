/**
 * The shape of a Prometheus rule file, as plain data. Field names and order are those of
 * the Prometheus rule file format so that rendering is a plain YAML dump.
 */

/** A recording rule: `record` is the new series name, `labels` are added to every result. */
export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

/** The annotations every generated alert carries. */
export interface AlertAnnotations {
  /** One line for the notification title. */
  summary: string;
  /** What is happening and why it matters; may use `{{ $value }}` and `{{ $labels.x }}`. */
  description: string;
  /** Link to the runbook of this alert type (see `runbookUrl`). */
  runbook_url: string;
}

/** An alerting rule. */
export interface AlertingRule {
  alert: string;
  expr: string;
  /** How long the condition must hold before the alert fires; omitted means at once. */
  for?: string;
  labels: Record<string, string>;
  annotations: AlertAnnotations;
}

export type Rule = RecordingRule | AlertingRule;

/** A rule group: rules evaluated in order, every `interval`. */
export interface RuleGroup {
  name: string;
  /** Evaluation interval; omitted means Prometheus' global evaluation interval. */
  interval?: string;
  rules: Rule[];
}

/** A whole rule file. */
export interface RuleFile {
  groups: RuleGroup[];
}

/** True for an alerting rule. */
export function isAlertingRule(rule: Rule): rule is AlertingRule {
  return "alert" in rule;
}
