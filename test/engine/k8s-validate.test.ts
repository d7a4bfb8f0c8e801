import * as fs from "fs";
import * as path from "path";
import { k8sValidate } from "./support/k8s-validate";
import { describeResult, validateManifests } from "./support/manifests";
import { k8sValidateVersion } from "../support/toolchain";

/**
 * k8s-validate (toolchain/k8s-validate, built by scripts/build-k8s-validate.sh) decodes every
 * YAML document strictly into the Go types of the pinned Kubernetes API, the check the engine
 * test runs over every rendered manifest: it refuses what kubernetes-models lets through
 * (unknown fields), names file, kind/name and the field, and counts documents. Fails when the
 * binary is missing.
 */
const DIR = "test/fixtures/engine/k8s-validate";
const fixture = (name: string) => `${DIR}/${name}`;
const KUBERNETES = k8sValidateVersion();
const MINOR = KUBERNETES.split(".").slice(0, 2).join(".");

describe("k8s-validate: strict decoding into the Kubernetes API types of the pinned version", () => {
  test("is built against the Kubernetes version of versions.env, from the k8s.io modules go.mod pins", () => {
    const moduleVersion = `v0.${KUBERNETES.split(".").slice(1).join(".")}`;
    expect(k8sValidate(["--version"])).toEqual({ status: 0, lines: [`k8s-validate: Kubernetes ${KUBERNETES} API (k8s.io/api ${moduleVersion})`] });
    const gomod = fs.readFileSync(path.resolve(__dirname, "../../toolchain/k8s-validate/go.mod"), "utf8");
    for (const m of ["k8s.io/api", "k8s.io/apimachinery", "k8s.io/client-go"]) expect(gomod).toMatch(new RegExp(`\\t${m.replace(/\./g, "\\.")} ${moduleVersion.replace(/\./g, "\\.")}( // indirect)?\\n`));
  });

  test("passes a correct Deployment: no problem line, 1 passed, exit 0", () => {
    expect(k8sValidate([fixture("valid-deployment.yaml")])).toEqual({ status: 0, lines: ["1 passed, 0 failed"] });
  });

  test("refuses a Deployment whose pod field securityContext is misspelt securityContxt, naming the field path", () => {
    expect(k8sValidate([fixture("security-contxt.yaml")])).toEqual({
      status: 1,
      lines: [`${fixture("security-contxt.yaml")}: Deployment/web: unknown field "spec.template.spec.securityContxt"`, "0 passed, 1 failed"],
    });
  });

  test("refuses a Deployment whose probe field periodSeconds is misspelt periodSecond, naming the container index", () => {
    expect(k8sValidate([fixture("period-second.yaml")])).toEqual({
      status: 1,
      lines: [`${fixture("period-second.yaml")}: Deployment/web: unknown field "spec.template.spec.containers[0].readinessProbe.periodSecond"`, "0 passed, 1 failed"],
    });
  });

  test("refuses a kind apps/v1 does not have and an apiVersion the Kubernetes API does not serve", () => {
    expect(k8sValidate([fixture("unknown-kinds.yaml")])).toEqual({
      status: 1,
      lines: [
        `${fixture("unknown-kinds.yaml")}: Deploymnt/web: unknown kind "Deploymnt": apiVersion apps/v1 of the Kubernetes ${MINOR} API has no such kind`,
        `${fixture("unknown-kinds.yaml")}: ServiceMonitor/web: unknown apiVersion "monitoring.coreos.com/v1": not served by the Kubernetes ${MINOR} API`,
        "0 passed, 2 failed",
      ],
    });
  });

  test("skips a custom resource only for a group named with --skip-group, and says so with a count; an unknown kind still fails", () => {
    expect(k8sValidate(["--skip-group", "monitoring.coreos.com", fixture("unknown-kinds.yaml")])).toEqual({
      status: 1,
      lines: [
        `${fixture("unknown-kinds.yaml")}: Deploymnt/web: unknown kind "Deploymnt": apiVersion apps/v1 of the Kubernetes ${MINOR} API has no such kind`,
        `${fixture("unknown-kinds.yaml")}: ServiceMonitor/web: skipped: custom resource of group monitoring.coreos.com (--skip-group), not part of the Kubernetes ${MINOR} API`,
        "1 skipped",
        "0 passed, 1 failed",
      ],
    });
  });

  test("refuses a duplicate field with its line in the file and a value of the wrong type; counts per document across files", () => {
    expect(k8sValidate([fixture("duplicate-and-type.yaml"), fixture("valid-deployment.yaml"), fixture("security-contxt.yaml")])).toEqual({
      status: 1,
      lines: [
        `${fixture("duplicate-and-type.yaml")}: Service/web: yaml: unmarshal errors: line 9: key "type" already set in map`,
        `${fixture("duplicate-and-type.yaml")}: ConfigMap/web-config: json: cannot unmarshal number into Go struct field ConfigMap.data of type string`,
        `${fixture("security-contxt.yaml")}: Deployment/web: unknown field "spec.template.spec.securityContxt"`,
        "2 passed, 3 failed",
      ],
    });
  });

  test("a missing file is a failure of its own; no file at all is a usage error (exit 2)", () => {
    expect(k8sValidate([fixture("absent.yaml")])).toEqual({
      status: 1,
      lines: [`${fixture("absent.yaml")}: open ${fixture("absent.yaml")}: no such file or directory`, "0 passed, 1 failed"],
    });
    expect(k8sValidate([]).status).toBe(2);
  });

  test("why it exists: kubernetes-models 5.1.0 passes both misspelt Deployments as valid", () => {
    expect(validateManifests([path.resolve(__dirname, "../..", fixture("security-contxt.yaml")), path.resolve(__dirname, "../..", fixture("period-second.yaml"))]).map(describeResult)).toEqual([
      "apps/v1 Deployment/web (security-contxt.yaml#0) valid",
      "apps/v1 Deployment/web (period-second.yaml#0) valid",
    ]);
  });
});
