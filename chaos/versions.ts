/**
 * Pinned Chaos Mesh release: the Helm chart, its images and the Go module whose API types (and
 * the CRD schemas controller-gen generates from them) the generated objects are validated against
 * (chaos/validate-go, scripts/build-chaos-validate.sh).
 * Bump together; test/chaos/chaos-mesh-api.test.ts ("the validator is built from the pinned API
 * module") checks the Go module pin against chaos/validate-go/go.mod and the built binary's
 * `--version`, and scripts/build-chaos-validate.sh keys its cache directory on the go.mod pin.
 */
export const CHAOS_MESH = {
  /** Helm chart `chaos-mesh` version (chart repository below). */
  chartVersion: "2.8.4",
  /** The upstream chart repository. */
  chartRepository: "https://charts.chaos-mesh.org",
  /** Registry of the controller-manager, daemon and dashboard images. */
  imageRegistry: "ghcr.io",
  /** Tag of the controller-manager, daemon and dashboard images (the chart's appVersion). */
  imageTag: "v2.8.4",
  /** The chart's CoreDNS build for DNSChaos. */
  dnsServerImage: { repository: "chaos-mesh/chaos-coredns", tag: "v0.2.8" },
  /** Image that replaces a pod's containers during `pod-failure` (the chart defaults to `pause:latest`). */
  pauseImage: "registry.k8s.io/pause:3.10",
  /**
   * Go module with the API types (`api/v1alpha1`), at a pseudo-version of the default branch
   * (2026-09-06), later than the v2.8.4 tag (2026-08-18); its CHANGELOG lists no API change since
   * (only dashboard and netem fixes).
   *
   * Not a pseudo-version of the v2.8.4 tag's own commit, because the module proxy serves none
   * (checked 2026-11-29 through the proxy in GOPROXY, `GOFLAGS=-mod=mod`): the sub-module has no
   * tagged version (`go list -m -versions github.com/chaos-mesh/chaos-mesh/api` lists none, and
   * neither does it for the main module `github.com/chaos-mesh/chaos-mesh`); the tag cannot be
   * reached as a version of either module, since a `v2.x` tag needs a `/v2` module path and
   * `+incompatible` is refused for a module with a go.mod (`@v2.8.4`, `@v2.8.4+incompatible` →
   * 403 "This module version is not available"); and the proxy resolves no query other than
   * `@latest` and a full canonical pseudo-version: `@release-2.8`, `@master` and a bare commit
   * hash, even this pin's own `@d70b66ad97ac`, get the same 403. So the tag's commit cannot be
   * looked up through the proxy and no pseudo-version of it is served; `@latest` is this pin.
   */
  apiModule: "github.com/chaos-mesh/chaos-mesh/api",
  apiModuleVersion: "v0.0.0-20260906172039-d70b66ad97ac",
} as const;

/** The API group/version of every Chaos Mesh object generated here. */
export const CHAOS_MESH_API_VERSION = "chaos-mesh.org/v1alpha1";

/** Namespace annotation Chaos Mesh checks when namespace filtering is on. */
export const CHAOS_NAMESPACE_ANNOTATION = "chaos-mesh.org/inject";
