#!/bin/bash
# An OCI runtime for dockerd that drops the capabilities this machine's bounding set lacks, then
# runs the real runc. Needed only where the engine itself runs without some capability (seen
# here: CAP_SYS_RESOURCE is missing from every process's bounding set), because Docker 20.10 gives
# a --privileged container (every kind node is one) every capability the kernel knows, and runc
# then fails with "unable to apply caps: operation not permitted".
#
# Contract: arguments pass through unchanged; only the capability lists of the bundle's
# config.json (create, run) or of the --process file (exec) lose the names in DROP_CAPS.
set -euo pipefail
# The real runc, found on PATH when the engine was started (cluster:up writes it in).
KSC_REAL_RUNC='@REAL_RUNC@'
DROP_CAPS='@DROP_CAPS@'
filter() {
  local file=$1 tmp
  [ -f "$file" ] || return 0
  tmp=$(mktemp "$file.XXXXXX")
  jq --argjson drop "$DROP_CAPS" '
    def keep: if type == "array" then map(select(. as $c | ($drop | index($c)) | not)) else . end;
    if has("process") then .process.capabilities |= (if . then with_entries(.value |= keep) else . end)
    else .capabilities |= (if . then with_entries(.value |= keep) else . end) end' "$file" > "$tmp"
  chmod --reference="$file" "$tmp"
  mv "$tmp" "$file"
}
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case ${args[i]} in
    --bundle | -b) filter "${args[i + 1]}/config.json" ;;
    --bundle=*) filter "${args[i]#--bundle=}/config.json" ;;
    --process | -p) filter "${args[i + 1]}" ;;
    --process=*) filter "${args[i]#--process=}" ;;
  esac
done
exec "$KSC_REAL_RUNC" "$@"
