#!/usr/bin/env bash
# The Python binding from a clean checkout to passing tests: a venv with the
# pinned tools, `pip install ./crates/py` (maturin builds the abi3 wheel
# from the workspace), then pytest (shared vectors, CLI parity, stubs,
# types, GIL release, errors). scripts/test runs this.
#
#   crates/py/test.sh                 # python3
#   PYTHON=python3.9 crates/py/test.sh
#
# The CLI-parity tests run the flyconf binary: $FLYCONF_CLI, else
# target/release/flyconf (scripts/test builds it first).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
python=${PYTHON:-python3}
venv=${FLYCONF_PY_VENV:-$repo/target/py-venv}
T0=$SECONDS
step() { printf '\n--- [py %4ss] %s\n' "$((SECONDS - T0))" "$*"; }

step "venv and pinned tools ($("$python" --version))"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$here/requirements-dev.txt"

export PATH="$venv/bin:$PATH"

step "pip install ./crates/py (release abi3 wheel via maturin)"
cd "$repo"
"$venv/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-build-isolation ./crates/py

step "pytest"
export FLYCONF_REPO="$repo"
export FLYCONF_CLI="${FLYCONF_CLI:-$repo/${CARGO_TARGET_DIR:-target}/release/flyconf}"
cd "$here/tests"
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$here/tests"
step "done"
