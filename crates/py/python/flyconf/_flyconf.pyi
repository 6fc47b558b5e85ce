"""Type stubs of the extension module ``flyconf._flyconf`` (built from
``src/lib.rs``); :mod:`flyconf` re-exports everything here.

``tests/test_stubs.py`` checks these against the module: mypy's stubtest
for names, parameters and defaults, and a comparison of each docstring with
the runtime ``__doc__`` (the Rust doc comment), which is the source.
"""

from os import PathLike
from typing import Dict, List, Mapping, Optional, Sequence, Union

from .types import (
    CostEstimate,
    Database,
    DetectionReport,
    Environment,
    FileReport,
    FileSet,
    FixReport,
    Migration,
    Parsed,
    Recommendation,
    Rule,
    Skill,
    TemplateInfo,
)

__all__ = [
    "check",
    "cost",
    "detect",
    "detect_files",
    "explain",
    "fix",
    "generate",
    "load_skill",
    "migrate",
    "parse",
    "plan",
    "recommend",
    "rules",
    "templates",
    "__version__",
]

_StrPath = Union[str, "PathLike[str]"]
"""A filesystem path: ``str`` or ``os.PathLike``."""

__version__: str
"""The version of flyconf this module was built from."""


def detect(
    path: _StrPath,
    *,
    tools: Optional[Sequence[str]] = None,
    min_confidence: Optional[float] = None,
    patterns: Optional[Sequence[_StrPath]] = None,
) -> DetectionReport:
    """Detects deployment tooling and app frameworks in a project directory,
    as `flyconf detect PATH --format json` does.

    Args:
        path: The project directory (`str` or `os.PathLike`).
        tools: Only report these tool or framework ids (`--tools`).
        min_confidence: Detection threshold between 0 and 1
            (`--min-confidence`; default: the pattern file's, 0.7).
        patterns: Pattern files to load instead of the embedded set of the
            same kind (`--patterns`; tools and frameworks files may be mixed).

    Returns:
        The detection report (`flyconf.types.DetectionReport`).

    Raises:
        PathNotFoundError: `path` does not exist.
        UnreadablePathError: `path` is not a directory, or cannot be read.
        UnknownToolError: `tools` names an id no pattern file defines.
        InvalidOptionError: `min_confidence` is outside 0..1.
        PatternError: A pattern file is malformed.

    The GIL is released while the project is scanned.
    """


def detect_files(
    files: Mapping[str, Union[str, bytes]],
    *,
    tools: Optional[Sequence[str]] = None,
    min_confidence: Optional[float] = None,
) -> DetectionReport:
    """Detects deployment tooling and app frameworks in an in-memory project.

    Args:
        files: `{relative path: contents}`, with `/` separators; contents
            are `str` or `bytes`.
        tools: Only report these tool or framework ids.
        min_confidence: Detection threshold between 0 and 1 (default: the
            pattern file's, 0.7).

    Returns:
        The detection report (`flyconf.types.DetectionReport`), as `detect`
        gives for the same files on disk.

    Raises:
        InvalidOptionError: A path is absolute or has `..` segments, or
            `min_confidence` is outside 0..1.
        UnknownToolError: `tools` names an id no pattern file defines.

    The GIL is released while the project is scanned.
    """


def check(text: Union[str, bytes], *, filename: str = "fly.toml") -> FileReport:
    """Validates and lints a fly.toml (or, by its name, a Dockerfile): one file
    of `flyconf check --format json`.

    Args:
        text: The file's contents. `bytes` that are not UTF-8 text give an
            `FT002` diagnostic rather than an error.
        filename: The file's name: `Dockerfile`, `Dockerfile.*`,
            `*.dockerfile` and `Containerfile` are linted as Dockerfiles,
            anything else is read as a fly.toml.

    Returns:
        `{"path": filename, "diagnostics": [...]}`
        (`flyconf.types.FileReport`), diagnostics in file order. Secret
        values found in the file are never included, only their names.

    The GIL is released while the file is checked.
    """


def parse(text: str) -> Parsed:
    """Reads fly.toml text into flyconf's typed model, with every diagnostic.

    Args:
        text: The fly.toml contents.

    Returns:
        `{"config": {...}, "diagnostics": [...]}` (`flyconf.types.Parsed`):
        the model with legacy forms normalised and unreadable values left
        out, and the same diagnostics as `check`.

    The GIL is released while the file is parsed.
    """


def generate(
    template: str,
    *,
    app: Optional[str] = None,
    region: Optional[str] = None,
    environments: Optional[Sequence[Environment]] = None,
    database: Optional[Database] = None,
    redis: bool = False,
    extra_secrets: Optional[Sequence[str]] = None,
) -> Dict[str, str]:
    """Generates a template's production-ready files, as `flyconf init` writes
    them.

    Args:
        template: The template name (`flyconf.templates()` lists them).
        app: App name (`--app`; default: the template name); with several
            environments, dev and staging apps get `-dev` / `-staging`.
        region: Primary region code (`--region`; default: the template's
            first region, or `iad`).
        environments: Any of `"dev"`, `"staging"`, `"production"` (`--env`;
            default: production only). One writes `fly.toml`, several write
            `fly.<env>.toml` each.
        database: `"postgres"`, `"sqlite"` or `"none"` (`--database`).
        redis: Add Redis (`--redis`).
        extra_secrets: More secret names, e.g. the keys of `.env.example`.

    Returns:
        `{path: contents}`, paths relative to the output directory.
        `plan` takes the same arguments and returns the full file set.

    Raises:
        UnknownTemplateError: No template has this name.
        InvalidOptionError: An option has a value flyconf cannot use.
    """


def plan(
    template: str,
    *,
    app: Optional[str] = None,
    region: Optional[str] = None,
    environments: Optional[Sequence[Environment]] = None,
    database: Optional[Database] = None,
    redis: bool = False,
    extra_secrets: Optional[Sequence[str]] = None,
) -> FileSet:
    """Generates a template's full file set: the files with their purpose, the
    secrets to set per environment, and the commands to run next (what
    `flyconf init --dry-run --format json` prints, without `choice`,
    `out_dir`, `dry_run` and `written`).

    Args:
        template: As for `generate`.
        app: As for `generate`.
        region: As for `generate`.
        environments: As for `generate`.
        database: As for `generate`.
        redis: As for `generate`.
        extra_secrets: As for `generate`.

    Returns:
        The file set (`flyconf.types.FileSet`).

    Raises:
        UnknownTemplateError: No template has this name.
        InvalidOptionError: An option has a value flyconf cannot use.
    """


def templates() -> List[TemplateInfo]:
    """Lists the templates `generate` and `plan` accept, as
    `flyconf templates --format json` does.

    Returns:
        One `flyconf.types.TemplateInfo` per template.
    """


def cost(
    text: str,
    *,
    machines: Optional[int] = None,
    regions: Optional[Sequence[str]] = None,
    hours: Optional[float] = None,
    include_ipv4: Optional[bool] = None,
) -> CostEstimate:
    """Estimates the monthly cost of running a fly.toml, as
    `flyconf cost --format json` does: Machines, extra memory, volumes and a
    dedicated IPv4, itemised per process group and region, with every
    assumption in words.

    Args:
        text: The fly.toml contents.
        machines: Machines per process group and region (`--machines`;
            default: `min_machines_running`, or 1).
        regions: Regions to run every group in (`--regions`; default:
            `primary_region`).
        hours: Hours per month each Machine runs (`--hours`; default 730, all
            month; values outside 0..744 are replaced, with an assumption
            saying so).
        include_ipv4: Force (`True`) or leave out (`False`) a dedicated IPv4;
            default: only when the services need one.

    Returns:
        The estimate (`flyconf.types.CostEstimate`).
    """


def recommend(path: _StrPath) -> Recommendation:
    """Recommends Fly.io, Kubernetes, AWS or a mix for a project, as
    `flyconf recommend PATH --format json` does.

    Args:
        path: The project directory.

    Returns:
        The recommendation (`flyconf.types.Recommendation`): platform,
        confidence, the facts behind it, trade-offs, and where each service
        should run.

    Raises:
        PathNotFoundError: `path` does not exist.
        UnreadablePathError: `path` is not a directory, or cannot be read.

    The GIL is released while the project is scanned.
    """


def migrate(
    path: _StrPath,
    *,
    region: Optional[str] = None,
    app_prefix: Optional[str] = None,
) -> Migration:
    """Converts Heroku (`Procfile`, `app.json`), docker-compose and Kubernetes
    configuration into fly.toml drafts, as `flyconf migrate PATH --format
    json` does. Nothing is written: each app carries its `fly_toml` text and
    the `path` to write it to.

    Args:
        path: The project directory.
        region: Primary region of the generated apps (`--region`; default
            `iad`).
        app_prefix: Prefix of the generated app names (`--app-prefix`).

    Returns:
        The migration (`flyconf.types.Migration`): sources read, generated
        apps, and diagnostics for what could not be converted.

    Raises:
        PathNotFoundError: `path` is not an existing directory.
        UnreadablePathError: `path` cannot be listed.

    The GIL is released while the project is read.
    """


def load_skill(name: str) -> Skill:
    """Loads an embedded agent skill, split into sections.

    Args:
        name: The skill's name (`"flyio"`).

    Returns:
        The skill (`flyconf.types.Skill`): its description, `SKILL.md` and
        `REFERENCE.md` split at headings, and the index of generated examples.

    Raises:
        UnknownSkillError: No embedded skill has this name.
    """


def fix(text: str, *, filename: str = "fly.toml") -> FixReport:
    """Applies every machine-applicable fix to a fly.toml (or, by its name, a
    Dockerfile), as `flyconf check --fix` does, keeping comments and
    formatting, then checks the result.

    Args:
        text: The file's contents.
        filename: The file's name, as for `check`.

    Returns:
        `{"path", "text", "applied", "diagnostics"}` (`flyconf.types.FixReport`):
        the fixed text, how many fixes were applied, and what is left.

    Raises:
        FlyconfError: `text` contains a NUL byte (code `FT002`).

    The GIL is released while the file is fixed.
    """


def explain(code: str) -> Rule:
    """Documents one rule, as `flyconf explain CODE --format json` does.

    Args:
        code: A rule code such as `"FT004"`, or its name (`"unknown-key"`).

    Returns:
        The rule (`flyconf.types.Rule`): what it checks, why, an example and
        the fix.

    Raises:
        UnknownRuleError: No rule has this code; the suggestion names the
            closest.
    """


def rules() -> List[Rule]:
    """Lists every rule, as `flyconf explain --format json` does.

    Returns:
        One `flyconf.types.Rule` per code, by family then code.
    """
