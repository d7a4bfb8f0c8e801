/**
 * The chaos plan of a stack: validated experiments, declared ones and those derived from the
 * services' resilience policies → Chaos Mesh `Schedule` objects (each a Workflow with the SLO
 * guard), the window alert rules and the Alertmanager mute. Pure: the ChaosEngine component wraps
 * `objects` into CustomResources, the artifacts writer renders them.
 */
import type { AmInhibitRule } from "../routing/alertmanager-types";
import type { RuleFile } from "../alert-rules/types";
import { deriveResilienceChaos, type NotDerivedExperiment } from "./derive-resilience";
import { sloGuardQuery } from "./guard";
import { hypothesis, what } from "./hypothesis";
import { cronOf, describeSlot } from "./schedule";
import { validateChaos, type ChaosValidationInput, type ResolvedExperiment } from "./validate";
import { CHAOS_MESH_API_VERSION } from "./versions";
import { chaosMuteInhibitRule, chaosWindowRules } from "./windows";
import { cascadingFailureWorkflow, faultWorkflow, zoneOutageWorkflow, type GuardContext, type WorkflowSpec } from "./workflow";
import { isScenario, type WeeklySlot } from "./types";
import type { ServiceDeclaration } from "../catalogue/types";

/** Labels and annotations on every generated chaos object. */
export const CHAOS_OBJECT_KEYS = {
  service: "sevensa.io/service",
  experiment: "sevensa.io/chaos-experiment",
  declaredIn: "sevensa.io/declared-in",
  hypothesis: "sevensa.io/hypothesis",
  /** Label of derived experiments: `resilience-policy`. */
  derivedFrom: "sevensa.io/derived-from",
  /** Annotation of derived experiments: the field of the service file they are derived from. */
  derivedFromField: "sevensa.io/derived-from-field",
} as const;

/** `sevensa.io/derived-from` of experiments derived from a resilience policy. */
export const DERIVED_FROM_RESILIENCE = "resilience-policy";

/** Runs of a Schedule kept in history. */
export const SCHEDULE_HISTORY_LIMIT = 5;
/** A run that cannot start within this many seconds of its slot is skipped (it would leave its announced window). */
export const SCHEDULE_STARTING_DEADLINE_SECONDS = 300;

/** A Chaos Mesh object as plain data. */
export interface ChaosObject {
  apiVersion: string;
  kind: "Schedule";
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string> };
  spec: {
    schedule: string;
    startingDeadlineSeconds: number;
    concurrencyPolicy: "Forbid";
    historyLimit: number;
    type: "Workflow";
    workflow: WorkflowSpec;
  };
}

/** One experiment with its object and the facts the plan lists. */
export interface PlannedExperiment {
  resolved: ResolvedExperiment;
  object: ChaosObject;
  /** What is injected, in words. */
  injected: string;
  hypothesis: string;
  /** The PromQL the guard sends (HTTP 422 aborts). */
  guardQuery: string;
}

/** What the plan is computed from. */
export interface ChaosPlanInput extends ChaosValidationInput {
  /** In-cluster base URL of Prometheus (the guard's endpoint), e.g. `http://sevensa-prometheus.monitoring.svc:9090`. */
  prometheusUrl: string;
}

/** Everything chaos-related a stack deploys. */
export interface ChaosPlan {
  /** False where the stack does not run experiments (chaos not allowed, or engine off). */
  active: boolean;
  /** The declared experiments (catalogue then declaration order), then the derived ones (catalogue, dependency, fault order). */
  experiments: PlannedExperiment[];
  /** Experiments derived from resilience policies that this stack does not run, with the reason (empty where the plan is not active). */
  notDerived: NotDerivedExperiment[];
  /** Every Chaos Mesh object, in the order of `experiments`. */
  objects: ChaosObject[];
  /** `ChaosExperimentWindow` alerts (empty groups where nothing runs). */
  windowRules: RuleFile;
  /** The Alertmanager inhibition that mutes SLO alerts of services in an open window. */
  muteRule: AmInhibitRule;
  /** Namespaces to annotate `chaos-mesh.org/inject: enabled` (the config's `targetNamespaces` where active). */
  annotatedNamespaces: string[];
}

/** What the Schedule envelope of one experiment is made of. */
export interface ScheduleObjectInput {
  /** Object name, `<service>-<experiment>`. */
  name: string;
  /** The target service (namespace, `sevensa.io/service` label). */
  service: ServiceDeclaration;
  /** The experiment's own name (`sevensa.io/chaos-experiment` label). */
  experiment: string;
  /** When it runs, weekly. */
  slot: WeeklySlot;
  /** The experiment's workflow (see workflow.ts). */
  workflow: WorkflowSpec;
  /** Labels besides the common ones, the service and the experiment. */
  labels: Record<string, string>;
  /** Annotations (where declared, hypothesis, provenance). */
  annotations: Record<string, string>;
}

/**
 * The envelope every experiment runs in: a weekly Chaos Mesh `Schedule` (concurrencyPolicy
 * `Forbid`, history limit, starting deadline) of type `Workflow` in the service's namespace.
 */
export function scheduleObject(input: ScheduleObjectInput): ChaosObject {
  return {
    apiVersion: CHAOS_MESH_API_VERSION,
    kind: "Schedule",
    metadata: {
      name: input.name,
      namespace: input.service.namespace,
      labels: {
        "app.kubernetes.io/part-of": "sevensa-observability",
        "app.kubernetes.io/managed-by": "pulumi",
        [CHAOS_OBJECT_KEYS.service]: input.service.name,
        [CHAOS_OBJECT_KEYS.experiment]: input.experiment,
        ...input.labels,
      },
      annotations: { ...input.annotations },
    },
    spec: {
      schedule: cronOf(input.slot),
      startingDeadlineSeconds: SCHEDULE_STARTING_DEADLINE_SECONDS,
      concurrencyPolicy: "Forbid",
      historyLimit: SCHEDULE_HISTORY_LIMIT,
      type: "Workflow",
      workflow: input.workflow,
    },
  };
}

function workflowOf(r: ResolvedExperiment, guard: GuardContext): WorkflowSpec {
  const d = r.service.declaration;
  const e = r.experiment;
  if (!isScenario(e)) return faultWorkflow(d, e, guard, r.target);
  if (e.scenario === "cascading-failure") {
    if (r.target === undefined) throw new Error(`${r.name}: unresolved dependency`);
    return cascadingFailureWorkflow(d, e, guard, r.target);
  }
  return zoneOutageWorkflow(d, e, guard, r.zoneDependencies ?? []);
}

/**
 * Validates the stack's chaos config and the catalogue's experiments (see validate.ts), derives
 * the experiments of the services' resilience policies where the stack runs experiments (see
 * derive-resilience.ts; checked once the declared ones pass) and builds the objects of every
 * experiment the stack runs.
 *
 * @throws ChaosValidationError naming the file and field of every problem
 */
export function planChaos(input: ChaosPlanInput): ChaosPlan {
  const declared = validateChaos(input);
  const derived = deriveResilienceChaos(input, declared);
  const resolved = [...declared, ...derived.resolved];
  const active = input.config.allowed && input.config.engine.mode !== "off";
  const experiments = resolved.map((r): PlannedExperiment => {
    const d = r.service.declaration;
    const guard: GuardContext = { services: r.affected, environment: input.environment, prometheusUrl: input.prometheusUrl };
    const injected = what(r.experiment, r.target, r.replicas);
    const text = hypothesis(r.experiment, injected, d, r.affected);
    const object = scheduleObject({
      name: r.name,
      service: d,
      experiment: r.experiment.name,
      slot: r.experiment.schedule,
      workflow: workflowOf(r, guard),
      labels: r.origin.kind === "resilience-policy" ? { [CHAOS_OBJECT_KEYS.derivedFrom]: DERIVED_FROM_RESILIENCE } : {},
      annotations: {
        [CHAOS_OBJECT_KEYS.declaredIn]: r.service.file,
        ...(r.origin.kind === "resilience-policy" ? { [CHAOS_OBJECT_KEYS.derivedFromField]: r.field } : {}),
        [CHAOS_OBJECT_KEYS.hypothesis]: text,
      },
    });
    return { resolved: r, object, injected, hypothesis: text, guardQuery: sloGuardQuery(r.affected, input.environment) };
  });
  const windows = experiments.map((p) => ({ experiment: p.resolved.name, target: p.resolved.service.declaration, affected: p.resolved.affected, window: p.resolved.window }));
  return {
    active,
    experiments,
    notDerived: derived.notDerived,
    objects: experiments.map((p) => p.object),
    windowRules: chaosWindowRules(windows),
    muteRule: chaosMuteInhibitRule(),
    annotatedNamespaces: active ? [...input.config.targetNamespaces] : [],
  };
}

/** `every tuesday at 10:00 UTC (CRON_TZ=UTC 0 10 * * 2)`. */
export function describeSchedule(p: PlannedExperiment): string {
  return `${describeSlot(p.resolved.experiment.schedule)} (\`${p.object.spec.schedule}\`)`;
}
