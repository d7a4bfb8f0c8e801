#!/usr/bin/env bash
# Builds (or reuses) k8s-validate: the Go program in toolchain/k8s-validate/ that decodes rendered
# Kubernetes manifests strictly into the API types of the Kubernetes version pinned in
# toolchain/k8s-validate/versions.env (see toolchain/k8s-validate/main.go).
#
# Output: ${SEVENSA_TOOLCHAIN_CACHE:-$HOME/.cache/sevensa-toolchain}/k8s-validate-<KUBERNETES_VERSION>/bin/k8s-validate
# with the Go module and build caches shared with scripts/toolchain.sh (gomod/, gocache/).
# Idempotent: a binary built from the same sources (versions.env, go.mod, go.sum, *.go) and the
# same Go version is reused.
#
# Usage:
#   scripts/build-k8s-validate.sh           build if needed; print the binary's path on stdout
#   scripts/build-k8s-validate.sh --path    print the path the binary has (built or not)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$REPO_ROOT/toolchain/k8s-validate"
die() { echo "build-k8s-validate: $*" >&2; exit 1; }

KUBERNETES_VERSION="" K8S_API_MODULE_VERSION=""
# shellcheck source=../toolchain/k8s-validate/versions.env
source "$SRC/versions.env"
[ -n "$KUBERNETES_VERSION" ] || die "toolchain/k8s-validate/versions.env sets no KUBERNETES_VERSION"
[ -n "$K8S_API_MODULE_VERSION" ] || die "toolchain/k8s-validate/versions.env sets no K8S_API_MODULE_VERSION"
# k8s.io/* v0.X.Y is the Go module release of Kubernetes 1.X.Y.
[ "v0.${KUBERNETES_VERSION#1.}" = "$K8S_API_MODULE_VERSION" ] \
  || die "versions.env: KUBERNETES_VERSION=$KUBERNETES_VERSION does not match K8S_API_MODULE_VERSION=$K8S_API_MODULE_VERSION (expected v0.${KUBERNETES_VERSION#1.})"
for module in k8s.io/api k8s.io/apimachinery k8s.io/client-go; do
  got="$(awk -v m="$module" '$1 == m { print $2 }' "$SRC/go.mod")"
  [ "$got" = "$K8S_API_MODULE_VERSION" ] \
    || die "toolchain/k8s-validate/go.mod requires $module ${got:-(nothing)}, versions.env says $K8S_API_MODULE_VERSION"
done

DIR="${SEVENSA_TOOLCHAIN_CACHE:-$HOME/.cache/sevensa-toolchain}/k8s-validate-$KUBERNETES_VERSION"
BIN="$DIR/bin/k8s-validate"

if [ "${1:-}" = "--path" ]; then echo "$BIN"; exit 0; fi
[ $# -eq 0 ] || { echo "build-k8s-validate: unknown argument '$1' (use --path or nothing)" >&2; exit 2; }

# shellcheck source=build-local-go-tool.sh
source "$REPO_ROOT/scripts/build-local-go-tool.sh"
build_local_go_tool k8s-validate "$SRC" "$DIR" "against Kubernetes $KUBERNETES_VERSION (k8s.io/api $K8S_API_MODULE_VERSION)" versions.env
