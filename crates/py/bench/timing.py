"""Per-call overhead of the Python binding against the same call in Rust.

    python bench/timing.py            # builds and runs examples/rust_timing.rs first
    python bench/timing.py --rounds 5

Inputs come from the Rust side (`rust_timing inputs`), so both measure the
same text: `flyconf_benches::TYPICAL_FLY_TOML` (60 lines) and
`flyconf_benches::small_project()` (11 files). Each figure is the median
per-call time over batches, and the best of `--rounds` rounds, with Rust and
Python rounds interleaved (the machine is shared, so single runs are noisy).
Target: Python <= 1.5 x Rust + 20 us.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import timeit
from pathlib import Path
from typing import Callable, Dict, Optional

import flyconf

CRATE = Path(__file__).resolve().parent.parent

# A fly.toml with findings (5 diagnostics, one with a fix), so converting them counts.
WITH_FINDINGS = "check-typo-and-secret"

# (Python name, Rust name in rust_timing's output, whether the target applies)
CASES = [
    ("check", "check", True),
    ("detect_files", "detect_files", True),
    ("check_file", "check_file", False),
    ("parse", "parse", False),
    ("plan", "plan", False),
]


def rust(*args: str, toml: Optional[Path] = None) -> dict:
    env = dict(os.environ, FLYCONF_TIMING_TOML=str(toml)) if toml else None
    out = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "-p", "flyconf-py", "--example", "rust_timing", "--", *args],
        cwd=CRATE, check=True, capture_output=True, text=True, env=env,
    ).stdout
    return json.loads(out)


def median_us(f: Callable[[], object], number: int = 300, repeat: int = 41) -> float:
    times = sorted(timeit.repeat(f, number=number, repeat=repeat))
    return times[len(times) // 2] / number * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    inputs = rust("inputs")
    text = inputs["typical_fly_toml"]
    files = inputs["small_project"]
    sys.path.insert(0, str(CRATE / "tests"))
    from conftest import vector_input

    findings = vector_input(WITH_FINDINGS)["text"]
    toml = Path(tempfile.mkdtemp()) / "fly.toml"
    toml.write_text(findings, encoding="utf-8")
    calls: Dict[str, Callable[[], object]] = {
        "check": lambda: flyconf.check(text),
        "check_file": lambda: flyconf.check(findings),
        "detect_files": lambda: flyconf.detect_files(files),
        "parse": lambda: flyconf.parse(text),
        "plan": lambda: flyconf.plan("python-django"),
    }
    best_rust: Dict[str, float] = {}
    best_py: Dict[str, float] = {}
    for _ in range(args.rounds):
        for name, value in rust(toml=toml).items():
            best_rust[name] = min(best_rust.get(name, float("inf")), value)
        for name, call in calls.items():
            best_py[name] = min(best_py.get(name, float("inf")), median_us(call))

    print(f"{'call':14} {'Rust us':>9} {'Python us':>10} {'overhead':>9} {'ratio':>6}  target (1.5 x Rust + 20)")
    ok = True
    for py_name, rust_name, has_target in CASES:
        r, p = best_rust[rust_name], best_py[py_name]
        line = f"{py_name:14} {r:9.1f} {p:10.1f} {p - r:+9.1f} {p / r:6.2f}"
        if has_target:
            target = 1.5 * r + 20
            met = p <= target
            ok &= met
            line += f"  {target:7.1f} {'met' if met else 'MISSED'}"
        print(line)
    print(f"check_file is check() on fixtures/vectors/{WITH_FINDINGS}.json's text (5 diagnostics).")
    print(f"Rust with serde_json::to_string added: check {best_rust['check+json']:.1f} us, "
          f"detect_files {best_rust['detect_files+json']:.1f} us.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
