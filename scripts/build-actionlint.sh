#!/usr/bin/env bash
# Builds actionlint (the GitHub Actions workflow linter) from its Go module, pinned,
# into the toolchain cache; a second run with the binary in place builds nothing.
#
#   ${SEVENSA_TOOLCHAIN_CACHE:-$HOME/.cache/sevensa-toolchain}/actionlint-<version>/bin/actionlint
#
# The Go module and build caches are shared with scripts/toolchain.sh (gomod/, gocache/).
# Usage: scripts/build-actionlint.sh            build if missing; prints the binary's path
#        scripts/build-actionlint.sh --path     print the path only (no build, no check)
set -euo pipefail

ACTIONLINT_VERSION=1.7.12
CACHE="${SEVENSA_TOOLCHAIN_CACHE:-$HOME/.cache/sevensa-toolchain}"
DIR="$CACHE/actionlint-$ACTIONLINT_VERSION"
BIN="$DIR/bin/actionlint"

if [ "${1:-}" = "--path" ]; then
  echo "$BIN"
  exit 0
fi

# Reuse: the cached binary reports the pinned version.
if [ -x "$BIN" ] && "$BIN" -version 2>/dev/null | head -n1 | grep -qx "v$ACTIONLINT_VERSION"; then
  echo "$BIN"
  exit 0
fi

command -v go >/dev/null || { echo "build-actionlint.sh: go is not on PATH" >&2; exit 1; }
echo "build-actionlint.sh: building actionlint v$ACTIONLINT_VERSION into $DIR" >&2
mkdir -p "$DIR/bin"
export GOMODCACHE="$CACHE/gomod" GOCACHE="$CACHE/gocache"
export GOFLAGS="-trimpath -modcacherw -buildvcs=false" CGO_ENABLED=0 GOTOOLCHAIN=local
GOBIN="$DIR/bin" go install -ldflags "-s -w" "github.com/rhysd/actionlint/cmd/actionlint@v$ACTIONLINT_VERSION"
"$BIN" -version | head -n1 | grep -qx "v$ACTIONLINT_VERSION" || { echo "build-actionlint.sh: $BIN does not report v$ACTIONLINT_VERSION" >&2; exit 1; }
echo "$BIN"
