/**
 * The stack-config keys of chaos engineering, as a zod sub-schema for `stacks/config/schema.ts`
 * (`chaos: chaosConfigSchema`). Adds to the original three keys (`allowed`, `maxDuration`,
 * `protectedNamespaces`) the engine mode, the namespaces annotated for chaos and the optional
 * largest percentage of a service's pods one fault may touch.
 *
 * ```yaml
 * sevensa-observability:chaos:
 *   allowed: true
 *   maxDuration: 30m
 *   maxPercent: 50
 *   protectedNamespaces: [kube-system, kube-public, chaos-mesh]
 *   targetNamespaces: [shop]
 *   engine: { mode: install, namespace: chaos-mesh, runtime: containerd }
 * ```
 */
import { z } from "zod";
import { isDuration } from "../stacks/config/duration";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const dnsLabel = z.string().refine((s) => DNS_LABEL.test(s), { params: { kind: "dns-label" } });
const duration = z.string().refine(isDuration, { params: { kind: "duration" } });
const absolutePath = z
  .string()
  .refine((s) => /^\/[^\s]*[^/\s]$/.test(s), { message: "is not an absolute file path like /run/containerd/containerd.sock" });

/** Container runtimes chaos-daemon can talk to, with the socket it uses by default. */
export const RUNTIME_SOCKETS = {
  containerd: "/run/containerd/containerd.sock",
  crio: "/var/run/crio/crio.sock",
  docker: "/var/run/docker.sock",
} as const;
export type ContainerRuntime = keyof typeof RUNTIME_SOCKETS;

/**
 * Where Chaos Mesh comes from:
 * - `off`: no engine and no experiment objects (local, production);
 * - `external`: Chaos Mesh is already installed in `namespace`; only experiment objects are created;
 * - `install`: the pinned chart is installed into `namespace` with hardened values.
 */
export const chaosEngineConfigSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("off") }).strict(),
  z.object({ mode: z.literal("external"), namespace: dnsLabel }).strict(),
  z
    .object({
      mode: z.literal("install"),
      namespace: dnsLabel,
      /** Container runtime of the nodes. */
      runtime: z.enum(["containerd", "crio", "docker"]),
      /** Runtime socket on the nodes. @default RUNTIME_SOCKETS[runtime] */
      socketPath: absolutePath.optional(),
    })
    .strict(),
]);

/**
 * The largest `fixed-percent` scope when the stack file sets no `chaos.maxPercent`; the policy
 * pack's `chaos-mode-bounded.maxPercent` has the same default.
 */
export const DEFAULT_MAX_PERCENT = 50;

/** The whole `chaos` key of a stack file. */
export const chaosConfigSchema = z
  .object({
    /** Whether experiments may exist in this stack at all. */
    allowed: z.boolean(),
    /** Longest experiment (and workflow) allowed. */
    maxDuration: duration,
    /** Largest share of a service's pods one fault may touch, percent. @default DEFAULT_MAX_PERCENT */
    maxPercent: z.number().int().min(1).max(100).optional(),
    /** Namespaces no experiment may touch, besides kube-system, the platform's and the engine's. */
    protectedNamespaces: z.array(dnsLabel),
    /** Namespaces annotated for chaos (`chaos-mesh.org/inject: enabled`); experiments may target only these. */
    targetNamespaces: z.array(dnsLabel),
    /** Where Chaos Mesh comes from. */
    engine: chaosEngineConfigSchema,
  })
  .strict();

export type ChaosEngineConfig = z.infer<typeof chaosEngineConfigSchema>;
export type ChaosConfig = z.infer<typeof chaosConfigSchema>;
