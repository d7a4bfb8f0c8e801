import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { generateAgentConfig } from "../../telemetry/agent-config";
import { telemetryDatasources } from "../../telemetry/datasources";
import { LOG_LINE_EXAMPLES, type ExampleLanguage } from "../../telemetry/log-examples";
import { traceIdLineRegex } from "../../telemetry/log-parsing";
import { logLineProblems } from "../../telemetry/log-schema";
import { runOperators } from "./support/stanza-runner";
import { stackPlan } from "./support/stacks";

const FILE = "/var/log/pods/shop_checkout-api-7d9f_0b1c2d3e-aaaa-bbbb-cccc-1234567890ab/app/0.log";
const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

/** The file_log receiver exactly as the rendered agent.yaml of the local stack carries it. */
function renderedFileLog(): { operators: Record<string, unknown>[]; include_file_path?: boolean } {
  const agent = parse(stackPlan("local").files["otel/agent.yaml"]) as any;
  return agent.receivers.file_log;
}

/** A CRI runtime line wrapping what the service wrote. */
function cri(content: string): string {
  return `2025-03-14T09:26:53.700000000Z stdout F ${content}`;
}

const EXPECTED: Record<ExampleLanguage, { severity: string; severityText: string; label: string; span: string; service: string; version: string; time: string }> = {
  typescript: { severity: "error", severityText: "ERROR", label: "error", span: "00f067aa0ba902b7", service: "checkout-api", version: "1.8.2", time: "2025-03-14T09:26:53.589Z" },
  python: { severity: "warn", severityText: "WARN", label: "warn", span: "b7ad6b7169203331", service: "pricing-engine", version: "3.2.0", time: "2025-03-14T09:26:53.612Z" },
  php: { severity: "info", severityText: "INFO", label: "info", span: "53995c3f42cd8ad8", service: "storefront", version: "5.14.0", time: "2025-03-14T09:26:53.498Z" },
};

describe("the collector's filelog parsing, executed on one example line per language", () => {
  const operators = renderedFileLog();

  test.each(Object.keys(LOG_LINE_EXAMPLES) as ExampleLanguage[])("%s: trace id, span id, severity, timestamp and resource are extracted", (lang) => {
    const line = LOG_LINE_EXAMPLES[lang];
    const e = runOperators(operators, cri(line), FILE);
    const want = EXPECTED[lang];
    expect(e.traceId).toBe(TRACE);
    expect(e.spanId).toBe(want.span);
    expect(e.severity).toBe(want.severity);
    expect(e.severityText).toBe(want.severityText);
    expect(e.timestamp?.toISOString()).toBe(want.time);
    expect(e.resource).toEqual({
      "k8s.namespace.name": "shop",
      "k8s.pod.name": "checkout-api-7d9f",
      "k8s.pod.uid": "0b1c2d3e-aaaa-bbbb-cccc-1234567890ab",
      "k8s.container.name": "app",
      "k8s.container.restart_count": "0",
      "service.name": want.service,
      "service.version": want.version,
      "deployment.environment.name": "production",
      severity: want.label,
    });
    // The line stays what the service wrote; the scratch map is gone.
    expect(e.body).toBe(line);
    expect(e.attributes).toEqual({ "log.iostream": "stdout", logtag: "F" });
  });

  test.each(Object.keys(LOG_LINE_EXAMPLES) as ExampleLanguage[])("%s: the example follows the log schema", (lang) => {
    expect(logLineProblems(JSON.parse(LOG_LINE_EXAMPLES[lang]))).toEqual([]);
  });

  test("aliases map to the canonical severity and label (Python's WARNING, Monolog's CRITICAL)", () => {
    const warning = runOperators(operators, cri('{"timestamp":"2025-03-14T09:26:53Z","severity":"WARNING","message":"m","service.name":"s"}'), FILE);
    const critical = runOperators(operators, cri('{"timestamp":"2025-03-14T09:26:53Z","severity":"CRITICAL","message":"m","service.name":"s"}'), FILE);
    expect([warning.severity, warning.resource.severity]).toEqual(["warn", "warn"]);
    expect([critical.severity, critical.resource.severity]).toEqual(["fatal", "fatal"]);
  });

  test("without the file path the container operator cannot add the Kubernetes metadata (so the receiver includes it)", () => {
    const e = runOperators({ ...operators, include_file_path: false }, cri(LOG_LINE_EXAMPLES.php), FILE);
    expect(e.resource["k8s.namespace.name"]).toBeUndefined();
    expect(operators.include_file_path).toBe(true);
  });

  test("a line that is not JSON passes unchanged, without a trace id or a severity label", () => {
    const e = runOperators(operators, cri("Listening on :8080"), FILE);
    expect(e.body).toBe("Listening on :8080");
    expect(e.traceId).toBeUndefined();
    expect(e.resource.severity).toBeUndefined();
    expect(e.resource["k8s.namespace.name"]).toBe("shop");
  });

  test("a malformed trace id is not taken (send_quiet keeps the line)", () => {
    const e = runOperators(operators, cri('{"timestamp":"2025-03-14T09:26:53Z","severity":"INFO","message":"m","service.name":"s","trace_id":"xyz"}'), FILE);
    expect(e.traceId).toBeUndefined();
    expect(e.severity).toBe("info");
  });

  test("the schema check names what is wrong", () => {
    expect(logLineProblems({ severity: "LOUD", trace_id: "ABC", attributes: [] })).toEqual([
      '"timestamp" is required',
      '"message" is required',
      '"service.name" is required',
      '"trace_id" "ABC" does not match ^[0-9a-f]{32}$',
      '"attributes" must be a JSON object',
      '"severity" "LOUD" is not one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL',
    ]);
  });
});

describe("Grafana's Loki derived field (log → trace)", () => {
  const loki = telemetryDatasources({ jaegerUrl: "http://j:16686", lokiUrl: "http://l:3100" }).find((d) => d.type === "loki") as any;
  const lineField = loki.jsonData.derivedFields.find((f: any) => f.matcherType === "regex");

  test("the regex in the provisioned datasource is the one generated from the schema", () => {
    expect(lineField.matcherRegex).toBe(traceIdLineRegex());
    expect(lineField.matcherRegex).toBe('"trace_id"\\s*:\\s*"([0-9a-f]{32})"');
    expect(lineField.datasourceUid).toBe("sevensa-jaeger");
  });

  test.each(Object.keys(LOG_LINE_EXAMPLES) as ExampleLanguage[])("%s: the regex captures the trace id from the line Loki stores", (lang) => {
    const m = new RegExp(lineField.matcherRegex).exec(LOG_LINE_EXAMPLES[lang]);
    expect(m?.[1]).toBe(TRACE);
  });

  test("the regex does not match a span id or a line without trace_id", () => {
    expect(new RegExp(lineField.matcherRegex).exec('{"span_id":"00f067aa0ba902b7","message":"trace_id missing"}')).toBeNull();
  });
});

test.each(["docs/log-schema.md", "README.md"])("%s shows each example line exactly", (file) => {
  const doc = fs.readFileSync(path.resolve(__dirname, "../..", file), "utf8");
  for (const line of Object.values(LOG_LINE_EXAMPLES)) expect(doc).toContain(line);
});

test("the agent config carries the generated operators unchanged", () => {
  const config = generateAgentConfig({ environment: "local", agentNamespace: "a", gatewayHeadlessHost: "h", gatewayHost: "g" }) as any;
  expect(renderedFileLog().operators).toEqual(JSON.parse(JSON.stringify(config.receivers.file_log.operators)));
});
