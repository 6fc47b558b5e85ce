"""The exceptions flyconf raises: one class per kind of failure, all
subclasses of :class:`FlyconfError`, each carrying the core's stable
``code``, its ``message`` and a ``suggestion`` saying what to do next."""

from __future__ import annotations

from typing import Dict, Tuple, Type

__all__ = [
    "FlyconfError",
    "PathNotFoundError",
    "UnreadablePathError",
    "UnknownTemplateError",
    "UnknownSkillError",
    "UnknownToolError",
    "UnknownRuleError",
    "NotTextError",
    "InvalidOptionError",
    "PatternError",
    "InternalError",
]


class FlyconfError(Exception):
    """Something flyconf could not do (as opposed to a problem it found in a
    file, which is a diagnostic in the result).

    Attributes:
        code: A stable kebab-case identifier, such as ``"path-not-found"``
            or ``"unknown-template"``; the same codes the CLI prints as
            ``error[code]`` and in ``{"error": {"code": ...}}``.
        message: What happened (also ``str(error)``).
        suggestion: What to do next.
    """

    code: str
    message: str
    suggestion: str

    def __init__(self, message: str, code: str = "error", suggestion: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.suggestion = suggestion
        if suggestion and hasattr(self, "add_note"):  # Python 3.11+: shown in tracebacks
            self.add_note(f"help: {suggestion}")

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> Tuple[Type[FlyconfError], Tuple[str, str, str]]:
        return (type(self), (self.message, self.code, self.suggestion))


class PathNotFoundError(FlyconfError, FileNotFoundError):
    """A project directory or file does not exist (``path-not-found``)."""


class UnreadablePathError(FlyconfError, OSError):
    """A path exists but cannot be read, or is not a directory where one is
    needed (``unreadable-path``, ``not-a-directory``)."""


class UnknownTemplateError(FlyconfError, LookupError):
    """No template has this name (``unknown-template``); the suggestion
    names the closest one. :func:`flyconf.templates` lists them."""


class UnknownSkillError(FlyconfError, LookupError):
    """No embedded skill has this name (``unknown-skill``)."""


class UnknownToolError(FlyconfError, LookupError):
    """``detect(tools=...)`` named an id no pattern file defines
    (``unknown-tool``); the suggestion lists the known ids."""


class UnknownRuleError(FlyconfError, LookupError):
    """``explain`` was given a code no rule has (``unknown-rule``); the
    suggestion names the closest. :func:`flyconf.rules` lists them."""


class NotTextError(FlyconfError, ValueError):
    """A call that needs text was given text with a NUL byte (the rule
    code ``FT002``); ``check`` reports it as a diagnostic instead."""


class InvalidOptionError(FlyconfError, ValueError):
    """An option has a value flyconf cannot use (``invalid-option``,
    ``invalid-min-confidence``, ``invalid-file-path``)."""


class PatternError(FlyconfError, ValueError):
    """A pattern file given to ``detect(patterns=...)`` is malformed
    (``pattern-*`` codes, e.g. ``pattern-invalid-regex``); the message
    names the file and the JSON path of the problem."""


class InternalError(FlyconfError):
    """A bug in flyconf (``internal``), including a Rust panic, which is
    caught at the boundary and never crashes the interpreter."""


_BY_CODE: Dict[str, Type[FlyconfError]] = {
    "path-not-found": PathNotFoundError,
    "unreadable-path": UnreadablePathError,
    "not-a-directory": UnreadablePathError,
    "unknown-template": UnknownTemplateError,
    "unknown-skill": UnknownSkillError,
    "unknown-tool": UnknownToolError,
    "unknown-rule": UnknownRuleError,
    "FT002": NotTextError,
    "invalid-option": InvalidOptionError,
    "invalid-min-confidence": InvalidOptionError,
    "invalid-file-path": InvalidOptionError,
    "internal": InternalError,
}


def _error(code: str, message: str, suggestion: str) -> FlyconfError:
    """The exception for a core error (called by the extension)."""
    cls = _BY_CODE.get(code)
    if cls is None:
        cls = PatternError if code.startswith("pattern-") else FlyconfError
    return cls(message, code, suggestion)
