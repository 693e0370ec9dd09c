#!/usr/bin/env bash
# Installs the npm reference tokenizers ("oracles") that scripts/gen-golden.mjs
# compares against, at the exact versions pinned in scripts/oracles/package.json.
#
#   scripts/setup-oracles.sh                 -> scripts/oracles/node_modules
#   TOKPROF_ORACLES=/x/node_modules scripts/setup-oracles.sh -> /x/node_modules
#
# Idempotent: when every pinned package is already there at its pinned version,
# it does nothing (and needs no network). npm always installs into
# <prefix>/node_modules, so a TOKPROF_ORACLES elsewhere must end in
# "node_modules"; its parent becomes the npm prefix.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
manifest_dir="$here/oracles"
default_target="$manifest_dir/node_modules"
target="${TOKPROF_ORACLES:-$default_target}"

die() { echo "setup-oracles: error: $*" >&2; exit 1; }
command -v node >/dev/null || die "node is not installed"
command -v npm >/dev/null || die "npm is not installed"

# The node snippets below are single-quoted on purpose: `${...}` is JavaScript.
# shellcheck disable=SC2016
# Prints "name@version" for every pinned dependency, one a line.
pinned_specs() {
  node -e '
    const deps = require(process.argv[1]).dependencies;
    for (const [name, version] of Object.entries(deps)) console.log(`${name}@${version}`);
  ' "$manifest_dir/package.json"
}

# Exit status 0 when every pinned package is installed in $target at its pinned version.
all_installed() {
  node -e '
    const fs = require("fs"), path = require("path");
    const [manifest, target] = process.argv.slice(1);
    const deps = require(manifest).dependencies;
    for (const [name, version] of Object.entries(deps)) {
      const file = path.join(target, name, "package.json");
      if (!fs.existsSync(file) || JSON.parse(fs.readFileSync(file, "utf8")).version !== version) process.exit(1);
    }
  ' "$manifest_dir/package.json" "$target"
}

if all_installed; then
  echo "setup-oracles: pinned oracles already installed in $target"
  exit 0
fi

npm_flags=(--no-audit --no-fund --loglevel=error)
if [[ "$(cd "$(dirname "$target")" 2>/dev/null && pwd)/$(basename "$target")" == "$default_target" ]]; then
  echo "setup-oracles: installing into $target"
  cd "$manifest_dir"
  if [[ -f package-lock.json ]]; then
    npm ci "${npm_flags[@]}"
  else
    # No lock file is kept: the four packages have no dependencies of their
    # own, so the exact pins in package.json fix the whole tree.
    npm install --no-package-lock "${npm_flags[@]}"
  fi
else
  [[ "$(basename "$target")" == node_modules ]] ||
    die "TOKPROF_ORACLES must name a directory called node_modules (got $target)"
  prefix="$(dirname "$target")"
  mkdir -p "$prefix"
  echo "setup-oracles: installing into $target"
  mapfile -t specs < <(pinned_specs)
  # --no-save: never edit a package.json that may already live in $prefix.
  npm install --prefix "$prefix" --no-save --no-package-lock "${npm_flags[@]}" "${specs[@]}"
fi

all_installed || die "npm finished but the pinned versions are not all in $target"
echo "setup-oracles: done"
