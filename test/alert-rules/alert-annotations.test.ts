/**
 * Every generated alert, service and platform, in every environment, carries the label
 * and annotation standard: severity and team labels; summary, description, runbook_url.
 */
import * as path from "path";
import { generatePlatformRules, generateServiceRules, isAlertingRule, runbookUrl, type RuleFile } from "../../alert-rules";
import { loadCatalogue } from "../../catalogue/load";
import { ENVIRONMENTS } from "../../catalogue/types";

const REPO = path.resolve(__dirname, "../..");
const SEVERITIES = ["page", "ticket", "info", "critical", "warning", "none"];

/** What is missing from each alert of `file`, as `<alert> (<group>): <field>` lines. */
function missingFields(file: RuleFile): string[] {
  const missing: string[] = [];
  for (const group of file.groups) {
    for (const rule of group.rules.filter(isAlertingRule)) {
      const where = `${rule.alert} (${group.name})`;
      const labels = (rule.labels ?? {}) as Record<string, string | undefined>;
      const annotations = (rule.annotations ?? {}) as unknown as Record<string, string | undefined>;
      if (!SEVERITIES.includes(labels.severity ?? "")) missing.push(`${where}: severity`);
      if ((labels.team ?? "") === "") missing.push(`${where}: team`);
      for (const key of ["summary", "description"]) {
        if ((annotations[key] ?? "").trim() === "") missing.push(`${where}: ${key}`);
      }
      if (annotations.runbook_url !== runbookUrl(rule.alert)) missing.push(`${where}: runbook_url`);
    }
  }
  return missing;
}

const catalogue = loadCatalogue(REPO);
const files: Array<[string, RuleFile]> = [
  ["platform", generatePlatformRules()],
  ...catalogue.flatMap((s) => ENVIRONMENTS.map((env): [string, RuleFile] => [`${s.declaration.name} (${env})`, generateServiceRules(s, env)])),
];

test.each(files)("every alert of %s has severity, team, summary, description and runbook_url", (_name, file) => {
  expect(file.groups.flatMap((g) => g.rules).filter(isAlertingRule).length).toBeGreaterThan(0);
  expect(missingFields(file)).toEqual([]);
});

test("the check catches an alert without each of them", () => {
  const file = generatePlatformRules();
  const rule = file.groups[0].rules.filter(isAlertingRule)[0];
  const stripped: RuleFile = {
    groups: [
      {
        name: "g",
        rules: [
          { ...rule, labels: { team: "platform" } },
          { ...rule, annotations: { ...rule.annotations, summary: "" } },
          { ...rule, annotations: { ...rule.annotations, description: " " } },
          { ...rule, annotations: { summary: "s", description: "d" } as never },
          { ...rule, annotations: { ...rule.annotations, runbook_url: "https://example.com/runbook" } },
          { ...rule, labels: { severity: "page" } },
        ],
      },
    ],
  };
  expect(missingFields(stripped)).toEqual([
    `${rule.alert} (g): severity`,
    `${rule.alert} (g): summary`,
    `${rule.alert} (g): description`,
    `${rule.alert} (g): runbook_url`,
    `${rule.alert} (g): runbook_url`,
    `${rule.alert} (g): team`,
  ]);
});

test("the platform alerts cover the components the issue names, plus Watchdog and InfoInhibitor", () => {
  const names = generatePlatformRules().groups.flatMap((g) => g.rules.filter(isAlertingRule).map((r) => `${g.name}/${r.alert}`));
  expect(names).toEqual([
    "platform-otel-collector/OtelCollectorReceiverRefusingData",
    "platform-otel-collector/OtelCollectorDroppingData",
    "platform-otel-collector/OtelCollectorExporterSendFailing",
    "platform-otel-collector/OtelCollectorExporterQueueFilling",
    "platform-prometheus/PrometheusRuleEvaluationFailures",
    "platform-prometheus/PrometheusRuleGroupIterationsMissed",
    "platform-prometheus/PrometheusNotificationErrors",
    "platform-prometheus/PrometheusNotificationsDropped",
    "platform-alertmanager/AlertmanagerNotificationFailures",
    "platform-loki/LokiIngestionErrors",
    "platform-loki/LokiDiscardingSamples",
    "platform-jaeger/JaegerStorageErrors",
    "platform-meta/Watchdog",
    "platform-meta/InfoInhibitor",
  ]);
});
