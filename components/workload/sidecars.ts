import { IMAGES } from "../versions";
import { httpProbe, type SecureContainerArgs } from "./security";

/**
 * The ConfigMap watcher sidecar (k8s-sidecar): copies every ConfigMap carrying `label: "true"`
 * in `namespace` into `folder` and then calls `reloadUrl`, so new rules or dashboards are picked
 * up by a reload, never a restart. It has no health endpoint at the pinned version, hence the
 * named `no-probes` exemption.
 */
export function configMapWatcher(opts: {
  label: string;
  folder: string;
  volume: string;
  namespace: string;
  reloadUrl?: string;
  folderAnnotation?: string;
}): SecureContainerArgs {
  const env = [
    { name: "LABEL", value: opts.label },
    { name: "LABEL_VALUE", value: "true" },
    { name: "FOLDER", value: opts.folder },
    { name: "RESOURCE", value: "configmap" },
    { name: "NAMESPACE", value: opts.namespace },
    { name: "METHOD", value: "WATCH" },
  ];
  if (opts.reloadUrl !== undefined) {
    env.push({ name: "REQ_URL", value: opts.reloadUrl }, { name: "REQ_METHOD", value: "POST" });
  }
  if (opts.folderAnnotation !== undefined) env.push({ name: "FOLDER_ANNOTATION", value: opts.folderAnnotation });
  return {
    name: "configmap-watcher",
    image: IMAGES.k8sSidecar,
    env,
    volumeMounts: [{ name: opts.volume, mountPath: opts.folder }],
    resources: { requests: { cpu: "10m", memory: "64Mi" }, limits: { memory: "128Mi" } },
    exemptions: [{ kind: "no-probes", reason: "k8s-sidecar has no health endpoint at the pinned version; the watcher exits and restarts on failure" }],
  };
}

/**
 * The reloader sidecar (configmap-reload): watches a mounted ConfigMap or Secret directory and
 * POSTs `reloadUrl` when kubelet updates the files.
 */
export function configReloader(opts: { volume: string; dir: string; reloadUrl: string }): SecureContainerArgs {
  return {
    name: "config-reloader",
    image: IMAGES.configReloader,
    args: [`--volume-dir=${opts.dir}`, `--webhook-url=${opts.reloadUrl}`, "--webhook-method=POST", "--web.listen-address=:9533"],
    ports: [{ name: "reloader", containerPort: 9533 }],
    volumeMounts: [{ name: opts.volume, mountPath: opts.dir, readOnly: true }],
    resources: { requests: { cpu: "5m", memory: "16Mi" }, limits: { memory: "64Mi" } },
    probes: { liveness: httpProbe("/metrics", 9533, 5), readiness: httpProbe("/metrics", 9533, 5) },
  };
}
