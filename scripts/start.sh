#!/usr/bin/env bash
# `npm start`: the main job. `pulumi up` of the local stack with the policy pack, rendering every
# Kubernetes manifest into rendered/local/ (no cluster, no account, no network), the artifacts
# beside them in rendered/local-artifacts/, then a short summary.
# The local stack's passphrase is documented and not secret: the local stack holds no secrets
# worth protecting (Grafana's generated password only). Other stacks use your own passphrase
# or secrets provider.
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$(date +%s)
step() { printf '\n==> [%ss] %s\n' "$(( $(date +%s) - t0 ))" "$*" >&2; }

step "toolchain and Pulumi backend"
source scripts/pulumi-env.sh
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-sevensa-local-stack}"
pulumi version >&2
pulumi stack select --create local >&2

step "pulumi up --stack local (policy pack sevensa-observability)"
log=$(mktemp)
# rendered/local/ is managed by the provider: it writes changed objects and removes deleted ones.
# A failed up (a mandatory policy violation, say) still gets the summary; npm start then fails.
up_status=0
pulumi up --yes --stack local --skip-preview --suppress-progress \
  --policy-pack policies --policy-pack-config policies/config/local.json 2>&1 | tee "$log" >&2 || up_status=${PIPESTATUS[0]}

step "artifacts"
rm -rf rendered/local-artifacts
npx ts-node --transpile-only scripts/artifacts.ts --stack local --out rendered/local-artifacts >&2

step "summary"
pulumi stack export --stack local > rendered/local-state.json
npx ts-node --transpile-only scripts/summary.ts --state rendered/local-state.json --artifacts rendered/local-artifacts --manifests rendered/local --up-log "$log"
rm -f "$log"
if [ "$up_status" -ne 0 ]; then
  echo "pulumi up failed (exit $up_status); the policy violations and errors are in its output above" >&2
  exit "$up_status"
fi
