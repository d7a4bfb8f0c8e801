# Sourced by scripts that run the Pulumi CLI (start, preview, the engine tests).
# - Uses the `pulumi` already on PATH (a user's official CLI); otherwise the pinned engine
#   toolchain built from Go modules (scripts/toolchain.sh with SEVENSA_TOOLCHAIN_TOOLS=engine).
# - The Kubernetes provider is the pinned one (4.25.0): already installed as a plugin or on PATH;
#   with an official CLI it is installed once, explicitly (`pulumi plugin install`); where that
#   cannot download (no internet), it is built from its Go module. Automatic plugin acquisition is
#   then off for every command, so `pulumi up` never downloads a plugin behind our back.
# - Without a backend login, state goes to a local file backend in .pulumi-state/ (gitignored).
# shellcheck shell=bash
# shellcheck source=../toolchain/versions.env
source toolchain/versions.env
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DIY_BACKEND_NO_LEGACY_WARNING=true

sevensa_have_k8s_provider() {
  command -v pulumi-resource-kubernetes >/dev/null 2>&1 && return 0
  pulumi plugin ls 2>/dev/null | awk -v v="$PULUMI_KUBERNETES_VERSION" '$1 == "kubernetes" && $2 == "resource" && $3 == v { found = 1 } END { exit !found }'
}

if ! command -v pulumi >/dev/null 2>&1 || [ -n "${SEVENSA_USE_TOOLCHAIN:-}" ]; then
  eval "$(SEVENSA_TOOLCHAIN_TOOLS=engine bash scripts/toolchain.sh)"
elif ! sevensa_have_k8s_provider; then
  echo "[pulumi] installing the pinned Kubernetes provider plugin $PULUMI_KUBERNETES_VERSION" >&2
  if ! pulumi plugin install resource kubernetes "$PULUMI_KUBERNETES_VERSION" >&2; then
    echo "[pulumi] plugin download failed; building the provider from its Go module instead" >&2
    eval "$(SEVENSA_TOOLCHAIN_TOOLS=engine bash scripts/toolchain.sh)"
  fi
fi
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true

if [ -z "${PULUMI_BACKEND_URL:-}" ] && ! pulumi whoami >/dev/null 2>&1; then
  mkdir -p .pulumi-state
  export PULUMI_BACKEND_URL="file://$PWD/.pulumi-state"
fi
