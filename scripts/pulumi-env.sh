# Sourced by scripts that run the Pulumi CLI (start, preview, the engine tests).
# - Uses the `pulumi` already on PATH (a user's official CLI); otherwise the pinned toolchain
#   built from Go modules (scripts/toolchain.sh), with automatic plugin downloads off: the
#   Kubernetes provider is found on PATH.
# - Without a backend login, state goes to a local file backend in .pulumi-state/ (gitignored).
# shellcheck shell=bash
if ! command -v pulumi >/dev/null 2>&1 || [ -n "${SEVENSA_USE_TOOLCHAIN:-}" ]; then
  eval "$(bash scripts/toolchain.sh)"
  export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
fi
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DIY_BACKEND_NO_LEGACY_WARNING=true
if [ -z "${PULUMI_BACKEND_URL:-}" ] && ! pulumi whoami >/dev/null 2>&1; then
  mkdir -p .pulumi-state
  export PULUMI_BACKEND_URL="file://$PWD/.pulumi-state"
fi
