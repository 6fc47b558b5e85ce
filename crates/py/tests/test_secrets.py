"""A secret value in a checked fly.toml never appears in the result: only
its name, and a masked excerpt."""

from __future__ import annotations

import json

import pytest

import flyconf

from conftest import vector_input

AWS_KEY = "AK" + "IA7KLFYYLBEG3RHDSV"
GITHUB_TOKEN = "gh" + "p_uGMGKAuWfpTbmRsHdRXfr8nBNXYK7Gh5Qhy5"
PASSWORD = "Zq8vLm2pXr"

TEXT = f'''app = "shop"
primary_region = "iad"

[build.args]
  NPM_TOKEN = "{GITHUB_TOKEN}"

[env]
  DATABASE_URL = "postgres://shop:{PASSWORD}@db.example.com:5432/shop"
  AWS_ACCESS_KEY_ID = "{AWS_KEY}"

[http_service]
  internal_port = 8080
'''


@pytest.mark.parametrize("as_bytes", [False, True])
def test_check_never_returns_secret_values(as_bytes: bool) -> None:
    report = flyconf.check(TEXT.encode() if as_bytes else TEXT)
    found = {d["key_path"] for d in report["diagnostics"] if d["code"].startswith("FS2")}
    assert {"env.DATABASE_URL", "env.AWS_ACCESS_KEY_ID", "build.args.NPM_TOKEN"} <= found
    dumped = json.dumps(report)
    for secret in (AWS_KEY, GITHUB_TOKEN, PASSWORD):
        assert secret not in dumped
        assert secret[4:-4] not in dumped  # not even most of it


def test_the_vector_secret_is_masked() -> None:
    text = vector_input("check-typo-and-secret")["text"]
    dumped = json.dumps(flyconf.check(text))
    assert PASSWORD not in dumped
    assert "postgres://shop:****@db.example.com:5432/shop" in dumped


def test_fixes_do_not_carry_secret_values() -> None:
    for d in flyconf.check(TEXT)["diagnostics"]:
        for edit in (d["fix"] or {"edits": []})["edits"]:
            assert PASSWORD not in edit["replacement"] and AWS_KEY not in edit["replacement"]
