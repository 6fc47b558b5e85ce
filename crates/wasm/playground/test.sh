#!/usr/bin/env bash
# The playground from a clean checkout to passing end-to-end tests: npm ci,
# npm run build (which runs ../build.sh first when pkg-web/ is missing),
# then the Chromium tests (Debian's chromium; apt-installed when missing).
# Screenshots and perf.json land in artifacts/. scripts/test runs this
# after crates/wasm/test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
npm ci --no-audit --no-fund
npm run build
npm test
echo "artifacts: $(pwd)/artifacts"; cat artifacts/perf.json
