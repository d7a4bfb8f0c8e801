import * as path from "path";
import { describeResult, validateManifests } from "./support/manifests";

/**
 * The manifest check the engine test relies on (support/validate-manifests.mjs, kubernetes-models
 * 5.1.0) can fail: a misspelt required field and wrong types are refused with the schema's
 * message; a kind without a schema is reported, never passed; Chaos Mesh kinds are marked for
 * the Chaos Mesh API validator (test/chaos).
 */
const FIXTURES = path.resolve(__dirname, "../fixtures/engine/manifests");
const fixture = (name: string) => path.join(FIXTURES, name);

describe("the Kubernetes OpenAPI schema check of rendered manifests", () => {
  test("accepts a valid Deployment", () => {
    expect(validateManifests([fixture("valid-deployment.yaml")]).map(describeResult)).toEqual(["apps/v1 Deployment/web (valid-deployment.yaml#0) valid"]);
  });

  test("refuses a Deployment whose container field `name` is misspelt `nmae`", () => {
    expect(validateManifests([fixture("typo-field.yaml")])).toEqual([
      {
        file: fixture("typo-field.yaml"),
        index: 0,
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: "web",
        status: "invalid",
        errors: ["/spec/template/spec/containers/0 must have required property name"],
      },
    ]);
  });

  test("refuses a Deployment with replicas and containerPort as strings, naming both paths", () => {
    const [r] = validateManifests([fixture("wrong-type.yaml")]);
    expect({ status: r.status, errors: r.errors }).toEqual({
      status: "invalid",
      errors: ["/spec/replicas must be integer", "/spec/template/spec/containers/0/ports/0/containerPort must be integer"],
    });
  });

  test("reports a CustomResource without a schema as no-model and marks Chaos Mesh kinds for their own validator", () => {
    expect(validateManifests([fixture("custom-resources.yaml")]).map(describeResult)).toEqual([
      "monitoring.coreos.com/v1 ServiceMonitor/web (custom-resources.yaml#0) no-model",
      "chaos-mesh.org/v1alpha1 PodChaos/web-pod-kill (custom-resources.yaml#1) chaos-mesh",
    ]);
  });
});
