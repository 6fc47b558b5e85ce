"""The stubs (python/flyconf/_flyconf.pyi) match the extension module:
names, parameters, kinds and defaults through mypy's stubtest, and each
docstring through a comparison with the runtime `__doc__`, which comes from
the Rust doc comment (src/lib.rs) and is the source."""

from __future__ import annotations

import ast
import importlib.util
import inspect
import subprocess
import sys
from pathlib import Path
from typing import Dict

import pytest

import flyconf
import flyconf._flyconf as native

STUB = Path(flyconf.__file__).with_name("_flyconf.pyi")
ALLOWLIST = Path(__file__).with_name("stubtest-allowlist.txt")


def stub_functions() -> Dict[str, ast.FunctionDef]:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")
def test_stubtest(tmp_path: Path) -> None:
    # Run outside the source tree, so mypy sees only the installed package.
    out = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "flyconf", "--allowlist", str(ALLOWLIST), "--ignore-unused-allowlist"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_every_public_function_has_a_stub() -> None:
    public = {n for n in native.__all__ if not n.startswith("__")}
    assert set(stub_functions()) == public
    assert set(flyconf.__all__) >= set(native.__all__)


@pytest.mark.parametrize("name", sorted(stub_functions()))
def test_docstring_matches_the_runtime(name: str) -> None:
    stub_doc = ast.get_docstring(stub_functions()[name])
    assert stub_doc == inspect.getdoc(getattr(flyconf, name))


@pytest.mark.parametrize("name", sorted(stub_functions()))
def test_signature_matches_the_runtime(name: str) -> None:
    """The same check as stubtest's, without mypy: parameter names, kinds
    and defaults."""
    node = stub_functions()[name]
    runtime = inspect.signature(getattr(flyconf, name))
    args = node.args
    stub_params = [(a.arg, "POSITIONAL_OR_KEYWORD") for a in args.args]
    stub_params += [(a.arg, "KEYWORD_ONLY") for a in args.kwonlyargs]
    assert [(p.name, p.kind.name) for p in runtime.parameters.values()] == stub_params
    defaults = [ast.literal_eval(d) if d is not None else inspect.Parameter.empty
                for d in [None] * (len(args.args) - len(args.defaults)) + list(args.defaults) + list(args.kw_defaults)]
    assert [p.default for p in runtime.parameters.values()] == defaults


def test_public_items_are_documented() -> None:
    for name in flyconf.__all__:
        if name != "__version__":
            assert inspect.getdoc(getattr(flyconf, name)), name
    assert flyconf.__doc__ and flyconf.types.__doc__


def test_py_typed_is_shipped() -> None:
    assert Path(flyconf.__file__).with_name("py.typed").is_file()


def test_package_docstring_examples() -> None:
    import doctest

    assert doctest.testmod(flyconf).failed == 0


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")
def test_typed_use_passes_mypy_strict(tmp_path: Path) -> None:
    example = Path(__file__).with_name("typing_example.py")
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(example)],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
