/**
 * Every builder case (test/chaos/builder-cases.ts: each fault type and variant the builders
 * support) and both scenario workflows (cascading failure to a declared service and to an
 * external system, zone outage by pod failure and by partition), each wrapped in the plan's
 * Schedule/Workflow envelope (scheduleObject, faultWorkflow and the scenario workflows with the
 * SLO guard), rendered as the artifacts are, decoded strictly into the Go API types of the pinned
 * Chaos Mesh API module and admitted by their webhook defaulting and validation (chaos-validate,
 * built by scripts/build-chaos-validate.sh). Fails when the binary is missing.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { scheduleObject, type ChaosObject } from "../../chaos/plan";
import type { CascadingFailureExperiment, ChaosExperiment, WeeklySlot, ZoneOutageExperiment } from "../../chaos/types";
import { cascadingFailureWorkflow, faultWorkflow, zoneOutageWorkflow, type GuardContext, type WorkflowSpec } from "../../chaos/workflow";
import { renderYaml } from "../../generators/render-yaml";
import { bank, BUILDER_CASES, dbTarget, svc } from "./builder-cases";
import { dbApi, PROMETHEUS_URL } from "./fixtures";
import { runChaosValidate } from "./support";

const slot: WeeklySlot = { day: "tuesday", at: "10:00" };
const guard: GuardContext = { services: [svc], environment: "staging", prometheusUrl: PROMETHEUS_URL };

/** `pod-kill with grace period, fixed 2` → `pod-kill-with-grace-period-fixed-2`. */
function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function envelope(experiment: ChaosExperiment, workflow: WorkflowSpec): ChaosObject {
  return scheduleObject({
    name: `${svc.name}-${experiment.name}`,
    service: svc,
    experiment: experiment.name,
    slot: experiment.schedule,
    workflow,
    labels: {},
    annotations: { "sevensa.io/declared-in": "test/chaos/builder-cases.ts" },
  });
}

/** Every builder case, then the scenario workflows, as Schedule objects. */
function builderObjects(): ChaosObject[] {
  const faults = BUILDER_CASES.map(([name, fault, scope, target]) => {
    const e = { name: slug(name), duration: "5m", schedule: slot, fault, scope };
    return envelope(e, faultWorkflow(svc, e, guard, target));
  });
  const base = { duration: "10m", schedule: slot };
  const cascadeService: CascadingFailureExperiment = { ...base, name: "cascading-db-api", scenario: "cascading-failure", dependency: "db-api", latency: "800ms", killAfter: "4m" };
  const cascadeExternal: CascadingFailureExperiment = {
    ...base, name: "cascading-bank", scenario: "cascading-failure", dependency: "bank", externalHosts: ["api.bank.example"], latency: "2s", killAfter: "3m", scope: { mode: "fixed", pods: 2 },
  };
  const zoneFailure: ZoneOutageExperiment = { ...base, name: "zone-a-failure", scenario: "zone-outage", zone: "eu-a" };
  const zonePartition: ZoneOutageExperiment = { ...base, name: "zone-a-partition", scenario: "zone-outage", zone: "eu-a", outage: "partition" };
  return [
    ...faults,
    envelope(cascadeService, cascadingFailureWorkflow(svc, cascadeService, guard, dbTarget)),
    envelope(cascadeExternal, cascadingFailureWorkflow(svc, cascadeExternal, guard, bank)),
    envelope(zoneFailure, zoneOutageWorkflow(svc, zoneFailure, guard, [dbApi()])),
    envelope(zonePartition, zoneOutageWorkflow(svc, zonePartition, guard, [dbApi()])),
  ];
}

function render(o: ChaosObject): string {
  return renderYaml(o, "test/chaos/builder-cases.ts via test/chaos/builders-api.test.ts");
}

describe("builder outputs against the Chaos Mesh API of the pinned version", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "chaos-builders-api-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function write(o: ChaosObject, text = render(o), file = path.join(dir, `${o.metadata.name}.yaml`)): string {
    fs.writeFileSync(file, text);
    return file;
  }

  test("the batch holds every builder case and each scenario workflow, under distinct names", () => {
    const names = builderObjects().map((o) => o.metadata.name);
    expect(names).toEqual([
      "api-pod-kill", "api-pod-kill-with-grace-period-fixed-2", "api-pod-failure-50", "api-container-kill",
      "api-network-delay-to-a-declared-service", "api-network-loss-to-an-external-system", "api-network-duplicate", "api-network-partition-both-ways",
      "api-cpu-stress", "api-memory-stress-in-one-container",
      "api-dns-error-for-a-declared-service", "api-dns-random-for-an-external-system",
      "api-http-abort", "api-http-delay",
      "api-cascading-db-api", "api-cascading-bank", "api-zone-a-failure", "api-zone-a-partition",
    ]);
    expect(BUILDER_CASES).toHaveLength(14);
  });

  test("every builder case and scenario, in the plan's Schedule/Workflow envelope, decodes strictly and passes the webhooks' validation", () => {
    const objects = builderObjects();
    const r = runChaosValidate(objects.map((o) => write(o)));
    for (const o of objects) expect(r.out).toContain(`ok ${path.join(dir, `${o.metadata.name}.yaml`)} Schedule/${o.metadata.name}\n`);
    expect(r.out).toContain(`\n${objects.length} passed, 0 failed\n`);
    expect(objects.length).toBe(18);
    expect(r.status).toBe(0);
  });

  test.each([
    ["container-kill: a typo in containerNames", "api-container-kill", "containerNames:", "containerName:", 'strict decoding: unknown field "spec.workflow.templates[2].podChaos.containerName"'],
    ["pod-kill: gracePeriod in the wrong case", "api-pod-kill-with-grace-period-fixed-2", "gracePeriod: 5", "graceperiod: 5", 'strict decoding: unknown field "spec.workflow.templates[2].podChaos.graceperiod"'],
    ["network duplicate: a typo in the duplicate rate", "api-network-duplicate", "duplicate: \"5\"", "duplicat: \"5\"", 'strict decoding: unknown field "spec.workflow.templates[2].networkChaos.duplicate.duplicat"'],
    ["memory stress: a typo in size", "api-memory-stress-in-one-container", "size: 256MB", "sise: 256MB", 'strict decoding: unknown field "spec.workflow.templates[2].stressChaos.stressors.memory.sise"'],
    ["HTTP abort: a typo in abort", "api-http-abort", "abort: true", "abrot: true", 'strict decoding: unknown field "spec.workflow.templates[2].httpChaos.abrot"'],
    ["DNS random: a typo in patterns", "api-dns-random-for-an-external-system", "patterns:", "pattern:", 'strict decoding: unknown field "spec.workflow.templates[2].dnsChaos.pattern"'],
    ["zone outage: a typo in nodeSelectors", "api-zone-a-failure", "nodeSelectors:", "nodeSelector:", 'strict decoding: unknown field "spec.workflow.templates[2].podChaos.selector.nodeSelector"'],
    ["memory stress: a size the webhook cannot parse", "api-memory-stress-in-one-container", "size: 256MB", "size: 256 megabytes", `Spec.Stressors.MemoryStressor.Size: Invalid value: "256 megabytes": incorrect bytes format: invalid suffix: 'megabytes'`],
    ["HTTP delay: a delay Go cannot parse", "api-http-delay", "delay: 2s", "delay: 2 seconds", 'Spec.PodHttpChaosActions.Delay: Invalid value: "2 seconds": invalid duration 2 seconds'],
    ["HTTP abort: port 0", "api-http-abort", "port: 8080", "port: 0", "Spec.Port: Invalid value: 0: port 0 is not supported"],
    ["network duplicate: a rate that is not a number", "api-network-duplicate", 'duplicate: "5"', 'duplicate: "five"', 'Spec.TcParameter.Duplicate.Duplicate: Invalid value: "five"'],
  ])("a hand-broken builder output fails: %s", (_name, object, from, to, message) => {
    const o = builderObjects().find((x) => x.metadata.name === object);
    if (o === undefined) throw new Error(`no builder object ${object}`);
    const good = render(o);
    expect(good).toContain(from);
    const r = runChaosValidate([write(o, good.replace(from, to), path.join(dir, `broken-${object}.yaml`))]);
    expect(r.out).toContain(message);
    expect(r.out).toContain("\n0 passed, 1 failed\n");
    expect(r.status).toBe(1);
  });
});
