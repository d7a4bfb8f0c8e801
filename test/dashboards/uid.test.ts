/**
 * Dashboard UIDs: derived from the service name, at most 40 characters, stable, and checked
 * for collisions with a message that names both owners.
 */
import type { CataloguedService } from "../../catalogue/types";
import { generateDashboards } from "../../dashboards";
import { hashedUids, withDashboardLabel } from "../../dashboards/dashboard-links";
import { assertUniqueUids, serviceDashboardUid } from "../../dashboards/uid";
import { exampleCatalogue } from "./support/context";

describe("serviceDashboardUid", () => {
  test.each([
    ["checkout-api", "svc-checkout-api"],
    // 36 characters: svc- plus the name is exactly 40
    ["a23456789012345678901234567890123456", "svc-a23456789012345678901234567890123456"],
    // longer: the first 27 characters, a dash and 8 hex digits of sha256(name)
    ["a-very-long-service-name-for-testing-1", "svc-a-very-long-service-name-fo-5810aefa"],
    ["a-very-long-service-name-for-testing-2", "svc-a-very-long-service-name-fo-d14e647b"],
    ["payment-authorisation-reconciliation-worker-eu-west-1-batch-job", "svc-payment-authorisation-recon-c76c2046"],
  ])("%s → %s", (name, uid) => {
    expect(serviceDashboardUid(name)).toBe(uid);
    expect(uid.length).toBeLessThanOrEqual(40);
  });
});

describe("collision checks", () => {
  test("two dashboards with one UID: both owners are named", () => {
    expect(() =>
      assertUniqueUids([
        { uid: "svc-a", origin: "stacks/services/a.ts: name \"a\"" },
        { uid: "svc-b", origin: "stacks/services/b.ts: name \"b\"" },
        { uid: "svc-a", origin: "stacks/services/a2.ts: name \"a\"" },
      ]),
    ).toThrow('dashboard UID "svc-a" of stacks/services/a2.ts: name "a" is already used by stacks/services/a.ts: name "a"');
  });

  test("a UID over 40 characters is refused", () => {
    expect(() => assertUniqueUids([{ uid: "x".repeat(41), origin: "a test" }])).toThrow(
      `dashboard UID "${"x".repeat(41)}" of a test is 41 characters long; Grafana allows at most 40`,
    );
  });

  test("generateDashboards refuses a catalogue where two files declare the same service", () => {
    const services = exampleCatalogue();
    const copy: CataloguedService = { file: "stacks/services/checkout-copy.ts", declaration: services[0].declaration };
    expect(() => generateDashboards([...services, copy], "production")).toThrow(
      'dashboard UID "svc-checkout-api" of stacks/services/checkout-copy.ts: name "checkout-api" is already used by stacks/services/checkout-api.ts: name "checkout-api"',
    );
  });

  test("UIDs do not depend on the environment", () => {
    const uids = (env: "local" | "production") => generateDashboards(exampleCatalogue(), env).map((d) => d.uid);
    expect(uids("local")).toEqual(uids("production"));
  });
});

describe("links to a service's dashboard from a PromQL label", () => {
  test("short names map to svc-<name>; a hashed UID gets its own exact override", () => {
    expect(withDashboardLabel("up", "service", hashedUids(["checkout-api", "a-very-long-service-name-for-testing-1"]))).toBe(
      'label_replace(label_replace(up, "dashboard", "svc-$1", "service", "(.+)"), ' +
        '"dashboard", "svc-a-very-long-service-name-fo-5810aefa", "service", "a-very-long-service-name-for-testing-1")',
    );
  });
});
