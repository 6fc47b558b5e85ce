"""Each function returns what the CLI prints with `--format json`, parsed.

Needs the `flyconf` binary (see conftest.cli_binary); skipped without it.
The CLI writes numbers as JavaScript does (`2` for 2.0), so results are
compared with `==`, where 2 == 2.0; test_vectors.py checks the types.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any, List

import pytest

import flyconf

from conftest import MIGRATE, PROJECTS, vector_input, zero_time


def run_cli(cli: Path, *args: str) -> Any:
    out = subprocess.run([str(cli), *args, "--format", "json"], capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


PROJECT_DIRS: List[Path] = [
    PROJECTS / name
    for name in ["fly-express-basic", "helm-chart-fastapi-poetry", "aws-cdk-python-lambda", "fly-phoenix-app"]
]


@pytest.mark.parametrize("project", PROJECT_DIRS, ids=lambda p: p.name)
def test_detect(cli: Path, project: Path) -> None:
    want = zero_time(run_cli(cli, "detect", str(project)))
    assert zero_time(flyconf.detect(project)) == want


def test_detect_options(cli: Path) -> None:
    project = PROJECTS / "fly-express-basic"
    want = zero_time(run_cli(cli, "detect", str(project), "--tools", "flyio,docker", "--min-confidence", "0.5"))
    got = zero_time(flyconf.detect(str(project), tools=["flyio", "docker"], min_confidence=0.5))
    assert got == want


@pytest.mark.parametrize("name", ["check-typo-and-secret", "check-dockerfile", "check-clean"])
def test_check(cli: Path, tmp_path: Path, name: str) -> None:
    given = vector_input(name)
    path = tmp_path / given["filename"]
    path.write_text(given["text"], encoding="utf-8")
    want = run_cli(cli, "check", str(path))
    assert want["files"][0]["path"] == str(path)
    assert flyconf.check(given["text"], filename=str(path)) == want["files"][0]


@pytest.mark.parametrize(
    "flags,kwargs",
    [
        ([], {}),
        (["--machines", "3", "--regions", "iad,ams", "--hours", "200"], {"machines": 3, "regions": ["iad", "ams"], "hours": 200}),
    ],
)
def test_cost(cli: Path, tmp_path: Path, flags: List[str], kwargs: Any) -> None:
    text = vector_input("cost-two-groups")["text"]
    path = tmp_path / "fly.toml"
    path.write_text(text, encoding="utf-8")
    assert flyconf.cost(text, **kwargs) == run_cli(cli, "cost", str(path), *flags)


@pytest.mark.parametrize("project", PROJECT_DIRS, ids=lambda p: p.name)
def test_recommend(cli: Path, project: Path) -> None:
    assert flyconf.recommend(project) == run_cli(cli, "recommend", str(project))


@pytest.mark.parametrize("source", sorted(p for p in MIGRATE.iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_migrate(cli: Path, source: Path) -> None:
    want = run_cli(cli, "migrate", str(source), "--region", "ams", "--app-prefix", "acme")
    assert flyconf.migrate(source, region="ams", app_prefix="acme") == want


def test_templates(cli: Path) -> None:
    assert flyconf.templates() == run_cli(cli, "templates")


def test_plan_is_init_without_the_cli_fields(cli: Path, tmp_path: Path) -> None:
    want = run_cli(
        cli, "init", str(tmp_path), "--template", "python-django", "--app", "shop", "--region", "ams",
        "--env", "staging", "--env", "production", "--database", "postgres", "--redis", "--dry-run",
    )
    for key in ("choice", "out_dir", "dry_run", "written"):
        del want[key]
    got = flyconf.plan("python-django", app="shop", region="ams", environments=["staging", "production"],
                       database="postgres", redis=True)
    assert got == want


def test_errors_have_the_cli_code_message_and_suggestion(cli: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    out = subprocess.run([str(cli), "detect", str(missing), "--format", "json"], capture_output=True, text=True)
    want = json.loads(out.stdout)["error"]
    with pytest.raises(flyconf.PathNotFoundError) as e:
        flyconf.detect(missing)
    assert {"code": e.value.code, "message": e.value.message, "suggestion": e.value.suggestion} == want
