/**
 * Pulumi's runtime captures `new Error().stack` for every promise it tracks
 * (`@pulumi/pulumi/runtime/debuggable.js`, about 30 per registered resource) and prints those
 * stacks only when `PULUMI_DEBUG_PROMISE_LEAKS` is set. Under ts-node, source-map-support formats
 * each of them through the source maps, which is over half of the registration time of a large
 * program (`bench/program-mocks.ts`: 3.6 ms per resource with, 2.0 without).
 *
 * Unless leak debugging is on, those stacks get V8's plain format; every other stack (errors the
 * program throws, Pulumi's own error reports) keeps the installed formatter and its TypeScript
 * positions.
 */
const DEBUGGABLE = /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]debuggable\.js$/;

type PrepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => unknown;

let installedOver: PrepareStackTrace | undefined;

/** V8's own stack format: the error's text, then one `at` line per frame. */
function plainStack(error: Error, frames: NodeJS.CallSite[]): string {
  return [String(error), ...frames.map((f) => `    at ${String(f)}`)].join("\n");
}

/**
 * Formats Pulumi's per-promise debug stacks plainly (see above). Returns whether it changed the
 * formatter: not when `PULUMI_DEBUG_PROMISE_LEAKS` is set, when no custom formatter is installed
 * (V8's own is already plain), or when already done over the current one.
 */
export function plainPulumiPromiseStacks(env: NodeJS.ProcessEnv = process.env): boolean {
  const current = Error.prepareStackTrace as PrepareStackTrace | undefined;
  if (env.PULUMI_DEBUG_PROMISE_LEAKS !== undefined && env.PULUMI_DEBUG_PROMISE_LEAKS !== "") return false;
  if (current === undefined || current === installedOver) return false;
  const formatted: PrepareStackTrace = (error, frames) =>
    DEBUGGABLE.test(frames[0]?.getFileName() ?? "") ? plainStack(error, frames) : current(error, frames);
  Error.prepareStackTrace = formatted as typeof Error.prepareStackTrace;
  installedOver = formatted;
  return true;
}
