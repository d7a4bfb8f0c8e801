/**
 * Cycles in the declared dependency graph (calls between declared services): a request can loop
 * back to a service it passed, and retries multiply around the loop. One cycle is reported per
 * strongly connected component, starting at its member declared first.
 */
import type { CataloguedService } from "../catalogue/types";

type Calls = Map<string, Array<{ name: string; index: number }>>;

/** Calls between declared services, by caller, and each service's position in the catalogue. */
function serviceCalls(catalogue: readonly CataloguedService[]): { order: Map<string, number>; calls: Calls } {
  const order = new Map(catalogue.map((s, i) => [s.declaration.name, i]));
  const calls: Calls = new Map();
  for (const s of catalogue) {
    const list: Array<{ name: string; index: number }> = [];
    (s.declaration.dependencies ?? []).forEach((d, index) => {
      if ("service" in d && order.has(d.service)) list.push({ name: d.service, index });
    });
    calls.set(s.declaration.name, list);
  }
  return { order, calls };
}

/** Strongly connected components that contain a cycle (two or more services, or one calling itself), members in catalogue order. */
function cyclicComponents(order: Map<string, number>, calls: Calls): string[][] {
  // Tarjan's strongly connected components, iteratively (deep graphs must not overflow the stack).
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  for (const root of order.keys()) {
    if (indexOf.has(root)) continue;
    const work: Array<{ name: string; next: number }> = [{ name: root, next: 0 }];
    indexOf.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = calls.get(frame.name)!;
      if (frame.next < edges.length) {
        const w = edges[frame.next++].name;
        if (!indexOf.has(w)) {
          indexOf.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ name: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.name, Math.min(low.get(frame.name)!, indexOf.get(w)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].name;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.name)!));
      }
      if (low.get(frame.name) === indexOf.get(frame.name)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.name);
        components.push(component);
      }
    }
  }
  return components
    .filter((c) => c.length > 1 || calls.get(c[0])!.some((e) => e.name === c[0]))
    .map((c) => c.sort((a, b) => order.get(a)! - order.get(b)!))
    .sort((a, b) => order.get(a[0])! - order.get(b[0])!);
}

/** Calls that lie on a cycle (both ends in the same cyclic component), as `caller→callee`. */
export function callsOnCycles(catalogue: readonly CataloguedService[]): Set<string> {
  const { order, calls } = serviceCalls(catalogue);
  const out = new Set<string>();
  for (const component of cyclicComponents(order, calls)) {
    const members = new Set(component);
    for (const v of component) for (const e of calls.get(v)!) if (members.has(e.name)) out.add(`${v}→${e.name}`);
  }
  return out;
}

/** Every dependency cycle, as `<file>: dependencies[i].service: dependency cycle a → b → a; …`. */
export function cycleProblems(catalogue: readonly CataloguedService[]): string[] {
  const { order, calls } = serviceCalls(catalogue);
  const lines: string[] = [];
  for (const component of cyclicComponents(order, calls)) {
    const members = new Set(component);
    const start = component[0];
    // Shortest way back to `start` inside the component (breadth-first, declared order first).
    const previous = new Map<string, { from: string; index: number }>();
    const queue: string[] = [start];
    let closing: { from: string; index: number } | undefined;
    while (queue.length > 0 && closing === undefined) {
      const v = queue.shift()!;
      for (const e of calls.get(v)!) {
        if (!members.has(e.name)) continue;
        if (e.name === start) {
          closing = { from: v, index: e.index };
          break;
        }
        if (!previous.has(e.name)) {
          previous.set(e.name, { from: v, index: e.index });
          queue.push(e.name);
        }
      }
    }
    // Walk back from the closing edge to `start`: the members between, in call order.
    const between: string[] = [];
    for (let v = closing!.from; v !== start; v = previous.get(v)!.from) between.unshift(v);
    const firstIndex = between.length === 0 ? closing!.index : previous.get(between[0])!.index;
    const file = catalogue[order.get(start)!].file;
    lines.push(
      `${file}: dependencies[${firstIndex}].service: dependency cycle ${[start, ...between, start].join(" → ")}; ` +
        "a request can come back to a service it passed, and retries multiply around the loop",
    );
  }
  return lines;
}
