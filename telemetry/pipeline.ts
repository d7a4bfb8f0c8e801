import { componentType, DISTRIBUTION_COMPONENTS, type ComponentKind } from "./components";

/** Signal of a pipeline; the pipeline id is `<signal>` or `<signal>/<name>`. */
export type Signal = "traces" | "metrics" | "logs";

/** One collector pipeline, as an ordered chain. */
export interface PipelineDefinition {
  /** `traces`, `logs/files`, `metrics/red` … */
  id: `${Signal}` | `${Signal}/${string}`;
  /** Receiver or connector ids. */
  receivers: string[];
  /** Processor ids, in order; the first must be `memory_limiter`. */
  processors: string[];
  /** Exporter or connector ids. */
  exporters: string[];
}

/** A whole collector: component settings by id, and the pipelines wiring them. */
export interface CollectorDefinition {
  receivers: Record<string, unknown>;
  processors: Record<string, unknown>;
  exporters: Record<string, unknown>;
  connectors: Record<string, unknown>;
  extensions: Record<string, unknown>;
  pipelines: PipelineDefinition[];
  /** The collector's own telemetry (`service.telemetry`). */
  telemetry: Record<string, unknown>;
}

/** The processor every pipeline starts with, so that no stage allocates before the limiter refuses data. */
export const FIRST_PROCESSOR = "memory_limiter";

function check(owner: string, kind: ComponentKind, defined: Record<string, unknown>, id: string, where: string): void {
  const allowed: readonly string[] = DISTRIBUTION_COMPONENTS[kind];
  if (!allowed.includes(componentType(id))) {
    throw new Error(`${owner}: ${where}: ${kind.slice(0, -1)} type "${componentType(id)}" is not in the otelcol-sevensa distribution (${allowed.join(", ")})`);
  }
  if (!(id in defined)) throw new Error(`${owner}: ${where}: ${kind.slice(0, -1)} "${id}" is used but not configured`);
}

/**
 * The collector config file as plain data, after checking the definition: every pipeline
 * starts with memory_limiter, every component used is configured and part of the
 * distribution, every configured component is used, connectors are both exported to and
 * received from.
 *
 * @param owner names the config in error messages (e.g. `agent`)
 * @throws naming the config and the pipeline at the first problem
 */
export function renderCollectorConfig(owner: string, def: CollectorDefinition): Record<string, unknown> {
  const used = new Set<string>();
  const connectorsIn = new Set<string>();
  const connectorsOut = new Set<string>();
  const ids = new Set<string>();
  for (const p of def.pipelines) {
    const where = `pipeline ${p.id}`;
    if (ids.has(p.id)) throw new Error(`${owner}: ${where} is defined twice`);
    ids.add(p.id);
    if (p.receivers.length === 0) throw new Error(`${owner}: ${where} has no receiver`);
    if (p.exporters.length === 0) throw new Error(`${owner}: ${where} has no exporter`);
    if (p.processors[0] !== FIRST_PROCESSOR) {
      throw new Error(`${owner}: ${where}: the first processor must be ${FIRST_PROCESSOR}, found ${p.processors[0] ?? "none"}`);
    }
    for (const r of p.receivers) {
      if (r in def.connectors) {
        check(owner, "connectors", def.connectors, r, where);
        connectorsOut.add(r);
      } else check(owner, "receivers", def.receivers, r, where);
      used.add(`receivers:${r}`);
    }
    for (const x of p.processors) {
      check(owner, "processors", def.processors, x, where);
      used.add(`processors:${x}`);
    }
    for (const e of p.exporters) {
      if (e in def.connectors) {
        check(owner, "connectors", def.connectors, e, where);
        connectorsIn.add(e);
      } else check(owner, "exporters", def.exporters, e, where);
      used.add(`exporters:${e}`);
    }
  }
  for (const kind of ["receivers", "processors", "exporters"] as const) {
    for (const id of Object.keys(def[kind])) {
      if (!used.has(`${kind}:${id}`)) throw new Error(`${owner}: ${kind.slice(0, -1)} "${id}" is configured but no pipeline uses it`);
    }
  }
  for (const id of Object.keys(def.connectors)) {
    if (!connectorsIn.has(id) || !connectorsOut.has(id)) {
      throw new Error(`${owner}: connector "${id}" must be an exporter of one pipeline and a receiver of another`);
    }
  }
  for (const id of Object.keys(def.extensions)) check(owner, "extensions", def.extensions, id, "service.extensions");

  const config: Record<string, unknown> = {
    extensions: def.extensions,
    receivers: def.receivers,
    processors: def.processors,
  };
  if (Object.keys(def.connectors).length > 0) config.connectors = def.connectors;
  config.exporters = def.exporters;
  config.service = {
    extensions: Object.keys(def.extensions),
    pipelines: Object.fromEntries(def.pipelines.map((p) => [p.id, { receivers: p.receivers, processors: p.processors, exporters: p.exporters }])),
    telemetry: def.telemetry,
  };
  return config;
}
