import type {
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

/** A resource as the policies see it: Pulumi type token, logical name, properties. */
export interface Fixture {
  type: string;
  name: string;
  props: Record<string, any>;
}

const OPTS: PolicyResourceOptions = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
};

/** The URN the engine would give the fixture in `stack`. */
export function urnOf(f: Fixture, stack = "test"): string {
  return `urn:pulumi:${stack}::sevensa-observability::${f.type}::${f.name}`;
}

function notUsed(what: string): never {
  throw new Error(`the pack must not call ${what}: it reads plain properties by type token`);
}

function notApplicable(reason?: string): never {
  throw new Error(`notApplicable(${reason ?? ""}) called`);
}

/** The argument bag `validateResource` receives from the engine, built by hand. */
export function resourceArgs(f: Fixture, config: object = {}, stack = "test"): ResourceValidationArgs {
  return {
    type: f.type,
    props: f.props,
    urn: urnOf(f, stack),
    name: f.name,
    opts: OPTS,
    stackTags: new Map(),
    isType: () => notUsed("isType"),
    asType: () => notUsed("asType"),
    getConfig: <T extends object>() => config as T,
    notApplicable,
  };
}

/** A stack resource as `validateStack` receives it. */
export function policyResource(f: Fixture, stack = "test"): PolicyResource {
  return {
    type: f.type,
    props: f.props,
    urn: urnOf(f, stack),
    name: f.name,
    opts: OPTS,
    dependencies: [],
    propertyDependencies: {},
    isType: () => notUsed("isType"),
    asType: () => notUsed("asType"),
  };
}

/** Every violation message a resource policy reports for one resource. */
export async function resourceViolations(policy: ResourceValidationPolicy, f: Fixture, config: object = {}): Promise<string[]> {
  const out: string[] = [];
  const validations = policy.validateResource === undefined ? [] : Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
  for (const v of validations) await v(resourceArgs(f, config), (message) => out.push(message));
  return out;
}

/** One stack violation: the message and the resource it names (if any). */
export interface StackViolation {
  message: string;
  urn?: string;
}

/** Every violation a stack policy reports over the resources. */
export async function stackViolations(policy: StackValidationPolicy, resources: Fixture[], config: object = {}): Promise<StackViolation[]> {
  const out: StackViolation[] = [];
  const args: StackValidationArgs = {
    resources: resources.map((r) => policyResource(r)),
    stackTags: new Map(),
    getConfig: <T extends object>() => config as T,
    notApplicable,
  };
  await policy.validateStack(args, (message, urn) => out.push(urn === undefined ? { message } : { message, urn }));
  return out;
}

/** Only the messages of stack violations. */
export async function stackMessages(policy: StackValidationPolicy, resources: Fixture[], config: object = {}): Promise<string[]> {
  return (await stackViolations(policy, resources, config)).map((v) => v.message);
}

/** A deep copy of a fixture, changed by `edit`: one field per failing case. */
export function changed(f: Fixture, edit: (props: Record<string, any>) => void): Fixture {
  const copy = structuredClone(f);
  edit(copy.props);
  return copy;
}
