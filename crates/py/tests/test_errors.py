"""The exception hierarchy: every core error is a FlyconfError subclass
chosen by its code, with code, message and suggestion.

A Rust panic becomes InternalError; nothing reachable from Python panics,
so that path is tested in Rust (`cargo test`: guard::tests), and here only
the mapping of the `internal` code is checked.
"""

from __future__ import annotations

import pickle
from typing import Type

import pytest

import flyconf
from flyconf._errors import _error

SUBCLASSES = [
    flyconf.PathNotFoundError,
    flyconf.UnreadablePathError,
    flyconf.UnknownTemplateError,
    flyconf.UnknownSkillError,
    flyconf.UnknownToolError,
    flyconf.InvalidOptionError,
    flyconf.PatternError,
    flyconf.InternalError,
]


@pytest.mark.parametrize(
    "code,cls",
    [
        ("path-not-found", flyconf.PathNotFoundError),
        ("unreadable-path", flyconf.UnreadablePathError),
        ("not-a-directory", flyconf.UnreadablePathError),
        ("unknown-template", flyconf.UnknownTemplateError),
        ("unknown-skill", flyconf.UnknownSkillError),
        ("unknown-tool", flyconf.UnknownToolError),
        ("invalid-option", flyconf.InvalidOptionError),
        ("invalid-min-confidence", flyconf.InvalidOptionError),
        ("invalid-file-path", flyconf.InvalidOptionError),
        ("pattern-invalid-regex", flyconf.PatternError),
        ("pattern-json", flyconf.PatternError),
        ("internal", flyconf.InternalError),
        ("some-future-code", flyconf.FlyconfError),
    ],
)
def test_codes_choose_the_class(code: str, cls: Type[flyconf.FlyconfError]) -> None:
    e = _error(code, "what happened", "what to do")
    assert type(e) is cls
    assert (e.code, e.message, e.suggestion, str(e)) == (code, "what happened", "what to do", "what happened")


@pytest.mark.parametrize("cls", SUBCLASSES)
def test_every_class_is_a_flyconf_error(cls: Type[flyconf.FlyconfError]) -> None:
    assert issubclass(cls, flyconf.FlyconfError)
    assert issubclass(cls, Exception)
    assert cls.__doc__


def test_builtin_bases() -> None:
    assert issubclass(flyconf.PathNotFoundError, FileNotFoundError)
    assert issubclass(flyconf.UnreadablePathError, OSError)
    assert issubclass(flyconf.InvalidOptionError, ValueError)
    assert issubclass(flyconf.PatternError, ValueError)
    assert issubclass(flyconf.UnknownTemplateError, LookupError)
    assert not issubclass(flyconf.InternalError, (ValueError, OSError, LookupError))


def test_raised_errors_carry_all_three_fields(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(flyconf.FlyconfError) as e:
        flyconf.detect(tmp_path / "missing")
    err = e.value
    assert type(err) is flyconf.PathNotFoundError
    assert err.code == "path-not-found"
    assert err.message == f"project path `{tmp_path / 'missing'}` does not exist"
    assert err.suggestion.startswith("pass the path of an existing project directory")
    assert str(err) == err.message
    assert err.args == (err.message,)


def test_the_suggestion_is_a_note_in_tracebacks() -> None:
    e = _error("unknown-skill", "unknown skill `x`", "load one of: flyio")
    if hasattr(e, "add_note"):  # Python 3.11+
        assert e.__notes__ == ["help: load one of: flyio"]


@pytest.mark.parametrize("cls", [flyconf.FlyconfError] + SUBCLASSES)
def test_errors_pickle(cls: Type[flyconf.FlyconfError]) -> None:
    e = cls("message", "code", "suggestion")
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is cls
    assert (back.message, back.code, back.suggestion) == ("message", "code", "suggestion")


def test_internal_error_is_not_a_base_exception_leak() -> None:
    # PyO3 turns an uncaught panic into PanicException, a BaseException that
    # `except Exception` misses; the binding must raise InternalError instead.
    assert issubclass(flyconf.InternalError, Exception)


def test_unknown_rule_names_the_closest() -> None:
    with pytest.raises(flyconf.UnknownRuleError) as e:
        flyconf.explain("FT04")
    assert e.value.code == "unknown-rule"
    assert "`FT004`" in e.value.suggestion or "`FT001`" in e.value.suggestion
    assert isinstance(e.value, LookupError)
    assert flyconf.explain("FT004")["name"] == "unknown-key"
    codes = [r["code"] for r in flyconf.rules()]
    assert len(codes) == len(set(codes)) and "FT004" in codes and "DF401" in codes


def test_text_with_a_nul_byte_is_refused_by_calls_that_need_text() -> None:
    for call in (lambda: flyconf.cost('app = "x"\0'), lambda: flyconf.fix("\0")):
        with pytest.raises(flyconf.NotTextError) as e:
            call()
        assert e.value.code == "FT002"
        assert "NUL byte" in e.value.message
    # check reports it as a diagnostic instead of raising.
    assert flyconf.check("\0")["diagnostics"][0]["code"] == "FT002"
