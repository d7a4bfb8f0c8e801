import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { readConfig } from "../../lib/config";
import { K8S, labelsOf, subject } from "../../lib/k8s";

export const INTERNAL_UI_NOT_EXPOSED = "k8s-internal-ui-not-exposed";

/** The platform's internal UIs, by `app.kubernetes.io/name` or `app.kubernetes.io/component`. */
export const DEFAULT_INTERNAL_UIS = ["prometheus", "alertmanager", "grafana", "jaeger", "loki", "chaos-dashboard"] as const;

/** Configuration of the internal-UI policy. */
export interface InternalUiConfig {
  /** Values of `app.kubernetes.io/name` or `app.kubernetes.io/component` that mark an internal UI. @default DEFAULT_INTERNAL_UIS */
  internalUis: string[];
}

const LABELS = ["app.kubernetes.io/name", "app.kubernetes.io/component"];

/**
 * No Service of an internal UI (Prometheus, Alertmanager, Grafana, Jaeger, Loki, the Chaos Mesh
 * dashboard) has type NodePort or LoadBalancer. The UI is recognised by the
 * `app.kubernetes.io/name` or `app.kubernetes.io/component` value of the Service's labels or
 * selector.
 *
 * Severity: high. Why: these UIs read every metric, trace and log, silence alerts or start chaos
 * experiments; a NodePort or LoadBalancer puts them on the network without the authenticating
 * ingress in front.
 */
export function internalUiNotExposed(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: INTERNAL_UI_NOT_EXPOSED,
    description: "Internal UIs are never exposed through a NodePort or LoadBalancer Service.",
    enforcementLevel,
    severity: "high",
    configSchema: {
      properties: {
        internalUis: { type: "array", items: { type: "string" }, default: [...DEFAULT_INTERNAL_UIS], description: "Label values marking an internal UI." },
      },
    },
    validateResource: (args, reportViolation) => {
      if (args.type !== K8S.service) return;
      const type = String(args.props.spec?.type ?? "ClusterIP");
      if (type !== "NodePort" && type !== "LoadBalancer") return;
      const config = readConfig<InternalUiConfig>(args, { internalUis: [...DEFAULT_INTERNAL_UIS] });
      const labels = { ...(args.props.spec?.selector ?? {}), ...labelsOf(args.props) } as Record<string, string>;
      const ui = LABELS.map((l) => labels[l]).find((v) => v !== undefined && config.internalUis.includes(v));
      if (ui === undefined) return;
      reportViolation(
        `${subject(args.type, args.name)}: exposes the internal UI ${ui} as ${type}; use type ClusterIP and reach it through the authenticating ingress or kubectl port-forward`,
      );
    },
  };
}
