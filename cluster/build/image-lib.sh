#!/usr/bin/env bash
# Shared by images.sh and csi-images.sh (sourced, not run): how an image of the course is made and
# saved. The caller sets ctx (a build directory), IMAGES (the output directory, whose name is the
# cache key), list (the list file being written) and label (docker build --label flags).

# build NAME REF... : builds $ctx/NAME/Dockerfile under a private name, saves one archive, and
# records the upstream REFs the node must know it by ("file private-ref upstream-ref..." a line).
build() {
  local name=$1; shift
  local private
  private=k8s-storage-course/img-$name:$(basename "$IMAGES")
  echo "image: $name -> $* (here: $private)"
  docker build -q $label -t "$private" "$ctx/$name" >/dev/null
  docker image save -o "$IMAGES/$name.tar" "$private"
  echo "$name.tar $private $*" >> "$list"
}

# A directory tree with the pieces every FROM-scratch image wants: /tmp and /etc/passwd.
skeleton() {
  mkdir -p "$1/tmp" "$1/etc"
  chmod 1777 "$1/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$1/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$1/etc/group"
}

# containerd's names: docker.io/library/ for bare names, docker.io/ unless a registry host leads.
full_name() {
  local ref=$1 first=${1%%/*}
  if [ "$first" = "$ref" ]; then echo "docker.io/library/$ref"
  elif [[ $first == *.* || $first == *:* || $first == localhost ]]; then echo "$ref"
  else echo "docker.io/$ref"; fi
}

# preload IMAGES_DIR: imports every archive of IMAGES_DIR/list.txt into the containerd of the
# node that the caller's on_node function runs commands in (`docker exec -i <node>`), under its
# upstream names (the ones kubeadm, kind's manifests and the lessons ask for); the private name
# goes unless it is also one of them. Fails when a name is missing afterwards.
preload() {
  local dir=$1 file private refs ref src keep have full
  while read -r file private refs; do
    echo "preload: $refs"
    on_node ctr --namespace=k8s.io images import --label=io.cri-containerd.pinned=pinned --all-platforms --no-unpack --digests - < "$dir/$file" >/dev/null
    src=$(full_name "$private")
    keep=no
    for ref in $refs; do
      if [ "$ref" = "$private" ]; then keep=yes; continue; fi
      # </dev/null: on_node is `docker exec -i`, which would otherwise swallow the rest of list.txt.
      on_node ctr --namespace=k8s.io images tag --force "$src" "$(full_name "$ref")" >/dev/null </dev/null
    done
    [ "$keep" = yes ] || on_node ctr --namespace=k8s.io images rm "$src" >/dev/null </dev/null
  done < "$dir/list.txt"
  have=$(on_node ctr --namespace=k8s.io images list -q </dev/null)
  while read -r file private refs; do
    for ref in $refs; do
      full=$(full_name "$ref")
      grep -qxF "$full" <<< "$have" || { echo "image $full missing after import" >&2; return 1; }
    done
  done < "$dir/list.txt"
}
