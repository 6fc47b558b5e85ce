#!/usr/bin/env bash
# Builds the flyconf WASM packages: pkg-node/ (CommonJS, `--target nodejs`)
# and pkg-web/ (ES module, `--target web`), following
# the recipes verified for this machine kind (rustup's wasm32 target, else
# Debian's rustc-web with build-std; wasm-bindgen via tools/wbg; npm binaryen).
#   ./build.sh            auto: rustup wasm32 target if installable, else Debian rustc-web
#   WASM_MODE=rustup|debian ./build.sh
#   SKIP_OPT=1 ./build.sh  no wasm-opt (faster, ~2x larger)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
REPO="$(cd ../.. && pwd)"
TARGET="${CARGO_TARGET_DIR:-$REPO/target}"
export DEBIAN_FRONTEND=noninteractive
WASM_BINDGEN_VERSION=0.2.130   # must equal the =pins in Cargo.toml and tools/wbg/Cargo.toml
BINARYEN=binaryen@132.0.0      # Debian's binaryen 108 corrupts wasm-bindgen's externref table
WASM_MODE="${WASM_MODE:-auto}"
T0=$SECONDS
step() { printf '\n=== [%4ss] %s\n' "$((SECONDS - T0))" "$*"; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo

step "1. wasm32 toolchain (mode=$WASM_MODE)"
if [ "$WASM_MODE" = auto ]; then
  if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    WASM_MODE=rustup
  elif curl -fsS --max-time 15 -o /dev/null https://static.rust-lang.org/dist/channel-rust-stable.toml.sha256 \
       && timeout 180 rustup target add wasm32-unknown-unknown; then
    WASM_MODE=rustup
  else
    echo "rustup target add failed or timed out: falling back to Debian rustc-web + build-std"
    WASM_MODE=debian
  fi
fi
if [ "$WASM_MODE" = rustup ]; then
  rustup target list --installed | grep -qx wasm32-unknown-unknown || timeout 180 rustup target add wasm32-unknown-unknown
elif ! { [ -x /usr/bin/rustc ] && [ -e /usr/bin/rust-lld ] && [ -d /usr/lib/rustlib/src/rust/library ]; }; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends rustc-web cargo-web rust-web-src rust-web-llvm lld-22 >/dev/null
fi
echo "WASM_MODE=$WASM_MODE"

step "2. cargo build --profile wasm-release --target wasm32-unknown-unknown"
if [ "$WASM_MODE" = rustup ]; then
  cargo build --locked -p flyconf-wasm --profile wasm-release --target wasm32-unknown-unknown
  WASM=$TARGET/wasm32-unknown-unknown/wasm-release/flyconf_wasm.wasm
else
  # Debian rustc 1.96 has no prebuilt wasm32 std: rebuild it from rust-web-src
  # (/usr/lib/rustlib/src/rust); a separate target dir keeps rustup's artifacts valid.
  env RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
    /usr/bin/cargo build --locked -p flyconf-wasm --profile wasm-release --target wasm32-unknown-unknown \
      -Z build-std=std,panic_abort --target-dir "$TARGET/wasm-debian"
  WASM=$TARGET/wasm-debian/wasm32-unknown-unknown/wasm-release/flyconf_wasm.wasm
fi

step "3. wasm-bindgen $WASM_BINDGEN_VERSION (tools/wbg) -> pkg-node/ (nodejs), pkg-web/ (web)"
cargo build --locked --release --manifest-path "$REPO/tools/wbg/Cargo.toml" --target-dir "$TARGET/wbg"
WBG=$TARGET/wbg/release/wbg
rm -rf pkg-node pkg-web
"$WBG" "$WASM" pkg-node nodejs
"$WBG" "$WASM" pkg-web web
cp js/index.cjs pkg-node/index.js
cp js/index.d.ts pkg-node/index.d.ts
cp js/index.mjs pkg-web/index.js
cp js/guard.mjs pkg-node/guard.mjs
cp js/guard.mjs pkg-web/guard.mjs
# The web package's types: the same declarations, plus the glue's `init`/`initSync`.
{ echo "export { default, initSync } from './flyconf_wasm.js'; // web build: call init first"
  cat js/index.d.ts; } > pkg-web/index.d.ts
cat > pkg-node/package.json <<'JSON'
{ "name": "flyconf-wasm", "version": "0.1.0", "main": "index.js", "types": "index.d.ts" }
JSON
cat > pkg-web/package.json <<'JSON'
{ "name": "flyconf-wasm-web", "version": "0.1.0", "type": "module", "module": "index.js", "types": "index.d.ts" }
JSON
RAW_BG=$(stat -c %s pkg-node/flyconf_wasm_bg.wasm)
SAME_BG=0; cmp -s pkg-node/flyconf_wasm_bg.wasm pkg-web/flyconf_wasm_bg.wasm && SAME_BG=1

if [ "${SKIP_OPT:-0}" != 1 ]; then
  step "4. wasm-opt -Oz ($BINARYEN from npm)"
  opt() { npx --yes -p "$BINARYEN" wasm-opt -Oz --strip-debug --strip-producers "$1" -o "$1"; }
  opt pkg-node/flyconf_wasm_bg.wasm
  # wasm-bindgen gives both targets the same module: optimise it once.
  if [ "$SAME_BG" = 1 ]; then cp pkg-node/flyconf_wasm_bg.wasm pkg-web/; else opt pkg-web/flyconf_wasm_bg.wasm; fi
fi
node -e 'const m = require("./pkg-node"); if (m.check("app = \"x\"\n").path !== "fly.toml") process.exit(1)'

step "5. sizes"
size() { printf '%-44s %9s bytes raw  %8s bytes gzip -9\n' "$1" "$(stat -c %s "$1")" "$(gzip -9c "$1" | wc -c)"; }
size "$WASM"
echo "after wasm-bindgen: $RAW_BG bytes raw"
size pkg-node/flyconf_wasm_bg.wasm
size pkg-web/flyconf_wasm_bg.wasm

step "done (total ${SECONDS}s)"
