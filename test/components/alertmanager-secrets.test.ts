import * as path from "path";
import { parse } from "yaml";
import { ALERTMANAGER_SECRETS_DIR } from "../../routing/secrets";
import { generateStack } from "../../stacks/generate";
import { readStackConfigFile } from "../../stacks/config/read-file";
import { isSecret, one, unsecret, type Registered } from "../support/mocks";
import { fakeReceiverSecrets, runProgram } from "../support/program";

const root = path.resolve(__dirname, "../..");
const needed = (stack: string) => generateStack(stack, readStackConfigFile(root, stack)).receiverSecretNames;
const SS = "kubernetes:apps/v1:StatefulSet";
const SECRET = "kubernetes:core/v1:Secret";

/** Every `<key>_file` value anywhere in a parsed configuration, as `[yaml path, file]`; list items are named by their `name`. */
function filePaths(node: unknown, at = ""): [string, string][] {
  if (Array.isArray(node)) return node.flatMap((v, i) => filePaths(v, `${at}[${typeof v?.name === "string" ? v.name : i}]`));
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k.endsWith("_file") && typeof v === "string" ? [[`${at}.${k}`, v] as [string, string]] : filePaths(v, `${at}.${k}`),
  );
}

describe("the receiver secrets Alertmanager mounts are the files its generated configuration reads", () => {
  let r: Registered[];
  let files: [string, string][];
  beforeAll(async () => {
    ({ registered: r } = await runProgram("production", fakeReceiverSecrets(needed("production"))));
    const config = one(r, SECRET, "sevensa-alertmanager-config").inputs.stringData;
    files = filePaths(parse(unsecret(config)["alertmanager.yml"]));
  });

  test("the generated production configuration reads its receiver secrets from files, one of them the platform's PagerDuty key", () => {
    expect(files.filter(([at]) => at.startsWith(".receivers[platform-pagerduty]"))).toEqual([
      [".receivers[platform-pagerduty].pagerduty_configs[0].routing_key_file", "/etc/alertmanager/secrets/platform-pagerduty-routing-key"],
    ]);
    expect(files.map(([at]) => at.split(".").pop()).sort().filter((k, i, all) => all.indexOf(k) === i)).toEqual([
      "api_url_file",
      "auth_password_file",
      "credentials_file",
      "routing_key_file",
    ]);
  });

  test("the receivers volume is the receivers Secret, mounted read-only at the directory the config's *_file paths lie in", () => {
    const pod = one(r, SS, "sevensa-alertmanager").inputs.spec.template.spec;
    const receiversSecret = one(r, SECRET, "sevensa-alertmanager-receivers").inputs;
    expect(pod.volumes.find((v: any) => v.name === "receivers")).toEqual({
      name: "receivers",
      secret: { secretName: "sevensa-alertmanager-receivers-generated", defaultMode: 0o440 },
    });
    // The mock API server names an object `<logical name>-generated`: the volume points at the receivers Secret itself.
    expect(receiversSecret.metadata.name).toBeUndefined();
    const mounts = pod.containers.find((c: any) => c.name === "alertmanager").volumeMounts;
    const mount = mounts.find((m: any) => m.name === "receivers");
    expect(mount).toEqual({ name: "receivers", mountPath: ALERTMANAGER_SECRETS_DIR, readOnly: true });
    for (const [, file] of files) expect(path.posix.dirname(file)).toBe(mount.mountPath);
  });

  test("each file the config reads is a key of the receivers Secret, whose data stays secret", () => {
    const data = one(r, SECRET, "sevensa-alertmanager-receivers").inputs.stringData;
    expect(isSecret(data)).toBe(true);
    const keys = Object.keys(unsecret(data)).sort();
    expect([...new Set(files.map(([, f]) => path.posix.basename(f)))].sort()).toEqual(keys);
    expect(keys).toEqual(needed("production"));
  });

  test("no other container mounts the receivers volume", () => {
    const pod = one(r, SS, "sevensa-alertmanager").inputs.spec.template.spec;
    const mounting = pod.containers.filter((c: any) => (c.volumeMounts ?? []).some((m: any) => m.name === "receivers")).map((c: any) => c.name);
    expect(mounting).toEqual(["alertmanager"]);
  });
});
