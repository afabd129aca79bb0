#!/usr/bin/env bash
# Builds every container image the course cluster runs, from binaries built here and Debian
# packages, into the local Docker engine, and saves each to "$IMAGES/<name>.tar" for the node
# image. No registry is contacted: every FROM is `scratch` or an image imported from a local
# root file system.
#
# usage: images.sh   (environment: CACHE, IMAGES, KIND_SRC, K8S_SRC, NETBASE_ROOTFS, COURSE_CNI_IMAGE,
#                     NFS_ROOTFS, NFS_SERVER_IMAGE)
# Contract: on success every archive listed in "$IMAGES/list.txt" exists, one "file private-ref
# upstream-ref..." a line; a re-run with the same inputs reuses them (the directory name is the
# cache key). In the engine an image is tagged only with its private name under
# k8s-storage-course/, never with an upstream name (busybox:1.36, registry.k8s.io/...), so a user's
# own images of those names are never replaced; node-image.sh gives the upstream names inside the node.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
: "${CACHE:?}" "${IMAGES:?}" "${KIND_SRC:?}" "${K8S_SRC:?}" "${NETBASE_ROOTFS:?}" "${COURSE_CNI_IMAGE:?}" "${NFS_ROOTFS:?}" "${NFS_SERVER_IMAGE:?}"
source "$here/versions.env"
go=$CACHE/go
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

# netbase: Debian with iptables, nftables, conntrack and iproute2 (kube-proxy and course-cni).
netbase=k8s-storage-course/netbase:$(basename "$NETBASE_ROOTFS" .tar)
if ! docker image inspect "$netbase" >/dev/null 2>&1; then
  docker import "$NETBASE_ROOTFS" "$netbase" >/dev/null
fi

# Control-plane images: a static binary on PATH in an otherwise empty image.
for bin in kube-apiserver kube-controller-manager kube-scheduler; do
  mkdir -p "$ctx/$bin/root/usr/local/bin"
  skeleton "$ctx/$bin/root"
  cp "$go/kubernetes-$KUBERNETES_VERSION/bin/$bin" "$ctx/$bin/root/usr/local/bin/"
  printf 'FROM scratch\nCOPY root/ /\nENV PATH=/usr/local/bin:/usr/bin:/bin\nENTRYPOINT ["/usr/local/bin/%s"]\n' "$bin" > "$ctx/$bin/Dockerfile"
  build "$bin" "registry.k8s.io/$bin:$KUBERNETES_VERSION"
done

# kube-proxy programs iptables, so it gets the Debian userland.
mkdir -p "$ctx/kube-proxy"
cp "$go/kubernetes-$KUBERNETES_VERSION/bin/kube-proxy" "$ctx/kube-proxy/"
printf 'FROM %s\nCOPY kube-proxy /usr/local/bin/kube-proxy\nENTRYPOINT ["/usr/local/bin/kube-proxy"]\n' "$netbase" > "$ctx/kube-proxy/Dockerfile"
build kube-proxy "registry.k8s.io/kube-proxy:$KUBERNETES_VERSION"

mkdir -p "$ctx/etcd/root/usr/local/bin" "$ctx/etcd/root/var/lib/etcd"
skeleton "$ctx/etcd/root"
cp "$go/etcd-$ETCD_VERSION/bin/server" "$ctx/etcd/root/usr/local/bin/etcd"
printf 'FROM scratch\nCOPY root/ /\nENV PATH=/usr/local/bin:/usr/bin:/bin\nENTRYPOINT ["/usr/local/bin/etcd"]\n' > "$ctx/etcd/Dockerfile"
build etcd "registry.k8s.io/etcd:$ETCD_IMAGE_TAG"

mkdir -p "$ctx/coredns/root"
skeleton "$ctx/coredns/root"
cp "$go/coredns-$COREDNS_VERSION/bin/coredns" "$ctx/coredns/root/coredns"
printf 'FROM scratch\nCOPY root/ /\nEXPOSE 53 53/udp\nENTRYPOINT ["/coredns"]\n' > "$ctx/coredns/Dockerfile"
build coredns "registry.k8s.io/coredns/coredns:$COREDNS_VERSION"

# pause, from the C source in the Kubernetes module.
mkdir -p "$ctx/pause/root"
gcc -Os -Wall -Werror -static -DVERSION="$PAUSE_IMAGE_TAG-ksc" -o "$ctx/pause/root/pause" "$K8S_SRC/build/pause/linux/pause.c"
strip "$ctx/pause/root/pause"
printf 'FROM scratch\nCOPY root/ /\nUSER 65535:65535\nENTRYPOINT ["/pause"]\n' > "$ctx/pause/Dockerfile"
build pause "registry.k8s.io/pause:$PAUSE_IMAGE_TAG" "registry.k8s.io/pause:$(sed -n 's/.*PauseVersion = "\(.*\)".*/\1/p' "$K8S_SRC/cmd/kubeadm/app/constants/constants.go")"

# busybox: Debian's busybox-static with its applet links. The course's manifests (and kind's
# local-path helper) ask for busybox by tag; the label records what is really inside.
bb_version=$(dpkg-query -W -f '${Version}' busybox-static)
mkdir -p "$ctx/busybox/root/bin"
skeleton "$ctx/busybox/root"
mkdir -p "$ctx/busybox/root/root" "$ctx/busybox/root/var"
cp /bin/busybox "$ctx/busybox/root/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ "$applet" = busybox ] || ln -s busybox "$ctx/busybox/root/bin/$applet"
done
printf 'FROM scratch\nCOPY root/ /\nLABEL org.opencontainers.image.version="debian-busybox-static-%s"\nENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nCMD ["sh"]\n' "$bb_version" > "$ctx/busybox/Dockerfile"
storage=$KIND_SRC/pkg/build/nodeimage/const_storage.go
helper_image=$(sed -n 's/^const storageHelperImage = "\(.*\)"/\1/p' "$storage")
provisioner_image=$(sed -n 's/^const storageProvisionerImage = "\(.*\)"/\1/p' "$storage")
build busybox "docker.io/library/busybox:1.36" "$helper_image"

mkdir -p "$ctx/local-path-provisioner/root/usr/local/bin"
skeleton "$ctx/local-path-provisioner/root"
cp "$go/local-path-provisioner-$LOCAL_PATH_PROVISIONER_VERSION/bin/local-path-provisioner" "$ctx/local-path-provisioner/root/usr/local/bin/"
printf 'FROM scratch\nCOPY root/ /\nENV PATH=/usr/local/bin\nENTRYPOINT ["/usr/local/bin/local-path-provisioner"]\n' > "$ctx/local-path-provisioner/Dockerfile"
build local-path-provisioner "$provisioner_image"

# course-cni (see cluster/node/course-cni.yaml): the Debian userland, kubectl and one script.
mkdir -p "$ctx/course-cni"
cp "$go/kubernetes-$KUBERNETES_VERSION/bin/kubectl" "$here/node/course-cni.sh" "$ctx/course-cni/"
printf 'FROM %s\nCOPY kubectl /usr/local/bin/kubectl\nCOPY course-cni.sh /usr/local/bin/course-cni\n' "$netbase" > "$ctx/course-cni/Dockerfile"
build course-cni "$COURSE_CNI_IMAGE"

# Lesson 3's NFS server: Debian's NFS-Ganesha (user space, so no nfsd kernel module), rpcbind and
# dbus. The grader's fixture and the lesson's lab name it by the tag of the upstream Ganesha image
# they were written for (src/grader/cluster/common/nfs-manifests.ts) and override its command
# with the same start script, which needs only ganesha.nfsd, rpcbind and dbus-daemon: on a
# machine with a registry that image is pulled, here this one is preloaded under its tag. The
# label says what is really inside. Ganesha reads the mount table from /etc/mtab, which a bare
# Debian root file system lacks.
nfs_rootfs=k8s-storage-course/nfs-server-rootfs:$(basename "$NFS_ROOTFS" .tar)
if ! docker image inspect "$nfs_rootfs" >/dev/null 2>&1; then
  docker import "$NFS_ROOTFS" "$nfs_rootfs" >/dev/null
fi
ganesha_version=$(sed -n 's/^nfs-ganesha \(.*\)$/\1/p' "$NFS_ROOTFS.txt")
mkdir -p "$ctx/nfs-server"
printf 'FROM %s\nRUN mkdir -p /export /var/run/dbus /var/run/ganesha /var/lib/nfs/ganesha && ln -sf ../proc/self/mounts /etc/mtab\nLABEL org.opencontainers.image.version="debian-nfs-ganesha-%s"\nEXPOSE 2049/tcp 20048/tcp 111/tcp 111/udp\nCMD ["ganesha.nfsd", "-F", "-L", "/dev/stdout"]\n' "$nfs_rootfs" "$ganesha_version" > "$ctx/nfs-server/Dockerfile"
build nfs-server "$NFS_SERVER_IMAGE"

mv "$list" "$IMAGES/list.txt"
touch "$IMAGES/.done"
