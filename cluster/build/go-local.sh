#!/usr/bin/env bash
# Builds the main package of a Go module of this repository into "$OUT/bin/NAME", with the
# module's own go.mod and go.sum (its dependencies come from the Go module proxy), statically
# (no cgo), so the binary runs in any node image.
#
# usage: go-local.sh OUT MODULE_DIR NAME
# Contract: exits 0 only when OUT/bin/NAME exists; a finished OUT has OUT/.done and is left alone
# by later calls (OUT's name carries the key of the module's files, steps.ts nfsClientInputs).
set -euo pipefail
out=$1 dir=$2 name=$3
if [ -f "$out/.done" ]; then echo "cached: $out"; exit 0; fi
rm -rf "$out"
mkdir -p "$out/bin"
cd "$dir"
CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -trimpath -ldflags "-s -w" -o "$out/bin/$name" .
touch "$out/.done"
