#!/usr/bin/env bash
# Bench (b) on the program compiled to JavaScript: the same bench/program-mocks.ts, compiled
# with tsc into a temporary directory and run with plain node, i.e. without ts-node (a baseline
# for the ts-node figure; stacks/promise-stacks.ts removes most of ts-node's extra cost).
# Usage: bash bench/program-mocks-compiled.sh [services] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
npx tsc -p . --noEmit false --outDir "$out"
cp Pulumi*.yaml "$out/"
ln -s "$PWD/node_modules" "$out/node_modules"
mkdir -p "$out/toolchain" "$out/resilience"
cp -r toolchain/otelcol toolchain/versions.env "$out/toolchain/"
cp -r resilience/schema "$out/resilience/"
(cd "$out" && node bench/program-mocks.js "${1:-200}" "${2:-5}")
