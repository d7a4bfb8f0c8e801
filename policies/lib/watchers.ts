import type { PolicyResource } from "@pulumi/policy";
import { containersOf, podTemplateOf, type Props } from "./k8s";

/** A ConfigMap watcher sidecar (k8s-sidecar) found in a workload of the stack. */
export interface Watcher {
  /** The label it selects ConfigMaps by. */
  label: string;
  /** The label value it requires; undefined accepts any value. */
  value: string | undefined;
  /** Namespaces it watches; `ALL` watches every namespace. */
  namespaces: string[];
}

function env(container: Props, name: string): string | undefined {
  const e = ((container.env ?? []) as Props[]).find((x) => x.name === name);
  return typeof e?.value === "string" ? e.value : undefined;
}

/**
 * Every ConfigMap watcher of the stack: a container with `LABEL` (and optionally `LABEL_VALUE`,
 * `NAMESPACE`) in its environment, as k8s-sidecar reads them. Without `NAMESPACE` it watches
 * its own pod's namespace.
 */
export function watchersOf(resources: PolicyResource[]): Watcher[] {
  const out: Watcher[] = [];
  for (const r of resources) {
    const template = podTemplateOf(r.type, r.props);
    if (template === undefined) continue;
    for (const { container } of containersOf(template.spec)) {
      const label = env(container, "LABEL");
      if (label === undefined) continue;
      const ns = env(container, "NAMESPACE") ?? String(r.props.metadata?.namespace ?? "default");
      out.push({ label, value: env(container, "LABEL_VALUE"), namespaces: ns.split(",").map((s) => s.trim()) });
    }
  }
  return out;
}

/** Whether some watcher of `label` picks up a ConfigMap with these labels in this namespace. */
export function isWatched(watchers: Watcher[], label: string, labels: Record<string, string>, namespace: string): boolean {
  return watchers.some(
    (w) =>
      w.label === label &&
      labels[label] !== undefined &&
      (w.value === undefined || labels[label] === w.value) &&
      (w.namespaces.includes("ALL") || w.namespaces.includes(namespace)),
  );
}

/** The namespaces the watchers of `label` watch, for messages. */
export function watchedNamespaces(watchers: Watcher[], label: string): string[] {
  return [...new Set(watchers.filter((w) => w.label === label).flatMap((w) => w.namespaces))].sort();
}
