import * as path from "path";
import { K8S_VALIDATE_HINT, k8sValidateBinary } from "../../support/toolchain";
import { runTool } from "../../support/tools";

const REPO = path.resolve(__dirname, "../../..");

/** One k8s-validate run: exit status and stdout+stderr split into lines (no trailing empty line). */
export interface K8sValidateRun {
  status: number | null;
  lines: string[];
}

/**
 * Runs k8s-validate (toolchain/k8s-validate, built by scripts/build-k8s-validate.sh) from the
 * repository root, so relative fixture paths print as given. A missing binary fails the calling
 * test with the build hint.
 */
export function k8sValidate(args: string[], timeoutMs = 60_000): K8sValidateRun {
  const r = runTool(k8sValidateBinary(), args, K8S_VALIDATE_HINT, { cwd: REPO, timeoutMs });
  return { status: r.status, lines: r.output.replace(/\n$/, "").split("\n") };
}
