#!/usr/bin/env bash
# The WASM binding from a clean checkout to passing tests: build.sh (the
# wasm32 target, the module, wasm-bindgen for nodejs and web, wasm-opt,
# sizes), then node --test over tests/ (every shared vector, every export,
# errors, the web build loaded in Node), then the headless-Chromium smoke
# page (skipped when chromium is not installed). scripts/test runs this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
./build.sh
node --test tests/
web/smoke.sh
