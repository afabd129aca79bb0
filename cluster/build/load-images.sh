#!/usr/bin/env bash
# Loads the archives of an images directory (csi-images.sh) into the containerd of each running
# kind node named, under their upstream names, skipping a node that already has every one.
#
# usage: load-images.sh IMAGES_DIR NODE...   (DOCKER_HOST: the engine the nodes run in)
# Contract: exits 0 only when every node has every image of IMAGES_DIR/list.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dir=$1; shift
source "$here/build/image-lib.sh"
for node in "$@"; do
  on_node() { docker exec -i "$node" "$@"; }
  have=$(on_node ctr --namespace=k8s.io images list -q </dev/null)
  missing=no
  while read -r file private refs; do
    for ref in $refs; do grep -qxF "$(full_name "$ref")" <<< "$have" || missing=yes; done
  done < "$dir/list.txt"
  if [ "$missing" = no ]; then echo "$node: has every image"; continue; fi
  echo "$node: loading"
  preload "$dir"
done
