import * as path from "path";
import { CHAOS_WINDOW_ALERT, chaosMuteInhibitRule } from "../../chaos/windows";
import { generateAlertmanagerConfig } from "../../routing/alertmanager-config";
import type { AlertmanagerConfig } from "../../routing/alertmanager-types";
import { loadTeams } from "../../routing/load-teams";
import { renderAlertmanagerConfig } from "../../routing/render-alertmanager";
import type { LoadedTeam } from "../../routing/team-types";
import { CLUSTER_PEER_TIMEOUT_MS, freePort, postAlerts, RunningAlertmanager, startAlertmanager, stopAll, type PostableAlert } from "./support/alertmanager-process";
import { writeTemp } from "./support/amtool";
import { exampleCatalogue } from "./support/catalogue";
import { pointReceiversAtSink } from "./support/sink-config";
import { alphaFixture, loaded, platformFixture } from "./support/teams";
import { sleep, WebhookSink } from "./support/webhook-sink";

/**
 * End to end against the real Alertmanager 0.25 on 127.0.0.1: the production config
 * generated from the example teams and catalogue, with its receivers pointed at a local
 * webhook sink by the documented test-only rewrite (support/sink-config.ts: webhooks
 * only, group_wait 1s / group_interval 2s / repeat 1h). Every test starts its own
 * Alertmanager(s) and stops them afterwards; each wait is bounded.
 */
jest.setTimeout(60_000);

const repoRoot = path.resolve(__dirname, "../..");
const teams = loadTeams(repoRoot);
const services = exampleCatalogue();
/** Long enough for a change to be flushed twice (group_interval 2s) and for the last cluster replica (2 × peer timeout 2s). */
const QUIET_MS = 6_000;

function sloAlert(service: string, team: string, slo: string, severity: string, extra: Record<string, string> = {}): PostableAlert {
  return {
    labels: { alertname: "SLOErrorBudgetBurn", service, team, namespace: "shop", slo, severity, ...extra },
    annotations: { summary: `${service} ${slo} burns its budget`, description: "test", runbook_url: "https://example.test/runbook" },
  };
}

function configFile(sink: WebhookSink, cfg: AlertmanagerConfig = generateAlertmanagerConfig({ environment: "production", teams, services }), keepTimeIntervals = false): string {
  return writeTemp(renderAlertmanagerConfig(pointReceiversAtSink(cfg, sink.url, { keepTimeIntervals }), "e2e test variant"));
}

let sink: WebhookSink;
beforeEach(async () => {
  sink = await WebhookSink.start();
});
afterEach(async () => {
  await stopAll();
  await sink.stop();
});

async function single(file: string): Promise<RunningAlertmanager> {
  return startAlertmanager({ configFile: file, webPort: await freePort() });
}

test("alerts produce exactly one notification per group, each at its team's receiver", async () => {
  const am = await single(configFile(sink));
  await postAlerts(am, [
    // two alerts of one page group (same alertname, service, slo): one notification with both
    sloAlert("checkout-api", "payments", "availability", "page", { long_window: "1h" }),
    sloAlert("checkout-api", "payments", "availability", "page", { long_window: "6h" }),
    sloAlert("storefront", "commerce", "latency", "ticket"),
    sloAlert("pricing-engine", "pricing", "availability", "info"),
    { labels: { alertname: "KubePodCrashLooping", namespace: "shop", severity: "warning" } },
  ]);
  await sink.waitFor(() => sink.received.length >= 4, 15_000, "four notifications");
  await sleep(QUIET_MS);

  expect(sink.received.map((n) => n.path).sort()).toEqual(["commerce-slack", "payments-pagerduty", "platform-unowned", "pricing-email"]);
  const page = sink.for("payments-pagerduty")[0];
  expect(page.status).toBe("firing");
  expect(page.groupLabels).toEqual({ alertname: "SLOErrorBudgetBurn", service: "checkout-api", slo: "availability" });
  expect(page.alerts.map((a) => a.labels.long_window).sort()).toEqual(["1h", "6h"]);
  expect(sink.for("commerce-slack")[0].alerts.map((a) => a.labels.service)).toEqual(["storefront"]);
  expect(sink.for("platform-unowned")[0].alerts.map((a) => a.labels.alertname)).toEqual(["KubePodCrashLooping"]);
});

test("a firing page suppresses the ticket for the same SLO, not the ticket of another SLO", async () => {
  const am = await single(configFile(sink));
  await postAlerts(am, [
    sloAlert("pricing-engine", "pricing", "latency", "page"),
    sloAlert("pricing-engine", "pricing", "latency", "ticket"),
    sloAlert("pricing-engine", "pricing", "availability", "ticket"),
  ]);
  await sink.waitFor(() => sink.for("pricing-pagerduty").length >= 1 && sink.for("pricing-slack").length >= 1, 15_000, "the page and the ticket group");
  await sleep(QUIET_MS);

  expect(sink.for("pricing-pagerduty").map((n) => n.alerts.map((a) => [a.labels.slo, a.labels.severity]))).toEqual([[["latency", "page"]]]);
  expect(sink.for("pricing-slack").map((n) => n.alerts.map((a) => [a.labels.slo, a.labels.severity]))).toEqual([[["availability", "ticket"]]]);
  expect(sink.received).toHaveLength(2);
});

test("a platform-down alert inhibits the per-service alerts it makes noise of, and pages the platform team", async () => {
  const am = await single(configFile(sink));
  await postAlerts(am, [
    { labels: { alertname: "OtelCollectorDroppingData", team: "platform", severity: "critical", job: "otel-gateway", exporter: "prometheusremotewrite" } },
    sloAlert("checkout-api", "payments", "availability", "page"),
    sloAlert("storefront", "commerce", "latency", "ticket"),
  ]);
  await sink.waitFor(() => sink.for("platform-pagerduty").length >= 1, 15_000, "the platform page");
  await sleep(QUIET_MS);
  expect(sink.received.map((n) => [n.path, n.alerts.map((a) => a.labels.alertname)])).toEqual([["platform-pagerduty", ["OtelCollectorDroppingData"]]]);
});

test("a chaos experiment window is visible in the experiments channel, not held back by the InfoInhibitor, and mutes the service's SLO page", async () => {
  const chaosMute = chaosMuteInhibitRule();
  const am = await single(configFile(sink, generateAlertmanagerConfig({ environment: "production", teams, services, extraInhibitRules: [chaosMute] })));
  await postAlerts(am, [
    { labels: { alertname: "InfoInhibitor", team: "platform", namespace: "shop", severity: "none" } },
    { labels: { alertname: CHAOS_WINDOW_ALERT, team: "payments", service: "checkout-api", namespace: "shop", severity: "info", chaos_experiment: "checkout-api-pod-kill" } },
    sloAlert("checkout-api", "payments", "availability", "page"),
  ]);
  await sink.waitFor(() => sink.received.length >= 1, 15_000, "the experiment window notification");
  await sleep(QUIET_MS);
  expect(sink.received.map((n) => [n.path, n.alerts.map((a) => a.labels.alertname)])).toEqual([["platform-chaos-experiments", ["ChaosExperimentWindow"]]]);
});

test("resolving an alert sends its resolution to the same receiver", async () => {
  const am = await single(configFile(sink));
  const alert = sloAlert("checkout-api", "payments", "latency", "page");
  await postAlerts(am, [alert]);
  await sink.waitFor(() => sink.for("payments-pagerduty").length === 1, 15_000, "the firing page");
  await postAlerts(am, [{ ...alert, endsAt: new Date().toISOString() }]);
  await sink.waitFor(() => sink.for("payments-pagerduty").length === 2, 15_000, "the resolution");
  await sleep(QUIET_MS);

  expect(sink.for("payments-pagerduty").map((n) => [n.status, n.alerts.map((a) => a.status)])).toEqual([
    ["firing", ["firing"]],
    ["resolved", ["resolved"]],
  ]);
  expect(sink.received).toHaveLength(2);
});

test("a three-replica gossip cluster on loopback delivers one notification, not three", async () => {
  const file = configFile(sink);
  const [web, gossip] = [await Promise.all([freePort(), freePort(), freePort()]), await Promise.all([freePort(), freePort(), freePort()])];
  const addresses = gossip.map((p) => `127.0.0.1:${p}`);
  const replicas = await Promise.all(
    [0, 1, 2].map((i) => startAlertmanager({ configFile: file, webPort: web[i], clusterPort: gossip[i], peers: addresses.filter((_, j) => j !== i) }, 30_000)),
  );
  // Like Prometheus: every replica receives every alert directly.
  const alert = sloAlert("checkout-api", "payments", "availability", "page");
  await Promise.all(replicas.map((am) => postAlerts(am, [alert])));
  await sink.waitFor(() => sink.received.length >= 1, 15_000, "the first notification");
  // The last replica (position 2) would send its duplicate 2 peer timeouts after the first.
  await sleep(2 * CLUSTER_PEER_TIMEOUT_MS + QUIET_MS);

  const sent = sink.received.map((n) => [n.path, n.status, n.alerts.length]);
  if (sent.length !== 1) console.log(replicas.map((am, i) => `--- replica ${i}\n${am.log()}`).join("\n"));
  expect(sent).toEqual([["payments-pagerduty", "firing", 1]]);
}, 90_000);

describe("a team's business hours", () => {
  const weekdayAt = (ms: number) => new Intl.DateTimeFormat("en", { weekday: "long", timeZone: "Europe/Amsterdam" }).format(new Date(ms)).toLowerCase();

  /**
   * Weekday names as Alertmanager spells them, today's in the team's time zone first. Within a
   * minute of midnight there it first waits for the new day, so that the day does not change
   * between this choice and Alertmanager's check.
   */
  async function weekdays(): Promise<{ today: string; others: string[] }> {
    while (weekdayAt(Date.now()) !== weekdayAt(Date.now() + 60_000)) await sleep(5_000);
    const names = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
    const today = weekdayAt(Date.now());
    return { today, others: names.filter((n) => n !== today) };
  }

  function teamsWithTicketsOn(days: string[]): LoadedTeam[] {
    const alpha = alphaFixture();
    alpha.timeIntervals = { "business-hours": [{ weekdays: days }], maintenance: [{ years: ["2001"] }] };
    return loaded(alpha, platformFixture());
  }

  test("hold tickets back outside them while pages still go out", async () => {
    const cfg = generateAlertmanagerConfig({ environment: "production", teams: teamsWithTicketsOn((await weekdays()).others), services: [] });
    const am = await single(configFile(sink, cfg, true));
    await postAlerts(am, [sloAlert("alpha-api", "alpha", "availability", "page"), sloAlert("alpha-api", "alpha", "latency", "ticket")]);
    await sink.waitFor(() => sink.for("alpha-pd").length === 1, 15_000, "the page");
    await sleep(QUIET_MS);
    expect(sink.received.map((n) => n.path)).toEqual(["alpha-pd"]);
  });

  test("let tickets through inside them", async () => {
    const cfg = generateAlertmanagerConfig({ environment: "production", teams: teamsWithTicketsOn([(await weekdays()).today]), services: [] });
    const am = await single(configFile(sink, cfg, true));
    await postAlerts(am, [sloAlert("alpha-api", "alpha", "latency", "ticket")]);
    await sink.waitFor(() => sink.for("alpha-slack").length === 1, 15_000, "the ticket");
    expect(sink.received.map((n) => n.path)).toEqual(["alpha-slack"]);
  });
});
