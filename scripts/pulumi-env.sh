# Sourced by scripts that run the Pulumi CLI (start, preview, the engine tests).
# - Uses the `pulumi` already on PATH (a user's official CLI); otherwise the pinned engine
#   toolchain built from Go modules (scripts/toolchain.sh with SEVENSA_TOOLCHAIN_TOOLS=engine).
# - Provider plugins are the pinned ones the @pulumi/* packages name: with an official CLI each
#   missing one is installed once, explicitly (`pulumi plugin install`); where that cannot
#   download (no internet), the Kubernetes provider is built from its Go module (the local stack
#   needs no other). Automatic plugin acquisition is then off for every command, so `pulumi up`
#   never downloads a plugin behind our back.
# - Without a backend login, state goes to a local file backend in .pulumi-state/ (gitignored).
# shellcheck shell=bash
# shellcheck source=../toolchain/versions.env
source toolchain/versions.env
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DIY_BACKEND_NO_LEGACY_WARNING=true

sevensa_have_plugin() { # <name> <version>: installed as a plugin, or (kubernetes) on PATH
  { [ "$1" = kubernetes ] && command -v pulumi-resource-kubernetes >/dev/null 2>&1; } && return 0
  pulumi plugin ls 2>/dev/null | awk -v n="$1" -v v="$2" '$1 == n && $2 == "resource" && $3 == v { found = 1 } END { exit !found }'
}

if ! command -v pulumi >/dev/null 2>&1 || [ -n "${SEVENSA_USE_TOOLCHAIN:-}" ]; then
  eval "$(SEVENSA_TOOLCHAIN_TOOLS=engine bash scripts/toolchain.sh)"
else
  # The provider plugins the installed @pulumi/* packages ask for ("name version" lines).
  while read -r name version; do
    sevensa_have_plugin "$name" "$version" && continue
    echo "[pulumi] installing the pinned $name provider plugin $version" >&2
    pulumi plugin install resource "$name" "$version" >&2 && continue
    if [ "$name" = kubernetes ]; then
      echo "[pulumi] plugin download failed; building the Kubernetes provider from its Go module instead" >&2
      eval "$(SEVENSA_TOOLCHAIN_TOOLS=engine bash scripts/toolchain.sh)"
    else
      echo "[pulumi] plugin download failed: stacks that use the $name provider will not run here (the local stack does not)" >&2
    fi
  done < <(node -e '
    const deps = Object.keys(require("./package.json").dependencies ?? {}).filter((d) => d.startsWith("@pulumi/"));
    for (const d of deps) {
      const pkg = require(`./node_modules/${d}/package.json`);
      if (pkg.pulumi?.resource) console.log(pkg.pulumi.name ?? d.slice("@pulumi/".length), String(pkg.pulumi.version ?? pkg.version).replace(/^v/, ""));
    }')
fi
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true

if [ -z "${PULUMI_BACKEND_URL:-}" ] && ! pulumi whoami >/dev/null 2>&1; then
  mkdir -p .pulumi-state
  export PULUMI_BACKEND_URL="file://$PWD/.pulumi-state"
fi
