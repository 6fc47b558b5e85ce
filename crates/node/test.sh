#!/usr/bin/env bash
# crates/node from a clean checkout to passing tests:
#   1. npm dependencies (the napi CLI; typescript and @types/node for the
#      declaration test), without running the package's install script;
#   2. the addon: napi build --platform --release -- --locked (cargo builds
#      in the workspace's target/; writes flyconf.<platform>.node, index.js
#      and index.d.ts here);
#   3. node --test __test__/ (vectors, API, CLI parity, drop-in goldens,
#      workers, declarations; what needs the CLI binary or ../shared is
#      skipped, with the reason, when absent).
# Prints the time of each step. Needs Rust (stable, 1.88+) and Node 18+ with npm.
set -euo pipefail
export LC_NUMERIC=C
cd "$(dirname "$0")"

start=$EPOCHREALTIME
last=$start
step() {
  local t=$EPOCHREALTIME
  awk -v name="$1" -v a="$last" -v b="$t" -v s="$start" \
    'BEGIN { printf "== %s: %.1fs (total %.1fs)\n", name, b - a, b - s }'
  last=$t
}

# `npm install` rather than `npm ci`: the lock holds only the platform
# packages (napi CLI helpers) this registry serves, which `npm ci` refuses.
npm install --ignore-scripts --no-audit --no-fund --loglevel=error
step "npm install (dependencies)"

npm run --silent build
step "napi build --release --locked (addon)"

node --test __test__/
step "node --test __test__/"
