"""Each function and each of its options, on the repository's fixtures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

import pytest

import flyconf

from conftest import MIGRATE, PROJECTS, vector_input

EXPRESS = PROJECTS / "fly-express-basic"

WIDGET_PATTERNS = {
    "version": "1.0.0",
    "kind": "tools",
    "tools": {
        "widget": {
            "name": "Widget",
            "description": "Deploys with widget",
            "detection_signals": {"widget_file": {"weight": 1.0, "files": ["widget.cfg"]}},
        }
    },
    "detection_rules": {"minimum_confidence": 0.5},
}


def ids(results: List[Dict[str, Any]], key: str = "tool") -> List[str]:
    return [r[key] for r in results]


# detect


def test_detect_finds_tools_and_framework() -> None:
    report = flyconf.detect(EXPRESS)
    assert report["detected"] is True
    assert set(ids(report["tools"])) == {"docker", "flyio"}
    assert ids(report["frameworks"], "framework")[0] == "express"
    assert report["performance"]["detection_time_ms"] > 0
    assert isinstance(report["performance"]["detection_time_ms"], float)


def test_detect_accepts_str_and_pathlike() -> None:
    def strip(r: Dict[str, Any]) -> Dict[str, Any]:
        r["performance"]["detection_time_ms"] = 0
        return r

    assert strip(flyconf.detect(str(EXPRESS))) == strip(flyconf.detect(EXPRESS))


def test_detect_tools_filters_the_named_kind() -> None:
    report = flyconf.detect(EXPRESS, tools=["flyio"])
    assert ids(report["all_results"]) == ["flyio"]
    # Naming only tools leaves the frameworks alone.
    assert "express" in ids(report["frameworks"], "framework")


def test_detect_min_confidence() -> None:
    strict = flyconf.detect(EXPRESS, min_confidence=0.99)
    assert strict["detection_summary"]["minimum_confidence"] == 0.99
    assert all(t["confidence"] >= 0.99 for t in strict["tools"])
    assert len(strict["tools"]) < len(flyconf.detect(EXPRESS)["tools"])


@pytest.mark.parametrize("value", [-0.1, 1.5, float("nan")])
def test_detect_min_confidence_out_of_range(value: float) -> None:
    with pytest.raises(flyconf.InvalidOptionError) as e:
        flyconf.detect(EXPRESS, min_confidence=value)
    assert e.value.code == "invalid-min-confidence"


def test_detect_patterns_replace_the_embedded_set_of_their_kind(tmp_path: Path) -> None:
    patterns = tmp_path / "widget.json"
    patterns.write_text(json.dumps(WIDGET_PATTERNS), encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "widget.cfg").write_text("x", encoding="utf-8")
    (project / "fly.toml").write_text('app = "a"\nprimary_region = "iad"\n', encoding="utf-8")
    report = flyconf.detect(project, patterns=[patterns])
    assert ids(report["all_results"]) == ["widget"]  # no flyio: the tools set was replaced
    assert report["detection_summary"]["minimum_confidence"] == 0.5


def test_detect_unknown_tool_suggests_the_closest() -> None:
    with pytest.raises(flyconf.UnknownToolError) as e:
        flyconf.detect(EXPRESS, tools=["flyoi"])
    assert e.value.code == "unknown-tool"
    assert e.value.suggestion.startswith("did you mean `flyio`?")


def test_detect_bad_pattern_file(tmp_path: Path) -> None:
    bad = dict(WIDGET_PATTERNS)
    bad["tools"] = {"w": {"name": "W", "description": "d", "detection_signals": {
        "s": {"weight": 1.0, "file_patterns": ["*.x"], "patterns": ["(?=x)"]}}}}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(flyconf.PatternError) as e:
        flyconf.detect(EXPRESS, patterns=[path])
    assert e.value.code == "pattern-invalid-regex"
    assert "tools.w.detection_signals.s.patterns[0]" in e.value.message
    with pytest.raises(flyconf.PatternError) as e:
        flyconf.detect(EXPRESS, patterns=[tmp_path / "missing.json"])
    assert e.value.code == "pattern-io"


def test_detect_path_errors(tmp_path: Path) -> None:
    with pytest.raises(flyconf.PathNotFoundError) as e:
        flyconf.detect(tmp_path / "missing")
    assert e.value.code == "path-not-found"
    assert isinstance(e.value, FileNotFoundError)
    a_file = tmp_path / "f.txt"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(flyconf.UnreadablePathError) as e2:
        flyconf.detect(a_file)
    assert e2.value.code == "not-a-directory"


def test_detect_rejects_a_single_string_for_tools() -> None:
    with pytest.raises(TypeError):
        flyconf.detect(EXPRESS, tools="flyio")  # type: ignore[arg-type]


# detect_files


def test_detect_files_str_and_bytes_agree() -> None:
    files = vector_input("detect-files-fly-express")["files"]
    as_bytes = {p: c.encode() for p, c in files.items()}
    a, b = flyconf.detect_files(files), flyconf.detect_files(as_bytes)
    a["performance"]["detection_time_ms"] = b["performance"]["detection_time_ms"] = 0
    assert a == b
    assert ids(a["frameworks"], "framework")[0] == "express"


def test_detect_files_matches_detect_on_disk(tmp_path: Path) -> None:
    files = vector_input("detect-files-fly-express")["files"]
    for p, c in files.items():
        (tmp_path / p).write_text(c, encoding="utf-8")
    a, b = flyconf.detect_files(files), flyconf.detect(tmp_path)
    a["performance"]["detection_time_ms"] = b["performance"]["detection_time_ms"] = 0
    assert a == b


def test_detect_files_accepts_any_mapping_and_binary_content() -> None:
    from types import MappingProxyType

    files = MappingProxyType({"fly.toml": 'app = "a"\nprimary_region = "iad"\n', "logo.png": b"\x89PNG\x00\xff"})
    assert "flyio" in ids(flyconf.detect_files(files)["tools"])


def test_detect_files_min_confidence() -> None:
    files = vector_input("detect-files-fly-express")["files"]
    report = flyconf.detect_files(files, min_confidence=0.99)
    assert report["detection_summary"]["minimum_confidence"] == 0.99
    with pytest.raises(flyconf.InvalidOptionError):
        flyconf.detect_files(files, min_confidence=2)


@pytest.mark.parametrize("path", ["../etc/passwd", "/abs/fly.toml"])
def test_detect_files_invalid_path(path: str) -> None:
    with pytest.raises(flyconf.InvalidOptionError) as e:
        flyconf.detect_files({path: "x"})
    assert e.value.code == "invalid-file-path"


def test_detect_files_wrong_value_type() -> None:
    with pytest.raises(TypeError):
        flyconf.detect_files({"fly.toml": 3})  # type: ignore[dict-item]


# check


def test_check_fly_toml_finds_the_typo_with_a_fix() -> None:
    report = flyconf.check('app = "demo"\n[http_service]\nintenal_port = 8080\n')
    assert report["path"] == "fly.toml"
    typo = next(d for d in report["diagnostics"] if d["code"] == "FT004")
    assert typo["severity"] == "warning"
    assert "internal_port" in typo["suggestion"]
    assert typo["fix"]["edits"][0]["replacement"] == "internal_port"


def test_check_dockerfile_by_name() -> None:
    text = vector_input("check-dockerfile")["text"]
    for name in ["Dockerfile", "Dockerfile.prod", "api.dockerfile", "Containerfile"]:
        codes = {d["code"] for d in flyconf.check(text, filename=name)["diagnostics"]}
        assert codes and all(c.startswith("DF") for c in codes), name
    assert all(not d["code"].startswith("DF") for d in flyconf.check(text)["diagnostics"])


def test_check_bytes() -> None:
    text = vector_input("check-typo-and-secret")["text"]
    assert flyconf.check(text.encode()) == flyconf.check(text)
    report = flyconf.check(b'app = "a"\n\xff\xfe\n')
    [d] = report["diagnostics"]
    assert (d["code"], d["span"]["line"], d["span"]["start"]) == ("FT002", 2, 10)


@pytest.mark.parametrize(
    "text",
    [
        'app = "Démo_ü"\nprimary_region = "ämß"\n',
        '# café ☕\napp = "démo"\n[http_service]\nintenal_port = 8080\n[env]\n  GRÜSSE = "AKIA7KLFYYLBEG3RHDSV"\n',
        '# 😀 emoji\napp = "x"\n[http_service]\n  internal_port = 8080\n  force_https = false\n',
    ],
)
def test_spans_are_bytes_and_columns_are_characters(text: str) -> None:
    diagnostics = flyconf.check(text)["diagnostics"]
    assert diagnostics
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    for d in diagnostics:
        s = d["span"]
        by_bytes = text.encode()[s["start"]:s["end"]].decode()
        start = offsets[s["line"] - 1] + s["column"] - 1
        end = offsets[s["end_line"] - 1] + s["end_column"] - 1
        assert by_bytes == text[start:end], d["code"]
        # UTF-16 offsets index the same text as JavaScript sees it.
        utf16 = text.encode("utf-16-le")
        assert utf16[2 * s["utf16_start"]:2 * s["utf16_end"]].decode("utf-16-le") == by_bytes
        for e in (d["fix"] or {"edits": []})["edits"]:
            assert utf16[2 * e["utf16_start"]:2 * e["utf16_end"]].decode("utf-16-le") == text.encode()[e["start"]:e["end"]].decode()


# parse


def test_parse_gives_the_model_and_the_check_diagnostics() -> None:
    text = vector_input("parse-legacy-forms")["text"]
    parsed = flyconf.parse(text)
    assert parsed["config"]["app"] == "old-app"
    assert parsed["config"]["kill_timeout"] == "5s"  # legacy integer seconds, normalised
    assert parsed["diagnostics"] == flyconf.check(text)["diagnostics"]


def test_parse_rejects_bytes() -> None:
    with pytest.raises(TypeError):
        flyconf.parse(b'app = "a"')  # type: ignore[arg-type]


# generate, plan, templates


def test_generate_defaults() -> None:
    files = flyconf.generate("python-django")
    assert list(files) == ["fly.toml", "Dockerfile", ".dockerignore", "deploy.sh", "README.fly.md"]
    assert 'app = "python-django"' in files["fly.toml"]
    assert flyconf.check(files["fly.toml"])["diagnostics"] == []


def test_generate_options() -> None:
    files = flyconf.generate(
        "nodejs-express", app="shop", region="ams", environments=["dev", "staging", "production"],
        database="postgres", redis=True, extra_secrets=["STRIPE_KEY"],
    )
    assert {"fly.dev.toml", "fly.staging.toml", "fly.production.toml"} <= set(files)
    assert 'app = "shop-staging"' in files["fly.staging.toml"]
    assert 'primary_region = "ams"' in files["fly.production.toml"]
    plan = flyconf.plan("nodejs-express", app="shop", redis=True, database="sqlite", extra_secrets=["STRIPE_KEY"])
    [secrets] = plan["secrets"]
    assert "STRIPE_KEY" in secrets["names"] and "REDIS_URL" in secrets["names"]
    assert all("…" in c or "=" in c for c in secrets["commands"])


def test_plan_and_generate_agree() -> None:
    plan = flyconf.plan("ruby-rails", environments=["staging"])
    assert flyconf.generate("ruby-rails", environments=["staging"]) == {
        f["path"]: f["contents"] for f in plan["files"]
    }
    assert plan["template"] == "ruby-rails" and plan["next_steps"]


def test_every_template_generates_a_clean_config() -> None:
    names = [t["name"] for t in flyconf.templates()]
    assert len(names) >= 14 and "python-django" in names
    for name in names:
        files = flyconf.generate(name)
        report = flyconf.check(files["fly.toml"])
        assert [d for d in report["diagnostics"] if d["severity"] != "info"] == [], name


def test_generate_unknown_template_suggests_the_closest() -> None:
    with pytest.raises(flyconf.UnknownTemplateError) as e:
        flyconf.generate("pyhton-django")
    assert e.value.code == "unknown-template"
    assert e.value.suggestion.startswith("did you mean `python-django`?")
    assert isinstance(e.value, LookupError)


@pytest.mark.parametrize(
    "options,option",
    [
        ({"app": "Bad_Name"}, "app"),
        ({"environments": ["prod"]}, "environments"),
        ({"database": "mysql"}, "database"),
    ],
)
def test_generate_invalid_options(options: Dict[str, Any], option: str) -> None:
    with pytest.raises(flyconf.InvalidOptionError) as e:
        flyconf.plan("python-django", **options)
    assert e.value.code == "invalid-option"
    assert e.value.message.startswith(f"invalid {option} ")
    assert e.value.suggestion
    assert isinstance(e.value, ValueError)


def test_generate_unknown_keyword() -> None:
    with pytest.raises(TypeError):
        flyconf.generate("python-django", regoin="ams")  # type: ignore[call-arg]


# cost


def test_cost_defaults() -> None:
    estimate = flyconf.cost(vector_input("cost-two-groups")["text"])
    assert estimate["currency"] == "USD"
    assert estimate["monthly_total"] == pytest.approx(sum(i["monthly"] for i in estimate["items"]), abs=0.01)


def test_cost_inputs() -> None:
    text = vector_input("cost-two-groups")["text"]
    base = flyconf.cost(text)
    more = flyconf.cost(text, machines=4, regions=["iad", "ams"])
    assert {i["region"] for i in more["items"] if i["region"]} == {"iad", "ams"}
    assert more["monthly_total"] > base["monthly_total"]
    half = flyconf.cost(text, hours=365)
    assert half["monthly_total"] < base["monthly_total"]
    with_ip = flyconf.cost(text, include_ipv4=True)
    assert "ipv4" in {i["kind"] for i in with_ip["items"]}
    assert "ipv4" not in {i["kind"] for i in flyconf.cost(text, include_ipv4=False)["items"]}
    odd = flyconf.cost(text, hours=10_000)
    assert "hours_per_month 10000 is longer than a month; used 744 instead." in odd["assumptions"]


def test_cost_machines_must_be_a_count() -> None:
    with pytest.raises(OverflowError):
        flyconf.cost('app = "a"', machines=-1)


# recommend


def test_recommend() -> None:
    rec = flyconf.recommend(EXPRESS)
    assert rec["platform"] == "fly.io"
    assert rec["rationale"][0]["evidence"] == "fly.toml"
    assert rec["services"][0]["framework"] == "express"
    helm = flyconf.recommend(PROJECTS / "helm-chart-fastapi-poetry")
    assert helm["platform"] == "kubernetes"


def test_recommend_missing_path(tmp_path: Path) -> None:
    with pytest.raises(flyconf.PathNotFoundError):
        flyconf.recommend(tmp_path / "missing")


# migrate


def test_migrate_heroku() -> None:
    m = flyconf.migrate(MIGRATE / "heroku-node")
    assert m["sources"] == ["Procfile", "app.json"]
    [app] = m["apps"]
    assert app["path"] == "fly.toml" and 'primary_region = "iad"' in app["fly_toml"]
    assert "SESSION_SECRET" in app["secrets"]
    assert flyconf.check(app["fly_toml"])["diagnostics"] == []


def test_migrate_options() -> None:
    m = flyconf.migrate(MIGRATE / "compose", region="ams", app_prefix="acme")
    assert m["apps"]
    for app in m["apps"]:
        assert app["name"].startswith("acme-")
        assert 'primary_region = "ams"' in app["fly_toml"]


def test_migrate_nothing_to_migrate(tmp_path: Path) -> None:
    m = flyconf.migrate(tmp_path)
    assert m["apps"] == [] and m["sources"] == []
    assert [d["code"] for d in m["diagnostics"]] == ["MG503"]


def test_migrate_path_errors(tmp_path: Path) -> None:
    with pytest.raises(flyconf.PathNotFoundError):
        flyconf.migrate(tmp_path / "missing")
    a_file = tmp_path / "Procfile"
    a_file.write_text("web: node server.js\n", encoding="utf-8")
    with pytest.raises(flyconf.PathNotFoundError):
        flyconf.migrate(a_file)


# load_skill


def test_load_skill() -> None:
    skill = flyconf.load_skill("flyio")
    assert skill["name"] == "flyio" and skill["description"]
    assert skill["sections"][0]["level"] == 1
    assert {e["template"] for e in skill["examples"]} == {t["name"] for t in flyconf.templates()}


def test_load_skill_unknown() -> None:
    with pytest.raises(flyconf.UnknownSkillError) as e:
        flyconf.load_skill("aws")
    assert (e.value.code, e.value.suggestion) == ("unknown-skill", "load one of: flyio")


def test_version() -> None:
    assert flyconf.__version__ == "0.1.0"
