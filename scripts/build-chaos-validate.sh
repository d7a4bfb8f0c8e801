#!/usr/bin/env bash
# Builds (or reuses) chaos-validate: the Go program in chaos/validate-go/ that checks generated
# Chaos Mesh objects against the CustomResourceDefinition schemas and decodes them strictly into the
# API types of the pinned github.com/chaos-mesh/chaos-mesh/api module, then runs their webhook
# defaulting and validation (see chaos/validate-go/main.go).
#
# The CRDs are generated here, as Chaos Mesh generates its own, by controller-gen (the `tool` pinned
# in chaos/validate-go/go.mod) from the kubebuilder markers of the pinned API source: the published
# CRD manifests live in the root chaos-mesh module, which the Go module proxy does not serve.
#
# Output: ${SEVENSA_TOOLCHAIN_CACHE:-$HOME/.cache/sevensa-toolchain}/chaos-validate-<api version>/
#   bin/chaos-validate   the validator (reads ../crds by default)
#   crds/*.yaml          one CustomResourceDefinition per chaos-mesh.org kind
# with the Go module and build caches shared with scripts/toolchain.sh (gomod/, gocache/).
# Idempotent: a binary built from the same sources (go.mod, go.sum, *.go) and the same Go version
# is reused (scripts/build-local-go-tool.sh); so are CRDs generated from the same go.mod and go.sum.
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

# generate_crds: controller-gen's CRDs of the pinned API package into $DIR/crds (atomically replaced).
generate_crds() {
  local stamp
  stamp="$(cd "$SRC" && { cat go.mod go.sum; go version; } | sha256sum | cut -d' ' -f1)"
  if [ -f "$DIR/crds/inputs.sha256" ] && [ "$(cat "$DIR/crds/inputs.sha256")" = "$stamp" ]; then
    return 0
  fi
  echo "[build-chaos-validate] generating the chaos-mesh.org CRDs with controller-gen" >&2
  rm -rf "$DIR/crds.tmp"
  (
    export GOMODCACHE="$CACHE/gomod" GOCACHE="$CACHE/gocache"
    export GOFLAGS="-modcacherw -mod=readonly -buildvcs=false" CGO_ENABLED=0 GOTOOLCHAIN=local
    cd "$SRC" && go tool controller-gen crd:maxDescLen=0 paths=github.com/chaos-mesh/chaos-mesh/api/v1alpha1 output:crd:dir="$DIR/crds.tmp"
  )
  echo "$stamp" >"$DIR/crds.tmp/inputs.sha256"
  rm -rf "$DIR/crds"
  mv "$DIR/crds.tmp" "$DIR/crds"
  echo "[build-chaos-validate] $(ls "$DIR/crds"/*.yaml | wc -l) CRDs in $DIR/crds" >&2
}

build_local_go_tool chaos-validate "$SRC" "$DIR" "against $VERSION"
generate_crds
