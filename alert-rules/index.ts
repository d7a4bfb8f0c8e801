/**
 * Prometheus rule generation: SLO burn-rate rules per service and the platform's own
 * alerts, as plain data (`RuleFile`) and as rendered YAML. Imports nothing from Pulumi.
 */
export { generateServiceRules, GROUP_INTERVALS } from "./service-rules";
export { generatePlatformRules } from "./platform-rules";
export { renderRuleFile, generatedHeader } from "./render";
export { runbookUrl, alertNameKebab, RUNBOOK_BASE_URL } from "./runbook-url";
export { RECORDING_NAMES, WINDOW_LABEL, PERIOD_LABEL, BASE_WINDOW } from "./recording-names";
export { SLO_ALERT_NAME } from "./slo-alerts";
export { burnRateWindows, minimumObjective, BURN_RATE_WINDOWS, DEFAULT_PERIOD } from "./burn-rate";
export { formatNumber } from "./format-number";
export type { RuleFile, RuleGroup, Rule, RecordingRule, AlertingRule, AlertAnnotations } from "./types";
export { isAlertingRule } from "./types";
