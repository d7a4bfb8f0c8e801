import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runTool } from "../support/tools";
import { loopbackGateway, loopbackJaeger, startCollector } from "./support/run-collector";
import { stackPlan, STACKS } from "./support/stacks";
import { TOOLCHAIN_HINT, toolchainBinary } from "../support/toolchain";

/**
 * The generated collector and Jaeger configs are checked by the real binaries (`validate`
 * builds every component from its config without starting it). A missing binary fails these
 * tests with the build hint; they are never skipped.
 */
const OTELCOL = toolchainBinary("otelcol-sevensa");
const JAEGER = toolchainBinary("jaeger");
// Values the pods get from the downward API and Secrets; validation only needs them set.
const ENV = { ...process.env, K8S_NODE_NAME: "node-1", POD_NAME: "gateway-0", JAEGER_SEARCH_USERNAME: "validate-only" };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "telemetry-validate-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe.each(STACKS)("the %s stack's configs pass the real binaries' validate", (stack) => {
  const plan = stackPlan(stack);

  test.each(["agent", "gateway"])("otelcol-sevensa validate accepts otel/%s.yaml", (tier) => {
    const file = write(`${stack}-${tier}.yaml`, plan.files[`otel/${tier}.yaml`]);
    const r = runTool(OTELCOL, ["validate", `--config=${file}`], TOOLCHAIN_HINT, { env: ENV });
    expect({ status: r.status, output: r.output }).toEqual({ status: 0, output: expect.any(String) });
    expect(r.output).not.toMatch(/error/i);
  });

  test("jaeger validate accepts jaeger/config.yaml", () => {
    const file = write(`${stack}-jaeger.yaml`, plan.files["jaeger/config.yaml"]);
    const r = runTool(JAEGER, ["validate", `--config=${file}`], TOOLCHAIN_HINT, { env: ENV });
    expect({ status: r.status, output: r.output }).toEqual({ status: 0, output: expect.any(String) });
  });
});

describe("the checks can fail", () => {
  test("otelcol-sevensa refuses a decision wait that is not a Go duration", () => {
    const text = stackPlan("local").files["otel/gateway.yaml"].replace("decision_wait: 5s", "decision_wait: 5 seconds");
    const r = runTool(OTELCOL, ["validate", `--config=${write("broken-gateway.yaml", text)}`], TOOLCHAIN_HINT, { env: ENV });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("'decision_wait' time: unknown unit");
  });

  test("otelcol-sevensa refuses a component the distribution does not have", () => {
    const text = stackPlan("local").files["otel/agent.yaml"].replace(/^receivers:\n/m, "receivers:\n  kafka: {}\n");
    const r = runTool(OTELCOL, ["validate", `--config=${write("broken-agent.yaml", text)}`], TOOLCHAIN_HINT, { env: ENV });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("kafka");
  });

  test("jaeger refuses a memory store size that is not a number", () => {
    const text = stackPlan("local").files["jaeger/config.yaml"].replace("max_traces: 20000", "max_traces: lots");
    const r = runTool(JAEGER, ["validate", `--config=${write("broken-jaeger.yaml", text)}`], TOOLCHAIN_HINT, { env: ENV });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("'memory.max_traces' expected type 'int'");
  });
});

/**
 * `validate` checks the config's shape; building the pipelines (OTTL statements compiled, sampling
 * policies created) happens at start. So the gateway of every stack is started for real on
 * loopback ports until its health check answers, then stopped.
 */
describe("the gateway starts", () => {
  test.each(STACKS)("%s: every pipeline builds and the health check answers", async (stack) => {
    const { yaml, health } = await loopbackGateway(stackPlan(stack).files["otel/gateway.yaml"]);
    const file = write(`${stack}-gateway-run.yaml`, yaml);
    runTool(OTELCOL, ["--version"], TOOLCHAIN_HINT);
    const r = await startCollector(OTELCOL, file, health, ENV);
    expect({ ready: r.ready, exitedByItself: r.exitedByItself }).toEqual({ ready: true, exitedByItself: false });
    expect(r.output).toContain("Everything is ready");
  });

  test("a tail-sampling policy of an unknown type passes validate but stops the start", async () => {
    const { yaml, health } = await loopbackGateway(stackPlan("local").files["otel/gateway.yaml"].replace("type: status_code", "type: status_codez"));
    const file = write("broken-gateway-run.yaml", yaml);
    expect(runTool(OTELCOL, ["validate", `--config=${file}`], TOOLCHAIN_HINT, { env: ENV }).status).toBe(0);
    const r = await startCollector(OTELCOL, file, health, ENV);
    expect([r.ready, r.exitedByItself]).toEqual([false, true]);
    expect(r.exitCode).not.toBe(0);
    expect(r.output).toContain("status_codez");
  });
});

/** Jaeger with the storage it needs no outside service for (memory, badger) starts and reports healthy. */
describe("Jaeger starts", () => {
  test.each(["local", "staging"] as const)("%s: storage, query and SPM extensions start and /status reports healthy", async (stack) => {
    const data = fs.mkdtempSync(path.join(dir, `badger-${stack}-`));
    const { yaml, health } = await loopbackJaeger(stackPlan(stack).files["jaeger/config.yaml"], data);
    runTool(JAEGER, ["version"], TOOLCHAIN_HINT);
    const r = await startCollector(JAEGER, write(`${stack}-jaeger-run.yaml`, yaml), health, ENV, 20_000, "/status");
    expect({ ready: r.ready, exitedByItself: r.exitedByItself }).toEqual({ ready: true, exitedByItself: false });
  });
});
