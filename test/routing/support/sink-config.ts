import type { AlertmanagerConfig, AmRoute } from "../../../routing/alertmanager-types";

/** Timings of the test variant: short enough for a quick test, no repeat within it. */
export const TEST_TIMINGS = { group_wait: "1s", group_interval: "2s", repeat_interval: "1h" } as const;

export interface SinkRewriteOptions {
  /** Keep the generated time intervals (for a test about them). @default false: they are removed */
  keepTimeIntervals?: boolean;
}

function rewriteRoute(route: AmRoute, keepTimeIntervals: boolean): AmRoute {
  const out: AmRoute = { ...route };
  if (out.group_wait !== undefined) out.group_wait = TEST_TIMINGS.group_wait;
  if (out.group_interval !== undefined) out.group_interval = TEST_TIMINGS.group_interval;
  if (out.repeat_interval !== undefined) out.repeat_interval = TEST_TIMINGS.repeat_interval;
  if (!keepTimeIntervals) {
    delete out.active_time_intervals;
    delete out.mute_time_intervals;
  }
  if (route.routes !== undefined) out.routes = route.routes.map((r) => rewriteRoute(r, keepTimeIntervals));
  return out;
}

/**
 * TEST-ONLY transformation of a generated configuration, so that a real Alertmanager can
 * run it on 127.0.0.1 and a test can observe it. It changes exactly this:
 * 1. every receiver keeps its name but its integrations are replaced by ONE webhook to
 *    `<sinkUrl>/<receiver name>` with `send_resolved: true` (no PagerDuty, Slack or
 *    e-mail is contacted, no secret file is read); a receiver without integrations (the
 *    `null` receiver) stays without;
 * 2. every `group_wait` / `group_interval` / `repeat_interval` that the generated route
 *    sets becomes 1s / 2s / 1h, so a test sees notifications in seconds and no repeat;
 * 3. unless `keepTimeIntervals`, `active_time_intervals` and `mute_time_intervals` are
 *    dropped, so the outcome does not depend on the hour the test runs.
 * The routing tree's matchers, order and `group_by`, and the inhibition rules, are kept
 * exactly as generated: they are what the end-to-end test verifies.
 */
export function pointReceiversAtSink(config: AlertmanagerConfig, sinkUrl: string, options: SinkRewriteOptions = {}): AlertmanagerConfig {
  const keep = options.keepTimeIntervals ?? false;
  return {
    ...config,
    route: rewriteRoute(config.route, keep),
    receivers: config.receivers.map((r) =>
      Object.keys(r).length === 1 ? { name: r.name } : { name: r.name, webhook_configs: [{ send_resolved: true, url: `${sinkUrl}/${r.name}` }] },
    ),
    time_intervals: keep ? config.time_intervals : [],
  };
}
