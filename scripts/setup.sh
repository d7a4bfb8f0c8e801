#!/usr/bin/env bash
# Idempotent set-up shared by `npm start` and `npm test` (their pre-scripts): npm packages,
# the Debian tools the tests run (promtool, amtool, prometheus, alertmanager), and the pinned
# Go-built toolchain. Each step is skipped when already done. Progress goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '[setup] %s\n' "$*" >&2; }
# `start` (npm start): npm packages only; the Pulumi CLI is the one on PATH, or the toolchain
# that scripts/pulumi-env.sh builds when there is none. `test` (default): everything the tests run.
mode="${1:-test}"

# 1. npm packages, reinstalled only when package-lock.json changed since the last install.
stamp=node_modules/.sevensa-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  say "npm ci"
  npm ci --no-audit --no-fund >&2
  cp package-lock.json "$stamp"
fi
if [ -f policies/package.json ]; then
  pstamp=policies/node_modules/.sevensa-lock
  if [ ! -f "$pstamp" ] || ! cmp -s policies/package-lock.json "$pstamp"; then
    say "npm ci (policies)"
    (cd policies && npm ci --no-audit --no-fund >&2)
    cp policies/package-lock.json "$pstamp"
  fi
fi

if [ "$mode" = start ]; then
  say "set-up for npm start complete"
  exit 0
fi

# 2. Debian packages whose binaries the tests run (and unzip/curl for fetching Go when missing).
need=()
for pair in promtool:prometheus prometheus:prometheus amtool:prometheus-alertmanager prometheus-alertmanager:prometheus-alertmanager unzip:unzip curl:curl; do
  bin=${pair%%:*}; pkg=${pair##*:}
  [ -x "/usr/bin/$bin" ] || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
  if [ "$(id -u)" = 0 ]; then
    say "apt-get install ${need[*]}"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
  else
    say "missing Debian packages: ${need[*]} — run: sudo apt-get install ${need[*]}"
    exit 1
  fi
fi
# The Debian packages start their daemons; the tests run their own on free ports.
for svc in prometheus prometheus-alertmanager prometheus-node-exporter; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$svc" 2>/dev/null; then systemctl stop "$svc" || true; fi
done
# 3. The pinned toolchain built from Go modules (cached outside the repo, keyed by version):
#    Pulumi CLI + language host + Kubernetes provider, otelcol-sevensa, jaeger, promtool; then the
#    Chaos Mesh API validator, the strict Kubernetes manifest validator and actionlint. A warm cache makes each a no-op.
#    Go itself comes from the module proxy when the machine has none new enough (ensure-go.sh).
# shellcheck source=ensure-go.sh
source scripts/ensure-go.sh
sevensa_ensure_go
bash scripts/toolchain.sh >/dev/null
bash scripts/build-chaos-validate.sh >&2
bash scripts/build-k8s-validate.sh >&2
bash scripts/build-actionlint.sh >&2
say "set-up complete"
