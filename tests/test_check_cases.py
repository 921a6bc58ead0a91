"""`checker check` against what a fact-checker concludes from a set of articles: one case file per set in
tests/cases/check/*.toml (written by reading the articles and working the calendars out by hand).

A case names its `paths` and lists:
* [[story]] `docs`: documents that must form exactly one story;
* [[finding]] `rule` (and optional `severity`, `type`), and `quotes`: texts that must all be among the
  finding's facts (each quote matched as a fact's exact text);
* [[absent]] `rule` (and optional `quotes`): no finding of the rule (with those quotes) may appear.
Each entry says `why`, so the case file documents the reasoning a reviewer would check.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from checker.engine import check
from checker.schema import Result

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "tests" / "cases" / "check").glob("*.toml"))


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=None)
def _run(case_path: str) -> Result:
    case = _load(Path(case_path))
    return check([str(ROOT / p) for p in case["paths"]])


def _findings(result: Result) -> list[dict[str, Any]]:
    texts = dict(result.facts.select("id", "text").iter_rows())
    rows = []
    for row in result.findings.iter_rows(named=True):
        rows.append({**row, "quotes": [texts[f] for f in row["facts"]]})
    return rows


def _matches(expected: dict[str, Any], finding: dict[str, Any]) -> bool:
    if finding["rule"] != expected["rule"]:
        return False
    for key in ("severity", "type"):
        if key in expected and finding[key] != expected[key]:
            return False
    return all(quote in finding["quotes"] for quote in expected.get("quotes", []))


def _entries(kind: str) -> list[Any]:
    params = []
    for path in CASES:
        for index, entry in enumerate(_load(path).get(kind, [])):
            params.append(pytest.param(str(path), entry, id=f"{path.stem}-{kind}{index}-{entry.get('rule', '')}"))
    return params


@pytest.mark.parametrize(("case_path", "expected"), _entries("finding"))
def test_finding_is_reported(case_path: str, expected: dict[str, Any]) -> None:
    findings = _findings(_run(case_path))
    assert any(_matches(expected, f) for f in findings), (
        f"{expected['why']}\nnot found: {expected}\nreported: "
        + "\n".join(f"{f['severity']} [{f['rule']}] {f['message']}" for f in findings)
    )


@pytest.mark.parametrize(("case_path", "expected"), _entries("absent"))
def test_finding_is_absent(case_path: str, expected: dict[str, Any]) -> None:
    wrong = [f for f in _findings(_run(case_path)) if _matches(expected, f)]
    assert not wrong, f"{expected['why']}\nunexpected: " + "\n".join(f["message"] for f in wrong)


@pytest.mark.parametrize(("case_path", "expected"), _entries("story"))
def test_story_membership(case_path: str, expected: dict[str, Any]) -> None:
    result = _run(case_path)
    story_of = dict(result.documents.select("id", "story").iter_rows())
    wanted = set(expected["docs"])
    assert wanted <= set(story_of), f"case error: unknown documents {wanted - set(story_of)}"
    found = {story_of[d] for d in wanted}
    assert len(found) == 1, f"{expected['why']}: split into {found}"
    members = {d for d, s in story_of.items() if s in found}
    assert members == wanted, f"{expected['why']}: the story also holds {members - wanted}"
