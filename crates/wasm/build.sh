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

# Size flags (the module's budget is 400 KB gzipped), on a std rebuilt for
# wasm32 with the same profile (-Z build-std; RUSTC_BOOTSTRAP=1 unlocks the
# -Z flags on a stable compiler):
#   -Cpanic=immediate-abort  a panic is a bare `unreachable` trap: no panic
#                            machinery or messages (js/guard.mjs turns the trap
#                            into FlyconfError "internal" and re-instantiates)
#   -Zlocation-detail=none   no source file names or lines for panics
# Not -Zfmt-debug=none: flyconf quotes values with `{:?}` in its messages.
SIZE_FLAGS="-Cpanic=immediate-abort -Zunstable-options -Zlocation-detail=none"
BUILD_STD="-Zbuild-std=std,panic_abort"

step "1. wasm32 toolchain with std sources (mode=$WASM_MODE)"
rustup_add() {
  timeout 180 rustup target add wasm32-unknown-unknown && timeout 180 rustup component add rust-src
}
rustup_ready() {
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
    && rustup component list --installed 2>/dev/null | grep -q '^rust-src'
}
if [ "$WASM_MODE" = auto ]; then
  if rustup_ready; then
    WASM_MODE=rustup
  elif curl -fsS --max-time 15 -o /dev/null https://static.rust-lang.org/dist/channel-rust-stable.toml.sha256 \
       && rustup_add; then
    WASM_MODE=rustup
  else
    echo "rustup could not add the wasm32 target or rust-src: falling back to Debian rustc-web + rust-web-src"
    WASM_MODE=debian
  fi
fi
if [ "$WASM_MODE" = rustup ]; then
  rustup_ready || rustup_add
elif ! { [ -x /usr/bin/rustc ] && [ -e /usr/bin/rust-lld ] && [ -d /usr/lib/rustlib/src/rust/library ]; }; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends rustc-web cargo-web rust-web-src rust-web-llvm lld-22 >/dev/null
fi
echo "WASM_MODE=$WASM_MODE"

step "2. cargo build --profile wasm-release --target wasm32-unknown-unknown $BUILD_STD"
# Separate target dirs: the flags and the rebuilt std would invalidate the
# host build's artifacts.
flags() { printf '%s' "$SIZE_FLAGS" | tr ' ' '\037'; }
if [ "$WASM_MODE" = rustup ]; then
  RUSTC_BOOTSTRAP=1 CARGO_ENCODED_RUSTFLAGS="$(flags)" \
    cargo build --locked -p flyconf-wasm --profile wasm-release --target wasm32-unknown-unknown \
      $BUILD_STD --target-dir "$TARGET/wasm-rustup"
  WASM=$TARGET/wasm-rustup/wasm32-unknown-unknown/wasm-release/flyconf_wasm.wasm
else
  # Debian's rustc has no prebuilt wasm32 std: it is rebuilt from rust-web-src.
  env RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 CARGO_ENCODED_RUSTFLAGS="$(flags)" \
    /usr/bin/cargo build --locked -p flyconf-wasm --profile wasm-release --target wasm32-unknown-unknown \
      $BUILD_STD --target-dir "$TARGET/wasm-debian"
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
