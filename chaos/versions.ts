/**
 * Pinned Chaos Mesh release: the Helm chart, its images and the Go module whose API types the
 * generated objects are validated against (chaos/validate-go, scripts/build-chaos-validate.sh).
 * Bump together; test/chaos/versions.test.ts checks the Go module pin against chaos/validate-go/go.mod.
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
   * Go module with the API types (`api/v1alpha1`). The module proxy serves this sub-module only as
   * a pseudo-version of the default branch; this one (2026-09-06) is later than the v2.8.4 tag
   * (2026-08-18) and its CHANGELOG lists no API change since (only dashboard and netem fixes).
   */
  apiModule: "github.com/chaos-mesh/chaos-mesh/api",
  apiModuleVersion: "v0.0.0-20260906172039-d70b66ad97ac",
} as const;

/** The API group/version of every Chaos Mesh object generated here. */
export const CHAOS_MESH_API_VERSION = "chaos-mesh.org/v1alpha1";

/** Namespace annotation Chaos Mesh checks when namespace filtering is on. */
export const CHAOS_NAMESPACE_ANNOTATION = "chaos-mesh.org/inject";
