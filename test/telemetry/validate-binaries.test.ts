import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runTool } from "../support/tools";
import { stackPlan, STACKS } from "./support/stacks";
import { TOOLCHAIN_HINT, toolchainBinary } from "./support/toolchain";

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
  test("otelcol-sevensa refuses a tail_sampling policy of an unknown type", () => {
    const text = stackPlan("local").files["otel/gateway.yaml"].replace("type: status_code", "type: status_codez");
    const r = runTool(OTELCOL, ["validate", `--config=${write("broken-gateway.yaml", text)}`], TOOLCHAIN_HINT, { env: ENV });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("status_codez");
  });

  test("otelcol-sevensa refuses a component the distribution does not have", () => {
    const text = stackPlan("local").files["otel/agent.yaml"].replace(/^receivers:\n/m, "receivers:\n  kafka: {}\n");
    const r = runTool(OTELCOL, ["validate", `--config=${write("broken-agent.yaml", text)}`], TOOLCHAIN_HINT, { env: ENV });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("kafka");
  });

  test("jaeger refuses a storage backend the query service does not know", () => {
    const text = stackPlan("local").files["jaeger/config.yaml"].replace("trace_storage: traces", "trace_storage: nowhere");
    const r = runTool(JAEGER, ["validate", `--config=${write("broken-jaeger.yaml", text)}`], TOOLCHAIN_HINT, { env: ENV });
    expect(r.status).not.toBe(0);
  });
});
