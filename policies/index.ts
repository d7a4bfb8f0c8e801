import { PolicyPack } from "@pulumi/policy";
import { sevensaPolicies } from "./pack";

/**
 * The policy pack of the Sevensa observability platform. Per-stack enforcement levels and
 * parameters come from policies/config/<stack>.json:
 *   pulumi preview --stack <stack> --policy-pack policies --policy-pack-config policies/config/<stack>.json
 */
new PolicyPack("sevensa-observability", {
  description: "Workload security, reliability, secrets, the observability contract, chaos safety and deprecations of the Sevensa observability platform.",
  policies: sevensaPolicies(),
});
