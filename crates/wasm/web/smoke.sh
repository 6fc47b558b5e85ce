#!/usr/bin/env bash
# Headless Chromium loads web/index.html against pkg-web/ (toolchain.md section 4).
# Exits 0 when the page reports the expected result; skips (exit 0) without chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v chromium >/dev/null || { echo "chromium not installed: skipped"; exit 0; }
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory . >/dev/null 2>&1 &
SERVER_PID=$!
PROFILE="$(mktemp -d)"
trap 'kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$PROFILE"' EXIT
for _ in $(seq 50); do curl -fsS -o /dev/null 2>/dev/null "http://127.0.0.1:$PORT/web/index.html" && break; sleep 0.1; done
DOM="$(timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage \
  --user-data-dir="$PROFILE" --virtual-time-budget=10000 --dump-dom \
  "http://127.0.0.1:$PORT/web/index.html" 2>/dev/null)"
RESULT="$(echo "$DOM" | grep -o '<div id="result">[^<]*</div>')"
echo "$RESULT"
# FT004 at UTF-16 offset 25 (byte offset 26: "é" is two bytes, one UTF-16 unit).
EXPECTED='<div id="result">ok check=FT004@25 plan=5 detect=true error=true:unknown-template panic=internal after=fly.toml</div>'
[ "$RESULT" = "$EXPECTED" ] || { echo "expected: $EXPECTED"; exit 1; }
