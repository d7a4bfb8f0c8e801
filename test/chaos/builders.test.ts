import { faultSpec, networkSpec, podFailureSpec } from "../../chaos/faults";
import type { ChaosScope } from "../../chaos/types";
import { BUILDER_CASES as cases, dbTarget, one, sel, svc, toDb } from "./builder-cases";

describe("fault builders: the exact Chaos Mesh spec of each fault type", () => {
  test.each(cases)("%s", (_name, fault, scope, target, kind, spec) => {
    expect(faultSpec(svc, fault, scope, target)).toEqual({ kind, spec });
  });

  test("no bounded scope produces mode all on the service's pods; the dependency side of a NetworkChaos takes all", () => {
    const scopes: ChaosScope[] = [one, { mode: "fixed", pods: 2 }, { mode: "fixed-percent", percent: 50 }];
    for (const [, fault, , target] of cases) {
      for (const scope of scopes) {
        const { kind, spec } = faultSpec(svc, fault, scope, target) as { kind: string; spec: { mode: string; target?: { mode: string } } };
        expect(spec.mode).toBe(scope.mode);
        if (kind === "NetworkChaos" && target?.kind === "service") expect(spec.target?.mode).toBe("all");
      }
    }
  });

  test("a zone scope: every pod of the service on nodes of one zone (pod failure and partition)", () => {
    const zone = { mode: "zone", zone: "eu-a" } as const;
    const inZone = { ...sel, nodeSelectors: { "topology.kubernetes.io/zone": "eu-a" } };
    expect(podFailureSpec(svc, { kind: "pod-failure" }, zone)).toEqual({ kind: "PodChaos", spec: { action: "pod-failure", selector: inZone, mode: "all" } });
    expect(networkSpec(svc, { kind: "network-partition", dependency: "db-api" }, zone, dbTarget)).toEqual({
      kind: "NetworkChaos",
      spec: { action: "partition", selector: inZone, mode: "all", direction: "to", ...toDb },
    });
  });

  test("a dependency fault without a resolved dependency is a programming error", () => {
    expect(() => faultSpec(svc, { kind: "network-delay", dependency: "db-api", latency: "1s" }, one)).toThrow("api: network-delay needs a resolved dependency");
  });
});
