"""flyconf: understand and produce Fly.io deployments.

Detect a project's deployment tooling and framework, validate and lint
fly.toml and Dockerfiles, generate production-ready configurations from
templates, estimate monthly cost, recommend a platform, and migrate
Heroku, docker-compose and Kubernetes configurations, all with flyconf's
Rust core. Every function returns plain dicts and lists: exactly the JSON
the ``flyconf`` CLI prints with ``--format json``. Failures raise
:class:`FlyconfError` subclasses.

>>> import flyconf
>>> report = flyconf.check('app = "demo"\\n[http_service]\\nintenal_port = 8080\\n')
>>> typo = next(d for d in report["diagnostics"] if d["code"] == "FT004")
>>> typo["severity"], typo["span"]["line"]
('warning', 3)
>>> typo["suggestion"]
'did you mean `internal_port`?'

The shapes of the results are in :mod:`flyconf.types`; the functions and
their options are documented on each (``help(flyconf.detect)``).
"""

from . import types
from ._errors import (
    FlyconfError,
    InternalError,
    InvalidOptionError,
    NotTextError,
    PathNotFoundError,
    PatternError,
    UnknownSkillError,
    UnknownTemplateError,
    UnknownRuleError,
    UnknownToolError,
    UnreadablePathError,
)
from ._flyconf import (
    __version__,
    check,
    cost,
    detect,
    detect_files,
    explain,
    fix,
    generate,
    load_skill,
    migrate,
    parse,
    plan,
    recommend,
    rules,
    templates,
)

__all__ = [
    "__version__",
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
    "types",
    "FlyconfError",
    "InternalError",
    "InvalidOptionError",
    "NotTextError",
    "PathNotFoundError",
    "PatternError",
    "UnknownSkillError",
    "UnknownTemplateError",
    "UnknownRuleError",
    "UnknownToolError",
    "UnreadablePathError",
]
