#!/usr/bin/env bash
# Builds a Debian root file system archive with mmdebstrap from Debian's own archive.
#
# usage: debian-rootfs.sh OUT.tar SUITE PACKAGE[,PACKAGE...]
# Contract: OUT.tar appears only when the build succeeded (written to OUT.tar.partial first);
# an existing OUT.tar is reused. Documentation, man pages and locales are left out to keep
# the node image small. The list of installed packages and versions is written to OUT.tar.txt.
set -euo pipefail
out=$1 suite=$2 packages=$3
if [ -f "$out" ]; then echo "cached: $out"; exit 0; fi
mkdir -p "$(dirname "$out")"
rm -f "$out.partial"
mmdebstrap --variant=minbase --format=tar --include="$packages" \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --customize-hook='chroot "$1" dpkg-query -W -f "\${Package} \${Version}\n" > "$1/.packages.txt"' \
  --customize-hook="copy-out /.packages.txt $(dirname "$out")" \
  --customize-hook='rm -f "$1/.packages.txt"' \
  --aptopt='Acquire::Retries "3"' \
  "$suite" "$out.partial"
mv "$(dirname "$out")/.packages.txt" "$out.txt"
mv "$out.partial" "$out"
