import { planChaos } from "../../chaos/plan";
import { sloGuardQuery } from "../../chaos/guard";
import { cronOf } from "../../chaos/schedule";
import { experimentWindow, windowExpr, chaosMuteInhibitRule } from "../../chaos/windows";
import { api, catalogue, dbApi, PROMETHEUS_URL, stagingChaos } from "./fixtures";

const slot = { day: "tuesday", at: "10:00" } as const;
const input = (experiments: Parameters<typeof catalogue>[0], config = stagingChaos()) => ({
  stack: "staging",
  environment: "staging" as const,
  platformNamespace: "monitoring",
  config,
  services: catalogue(experiments),
  prometheusUrl: PROMETHEUS_URL,
});

describe("schedules, workflows and the SLO guard", () => {
  test("a fault becomes a weekly Schedule (Forbid, history limit) of a Parallel workflow [slo-guard, fault]", () => {
    const plan = planChaos(input([{ name: "kill", fault: { kind: "pod-kill" }, duration: "10m", schedule: slot }]));
    // the declared experiment first, then those derived from the resilience policies of api and web (test/chaos/derive-resilience.test.ts)
    expect(plan.objects.map((o) => o.metadata.name)).toEqual([
      "api-kill", "api-resilience-db-api-latency", "api-resilience-db-api-abort", "web-resilience-api-latency", "web-resilience-api-abort",
    ]);
    const o = plan.objects[0];
    expect(o.metadata.name).toBe("api-kill");
    expect(o.metadata.namespace).toBe("shop");
    expect(o.spec).toMatchObject({ schedule: "CRON_TZ=UTC 0 10 * * 2", startingDeadlineSeconds: 300, concurrencyPolicy: "Forbid", historyLimit: 5, type: "Workflow" });
    const t = o.spec.workflow.templates;
    expect(o.spec.workflow.entry).toBe("experiment");
    expect(t.map((x) => [x.name, x.templateType])).toEqual([["experiment", "Parallel"], ["slo-guard", "StatusCheck"], ["pod-kill", "PodChaos"]]);
    expect(t[0].children).toEqual(["slo-guard", "pod-kill"]);
    expect(t[2]).toEqual({
      name: "pod-kill",
      templateType: "PodChaos",
      deadline: "10m",
      podChaos: { action: "pod-kill", selector: { namespaces: ["shop"], labelSelectors: { "app.kubernetes.io/name": "api" } }, mode: "one" },
    });
    // the blast radius is the service and its caller `web`; both are guarded
    expect(plan.experiments[0].resolved.affected.map((s) => s.name)).toEqual(["api", "web"]);
    const guard = t[1] as { deadline: string; abortWithStatusCheck: boolean; statusCheck: Record<string, any> };
    expect(guard.abortWithStatusCheck).toBe(true);
    expect(guard.deadline).toBe("10m");
    expect(guard.statusCheck).toMatchObject({ mode: "Continuous", type: "HTTP", duration: "10m", intervalSeconds: 15, failureThreshold: 2 });
    expect(guard.statusCheck.http).toMatchObject({ url: `${PROMETHEUS_URL}/api/v1/query`, method: "POST", criteria: { statusCode: "200" } });
    expect(decodeURIComponent(guard.statusCheck.http.body.replace(/^query=/, ""))).toBe(plan.experiments[0].guardQuery);
  });

  test("the guard query: page pairs per SLO with factors from the SLO period, absent() per service, duplicated to fail with 422", () => {
    const c =
      '(slo:error_budget:burn_rate{service="api", slo="availability", window="1h"} > 14.4 and ignoring (window) slo:error_budget:burn_rate{service="api", slo="availability", window="5m"} > 14.4)' +
      ' or (slo:error_budget:burn_rate{service="api", slo="availability", window="6h"} > 6 and ignoring (window) slo:error_budget:burn_rate{service="api", slo="availability", window="30m"} > 6)' +
      ' or absent(slo:error_budget:burn_rate{service="api", window="5m"})' +
      ' or (slo:error_budget:burn_rate{service="db-api", slo="latency", window="1h"} > 13.44 and ignoring (window) slo:error_budget:burn_rate{service="db-api", slo="latency", window="5m"} > 13.44)' +
      ' or (slo:error_budget:burn_rate{service="db-api", slo="latency", window="6h"} > 5.6 and ignoring (window) slo:error_budget:burn_rate{service="db-api", slo="latency", window="30m"} > 5.6)' +
      ' or absent(slo:error_budget:burn_rate{service="db-api", window="5m"})';
    expect(sloGuardQuery([api(), dbApi()], "staging")).toBe(`vector(1) + on () ((${c}) or label_replace((${c}), "chaos_guard", "copy", "", ""))`);
  });

  test("cascading failure: latency for the whole duration, and after killAfter a Suspend then a pod kill for the rest", () => {
    const plan = planChaos(input([{ name: "cascade", scenario: "cascading-failure", dependency: "db-api", latency: "500ms", killAfter: "4m", duration: "15m", schedule: slot }]));
    const t = plan.objects[0].spec.workflow.templates;
    expect(t.map((x) => [x.name, x.templateType, x.deadline])).toEqual([
      ["experiment", "Parallel", undefined],
      ["slo-guard", "StatusCheck", "15m"],
      ["dependency-latency", "NetworkChaos", "15m"],
      ["caller-kill-after", "Serial", undefined],
      ["wait", "Suspend", "4m"],
      ["caller-pod-kill", "PodChaos", "11m"],
    ]);
    expect(t[0].children).toEqual(["slo-guard", "dependency-latency", "caller-kill-after"]);
    expect(t[3].children).toEqual(["wait", "caller-pod-kill"]);
    expect(t[2].networkChaos).toMatchObject({ action: "delay", mode: "one", direction: "to", delay: { latency: "500ms" } });
  });

  test("zone outage: pod-failure of every pod on nodes of the zone; partition: one NetworkChaos per service dependency", () => {
    const failure = planChaos(input([{ name: "zone", scenario: "zone-outage", zone: "eu-a", duration: "10m", schedule: slot }]));
    expect(failure.objects[0].spec.workflow.templates[2]).toEqual({
      name: "zone-pod-failure",
      templateType: "PodChaos",
      deadline: "10m",
      podChaos: {
        action: "pod-failure",
        selector: { namespaces: ["shop"], labelSelectors: { "app.kubernetes.io/name": "api" }, nodeSelectors: { "topology.kubernetes.io/zone": "eu-a" } },
        mode: "all",
      },
    });
    const partition = planChaos(input([{ name: "zone", scenario: "zone-outage", zone: "eu-a", outage: "partition", duration: "10m", schedule: slot }]));
    const t = partition.objects[0].spec.workflow.templates;
    expect(t.map((x) => x.name)).toEqual(["experiment", "slo-guard", "zone-partition-db-api"]);
    expect(t[2].networkChaos).toMatchObject({ action: "partition", mode: "all", direction: "to", selector: { nodeSelectors: { "topology.kubernetes.io/zone": "eu-a" } } });
  });

  test("weekly slots: cron in UTC, windows from 5 minutes before to 30 minutes after, wrapping the week", () => {
    expect(cronOf({ day: "sunday", at: "00:05" })).toBe("CRON_TZ=UTC 5 0 * * 0");
    expect(cronOf({ day: "saturday", at: "23:30" })).toBe("CRON_TZ=UTC 30 23 * * 6");
    expect(experimentWindow({ day: "tuesday", at: "10:00" }, "10m")).toEqual({ start: 3475, end: 3520 });
    expect(windowExpr({ start: 3475, end: 3520 })).toBe("(day_of_week() * 1440 + hour() * 60 + minute()) >= 3475 < 3520");
    expect(windowExpr(experimentWindow({ day: "saturday", at: "23:50" }, "20m"))).toBe(
      "(day_of_week() * 1440 + hour() * 60 + minute()) >= 10065 < 10080 or (day_of_week() * 1440 + hour() * 60 + minute()) >= 0 < 40",
    );
  });

  test("window alerts: one per service of the blast radius, labelled chaos_experiment; the mute inhibits their SLO alerts", () => {
    const plan = planChaos(input([{ name: "kill", fault: { kind: "pod-kill" }, duration: "10m", schedule: slot }]));
    const rules = plan.windowRules.groups[0].rules as { alert: string; labels: Record<string, string> }[];
    const labels = (service: "api" | "web", experiment: string) =>
      service === "api"
        ? { severity: "info", team: "payments", service: "api", namespace: "shop", chaos_experiment: experiment }
        : { severity: "info", team: "commerce", service: "web", namespace: "shop", chaos_experiment: experiment };
    // faults on api reach web (its caller); faults on web reach nobody else
    expect(rules.map((r) => [r.alert, r.labels])).toEqual([
      ["ChaosExperimentWindow", labels("api", "api-kill")],
      ["ChaosExperimentWindow", labels("web", "api-kill")],
      ["ChaosExperimentWindow", labels("api", "api-resilience-db-api-latency")],
      ["ChaosExperimentWindow", labels("web", "api-resilience-db-api-latency")],
      ["ChaosExperimentWindow", labels("api", "api-resilience-db-api-abort")],
      ["ChaosExperimentWindow", labels("web", "api-resilience-db-api-abort")],
      ["ChaosExperimentWindow", labels("web", "web-resilience-api-latency")],
      ["ChaosExperimentWindow", labels("web", "web-resilience-api-abort")],
    ]);
    expect(chaosMuteInhibitRule()).toEqual({
      source_matchers: ['alertname="ChaosExperimentWindow"', 'chaos_experiment=~".+"'],
      target_matchers: ['alertname="SLOErrorBudgetBurn"'],
      equal: ["service"],
    });
  });

  test("nothing is generated where chaos is not allowed or the engine is off", () => {
    const e = [{ name: "kill", fault: { kind: "pod-kill" as const }, duration: "10m", schedule: slot }];
    const off = planChaos(input(e, stagingChaos({ engine: { mode: "off" } })));
    const forbidden = planChaos(input(e, stagingChaos({ allowed: false, engine: { mode: "external", namespace: "chaos-mesh" } })));
    for (const plan of [off, forbidden]) {
      expect(plan.active).toBe(false);
      expect(plan.objects).toEqual([]);
      expect(plan.notDerived).toEqual([]);
      expect(plan.windowRules.groups[0].rules).toEqual([]);
      expect(plan.annotatedNamespaces).toEqual([]);
    }
  });
});
