/**
 * Query builders for the three datasources, each bound to its fixed datasource UID and an
 * explicit refId. The SDK has no Jaeger query type, so `JaegerSearchBuilder` supplies one in
 * the SDK's own pattern (a `Builder<Dataquery>`), with the fields of Grafana's Jaeger
 * `JaegerQuery` (`queryType`, `service`, `operation`, `tags`, `limit`).
 */
import type { Builder, Dataquery } from "@grafana/grafana-foundation-sdk/cog";
import { DataqueryBuilder as LokiQuery } from "@grafana/grafana-foundation-sdk/loki";
import { DataqueryBuilder as PromQuery, PromQueryFormat } from "@grafana/grafana-foundation-sdk/prometheus";
import { DATASOURCES } from "./datasources";

/** How a PromQL target is evaluated and shaped. */
export interface PromTargetOptions {
  /** Legend template, e.g. `{{http_route}}`. @default - Grafana's default (the label set) */
  legend?: string;
  /** Evaluate once at the end of the range (stat, table, node graph). @default false */
  instant?: boolean;
  /** Result shape. @default "time_series" */
  format?: "time_series" | "table" | "heatmap";
  /** Ask Prometheus for exemplars too (links to traces). @default false */
  exemplar?: boolean;
}

const FORMATS = {
  time_series: PromQueryFormat.TimeSeries,
  table: PromQueryFormat.Table,
  heatmap: PromQueryFormat.Heatmap,
} as const;

/** A PromQL target on the platform Prometheus. */
export function promTarget(refId: string, expr: string, opts: PromTargetOptions = {}): PromQuery {
  const q = new PromQuery().refId(refId).datasource(DATASOURCES.prometheus).expr(expr);
  if (opts.legend !== undefined) q.legendFormat(opts.legend);
  if (opts.instant === true) q.instant();
  else q.range();
  if (opts.format !== undefined) q.format(FORMATS[opts.format]);
  if (opts.exemplar === true) q.exemplar(true);
  return q;
}

/** A LogQL query on the platform Loki; `maxLines` bounds a log query's lines. */
export function lokiTarget(refId: string, expr: string, maxLines?: number): LokiQuery {
  const q = new LokiQuery().refId(refId).datasource(DATASOURCES.loki).expr(expr);
  if (maxLines !== undefined) q.maxLines(maxLines);
  return q;
}

/** Grafana's Jaeger query model (`public/app/plugins/datasource/jaeger/types.ts`), search form. */
export interface JaegerSearchQuery extends Dataquery {
  refId: string;
  datasource: { type: string; uid: string };
  queryType: "search";
  /** Service name as Jaeger knows it (`service.name`); template variables are interpolated. */
  service: string;
  /** Span name; omitted means all operations. */
  operation?: string;
  /** logfmt tags, e.g. `error=true`. */
  tags?: string;
  /** Most traces returned. */
  limit: number;
}

/** Builds a Jaeger trace search target. */
export class JaegerSearchBuilder implements Builder<Dataquery> {
  private readonly internal: JaegerSearchQuery;

  constructor(refId: string, service: string, limit: number) {
    this.internal = {
      refId,
      datasource: { ...DATASOURCES.jaeger },
      queryType: "search",
      service,
      limit,
      _implementsDataqueryVariant() {},
    };
  }

  /** Restricts the search to one span name. */
  operation(operation: string): this {
    this.internal.operation = operation;
    return this;
  }

  /** logfmt tag filter, e.g. `error=true`. */
  tags(tags: string): this {
    this.internal.tags = tags;
    return this;
  }

  build(): Dataquery {
    return this.internal;
  }
}
