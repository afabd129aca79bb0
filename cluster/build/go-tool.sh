#!/usr/bin/env bash
# Builds Go main packages of one published module version into "$OUT/bin", through a throwaway
# module in "$OUT/src" (so `replace` directives of the module itself, which `go install` refuses,
# do not matter: its own requirements are taken from the proxy instead).
#
# usage: go-tool.sh OUT MODULE VERSION [--cgo] [--tags T] [--ldflags L] [--replace-staging] PKG...
# Contract: exits 0 only when every PKG's binary is in OUT/bin; a finished OUT has OUT/.done and
# is left alone by later calls. Output of go goes to stdout/stderr (the caller logs it).
set -euo pipefail
out=$1 module=$2 version=$3
shift 3
cgo=0 tags="" ldflags="-s -w" staging=0
pkgs=()
while [ $# -gt 0 ]; do
  case $1 in
    --cgo) cgo=1 ;;
    --tags) tags=$2; shift ;;
    --ldflags) ldflags="-s -w $2"; shift ;;
    --replace-staging) staging=1 ;;
    *) pkgs+=("$1") ;;
  esac
  shift
done
if [ -f "$out/.done" ]; then echo "cached: $out"; exit 0; fi
rm -rf "$out"
mkdir -p "$out/src" "$out/bin"
cd "$out/src"
go mod init ksc.local/build >/dev/null 2>&1
go mod edit -require="$module@$version"
if [ "$staging" = 1 ]; then
  # k8s.io/kubernetes points its staging modules at ./staging; use their published v0.x instead.
  minor=${version#v1.}
  gomod=$(go mod download -json "$module@$version" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  sed -n '/^replace (/,/^)/p' "$gomod" | awk '/=>/ {print $1}' | while read -r m; do
    go mod edit -replace="$m=$m@v0.$minor"
  done
fi
for p in "${pkgs[@]}"; do GOFLAGS=-mod=mod go get "$p@$version"; done
CGO_ENABLED=$cgo GOFLAGS=-mod=mod go build -trimpath -tags "$tags" -ldflags "$ldflags" -o "$out/bin/" "${pkgs[@]}"
touch "$out/.done"
