/**
 * The builder cases: one per fault type and variant the builders support, each with its exact
 * Chaos Mesh spec. test/chaos/builders.test.ts checks the specs; test/chaos/builders-api.test.ts
 * sends every case, in the plan's Schedule/Workflow envelope, through chaos-validate.
 */
import type { DependencyTarget } from "../../chaos/faults";
import type { ChaosFault, ChaosScope } from "../../chaos/types";
import { api, dbApi } from "./fixtures";

export const svc = api();
export const sel = { namespaces: ["shop"], labelSelectors: { "app.kubernetes.io/name": "api" } };
export const dbTarget: DependencyTarget = { kind: "service", service: dbApi() };
export const bank: DependencyTarget = { kind: "external", name: "bank", hosts: ["api.bank.example"] };
export const toDb = { target: { mode: "all", selector: { namespaces: ["data"], labelSelectors: { "app.kubernetes.io/name": "db-api" } } } };
export const one: ChaosScope = { mode: "one" };

/** name, fault, scope, resolved dependency, kind, exact spec. */
export type BuilderCase = [string, ChaosFault, ChaosScope, DependencyTarget | undefined, string, Record<string, unknown>];

export const BUILDER_CASES: BuilderCase[] = [
  ["pod-kill", { kind: "pod-kill" }, one, undefined, "PodChaos", { action: "pod-kill", selector: sel, mode: "one" }],
  ["pod-kill with grace period, fixed 2", { kind: "pod-kill", gracePeriodSeconds: 5 }, { mode: "fixed", pods: 2 }, undefined, "PodChaos", { action: "pod-kill", selector: sel, mode: "fixed", value: "2", gracePeriod: 5 }],
  ["pod-failure 50%", { kind: "pod-failure" }, { mode: "fixed-percent", percent: 50 }, undefined, "PodChaos", { action: "pod-failure", selector: sel, mode: "fixed-percent", value: "50" }],
  ["container-kill", { kind: "container-kill", containers: ["app"] }, one, undefined, "PodChaos", { action: "container-kill", selector: sel, mode: "one", containerNames: ["app"] }],
  [
    "network delay to a declared service",
    { kind: "network-delay", dependency: "db-api", latency: "200ms", jitter: "20ms", correlationPercent: 25 },
    one, dbTarget, "NetworkChaos",
    { action: "delay", selector: sel, mode: "one", direction: "to", ...toDb, delay: { latency: "200ms", jitter: "20ms", correlation: "25" } },
  ],
  [
    "network loss to an external system",
    { kind: "network-loss", dependency: "bank", externalHosts: ["api.bank.example"], lossPercent: 10 },
    one, bank, "NetworkChaos",
    { action: "loss", selector: sel, mode: "one", direction: "to", externalTargets: ["api.bank.example"], loss: { loss: "10" } },
  ],
  [
    "network duplicate",
    { kind: "network-duplicate", dependency: "db-api", duplicatePercent: 5, correlationPercent: 0 },
    one, dbTarget, "NetworkChaos",
    { action: "duplicate", selector: sel, mode: "one", direction: "to", ...toDb, duplicate: { duplicate: "5", correlation: "0" } },
  ],
  [
    "network partition both ways",
    { kind: "network-partition", dependency: "db-api", direction: "both" },
    one, dbTarget, "NetworkChaos",
    { action: "partition", selector: sel, mode: "one", direction: "both", ...toDb },
  ],
  ["cpu stress", { kind: "cpu-stress", workers: 2, loadPercent: 80 }, one, undefined, "StressChaos", { selector: sel, mode: "one", stressors: { cpu: { workers: 2, load: 80 } } }],
  [
    "memory stress in one container",
    { kind: "memory-stress", workers: 1, size: "256MB", containers: ["app"] },
    one, undefined, "StressChaos",
    { selector: sel, mode: "one", containerNames: ["app"], stressors: { memory: { workers: 1, size: "256MB" } } },
  ],
  ["dns error for a declared service", { kind: "dns-failure", dependency: "db-api" }, one, dbTarget, "DNSChaos", { action: "error", selector: sel, mode: "one", patterns: ["db-api.data.*"] }],
  ["dns random for an external system", { kind: "dns-failure", dependency: "bank", action: "random", externalHosts: ["api.bank.example"] }, one, bank, "DNSChaos", { action: "random", selector: sel, mode: "one", patterns: ["api.bank.example"] }],
  ["http abort", { kind: "http-abort", port: 8080, path: "/pay*", method: "POST" }, one, undefined, "HTTPChaos", { selector: sel, mode: "one", target: "Request", port: 8080, path: "/pay*", method: "POST", abort: true }],
  ["http delay", { kind: "http-delay", port: 8080, delay: "2s" }, one, undefined, "HTTPChaos", { selector: sel, mode: "one", target: "Request", port: 8080, delay: "2s" }],
];
