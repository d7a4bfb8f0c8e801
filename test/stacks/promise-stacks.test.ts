import { plainPulumiPromiseStacks } from "../../stacks/promise-stacks";

// debuggablePromise is @internal (not in the typings); it is what Pulumi wraps every tracked promise with.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { debuggablePromise } = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: <T>(p: Promise<T>, ctx: string) => Promise<T> };

/** A stand-in for source-map-support's formatter (what ts-node installs). */
const mapped = (error: Error) => `MAPPED ${String(error)}`;

let saved: typeof Error.prepareStackTrace;
beforeEach(() => {
  saved = Error.prepareStackTrace;
  Error.prepareStackTrace = mapped;
});
afterEach(() => {
  if (saved === undefined) Reflect.deleteProperty(Error, "prepareStackTrace");
  else Error.prepareStackTrace = saved;
});

/** The stack Pulumi's runtime attaches to a promise it tracks. */
async function debugStackOf(): Promise<string> {
  const p = Promise.resolve(1);
  await debuggablePromise(p, "test");
  return (p as unknown as { _debugStackTrace: string })._debugStackTrace;
}

test("Pulumi's per-promise debug stacks are formatted plainly; every other stack keeps the installed formatter", async () => {
  expect(plainPulumiPromiseStacks({})).toBe(true);
  const stack = await debugStackOf();
  expect(stack.split("\n")[0]).toBe("Error");
  expect(stack.split("\n")[1]).toMatch(/^ {4}at debuggablePromise \(.*[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]debuggable\.js:\d+:\d+\)$/);
  expect(new Error("boom").stack).toBe("MAPPED Error: boom");
});

test("with PULUMI_DEBUG_PROMISE_LEAKS set (the only time Pulumi prints those stacks) nothing changes", async () => {
  expect(plainPulumiPromiseStacks({ PULUMI_DEBUG_PROMISE_LEAKS: "1" })).toBe(false);
  expect(await debugStackOf()).toBe("MAPPED Error");
});

test("installing twice wraps once; without a custom formatter there is nothing to do", () => {
  expect(plainPulumiPromiseStacks({})).toBe(true);
  const first = Error.prepareStackTrace;
  expect(plainPulumiPromiseStacks({})).toBe(false);
  expect(Error.prepareStackTrace).toBe(first);
  Reflect.deleteProperty(Error, "prepareStackTrace");
  expect(plainPulumiPromiseStacks({})).toBe(false);
  expect(Error.prepareStackTrace).toBeUndefined();
});
