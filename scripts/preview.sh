#!/usr/bin/env bash
# `npm run preview -- --stack <name>`: `pulumi preview` of a stack under the policy pack, with
# that stack's pack config (policies/config/<stack>.json). Uses the pulumi on PATH, or the
# toolchain built from Go modules (scripts/toolchain.sh) when there is none.
set -euo pipefail
cd "$(dirname "$0")/.."
stack=""
while [ $# -gt 0 ]; do
  case "$1" in
    --stack) stack="$2"; shift 2 ;;
    *) echo "usage: npm run preview -- --stack <local|staging|production>" >&2; exit 2 ;;
  esac
done
[ -n "$stack" ] || { echo "usage: npm run preview -- --stack <local|staging|production>" >&2; exit 2; }
[ -f "policies/config/$stack.json" ] || { echo "no policy pack config policies/config/$stack.json for stack $stack" >&2; exit 2; }
source scripts/pulumi-env.sh
exec pulumi preview --stack "$stack" --policy-pack policies --policy-pack-config "policies/config/$stack.json"
