/**
 * The SLO guard of an experiment: a Chaos Mesh StatusCheck that aborts the workflow when the
 * page burn-rate condition of any service in the blast radius is true in Prometheus.
 *
 * The condition is the one the `SLOErrorBudgetBurn` page alert uses (alert-rules/burn-rate.ts):
 * for each SLO and each page window pair (1h/5m above 14.4×, 6h/30m above 6× for 30d; factors
 * derived from the SLO's period), the recorded `slo:error_budget:burn_rate` of both windows
 * above the factor. The low-traffic gate of the page is not applied: the guard is stricter.
 * A service whose burn-rate series are absent also trips the guard (no measurement, no experiment).
 *
 * Chaos Mesh judges an HTTP status check by its status code only, so the query is written to
 * fail exactly when the condition holds: `vector(1) + on () (C or label_replace(C, ...))` has
 * two right-hand series per matching one when C is non-empty, which Prometheus refuses with
 * HTTP 422 ("found duplicate series for the match group"); when C is empty the answer is an
 * empty vector with HTTP 200. Prometheus unreachable, a timeout or a 5xx also fail the check.
 */
import type { EnvironmentName, ServiceDeclaration } from "../catalogue/types";
import { DEFAULT_PERIOD, windowsOf } from "../alert-rules/burn-rate";
import { formatNumber } from "../alert-rules/format-number";
import { RECORDING_NAMES, WINDOW_LABEL, BASE_WINDOW } from "../alert-rules/recording-names";

/** Seconds between two guard queries. */
export const GUARD_INTERVAL_SECONDS = 15;
/** Consecutive failed queries that abort the workflow. */
export const GUARD_FAILURE_THRESHOLD = 2;
/** Timeout of one guard query. */
export const GUARD_TIMEOUT_SECONDS = 10;
/** Name of the guard template in every workflow. */
export const GUARD_TEMPLATE = "slo-guard";

function burn(service: string, slo: string, window: string): string {
  return `${RECORDING_NAMES.burnRate}{service="${service}", slo="${slo}", ${WINDOW_LABEL}="${window}"}`;
}

/**
 * The page burn-rate condition of one service, one term per SLO and page window pair, plus
 * `absent(...)` of its base-window burn rate. `environment` is accepted for symmetry with
 * the rule generator; the burn-rate recordings already divide by the environment's budget.
 */
export function pageBurnCondition(service: ServiceDeclaration, _environment: EnvironmentName): string {
  const terms = service.slos.flatMap((slo) =>
    windowsOf("page", slo.period ?? DEFAULT_PERIOD).map((w) => {
      const f = formatNumber(w.factor);
      return `(${burn(service.name, slo.name, w.long)} > ${f} and ignoring (${WINDOW_LABEL}) ${burn(service.name, slo.name, w.short)} > ${f})`;
    }),
  );
  terms.push(`absent(${RECORDING_NAMES.burnRate}{service="${service.name}", ${WINDOW_LABEL}="${BASE_WINDOW}"})`);
  return terms.join(" or ");
}

/** The guard query over every service of the blast radius (HTTP 422 when any condition holds). */
export function sloGuardQuery(services: readonly ServiceDeclaration[], environment: EnvironmentName): string {
  if (services.length === 0) throw new Error("the SLO guard needs at least one service");
  const c = services.map((s) => pageBurnCondition(s, environment)).join(" or ");
  return `vector(1) + on () ((${c}) or label_replace((${c}), "chaos_guard", "copy", "", ""))`;
}

/** Arguments of the guard template. */
export interface GuardTemplateArgs {
  /** Services whose SLOs the guard watches (the blast radius). */
  services: readonly ServiceDeclaration[];
  environment: EnvironmentName;
  /** In-cluster base URL of Prometheus, e.g. `http://sevensa-prometheus.monitoring.svc:9090`. */
  prometheusUrl: string;
  /** How long the guard watches (the experiment's duration). */
  duration: string;
}

/** The StatusCheck workflow template that aborts the workflow when the guard fails. */
export function sloGuardTemplate(args: GuardTemplateArgs): Record<string, unknown> {
  return {
    name: GUARD_TEMPLATE,
    templateType: "StatusCheck",
    deadline: args.duration,
    abortWithStatusCheck: true,
    statusCheck: {
      mode: "Continuous",
      type: "HTTP",
      duration: args.duration,
      intervalSeconds: GUARD_INTERVAL_SECONDS,
      timeoutSeconds: GUARD_TIMEOUT_SECONDS,
      failureThreshold: GUARD_FAILURE_THRESHOLD,
      successThreshold: 1,
      recordsHistoryLimit: 100,
      http: {
        url: `${args.prometheusUrl}/api/v1/query`,
        method: "POST",
        headers: { "Content-Type": ["application/x-www-form-urlencoded"] },
        body: `query=${encodeURIComponent(sloGuardQuery(args.services, args.environment))}`,
        criteria: { statusCode: "200" },
      },
    },
  };
}
