#!/bin/bash
# course-cni's daemon (see course-cni.yaml). Every few seconds: read the nodes, write this node's
# CNI config when its pod range is known (atomically, only when it changed), and route the other
# nodes' pod ranges to them. Runs until killed; a failed round is logged and retried.
set -u
conf=/etc/cni/net.d/10-course-cni.conflist
sa=/var/run/secrets/kubernetes.io/serviceaccount
server=${CONTROL_PLANE_ENDPOINT:+https://$CONTROL_PLANE_ENDPOINT}
kube() {
  if [ -n "$server" ]; then
    kubectl --server="$server" --certificate-authority="$sa/ca.crt" --token="$(cat "$sa/token")" "$@"
  else
    kubectl "$@"
  fi
}
write_conf() {
  local want
  want=$(printf '{"cniVersion":"1.0.0","name":"course-cni","plugins":[{"type":"ptp","mtu":1500,"ipMasq":false,"ipam":{"type":"host-local","dataDir":"/run/cni-ipam-state","ranges":[[{"subnet":"%s"}]],"routes":[{"dst":"0.0.0.0/0"}]}},{"type":"portmap","capabilities":{"portMappings":true}}]}' "$1")
  if [ "$(cat "$conf" 2>/dev/null)" != "$want" ]; then
    printf '%s' "$want" > "$conf.tmp" && mv "$conf.tmp" "$conf"
    echo "course-cni: wrote $conf for $1"
  fi
}
while true; do
  if nodes=$(kube get nodes -o jsonpath='{range .items[*]}{.metadata.name} {.spec.podCIDR} {.status.addresses[?(@.type=="InternalIP")].address}{"\n"}{end}'); then
    while read -r name cidr ip; do
      [ -n "${cidr:-}" ] && [ -n "${ip:-}" ] || continue
      if [ "$name" = "$NODE_NAME" ]; then
        write_conf "$cidr"
      elif [ "$(ip route show "$cidr")" != "$cidr via $ip dev eth0 " ] && [ "$(ip route show "$cidr")" != "$cidr via $ip dev eth0" ]; then
        ip route replace "$cidr" via "$ip" && echo "course-cni: $cidr via $ip ($name)"
      fi
    done <<< "$nodes"
  else
    echo "course-cni: could not list nodes; retrying" >&2
  fi
  sleep 5
done
