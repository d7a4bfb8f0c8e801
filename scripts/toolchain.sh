#!/usr/bin/env bash
# Builds (or reuses) the pinned toolchain from Go modules: the Pulumi CLI, the
# Node.js language host, the Kubernetes provider, the otelcol-sevensa collector
# distribution and Jaeger v2. Versions: toolchain/versions.env; wrapper modules
# with committed go.mod/go.sum: toolchain/*/.
#
# Everything goes to a cache outside the repo, one directory per tool keyed by
# version: ${SEVENSA_TOOLCHAIN_CACHE:-$HOME/.cache/sevensa-toolchain}/<tool>-<version>/
# with the Go module and build caches beside them (gomod/, gocache/), so CI can
# cache that one directory. A tool whose directory holds a binary built from the
# same inputs is reused (a second run builds nothing).
#
# Usage:
#   eval "$(scripts/toolchain.sh)"     build what is missing, then put it on PATH
#   scripts/toolchain.sh --print-path  print the PATH line if everything is cached,
#                                      fail (exit 1) without building otherwise
# Progress goes to stderr; stdout carries only the `export PATH=...` line.
# SEVENSA_TOOLCHAIN_TOOLS=engine builds only what `pulumi up` needs (CLI, language
# host, Kubernetes provider); the default `all` adds otelcol-sevensa, jaeger, promtool.
# Without Go >= 1.26.6 on PATH, the pinned Go is fetched from the module proxy
# (scripts/ensure-go.sh).
# SEVENSA_TOOLCHAIN_PRUNE_GO_CACHES=1 deletes the Go module/build caches after a
# successful build, leaving only the binaries (~550 MB instead of many GB).
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
}

MODE=build
# Which tools: `all` (default; what the tests run) or `engine` (the Pulumi CLI, its Node.js
# language host and the Kubernetes provider: what `pulumi up` needs).
TOOLS="${SEVENSA_TOOLCHAIN_TOOLS:-all}"
case "$TOOLS" in
  all | engine) ;;
  *) echo "toolchain.sh: SEVENSA_TOOLCHAIN_TOOLS must be 'all' or 'engine', not '$TOOLS'" >&2; exit 2 ;;
esac
case "${1:-}" in
  "") ;;
  --print-path) MODE=print ;;
  -h | --help) usage; exit 0 ;;
  *) echo "toolchain.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
esac

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TC="$REPO_ROOT/toolchain"
# shellcheck source=../toolchain/versions.env
source "$TC/versions.env"
CACHE="${SEVENSA_TOOLCHAIN_CACHE:-$HOME/.cache/sevensa-toolchain}"
START=$(date +%s)

log() { printf '[toolchain %4ss] %s\n' "$(($(date +%s) - START))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- Go environment: module and build caches inside the toolchain cache -------
# shellcheck source=ensure-go.sh
source "$REPO_ROOT/scripts/ensure-go.sh"
sevensa_ensure_go || die "no usable Go (>= $SEVENSA_GO_MIN) and none could be fetched from the module proxy"
export GOMODCACHE="$CACHE/gomod" GOCACHE="$CACHE/gocache"
export GOFLAGS="-trimpath -modcacherw -mod=readonly -buildvcs=false"
export CGO_ENABLED=0 GOTOOLCHAIN=local
export PULUMI_SKIP_UPDATE_CHECK=true
LDFLAGS_BASE="-s -w"
# Bump when a build step below changes in a way that needs every tool rebuilt.
RECIPE=1
GO_VERSION="$(go env GOVERSION)"

# --- consistency of versions.env with the wrapper modules ----------------------
require_line() { # <file> <exact line fragment> <field>
  grep -qF -- "$2" "$1" || die "$1 does not contain '$2' (toolchain/versions.env field $3 disagrees with it)"
}
require_line "$TC/pulumi/go.mod" "github.com/pulumi/pulumi/pkg/v3 v$PULUMI_VERSION" PULUMI_VERSION
require_line "$TC/pulumi-kubernetes/go.mod" "github.com/pulumi/pulumi-kubernetes/provider/v4 $PULUMI_KUBERNETES_MODULE_VERSION" PULUMI_KUBERNETES_MODULE_VERSION
require_line "$TC/otelcol/builder-config.yaml" "version: $OTELCOL_VERSION" OTELCOL_VERSION
require_line "$TC/otelcol/go.mod" "go.opentelemetry.io/collector/cmd/builder v$OTELCOL_VERSION" OTELCOL_VERSION
require_line "$TC/otelcol/distribution.go.mod" "go.opentelemetry.io/collector/otelcol v$OTELCOL_VERSION" OTELCOL_VERSION
require_line "$TC/jaeger/go.mod" "github.com/jaegertracing/jaeger $JAEGER_MODULE_VERSION" JAEGER_MODULE_VERSION
require_line "$TC/promtool/go.mod" "github.com/prometheus/prometheus $PROMTOOL_MODULE_VERSION" PROMTOOL_MODULE_VERSION

# Fingerprint of everything a tool is built from: its wrapper module files, the
# pinned versions, the Go version and the build flags. A cached tool whose
# fingerprint differs is rebuilt.
fingerprint() { # <wrapper dir> <extra text>
  {
    (cd "$1" && find . -type f \( -name '*.go' -o -name '*go.mod' -o -name '*go.sum' -o -name '*.yaml' \) \
      -not -path './_build/*' | LC_ALL=C sort | xargs sha256sum)
    printf '%s\n' "$2" "$GO_VERSION" "$GOFLAGS" "$CGO_ENABLED" "$LDFLAGS_BASE" "$RECIPE"
  } | sha256sum | cut -c1-16
}

PATH_DIRS=()
MISSING=()
TMP_DIRS=()
cleanup() { if ((${#TMP_DIRS[@]})); then rm -rf "${TMP_DIRS[@]}"; fi; }
trap cleanup EXIT

# ensure_tool <key> <binary> <fingerprint> <build function>
# Reuses $CACHE/<key>/bin/<binary> when its fingerprint matches, else calls
# <build function> <staging dir> and moves the staging dir into place.
ensure_tool() {
  local key=$1 bin=$2 fp=$3 build=$4
  local dir="$CACHE/$key"
  if [[ -x "$dir/bin/$bin" && -f "$dir/.fingerprint" && "$(<"$dir/.fingerprint")" == "$fp" ]]; then
    log "$key: reused cache ($dir/bin/$bin)"
    PATH_DIRS+=("$dir/bin")
    return 0
  fi
  if [[ $MODE == print ]]; then
    MISSING+=("$key")
    return 0
  fi
  local t0 stage="$CACHE/.stage-$key-$$"
  t0=$(date +%s)
  TMP_DIRS+=("$stage")
  rm -rf "$stage"
  mkdir -p "$stage/bin"
  log "$key: building (not cached or inputs changed)..."
  "$build" "$stage"
  [[ -x "$stage/bin/$bin" ]] || die "$key: build produced no $bin"
  rm -rf "$stage/src"
  printf '%s\n' "$fp" >"$stage/.fingerprint"
  rm -rf "$dir"
  mv "$stage" "$dir"
  log "$key: built in $(($(date +%s) - t0))s ($(du -sh "$dir/bin/$bin" | cut -f1)) -> $dir/bin/$bin"
  PATH_DIRS+=("$dir/bin")
}

# --- build steps (each gets a staging dir; binaries go to <stage>/bin) --------

build_pulumi() {
  local out=$1 got
  (cd "$TC/pulumi" && go build \
    -ldflags="$LDFLAGS_BASE -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" \
    -o "$out/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  got=$("$out/bin/pulumi" version)
  [[ $got == "v$PULUMI_VERSION" ]] || die "built pulumi reports '$got', expected v$PULUMI_VERSION"
}

build_language_nodejs() {
  local out=$1
  (cd "$TC/pulumi-language-nodejs" && go build \
    -ldflags="$LDFLAGS_BASE -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_LANGUAGE_NODEJS_VERSION" \
    -o "$out/bin/pulumi-language-nodejs" .)
}

build_kubernetes() {
  local out=$1 src=$1/src moddir
  mkdir -p "$src"
  cp "$TC/pulumi-kubernetes/go.mod" "$TC/pulumi-kubernetes/go.sum" "$TC/pulumi-kubernetes/main.go" "$src/"
  cd "$src" || return 1
  go mod download github.com/pulumi/pulumi-kubernetes/provider/v4
  moddir=$(go list -m -f '{{.Dir}}' github.com/pulumi/pulumi-kubernetes/provider/v4)
  # Upstream's release build runs cmd/pulumi-resource-kubernetes/generate.go to
  # turn the module's schema.json / terraform-mapping.json into the *-embed.json
  # files that main.go embeds (stamping the version into the schema). Run that
  # same generator on copies of the files the module ships.
  cp "$moddir/cmd/pulumi-resource-kubernetes/schema.json" \
    "$moddir/cmd/pulumi-resource-kubernetes/terraform-mapping.json" "$src/"
  chmod u+w "$src"/*.json
  VERSION="$PULUMI_KUBERNETES_VERSION" go run "$moddir/cmd/pulumi-resource-kubernetes/generate.go"
  rm -f schema.json terraform-mapping.json
  go build \
    -ldflags="$LDFLAGS_BASE -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$PULUMI_KUBERNETES_VERSION" \
    -o "$out/bin/pulumi-resource-kubernetes" .
  cd "$REPO_ROOT" || return 1
}

build_otelcol() {
  local out=$1 src=$1/src got
  mkdir -p "$src"
  (cd "$TC/otelcol" && go build -o "$src/ocb" go.opentelemetry.io/collector/cmd/builder)
  # 1. The builder generates the distribution's sources from the manifest
  #    (into ./_build, the manifest's output_path) without resolving modules.
  # 2. The resolved go.mod/go.sum are the committed distribution.go.{mod,sum}:
  #    every module hash is pinned here, including servicegraphconnector
  #    v0.159.0, which the proxy serves but the checksum database does not list.
  # 3. The builder compiles (-trimpath -ldflags="-s -w", CGO_ENABLED=0) against
  #    exactly those files (-mod=readonly from GOFLAGS).
  (cd "$src" && "$src/ocb" --config "$TC/otelcol/builder-config.yaml" --skip-get-modules --skip-compilation >&2 \
    && cp "$TC/otelcol/distribution.go.mod" _build/go.mod \
    && cp "$TC/otelcol/distribution.go.sum" _build/go.sum \
    && "$src/ocb" --config "$TC/otelcol/builder-config.yaml" --skip-generate --skip-get-modules >&2)
  mv "$src/_build/otelcol-sevensa" "$out/bin/otelcol-sevensa"
  got=$("$out/bin/otelcol-sevensa" --version)
  [[ $got == *" $OTELCOL_VERSION" ]] || die "built otelcol-sevensa reports '$got', expected $OTELCOL_VERSION"
}

build_jaeger() {
  local out=$1 date got
  cd "$TC/jaeger" || return 1
  date=$(go list -m -f '{{.Time.UTC.Format "2006-01-02T15:04:05Z"}}' github.com/jaegertracing/jaeger)
  go build \
    -ldflags="$LDFLAGS_BASE -X github.com/jaegertracing/jaeger/internal/version.latestVersion=v$JAEGER_VERSION -X github.com/jaegertracing/jaeger/internal/version.commitSHA=module-$JAEGER_MODULE_VERSION -X github.com/jaegertracing/jaeger/internal/version.date=$date" \
    -o "$out/bin/jaeger" github.com/jaegertracing/jaeger/cmd/jaeger
  cd "$REPO_ROOT" || return 1
  got=$("$out/bin/jaeger" version 2>/dev/null)
  [[ $got == *"\"v$JAEGER_VERSION\""* ]] || die "built jaeger reports '$got', expected v$JAEGER_VERSION"
}

build_promtool() {
  local out=$1 got
  (cd "$TC/promtool" && go build \
    -ldflags="$LDFLAGS_BASE -X github.com/prometheus/common/version.Version=$PROMTOOL_VERSION" \
    -o "$out/bin/promtool" github.com/prometheus/prometheus/cmd/promtool)
  got=$("$out/bin/promtool" --version 2>&1 | head -1)
  [[ $got == *"version $PROMTOOL_VERSION "* ]] || die "built promtool reports '$got', expected $PROMTOOL_VERSION"
}

# --- run -----------------------------------------------------------------------
# Builds take a lock so that concurrent callers (npm start, CI, tests) wait for
# one another; --print-path only reads (each tool's directory appears atomically).
if [[ $MODE == build ]]; then
  mkdir -p "$CACHE"
  exec 9>"$CACHE/.lock"
  if ! flock -n 9; then
    log "another toolchain build holds $CACHE/.lock; waiting..."
    flock 9
  fi
fi
log "cache: $CACHE ($GO_VERSION)"

# A user's own Pulumi CLI at the pinned version is used as it is (with the
# language host installed beside it, as the official installers do).
USE_SYSTEM_PULUMI=""
if existing=$(command -v pulumi 2>/dev/null) && [[ $existing != "$CACHE"/* ]]; then
  existing_version=$(pulumi version 2>/dev/null || true)
  if [[ $existing_version == "v$PULUMI_VERSION" && -x "$(dirname "$existing")/pulumi-language-nodejs" ]]; then
    USE_SYSTEM_PULUMI=$existing
    log "pulumi: using $existing ($existing_version, with pulumi-language-nodejs beside it)"
  else
    log "pulumi: ignoring $existing (${existing_version:-unknown version}; want v$PULUMI_VERSION with pulumi-language-nodejs beside it)"
  fi
fi

if [[ -z $USE_SYSTEM_PULUMI ]]; then
  ensure_tool "pulumi-$PULUMI_VERSION" pulumi \
    "$(fingerprint "$TC/pulumi" "$PULUMI_VERSION")" build_pulumi
  ensure_tool "pulumi-language-nodejs-$PULUMI_LANGUAGE_NODEJS_VERSION" pulumi-language-nodejs \
    "$(fingerprint "$TC/pulumi-language-nodejs" "$PULUMI_LANGUAGE_NODEJS_VERSION")" build_language_nodejs
  # The engine looks for language hosts next to the `pulumi` binary first; one
  # found only elsewhere on PATH works but draws a warning on every run.
  if ((${#MISSING[@]} == 0)); then
    ln -sfn "$CACHE/pulumi-language-nodejs-$PULUMI_LANGUAGE_NODEJS_VERSION/bin/pulumi-language-nodejs" \
      "$CACHE/pulumi-$PULUMI_VERSION/bin/pulumi-language-nodejs"
  fi
fi
ensure_tool "pulumi-resource-kubernetes-$PULUMI_KUBERNETES_VERSION" pulumi-resource-kubernetes \
  "$(fingerprint "$TC/pulumi-kubernetes" "$PULUMI_KUBERNETES_VERSION $PULUMI_KUBERNETES_MODULE_VERSION")" build_kubernetes
if [[ $TOOLS == all ]]; then
  ensure_tool "otelcol-sevensa-$OTELCOL_VERSION" otelcol-sevensa \
    "$(fingerprint "$TC/otelcol" "$OTELCOL_VERSION")" build_otelcol
  ensure_tool "jaeger-$JAEGER_VERSION" jaeger \
    "$(fingerprint "$TC/jaeger" "$JAEGER_VERSION $JAEGER_MODULE_VERSION")" build_jaeger
fi

# CI that caches only the binaries can drop the Go caches (several GB) once all
# tools are built; a later version change then rebuilds from scratch.
if [[ $MODE == build && ${SEVENSA_TOOLCHAIN_PRUNE_GO_CACHES:-} == 1 ]]; then
  log "pruning $GOMODCACHE and $GOCACHE (SEVENSA_TOOLCHAIN_PRUNE_GO_CACHES=1)"
  rm -rf "$GOMODCACHE" "$GOCACHE"
fi

if [[ $TOOLS == all ]]; then
  ensure_tool "promtool-$PROMTOOL_VERSION" promtool \
    "$(fingerprint "$TC/promtool" "$PROMTOOL_VERSION $PROMTOOL_MODULE_VERSION")" build_promtool
fi

if ((${#MISSING[@]})); then
  die "not cached (run scripts/toolchain.sh without --print-path to build): ${MISSING[*]}"
fi

path_line="export PATH="
for d in "${PATH_DIRS[@]}"; do path_line+="$(printf '%q' "$d"):"; done
log "done; toolchain ready"
printf '%s"$PATH"\n' "$path_line"
