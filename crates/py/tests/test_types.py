"""Real results conform to the TypedDicts in flyconf.types, key for key and
type for type, so the declared shapes cannot drift from the core's."""

from __future__ import annotations

import typing
from typing import Any, Callable, Dict, List, Tuple, Union

import pytest

import flyconf
from flyconf import types as t

from conftest import MIGRATE, PROJECTS, vector_input


def conforms(value: Any, tp: Any, where: str = "$") -> None:
    """Asserts that `value` is an instance of the type expression `tp`."""
    origin = typing.get_origin(tp)
    if tp is Any:
        return
    if isinstance(tp, type) and issubclass(tp, dict) and hasattr(tp, "__required_keys__"):
        assert isinstance(value, dict), f"{where}: {value!r} is not a dict"
        hints = typing.get_type_hints(tp)
        missing = tp.__required_keys__ - value.keys()
        extra = value.keys() - hints.keys()
        assert not missing, f"{where}: missing keys {sorted(missing)} of {tp.__name__}"
        assert not extra, f"{where}: keys {sorted(extra)} not declared in {tp.__name__}"
        for key, item in value.items():
            conforms(item, hints[key], f"{where}.{key}")
    elif origin is Union:
        errors = []
        for option in typing.get_args(tp):
            try:
                conforms(value, option, where)
                return
            except AssertionError as e:
                errors.append(str(e))
        raise AssertionError(f"{where}: {value!r} matches none of {tp}: {errors}")
    elif origin is typing.Literal:
        assert value in typing.get_args(tp), f"{where}: {value!r} not in {tp}"
    elif origin in (list, List):
        assert isinstance(value, list), f"{where}: {value!r} is not a list"
        (item_type,) = typing.get_args(tp)
        for i, item in enumerate(value):
            conforms(item, item_type, f"{where}[{i}]")
    elif origin in (dict, Dict):
        assert isinstance(value, dict), f"{where}: {value!r} is not a dict"
        key_type, value_type = typing.get_args(tp)
        for key, item in value.items():
            conforms(key, key_type, f"{where} key")
            conforms(item, value_type, f"{where}.{key}")
    elif tp is type(None):
        assert value is None, f"{where}: {value!r} is not None"
    elif tp is float:
        # f64 fields are always float, never int.
        assert type(value) is float, f"{where}: {value!r} is not a float"
    elif tp is int:
        assert type(value) is int, f"{where}: {value!r} is not an int"
    else:
        assert isinstance(value, tp), f"{where}: {value!r} is not a {tp}"


def typo_and_secret() -> str:
    return str(vector_input("check-typo-and-secret")["text"])


CASES: List[Tuple[str, Callable[[], Any], Any]] = [
    ("detect", lambda: flyconf.detect(PROJECTS / "fly-nextjs-express-devdep"), t.DetectionReport),
    ("detect-helm", lambda: flyconf.detect(PROJECTS / "helm-chart-fastapi-poetry"), t.DetectionReport),
    ("detect_files", lambda: flyconf.detect_files(vector_input("detect-files-fly-express")["files"]), t.DetectionReport),
    ("check", lambda: flyconf.check(typo_and_secret()), t.FileReport),
    ("check-fix", lambda: flyconf.check('app = "a"\n[http_service]\nintenal_port = 1\n'), t.FileReport),
    ("check-dockerfile", lambda: flyconf.check(vector_input("check-dockerfile")["text"], filename="Dockerfile"), t.FileReport),
    ("parse", lambda: flyconf.parse(vector_input("parse-legacy-forms")["text"]), t.Parsed),
    ("generate", lambda: flyconf.generate("python-django"), Dict[str, str]),
    ("plan", lambda: flyconf.plan("python-django", environments=["dev", "staging", "production"], database="postgres"), t.FileSet),
    ("templates", flyconf.templates, List[t.TemplateInfo]),
    ("cost", lambda: flyconf.cost(vector_input("cost-two-groups")["text"], include_ipv4=True), t.CostEstimate),
    ("cost-empty", lambda: flyconf.cost(""), t.CostEstimate),
    ("recommend", lambda: flyconf.recommend(PROJECTS / "fly-express-basic"), t.Recommendation),
    ("recommend-mixed", lambda: flyconf.recommend(PROJECTS / "mixed-k8s-helm-fly-migration"), t.Recommendation),
    ("recommend-aws", lambda: flyconf.recommend(PROJECTS / "aws-cdk-python-lambda"), t.Recommendation),
    ("migrate", lambda: flyconf.migrate(MIGRATE / "compose"), t.Migration),
    ("migrate-k8s", lambda: flyconf.migrate(MIGRATE / "k8s"), t.Migration),
    ("load_skill", lambda: flyconf.load_skill("flyio"), t.Skill),
    ("fix", lambda: flyconf.fix('app = "a"\n[http_service]\ninternal_port = 1\nforce_https = false\n'), t.FixReport),
    ("explain", lambda: flyconf.explain("FT004"), t.Rule),
    ("rules", flyconf.rules, List[t.Rule]),
]


@pytest.mark.parametrize("name,call,tp", CASES, ids=[c[0] for c in CASES])
def test_result_conforms(name: str, call: Callable[[], Any], tp: Any) -> None:
    conforms(call(), tp)


def test_superseded_frameworks_conform() -> None:
    """FrameworkResult's optional key appears somewhere in the fixtures."""
    seen = False
    for project in sorted(p for p in PROJECTS.iterdir() if p.is_dir()):
        report = flyconf.detect(project)
        conforms(report, t.DetectionReport, project.name)
        seen |= any("superseded_by" in f for f in report["frameworks"])
    assert seen


def test_the_checker_catches_drift() -> None:
    with pytest.raises(AssertionError, match="not declared"):
        conforms({"path": "x", "diagnostics": [], "extra": 1}, t.FileReport)
    with pytest.raises(AssertionError, match="missing keys"):
        conforms({"source": [], "as_of": "x"}, t.PriceInfo)
    with pytest.raises(AssertionError, match="not a float"):
        conforms({"kind": "ipv4", "description": "", "group": None, "region": None, "quantity": 1,
                  "unit": "address", "unit_price": 2.0, "monthly": 2.0, "derived": False}, t.LineItem)
    with pytest.raises(AssertionError, match="matches none"):
        conforms("x", typing.Optional[int])
