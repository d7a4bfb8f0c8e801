import * as path from "path";
import { ObservabilityPlatform } from "../../components/platform";
import { readStackConfigFile } from "../../stacks/config/read-file";
import { planPlatform } from "../../stacks/plan";
import { recordRegistrations, settle } from "../support/mocks";
import { restrictedViolations } from "../support/restricted";
import { securePodSpec } from "../../components/workload/security";

const root = path.resolve(__dirname, "../..");

describe("every container of every stack is restricted, bounded and probed unless exempted by name", () => {
  test.each(["local", "staging", "production"])("%s", async (stack) => {
    const registered = recordRegistrations(stack);
    const config = readStackConfigFile(root, stack);
    const plan = planPlatform({ stack, config, alertmanagerYaml: "route: {receiver: x}\nreceivers: [{name: x}]\n" });
    new ObservabilityPlatform("sevensa", { config, plan });
    await settle();
    expect(registered.filter((r) => r.type.startsWith("kubernetes:apps/v1:")).length).toBeGreaterThanOrEqual(3);
    expect(restrictedViolations(registered)).toEqual([]);
  });

  test("the check itself catches a container that breaks the profile", () => {
    const spec: any = securePodSpec("fixture", {
      containers: [{ name: "app", image: "x:1", resources: { requests: { cpu: "1m", memory: "1Mi" }, limits: { memory: "1Mi" } }, probes: { liveness: {}, readiness: {} } }],
    });
    spec.containers[0].securityContext.readOnlyRootFilesystem = false;
    delete spec.containers[0].livenessProbe;
    spec.containers[0].image = "x:latest";
    const registered = [{ type: "kubernetes:apps/v1:Deployment", name: "bad", inputs: { spec: { template: { metadata: {}, spec } } } }];
    expect(restrictedViolations(registered)).toEqual([
      "Deployment bad container app: root filesystem is writable",
      "Deployment bad container app: probes missing",
      "Deployment bad container app: image x:latest is not pinned",
    ]);
  });

  test("a named exemption is honoured and required to have a reason", () => {
    expect(() =>
      securePodSpec("fixture", { containers: [{ name: "app", image: "x:1", resources: { requests: { cpu: "1m", memory: "1Mi" }, limits: { memory: "1Mi" } }, exemptions: [{ kind: "no-probes", reason: " " }] }] }),
    ).toThrow("fixture: container app: exemption no-probes needs a reason");
    expect(() =>
      securePodSpec("fixture", { containers: [{ name: "app", image: "x:1", resources: { requests: { cpu: "1m", memory: "1Mi" }, limits: { memory: "1Mi" } } }] }),
    ).toThrow('fixture: container app: liveness and readiness probes are required (or a named "no-probes" exemption)');
  });
});
