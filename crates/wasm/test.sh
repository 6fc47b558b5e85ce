#!/usr/bin/env bash
# The WASM binding from a clean checkout to passing tests: build.sh (the
# wasm32 target, the module, wasm-bindgen for nodejs and web, wasm-opt,
# sizes), the size budget check, then node --test over tests/ (every shared vector, every export,
# errors, the web build loaded in Node), then the headless-Chromium smoke
# page (skipped when chromium is not installed). scripts/test runs this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
./build.sh
# The size budget (issue: <= 1.5 MB raw, <= 400 KB gzipped, embedded data
# included). Sizes are deterministic for a toolchain, so this is a test.
WASM=pkg-web/flyconf_wasm_bg.wasm
RAW=$(stat -c %s "$WASM"); GZ=$(gzip -9c "$WASM" | wc -c)
echo "size budget: $RAW bytes raw (<= 1500000), $GZ bytes gzip -9 (<= 400000)"
if [ "$RAW" -gt 1500000 ] || [ "$GZ" -gt 400000 ]; then
  echo "FAIL: the WASM module is over its size budget (BENCHMARKS.md lists what each part costs)" >&2
  exit 1
fi
node --test tests/
web/smoke.sh
