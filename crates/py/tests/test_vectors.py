"""The shared vectors (fixtures/vectors/*.json): every front-end must return
exactly the `expected` JSON for each `input` (see that directory's README)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Dict

import pytest

import flyconf

from conftest import VECTORS, load_vector, zero_time

def _detect_files(i: Dict[str, Any]) -> Any:
    return zero_time(flyconf.detect_files(i["files"], **i.get("options", {})))


def _cost(i: Dict[str, Any]) -> Any:
    inputs = dict(i.get("inputs", {}))
    if "hours_per_month" in inputs:
        inputs["hours"] = inputs.pop("hours_per_month")
    return flyconf.cost(i["text"], **inputs)


OPS: Dict[str, Callable[[Dict[str, Any]], Any]] = {
    "check": lambda i: flyconf.check(i["text"], filename=i.get("filename", "fly.toml")),
    "parse": lambda i: flyconf.parse(i["text"]),
    "fix": lambda i: flyconf.fix(i["text"], filename=i.get("filename", "fly.toml")),
    "detect_files": _detect_files,
    # The input is the core's generate-options JSON: the keywords.
    "generate": lambda i: flyconf.generate(**i),
    "plan": lambda i: flyconf.plan(**i),
    "cost": _cost,
    "templates": lambda i: flyconf.templates(),
}


def call(vector: Dict[str, Any]) -> Any:
    """The op's result, or `{"error": {...}}` for the FlyconfError it raised."""
    try:
        return OPS[vector["op"]](vector["input"])
    except flyconf.FlyconfError as e:
        return {"error": {"code": e.code, "message": e.message, "suggestion": e.suggestion}}


def test_there_are_vectors() -> None:
    assert len(VECTORS) >= 7
    assert {load_vector(p)["op"] for p in VECTORS} <= set(OPS)


@pytest.mark.parametrize("path", VECTORS, ids=lambda p: p.stem)
def test_vector(path: Path) -> None:
    vector = load_vector(path)
    got = call(vector)
    assert got == vector["expected"]
    # Same key order and the same types (float stays float: 2.0, not 2).
    assert json.dumps(got) == json.dumps(vector["expected"])


@pytest.mark.parametrize("path", [p for p in VECTORS if load_vector(p)["op"] == "plan"], ids=lambda p: p.stem)
def test_generate_is_the_files_of_plan(path: Path) -> None:
    vector = load_vector(path)
    files = flyconf.generate(**vector["input"])
    assert files == {f["path"]: f["contents"] for f in vector["expected"]["files"]}
    assert list(files) == [f["path"] for f in vector["expected"]["files"]]
