#!/usr/bin/env bash
# Assembles the kind node image: kind's base image (its own files from the sigs.k8s.io/kind module,
# on a Debian root file system, with containerd, runc, crictl and CNI plugins built here), then
# kubeadm, kubelet and kubectl, kind's manifests, and every image archive preloaded into the node's
# containerd -- the steps `kind build node-image` takes, done without a registry.
#
# usage: node-image.sh   (environment: CACHE, IMAGES, KIND_SRC, NODE_ROOTFS, NODE_IMAGE, BASE_IMAGE, COURSE_CNI_IMAGE,
#                         NFS_CLIENT_BIN, and DROP_CAPS: the JSON list of capabilities this machine lacks)
# Contract: NODE_IMAGE exists in the local engine only when every step succeeded; the build
# container is always removed. An existing NODE_IMAGE is reused.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
: "${CACHE:?}" "${IMAGES:?}" "${KIND_SRC:?}" "${NODE_ROOTFS:?}" "${NODE_IMAGE:?}" "${BASE_IMAGE:?}" "${COURSE_CNI_IMAGE:?}" "${NFS_CLIENT_BIN:?}"
source "$here/versions.env"
export DOCKER_BUILDKIT=0
go=$CACHE/go
if docker image inspect "$NODE_IMAGE" >/dev/null 2>&1; then echo "cached: $NODE_IMAGE"; exit 0; fi

ctx=$(mktemp -d)
container=""
cleanup() {
  rm -rf "$ctx"
  if [ -n "$container" ]; then docker rm -f -v "$container" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. The base image.
if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  echo "base image: $BASE_IMAGE"
  rootfs=k8s-storage-course/node-rootfs:$DEBIAN_SUITE-$(sha256sum "$NODE_ROOTFS" | cut -c1-12)
  docker image inspect "$rootfs" >/dev/null 2>&1 || docker import "$NODE_ROOTFS" "$rootfs" >/dev/null
  cp -r "$KIND_SRC/images/base/files" "$ctx/files"
  chmod -R u+w "$ctx/files"
  mkdir -p "$ctx/bin" "$ctx/cni"
  cp "$go/containerd-$CONTAINERD_VERSION/bin/"{containerd,ctr,containerd-shim-runc-v2} "$go/crictl-$CRICTL_VERSION/bin/crictl" "$ctx/bin/"
  cp "$go/runc-$RUNC_VERSION/bin/runc" "$ctx/runc"
  cp "$go/cni-plugins-$CNI_PLUGINS_VERSION/bin/"{host-local,loopback,ptp,portmap} "$ctx/cni/"
  # What kind's base image arranges, written here: systemd starts only what a node needs (no
  # getty, udev or tmpfiles set-up in a container), journald does not read the host's kmsg, every
  # container gets kind's product-uuid mount hook and no rlimits of its own.
  # Without CAP_SYS_RESOURCE nothing may lower an oom_score_adj, so runc fails to start any pod
  # ("can't get final child's PID from pipe"); containerd must then keep pods' scores at or above
  # its own, as kind's entrypoint arranges for rootless nodes.
  restrict_oom=0
  case ${DROP_CAPS:-} in *CAP_SYS_RESOURCE*) restrict_oom=1 ;; esac
  cat > "$ctx/Dockerfile" <<DOCKERFILE
FROM $rootfs
COPY files/ /
COPY bin/ /usr/local/bin/
COPY runc /usr/local/sbin/runc
COPY cni/ /opt/cni/bin/
RUN chmod 0755 /usr/local/bin/* /usr/local/sbin/runc /opt/cni/bin/* /kind/bin /kind/bin/* \\
 && for wants in multi-user local-fs basic; do rm -f /lib/systemd/system/\$wants.target.wants/*; done \\
 && rm -f /etc/systemd/system/*.wants/* /lib/systemd/system/sysinit.target.wants/systemd-tmpfiles-setup.service \\
 && for unit in udev initctl; do rm -f /lib/systemd/system/sockets.target.wants/*\$unit*; done \\
 && printf 'ReadKMsg=no\\n' >> /etc/systemd/journald.conf \\
 && ln -sf "\$(command -v systemd || echo /lib/systemd/systemd)" /sbin/init \\
 && systemctl enable kubelet.service containerd.service undo-mount-hacks.service \\
 && systemctl mask systemd-binfmt.service \\
 && mkdir -p /etc/kubernetes/manifests \\
 && if [ "$restrict_oom" = 1 ]; then sed -i 's/restrict_oom_score_adj = false/restrict_oom_score_adj = true/' /etc/containerd/config.toml; fi \\
 && ctr oci spec | jq '.hooks.createContainer = ((.hooks.createContainer // []) + [{path: "/kind/bin/mount-product-files.sh"}]) | del(.process.rlimits)' \\
      > /etc/containerd/cri-base.json \\
 && containerd --version && runc --version && crictl --version
ENV container=docker
STOPSIGNAL SIGRTMIN+3
ENTRYPOINT ["/usr/local/bin/entrypoint", "/sbin/init"]
DOCKERFILE
  docker build -q --label org.opencontainers.image.vendor=k8s-storage-course -t "$BASE_IMAGE" "$ctx" >/dev/null
fi

# 2. The node image, in a build container as kind does it (docker run + exec + commit).
echo "node image: $NODE_IMAGE"
container=ksc-node-build-$$
docker run -d --name "$container" --entrypoint=sleep --security-opt seccomp=unconfined "$BASE_IMAGE" infinity >/dev/null
on_node() { docker exec -i "$container" "$@"; }
for bin in kubeadm kubelet kubectl; do
  docker cp "$go/kubernetes-$KUBERNETES_VERSION/bin/$bin" "$container:/usr/bin/$bin"
done
on_node chown root:root /usr/bin/kubeadm /usr/bin/kubelet /usr/bin/kubectl
on_node chmod 0755 /usr/bin/kubeadm /usr/bin/kubelet /usr/bin/kubectl
# The NFS mount helper (cluster/nfs-fuse): mount(8) runs /sbin/mount.nfs and mount.nfs4 for every
# nfs mount, the kubelet's too. course-nfs-client hands a mount to Debian's own helper, moved to
# mount.nfs.kernel, when the kernel has an NFS client, and serves it through FUSE when not.
docker cp "$NFS_CLIENT_BIN" "$container:/usr/local/sbin/course-nfs-client"
on_node sh -c 'set -e
  chown root:root /usr/local/sbin/course-nfs-client && chmod 0755 /usr/local/sbin/course-nfs-client
  mv /usr/sbin/mount.nfs /usr/sbin/mount.nfs.kernel
  ln -sf /usr/local/sbin/course-nfs-client /usr/sbin/mount.nfs
  ln -sf /usr/local/sbin/course-nfs-client /usr/sbin/mount.nfs4
  /usr/sbin/mount.nfs.kernel -V >/dev/null 2>&1 || test -x /usr/sbin/mount.nfs.kernel
  course-nfs-client probe'
printf '%s' "$KUBERNETES_VERSION" | on_node sh -c 'cat > /kind/version'
on_node mkdir -p /kind/manifests
sed "s|COURSE_CNI_IMAGE|$COURSE_CNI_IMAGE|" "$here/node/course-cni.yaml" | on_node sh -c 'cat > /kind/manifests/default-cni.yaml'
# kind's own storage manifest (local-path-provisioner), taken from the kind module's Go source.
storage=$KIND_SRC/pkg/build/nodeimage/const_storage.go
provisioner=$(sed -n 's/^const storageProvisionerImage = "\(.*\)"/\1/p' "$storage")
helper=$(sed -n 's/^const storageHelperImage = "\(.*\)"/\1/p' "$storage")
sed -n '/^const defaultStorageManifest = `/,/^`$/p' "$storage" | sed '1d;$d' \
  | sed "s|\` + storageProvisionerImage + \`|$provisioner|; s|\` + storageHelperImage + \`|$helper|" \
  | on_node sh -c 'cat > /kind/manifests/default-storage.yaml'
if on_node grep -q '` +' /kind/manifests/default-storage.yaml; then
  echo "could not extract kind's storage manifest from $storage" >&2; exit 1
fi

on_node bash -c 'nohup containerd >/var/log/containerd-build.log 2>&1 &'
on_node bash -c 'for i in $(seq 1 50); do [ -S /run/containerd/containerd.sock ] && ctr version >/dev/null 2>&1 && exit 0; sleep 0.2; done; cat /var/log/containerd-build.log; exit 1'
source "$here/build/image-lib.sh"
preload "$IMAGES"
on_node pkill containerd || true
# Wait until containerd has exited (the build container has no init, so it stays as a zombie).
on_node bash -c 'for i in $(seq 1 50); do ps -C containerd -o stat= | grep -qv Z || exit 0; sleep 0.2; done; exit 1'
on_node rm -f /var/log/containerd-build.log

docker commit \
  --change 'ENTRYPOINT [ "/usr/local/bin/entrypoint", "/sbin/init" ]' \
  --change "LABEL org.opencontainers.image.vendor=k8s-storage-course io.k8s-storage-course.kubernetes=$KUBERNETES_VERSION" \
  "$container" "$NODE_IMAGE" >/dev/null
echo "built $NODE_IMAGE"
