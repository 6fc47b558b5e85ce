#!/usr/bin/env bash
# One command to open the playground locally: installs its npm packages,
# builds dist/ (and the WASM module if needed), serves it on
# http://127.0.0.1:8080 (PORT=… to change).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run build
exec node serve.mjs
