/**
 * chaos/PLAN.md of the staging stack (the repository's own stack file and example catalogue),
 * section by section: a hand-declared fault (checkout-api-pod-kill) and both advanced scenarios
 * (checkout-api-cascading-pricing, checkout-api-zone-a-outage), each compared whole with the text
 * written out here: provenance, injected fault, hypothesis, the SLOs that must hold, schedule,
 * blast radius, mute window and the abort condition with its PromQL.
 */
import { chaosArtifactFiles } from "../../chaos/render";
import { stackChaosPlan } from "./support";

function stagingPlanMd(): string {
  const { config, plan } = stackChaosPlan("staging");
  return chaosArtifactFiles({ stack: "staging", environment: "staging", config, plan })["chaos/PLAN.md"];
}

/** The `## <name>` section of PLAN.md, up to the blank line before the next section. */
function section(md: string, name: string): string {
  const start = md.indexOf(`\n## ${name}\n`);
  if (start < 0) throw new Error(`PLAN.md has no section ${name}`);
  const end = md.indexOf("\n## ", start + 1);
  return md.slice(start + 1, end < 0 ? md.length : end);
}

/** One page pair of the guard, as written by hand: both windows above the factor. */
function pair(service: string, slo: string, long: string, short: string, factor: string): string {
  const b = (w: string) => `slo:error_budget:burn_rate{service="${service}", slo="${slo}", window="${w}"}`;
  return `(${b(long)} > ${factor} and ignoring (window) ${b(short)} > ${factor})`;
}

/**
 * The page burn-rate condition of checkout-api and storefront (the blast radius of every
 * checkout-api experiment). Factors: 14.4 and 6 for a 30d period; 13.44 and 5.6 for
 * payment-authorisation (28d); 3.36 and 1.4 for storefront/latency (7d).
 */
const CHECKOUT_AND_STOREFRONT = [
  pair("checkout-api", "availability", "1h", "5m", "14.4"),
  pair("checkout-api", "availability", "6h", "30m", "6"),
  pair("checkout-api", "latency", "1h", "5m", "14.4"),
  pair("checkout-api", "latency", "6h", "30m", "6"),
  pair("checkout-api", "payment-authorisation", "1h", "5m", "13.44"),
  pair("checkout-api", "payment-authorisation", "6h", "30m", "5.6"),
  'absent(slo:error_budget:burn_rate{service="checkout-api", window="5m"})',
  pair("storefront", "availability", "1h", "5m", "14.4"),
  pair("storefront", "availability", "6h", "30m", "6"),
  pair("storefront", "latency", "1h", "5m", "3.36"),
  pair("storefront", "latency", "6h", "30m", "1.4"),
  'absent(slo:error_budget:burn_rate{service="storefront", window="5m"})',
].join(" or ");

const GUARD = `vector(1) + on () ((${CHECKOUT_AND_STOREFRONT}) or label_replace((${CHECKOUT_AND_STOREFRONT}), "chaos_guard", "copy", "", ""))`;

const SLOS_THAT_MUST_HOLD = [
  "- SLOs that must hold (staging objectives):",
  "  - checkout-api/availability ≥ 99.5% over 30d (Checkout requests are answered without a server error)",
  "  - checkout-api/latency ≥ 99% over 30d (Checkout requests are answered within 500 ms)",
  "  - checkout-api/payment-authorisation ≥ 99.5% over 28d (Card payments are authorised or declined, never lost to an error)",
  "  - storefront/availability ≥ 99.5% over 30d (Shop pages load without a server error)",
  "  - storefront/latency ≥ 90% over 7d (Shop pages are served within 1 second)",
];

const BLAST_RADIUS = "- Blast radius: checkout-api (shop, team payments); storefront (shop, team commerce)";

function abort(name: string): string[] {
  return ["- Abort condition (HTTP 422 from Prometheus aborts the workflow):", "", "```promql", GUARD, "```", "", `- Object: \`chaos/${name}.yaml\``, ""];
}

describe("chaos/PLAN.md of staging, whole sections", () => {
  let md: string;
  beforeAll(() => {
    md = stagingPlanMd();
  });

  test("a hand-declared fault: checkout-api-pod-kill", () => {
    expect(section(md, "checkout-api-pod-kill")).toBe(
      [
        "## checkout-api-pod-kill",
        "",
        "- Declared in: `stacks/services/checkout-api.ts` (`chaos.experiments[0]`)",
        "- Injected: pod-kill of 1 of 2 pods",
        "- Hypothesis: While pod-kill of 1 of 2 pods runs against checkout-api, no page burn-rate condition of checkout-api, storefront becomes true and their SLOs hold. Losing one replica is absorbed by the others and the order flow never errors.",
        ...SLOS_THAT_MUST_HOLD,
        "- Schedule: every tuesday at 10:00 UTC (`CRON_TZ=UTC 0 10 * * 2`), for 10m",
        BLAST_RADIUS,
        "- Mute window: tuesday 09:55 to tuesday 10:40 UTC",
        ...abort("checkout-api-pod-kill"),
      ].join("\n"),
    );
    expect(md).toContain("\n| `checkout-api-pod-kill` | declared | checkout-api | pod-kill of 1 of 2 pods | tuesday 10:00 | 10m | checkout-api, storefront |\n");
  });

  test("the cascading-failure scenario: checkout-api-cascading-pricing", () => {
    expect(section(md, "checkout-api-cascading-pricing")).toBe(
      [
        "## checkout-api-cascading-pricing",
        "",
        "- Declared in: `stacks/services/checkout-api.ts` (`chaos.experiments[3]`)",
        "- Injected: cascading failure: 500ms latency to pricing-engine, then after 5m pod-kill of 1 of 2 pods",
        "- Hypothesis: While cascading failure: 500ms latency to pricing-engine, then after 5m pod-kill of 1 of 2 pods runs against checkout-api, no page burn-rate condition of checkout-api, storefront becomes true and their SLOs hold. With pricing slow, losing a checkout replica does not cascade into storefront errors.",
        ...SLOS_THAT_MUST_HOLD,
        "- Schedule: every thursday at 10:00 UTC (`CRON_TZ=UTC 0 10 * * 4`), for 15m",
        BLAST_RADIUS,
        "- Mute window: thursday 09:55 to thursday 10:45 UTC",
        ...abort("checkout-api-cascading-pricing"),
      ].join("\n"),
    );
  });

  test("the zone-outage scenario: checkout-api-zone-a-outage", () => {
    expect(section(md, "checkout-api-zone-a-outage")).toBe(
      [
        "## checkout-api-zone-a-outage",
        "",
        "- Declared in: `stacks/services/checkout-api.ts` (`chaos.experiments[4]`)",
        "- Injected: zone outage: pod-failure of every pod in zone europe-west4-a",
        "- Hypothesis: While zone outage: pod-failure of every pod in zone europe-west4-a runs against checkout-api, no page burn-rate condition of checkout-api, storefront becomes true and their SLOs hold. Checkout survives the loss of every replica in one zone.",
        ...SLOS_THAT_MUST_HOLD,
        "- Schedule: every thursday at 14:00 UTC (`CRON_TZ=UTC 0 14 * * 4`), for 10m",
        BLAST_RADIUS,
        "- Mute window: thursday 13:55 to thursday 14:40 UTC",
        ...abort("checkout-api-zone-a-outage"),
      ].join("\n"),
    );
    expect(md).toContain(
      "\n| `checkout-api-zone-a-outage` | declared | checkout-api | zone outage: pod-failure of every pod in zone europe-west4-a | thursday 14:00 | 10m | checkout-api, storefront |\n",
    );
  });
});
