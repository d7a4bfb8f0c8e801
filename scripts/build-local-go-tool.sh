# Sourced (bash) by scripts/build-chaos-validate.sh and scripts/build-k8s-validate.sh: builds a Go
# program of this repository (a main package with its own go.mod/go.sum) into the toolchain cache,
# with the Go module and build caches shared with scripts/toolchain.sh (gomod/, gocache/).
# Idempotent: a binary built from the same inputs (the extra files named, go.mod, go.sum, *.go and
# the Go version) is reused.
# shellcheck shell=bash

# build_local_go_tool <name> <source dir> <output dir> <what, for the progress line> [extra input files...]
# Prints the binary's path (<output dir>/bin/<name>) on stdout; progress goes to stderr.
build_local_go_tool() {
  local name=$1 src=$2 dir=$3 what=$4
  shift 4
  local bin="$dir/bin/$name" cache="${SEVENSA_TOOLCHAIN_CACHE:-$HOME/.cache/sevensa-toolchain}" stamp
  command -v go >/dev/null || { echo "[build-$name] go is not on PATH (scripts/setup.sh fetches one)" >&2; return 1; }
  stamp="$(cd "$src" && { cat "$@" go.mod go.sum $(ls ./*.go | sort); go version; } | sha256sum | cut -d' ' -f1)"
  if [ -x "$bin" ] && [ -f "$dir/inputs.sha256" ] && [ "$(cat "$dir/inputs.sha256")" = "$stamp" ]; then
    echo "$bin"
    return 0
  fi
  echo "[build-$name] building $name $what (first build takes minutes)" >&2
  mkdir -p "$dir/bin"
  (
    export GOMODCACHE="$cache/gomod" GOCACHE="$cache/gocache"
    export GOFLAGS="-trimpath -modcacherw -mod=readonly -buildvcs=false" CGO_ENABLED=0 GOTOOLCHAIN=local
    cd "$src" && go build -ldflags "-s -w" -o "$bin.tmp" .
  )
  mv "$bin.tmp" "$bin"
  echo "$stamp" >"$dir/inputs.sha256"
  "$bin" --version >&2
  echo "$bin"
}
