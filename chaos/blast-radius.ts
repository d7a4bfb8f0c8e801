/**
 * The blast radius of an experiment: the service the faults are injected into and every
 * declared service that calls it, directly or through other services (their requests fail or
 * slow down with it). The SLO guard watches all of them and the mute windows cover all of them.
 */
import type { CataloguedService, ServiceDeclaration } from "../catalogue/types";

/** Names of the declared services that `name` calls. */
function calls(service: ServiceDeclaration): string[] {
  return (service.dependencies ?? []).flatMap((d) => ("service" in d ? [d.service] : []));
}

/** The target first, then its direct and transitive callers by name. `extra` services are added (e.g. the other side of a two-way partition). */
export function blastRadius(target: ServiceDeclaration, catalogue: readonly CataloguedService[], extra: readonly ServiceDeclaration[] = []): ServiceDeclaration[] {
  const seen = new Set<string>([target.name]);
  const queue = [target.name];
  while (queue.length > 0) {
    const callee = queue.shift() as string;
    for (const s of catalogue) {
      if (!seen.has(s.declaration.name) && calls(s.declaration).includes(callee)) {
        seen.add(s.declaration.name);
        queue.push(s.declaration.name);
      }
    }
  }
  for (const e of extra) seen.add(e.name);
  const others = catalogue
    .map((s) => s.declaration)
    .filter((d) => d.name !== target.name && seen.has(d.name))
    .sort((a, b) => a.name.localeCompare(b.name));
  return [target, ...others];
}
