#!/usr/bin/env bash
# Builds (or reuses) chaos-validate: the Go program in chaos/validate-go/ that decodes generated
# Chaos Mesh objects strictly into the API types of the pinned github.com/chaos-mesh/chaos-mesh/api
# module and runs their webhook defaulting and validation (see chaos/validate-go/main.go).
#
# Output: ${SEVENSA_TOOLCHAIN_CACHE:-$HOME/.cache/sevensa-toolchain}/chaos-validate-<api version>/bin/chaos-validate
# with the Go module and build caches shared with scripts/toolchain.sh (gomod/, gocache/).
# Idempotent: a binary built from the same sources (go.mod, go.sum, *.go) and the same Go version
# is reused (scripts/build-local-go-tool.sh).
#
# Usage:
#   scripts/build-chaos-validate.sh           build if needed; print the binary's path on stdout
#   scripts/build-chaos-validate.sh --path    print the path the binary has (built or not)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$REPO_ROOT/chaos/validate-go"
CACHE="${SEVENSA_TOOLCHAIN_CACHE:-$HOME/.cache/sevensa-toolchain}"
VERSION="$(awk '$1 == "github.com/chaos-mesh/chaos-mesh/api" { print $2 }' "$SRC/go.mod")"
[ -n "$VERSION" ] || { echo "build-chaos-validate: no github.com/chaos-mesh/chaos-mesh/api requirement in $SRC/go.mod" >&2; exit 1; }
DIR="$CACHE/chaos-validate-$VERSION"
BIN="$DIR/bin/chaos-validate"

if [ "${1:-}" = "--path" ]; then echo "$BIN"; exit 0; fi
[ $# -eq 0 ] || { echo "build-chaos-validate: unknown argument '$1' (use --path or nothing)" >&2; exit 2; }

# shellcheck source=build-local-go-tool.sh
source "$REPO_ROOT/scripts/build-local-go-tool.sh"
build_local_go_tool chaos-validate "$SRC" "$DIR" "against $VERSION"
