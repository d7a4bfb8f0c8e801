/** A container image reference split the way the container runtime resolves it. */
export interface ImageRef {
  /** Registry host, `docker.io` when the reference names none. */
  registry: string;
  /** Repository path, `library/<name>` for Docker Hub official images. */
  repository: string;
  /** Tag, if any. */
  tag?: string;
  /** Digest (`sha256:…`), if any. */
  digest?: string;
}

const DOCKER_HUB_ALIASES = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

/**
 * Parses `[registry/]repository[:tag][@digest]`. The first path component is a registry when it
 * contains a dot or a port, or is `localhost`; otherwise the image comes from Docker Hub.
 */
export function parseImage(reference: string): ImageRef {
  let rest = reference.trim();
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry = "docker.io";
  const slash = rest.indexOf("/");
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes(".") || first.includes(":") || first === "localhost") {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (DOCKER_HUB_ALIASES.has(registry)) {
    registry = "docker.io";
    if (!rest.includes("/")) rest = `library/${rest}`;
  }
  return { registry, repository: rest, tag, digest };
}
