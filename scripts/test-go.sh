#!/usr/bin/env bash
# `npm run test:go`: vets and tests the Go code of the repository (cluster/nfs-fuse, the course
# cluster's user-space NFS client; cluster/csi-driver, its CSI driver, with the CSI sanity suite on
# real loop devices: that needs root and xfsprogs, and fails under CI=true without them). Go is what `npm run cluster:up` builds the cluster with; a
# machine without it cannot build the cluster either. Without Go the tests are reported as not
# run, in both languages, and count as a failure under CI=true (as test:cluster without a
# cluster does), never as a pass.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v go >/dev/null; then
  echo "test:go: not run: no Go toolchain on PATH (npm run cluster:up needs Go 1.26 too)"
  echo "test:go：未运行：PATH 中没有 Go 工具链（npm run cluster:up 同样需要 Go 1.26）"
  [ "${CI:-}" = "true" ] && exit 1
  exit 0
fi
for module in cluster/nfs-fuse cluster/csi-driver; do
  echo "test:go: $module"
  (cd "$module" && go vet ./... && go test -count=1 ./...)
done
