/**
 * Alert and label names the routing tree and the inhibition rules treat specially. The
 * alerts themselves are defined in alert-rules/platform-rules.ts (a test checks they exist).
 */

/** The always-firing alert that proves the alerting pipeline works end to end. */
export const WATCHDOG_ALERT = "Watchdog";

/** The alert that inhibits info alerts in namespaces with nothing worse firing (kube-prometheus). */
export const INFO_INHIBITOR_ALERT = "InfoInhibitor";

/**
 * Label that marks an alert as caused by a planned chaos experiment (its value names the
 * experiment). Any alert with a non-empty `chaos_experiment` label goes to the experiments
 * receiver and pages nobody, whatever its severity or team, and the InfoInhibitor never
 * holds it back.
 */
export const CHAOS_EXPERIMENT_LABEL = "chaos_experiment";
