/** The example catalogue and the provisioned datasource UIDs the dashboard tests check against. */
import * as path from "path";
import { loadCatalogue } from "../../../catalogue/load";
import type { CataloguedService } from "../../../catalogue/types";
import { validateCatalogue } from "../../../catalogue/validate";
import { generateDatasources } from "../../../generators/grafana-datasources";
import { telemetryDatasources } from "../../../telemetry/datasources";

export const REPO_ROOT = path.resolve(__dirname, "../../..");

/** The example catalogue under stacks/services/, validated. */
export function exampleCatalogue(): CataloguedService[] {
  return validateCatalogue(loadCatalogue(REPO_ROOT));
}

/**
 * UIDs of every datasource Grafana is provisioned with: the metrics core's file
 * (generators/grafana-datasources.ts) plus the entries the tracing and logging path appends
 * (telemetry/datasources.ts), read from the generators' real output.
 */
export function provisionedDatasourceUids(): Set<string> {
  const core = generateDatasources({ prometheusUrl: "http://p:9090", alertmanagerUrl: "http://a:9093", scrapeInterval: "30s" }).datasources as Array<{ uid: string }>;
  const telemetry = telemetryDatasources({ jaegerUrl: "http://j:16686", lokiUrl: "http://l:3100" }) as Array<{ uid?: unknown }>;
  return new Set([...core.map((d) => d.uid), ...telemetry.map((d) => String(d.uid))]);
}
