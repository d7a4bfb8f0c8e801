import * as pulumi from "@pulumi/pulumi";

/** One resource the program registered under mocks. */
export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, any>;
}

/**
 * Installs Pulumi mocks that record every custom resource registration and return the inputs as
 * outputs (plus a metadata.name for Kubernetes objects, as the API server would).
 * Returns the live list; call `settle()` after constructing components.
 */
export function recordRegistrations(stack = "test"): Registered[] {
  const registered: Registered[] = [];
  pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        const state: Record<string, any> = { ...args.inputs };
        if (args.type.startsWith("kubernetes:")) {
          state.metadata = { ...(args.inputs.metadata ?? {}), name: args.inputs.metadata?.name ?? `${args.name}-generated` };
        }
        if (args.type === "random:index/randomPassword:RandomPassword") state.result = "mock-password-not-secret";
        if (args.type === "pagerduty:index/serviceIntegration:ServiceIntegration") state.integrationKey = `mock-integration-key-${args.name}`;
        return { id: `${args.name}-id`, state };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        return args.inputs;
      },
    },
    "sevensa-observability",
    stack,
    false,
  );
  return registered;
}

/** Resolves an Output (or plain value) for assertions. */
export function valueOf<T>(value: pulumi.Input<T>): Promise<T> {
  return new Promise((resolve) => pulumi.output(value).apply((v) => resolve(v as T)));
}

/** Waits until every registration the component made has been recorded. */
export async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 50));
}

/** The single registration of `type` whose name is `name`; throws listing what exists otherwise. */
export function one(registered: Registered[], type: string, name: string): Registered {
  const found = registered.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) {
    const names = registered.filter((r) => r.type === type).map((r) => r.name);
    throw new Error(`expected one ${type} named ${name}, found ${found.length}; ${type} names: ${names.join(", ")}`);
  }
  return found[0];
}

/** Every container (and init container) of every pod template among the registrations. */
export function podTemplates(registered: Registered[]): { owner: Registered; template: any }[] {
  return registered
    .filter((r) => /^kubernetes:(apps\/v1:(Deployment|StatefulSet|DaemonSet)|batch\/v1:(Job|CronJob))$/.test(r.type))
    .map((r) => ({
      owner: r,
      template: r.type === "kubernetes:batch/v1:CronJob" ? r.inputs.spec.jobTemplate.spec.template : r.inputs.spec.template,
    }));
}

/** The sentinel key Pulumi uses to mark a secret value in serialized inputs. */
export const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** True when a serialized input is marked secret. */
export function isSecret(value: unknown): boolean {
  return typeof value === "object" && value !== null && SECRET_SIG in value;
}

/** The plain value of a (possibly) secret-marked serialized input. */
export function unsecret(value: any): any {
  return isSecret(value) ? value.value : value;
}
