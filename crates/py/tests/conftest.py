"""Shared paths for the tests: the repository's fixtures and the CLI binary."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest


def _repo() -> Path:
    """The flyconf repository: $FLYCONF_REPO, else the one this crate sits
    in (crates/py/tests -> repo)."""
    env = os.environ.get("FLYCONF_REPO")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parents[3]
    if (here / "fixtures" / "vectors").is_dir():
        return here


REPO = _repo()
FIXTURES = REPO / "fixtures"
VECTORS = sorted((FIXTURES / "vectors").glob("*.json"))
PROJECTS = FIXTURES / "projects"
MIGRATE = FIXTURES / "migrate"


def load_vector(path: Path) -> Dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def vector_input(name: str) -> Dict[str, Any]:
    """The `input` of fixtures/vectors/<name>.json."""
    return load_vector(FIXTURES / "vectors" / f"{name}.json")["input"]


def cli_binary() -> Optional[Path]:
    """The `flyconf` CLI: $FLYCONF_CLI, else the repository's release or
    debug build, else `flyconf` on PATH."""
    env = os.environ.get("FLYCONF_CLI")
    candidates: List[Optional[str]] = [
        env,
        str(REPO / "target" / "release" / "flyconf"),
        str(REPO / "target" / "debug" / "flyconf"),
        shutil.which("flyconf"),
    ]
    for c in candidates:
        if c and Path(c).is_file() and os.access(c, os.X_OK):
            return Path(c)
    return None


@pytest.fixture(scope="session")
def cli() -> Path:
    path = cli_binary()
    if path is None:
        pytest.skip("no flyconf CLI binary (build it with `cargo build --release --bin flyconf`, or set FLYCONF_CLI)")
    return path


def zero_time(report: Dict[str, Any]) -> Dict[str, Any]:
    """The wall-clock field of a detection report set to 0, as the vectors have it."""
    report["performance"]["detection_time_ms"] = 0
    return report
