#!/usr/bin/env bash
# Builds the images of the course's CSI stack (cluster/csi/course-csi.yaml) into the local Docker
# engine and saves each to "$CSI_IMAGES/<name>.tar": the Kubernetes CSI sidecars and the snapshot
# controller (static Go binaries built here from the Go module proxy, each alone in an image as
# upstream ships them, under upstream's names), and the course's driver on a Debian root file
# system with the tools it runs (losetup, mkfs.xfs, xfs_growfs, fsfreeze, mount).
#
# usage: csi-images.sh   (environment: CACHE, CSI_IMAGES, CSI_ROOTFS, CSI_DRIVER_BIN, CSI_DRIVER_IMAGE)
# Contract: as images.sh: on success every archive listed in "$CSI_IMAGES/list.txt" exists; the
# directory name is the cache key; in the engine images carry private names only.
# They are loaded into a running cluster's nodes by src/local-cluster/csi.ts, not into the node
# image, so a change to the driver does not rebuild the node image.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
: "${CACHE:?}" "${CSI_IMAGES:?}" "${CSI_ROOTFS:?}" "${CSI_DRIVER_BIN:?}" "${CSI_DRIVER_IMAGE:?}"
source "$here/versions.env"
go=$CACHE/go
IMAGES=$CSI_IMAGES
if [ -f "$IMAGES/.done" ]; then echo "cached: $IMAGES"; exit 0; fi
rm -rf "$IMAGES"
mkdir -p "$IMAGES"
ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
trap 'exit 130' INT TERM
label="--label org.opencontainers.image.vendor=k8s-storage-course --label org.opencontainers.image.description=built-locally-from-source"
list=$IMAGES/list.txt.partial
: > "$list"
source "$here/build/image-lib.sh"

# sidecar NAME BINARY_DIR VERSION: the binary at /NAME, its entrypoint, as upstream's images are.
sidecar() {
  local name=$1 dir=$2 version=$3
  mkdir -p "$ctx/$name/root"
  skeleton "$ctx/$name/root"
  cp "$go/$dir/bin/$name" "$ctx/$name/root/$name"
  printf 'FROM scratch\nCOPY root/ /\nUSER 0\nENTRYPOINT ["/%s"]\n' "$name" > "$ctx/$name/Dockerfile"
  build "$name" "registry.k8s.io/sig-storage/$name:$version"
}
sidecar csi-provisioner "csi-provisioner-$CSI_PROVISIONER_VERSION" "$CSI_PROVISIONER_VERSION"
sidecar csi-attacher "csi-attacher-$CSI_ATTACHER_VERSION" "$CSI_ATTACHER_VERSION"
sidecar csi-resizer "csi-resizer-$CSI_RESIZER_VERSION" "$CSI_RESIZER_VERSION"
sidecar csi-snapshotter "external-snapshotter-$CSI_SNAPSHOTTER_VERSION" "$CSI_SNAPSHOTTER_VERSION"
sidecar snapshot-controller "external-snapshotter-$CSI_SNAPSHOTTER_VERSION" "$CSI_SNAPSHOTTER_VERSION"

# The driver: no registry has it, so it keeps its own name everywhere.
rootfs=k8s-storage-course/csi-driver-rootfs:$(basename "$CSI_ROOTFS" .tar)
if ! docker image inspect "$rootfs" >/dev/null 2>&1; then
  docker import "$CSI_ROOTFS" "$rootfs" >/dev/null
fi
mkdir -p "$ctx/course-csi-driver"
cp "$CSI_DRIVER_BIN" "$ctx/course-csi-driver/course-csi-driver"
printf 'FROM %s\nCOPY course-csi-driver /usr/local/bin/course-csi-driver\nENTRYPOINT ["/usr/local/bin/course-csi-driver"]\n' "$rootfs" > "$ctx/course-csi-driver/Dockerfile"
build course-csi-driver "$CSI_DRIVER_IMAGE"

mv "$list" "$IMAGES/list.txt"
touch "$IMAGES/.done"
