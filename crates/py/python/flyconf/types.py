"""The shapes of flyconf's results, as :class:`typing.TypedDict` s.

Every function in :mod:`flyconf` returns plain dicts and lists; these types
describe them for type checkers and readers (they are not classes you
construct). Keys and value types are the core's serde output, the same JSON
the ``flyconf`` CLI prints with ``--format json``, except that numbers the
core holds as floats are always ``float`` (the CLI prints ``2.0`` as ``2``).
``tests/test_types.py`` checks real results against them.

The fly.toml model (``Parsed["config"]``, ``MigratedApp["config"]``) is
typed as ``Dict[str, Any]``: it has flyctl's keys, with legacy forms
normalised and unreadable values left out.
"""

from __future__ import annotations

from typing import Any, Dict, List, Literal, Optional, TypedDict

__all__ = [
    "Severity",
    "Span",
    "Edit",
    "Fix",
    "Diagnostic",
    "FileReport",
    "FixReport",
    "Parsed",
    "Category",
    "Rule",
    "Evidence",
    "ToolResult",
    "FrameworkResult",
    "DetectionSummary",
    "Performance",
    "DetectionReport",
    "Environment",
    "Database",
    "GeneratedFile",
    "SecretPlan",
    "FileSet",
    "TemplateInfo",
    "ItemKind",
    "LineItem",
    "PriceInfo",
    "CostEstimate",
    "Platform",
    "Reason",
    "ServicePlacement",
    "Recommendation",
    "MigratedApp",
    "Migration",
    "Section",
    "Example",
    "Skill",
]

Severity = Literal["error", "warning", "info"]
"""How serious a diagnostic is."""


class Span(TypedDict):
    """Where a diagnostic points. ``start``/``end`` are UTF-8 byte offsets
    (``text.encode()[start:end]``); ``line``/``column`` (and ``end_line``/
    ``end_column``) are 1-based and count characters, so they index Python
    strings directly: ``text.splitlines()[line - 1][column - 1:]``.
    ``utf16_start``/``utf16_end`` are the same offsets in UTF-16 code
    units, for JavaScript editors."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    utf16_start: int
    utf16_end: int


class Edit(TypedDict):
    """One replacement: UTF-8 bytes ``start:end`` of the checked text become
    ``replacement`` (an insertion when ``start == end``)."""

    start: int
    end: int
    replacement: str
    utf16_start: int
    utf16_end: int


class Fix(TypedDict):
    """A machine-applicable fix (what ``flyconf check --fix`` applies)."""

    description: str
    edits: List[Edit]


class Diagnostic(TypedDict):
    """One finding. ``code`` is from flyconf's rule registry (``FT004``,
    ``FS201``, ``DF402``, ``MG519``, ...); ``docs`` links its documentation."""

    code: str
    severity: Severity
    message: str
    span: Span
    key_path: Optional[str]
    suggestion: Optional[str]
    docs: str
    fix: Optional[Fix]


class FileReport(TypedDict):
    """The diagnostics of one checked file, in file order."""

    path: str
    diagnostics: List[Diagnostic]


class FixReport(TypedDict):
    """What ``fix`` returns: the fixed text and what is left to report."""

    path: str
    text: str
    applied: int
    diagnostics: List[Diagnostic]


Category = Literal["schema", "flyctl", "security", "reliability", "dockerfile", "migration"]
"""A rule's family."""


class Rule(TypedDict):
    """One rule of the registry, as ``flyconf explain CODE`` documents it."""

    code: str
    name: str
    severity: Severity
    category: Category
    summary: str
    what: str
    why: str
    example: str
    fix: str
    docs_url: str


class Parsed(TypedDict):
    """A fly.toml read into the typed model, with every diagnostic."""

    config: Dict[str, Any]
    diagnostics: List[Diagnostic]


class Evidence(TypedDict):
    """A file (and, for content signals, the line) that fired a signal."""

    signal: str
    path: str
    line: Optional[int]
    excerpt: Optional[str]


class ToolResult(TypedDict):
    """One deployment tool's score."""

    tool: str
    name: str
    description: str
    confidence: float
    signals: Dict[str, bool]
    signal_count: int
    high_confidence: bool
    evidence: List[Evidence]
    locations: List[str]


class _FrameworkResult(TypedDict):
    framework: str
    name: str
    description: str
    confidence: float
    signals: Dict[str, bool]
    signal_count: int
    evidence: List[Evidence]
    locations: List[str]


class FrameworkResult(_FrameworkResult, total=False):
    """One detected app framework; ``superseded_by`` is present only when a
    more specific framework was also found."""

    superseded_by: str


class DetectionSummary(TypedDict):
    """How many tools were scored and detected, at which threshold."""

    total_analyzed: int
    detected_count: int
    minimum_confidence: float


class Performance(TypedDict):
    """What the scan cost; ``detection_time_ms`` is wall-clock time."""

    detection_time_ms: float
    entries_scanned: int
    files_read: int
    bytes_read: int
    skipped: int
    truncated: bool


class DetectionReport(TypedDict):
    """What ``flyconf detect --format json`` prints: ``tools`` are the
    detected ones, ``all_results`` every scored tool, ``frameworks`` the
    detected frameworks, most confident first."""

    detected: bool
    tools: List[ToolResult]
    all_results: List[ToolResult]
    detection_summary: DetectionSummary
    performance: Performance
    frameworks: List[FrameworkResult]


Environment = Literal["dev", "staging", "production"]
"""A deployment environment."""

Database = Literal["none", "postgres", "sqlite"]
"""The database :func:`flyconf.generate` and :func:`flyconf.plan` wire in."""


class GeneratedFile(TypedDict):
    """One generated file; ``path`` is relative to the output directory."""

    path: str
    purpose: str
    contents: str


class SecretPlan(TypedDict):
    """The secrets (names, never values) one environment's app needs, and
    the ``fly secrets set`` commands that set them."""

    environment: Environment
    app: str
    names: List[str]
    commands: List[str]


class FileSet(TypedDict):
    """Everything a template generates: what :func:`flyconf.plan` returns."""

    template: str
    files: List[GeneratedFile]
    secrets: List[SecretPlan]
    next_steps: List[str]


class TemplateInfo(TypedDict):
    """One entry of ``flyconf templates --format json``."""

    name: str
    title: str
    description: str
    frameworks: List[str]
    port: int
    health_path: str


ItemKind = Literal["machine", "memory", "volume", "ipv4"]
"""What a cost line item prices."""


class LineItem(TypedDict):
    """One priced line, per process group and region (``None`` for
    app-wide items such as the IPv4)."""

    kind: ItemKind
    description: str
    group: Optional[str]
    region: Optional[str]
    quantity: float
    unit: str
    unit_price: float
    monthly: float
    derived: bool


class PriceInfo(TypedDict):
    """Where the prices come from."""

    source: List[str]
    as_of: str
    note: str


class CostEstimate(TypedDict):
    """What ``flyconf cost --format json`` prints."""

    currency: str
    monthly_total: float
    items: List[LineItem]
    assumptions: List[str]
    prices: PriceInfo


Platform = Literal["fly.io", "kubernetes", "aws", "mixed"]
"""Where to run."""


class Reason(TypedDict):
    """One fact behind a recommendation."""

    fact: str
    evidence: str
    points_to: Platform
    weight: float


class ServicePlacement(TypedDict):
    """Where one app of the project should run; ``path`` is relative to the
    project root (``.`` for the root)."""

    path: str
    framework: Optional[str]
    platform: Platform
    why: str


class Recommendation(TypedDict):
    """What ``flyconf recommend --format json`` prints."""

    platform: Platform
    confidence: float
    rationale: List[Reason]
    trade_offs: List[str]
    services: List[ServicePlacement]
    next_steps: List[str]


class MigratedApp(TypedDict):
    """One generated app: its fly.toml model and text, and the secrets to set."""

    name: str
    source: str
    path: str
    config: Dict[str, Any]
    fly_toml: str
    secrets: List[str]
    notes: List[str]


class Migration(TypedDict):
    """What ``flyconf migrate --format json`` prints."""

    sources: List[str]
    apps: List[MigratedApp]
    diagnostics: List[Diagnostic]


class Section(TypedDict):
    """One section of a skill document: the Markdown under a heading."""

    title: str
    level: int
    body: str


class Example(TypedDict):
    """One generated example in the skill package."""

    template: str
    title: str
    files: List[str]


class Skill(TypedDict):
    """An embedded agent skill, split at headings."""

    name: str
    description: str
    sections: List[Section]
    reference: List[Section]
    examples: List[Example]
