"""Typical typed use of flyconf; test_stubs.py runs `mypy --strict` on it,
so the stubs and flyconf.types stay usable from checked code."""

from typing import Dict, List

import flyconf
from flyconf.types import CostEstimate, Diagnostic, FileReport, Severity


def errors(text: str) -> List[Diagnostic]:
    report: FileReport = flyconf.check(text)
    wanted: Severity = "error"
    return [d for d in report["diagnostics"] if d["severity"] == wanted]


def first_line_of_each(files: Dict[str, str]) -> Dict[str, str]:
    return {path: text.splitlines()[0] for path, text in files.items()}


def monthly(text: str) -> float:
    estimate: CostEstimate = flyconf.cost(text, machines=2, regions=["iad", "ams"], hours=365.0)
    return estimate["monthly_total"] + sum(i["monthly"] for i in estimate["items"] if i["kind"] == "volume")


def framework(path: str) -> str:
    report = flyconf.detect(path, tools=["flyio"], min_confidence=0.5)
    frameworks = report["frameworks"]
    return frameworks[0]["framework"] if frameworks else "none"


def plan_secrets() -> List[str]:
    plan = flyconf.plan("python-django", environments=["staging", "production"], database="postgres")
    return [name for p in plan["secrets"] for name in p["names"]]


def skill_titles() -> List[str]:
    try:
        return [s["title"] for s in flyconf.load_skill("flyio")["sections"]]
    except flyconf.UnknownSkillError as e:
        return [e.code, e.suggestion]


files = flyconf.generate("nodejs-express", app="shop", redis=True)
print(errors(files["fly.toml"]), first_line_of_each(files), monthly(files["fly.toml"]))
print(framework("."), plan_secrets(), skill_titles(), flyconf.migrate(".", region="ams")["apps"])
