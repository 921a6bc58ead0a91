"""Every rule against its case file, in the manner of sqlfluff's rule cases: tests/cases/rules/<rule>.toml.

A case file names its `rule` and holds named cases, each with a `why` a reviewer can check by hand:
* [[fire]]: the rule must report a finding with this `severity` whose facts' texts are exactly `quotes`
  (each distinct text once);
* [[pass]]: the rule must report nothing (or, with `quotes`, nothing naming all of them).
A case's input is either `articles` (texts checked together by `checker.check`, with an optional
`published` date for sources that give none; they must form one story, or a case about sources would
check nothing) or `claims` (a CSV table run through `checker gate`).
A case can carry `known_gap = "why"`: it is then a strict expected failure, so the mark must go once the
gap is closed.

The cases use only the public API, so modules can move under them; the rule names come from
`checker rules`, so a newly registered rule without a case that fires fails `test_every_rule_has_a_case_that_fires`.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import checker
from checker.cli import app
from checker.gate import run_gate

CASES = Path(__file__).resolve().parent / "cases" / "rules"
FILES = sorted(CASES.glob("*.toml"))
OUTCOMES = ("fire", "pass")


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _params() -> list[Any]:
    params = []
    for path in FILES:
        spec = _load(path)
        for outcome in OUTCOMES:
            for case in spec.get(outcome, []):
                gap = case.get("known_gap")
                marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
                params.append(pytest.param(spec["rule"], outcome, case, id=f"{path.stem}-{outcome}-{case['name']}", marks=marks))
    return params


def _findings(case: dict[str, Any], tmp_path: Path) -> list[dict[str, Any]]:
    """The case's findings of every rule, each with the texts of the facts it names."""
    if "claims" in case:
        table = tmp_path / "claims.csv"
        table.write_text(case["claims"], encoding="utf-8")
        result = run_gate([str(table)])
    else:
        published = dt.date.fromisoformat(case["published"]) if "published" in case else None
        result = checker.check(case["articles"], texts=True, published=published)
        assert result.documents["story"].n_unique() == 1, f"case error: the articles are not one story: {result.documents.rows()}"
    assert result.rejected.height == 0, f"case error: rejected input {result.rejected.to_dicts()}"
    texts = dict(result.facts.select("id", "text").iter_rows())
    return [{**row, "quotes": sorted({texts[f] for f in row["facts"]})} for row in result.findings.iter_rows(named=True)]


def _listing(findings: list[dict[str, Any]]) -> str:
    return "\n".join(f"  {f['severity']} [{f['rule']}] {f['quotes']}: {f['message']}" for f in findings) or "  (none)"


@pytest.mark.parametrize(("rule", "outcome", "case"), _params())
def test_rule_case(rule: str, outcome: str, case: dict[str, Any], tmp_path: Path) -> None:
    findings = _findings(case, tmp_path)
    own = [f for f in findings if f["rule"] == rule]
    if outcome == "fire":
        wanted = (case["severity"], sorted(set(case["quotes"])))
        assert any((f["severity"], f["quotes"]) == wanted for f in own), (
            f"{case['why']}\nwanted: {wanted[0]} [{rule}] {wanted[1]}\nreported:\n{_listing(findings)}"
        )
    else:
        quotes = set(case.get("quotes", []))
        wrong = [f for f in own if quotes <= set(f["quotes"])]
        assert not wrong, f"{case['why']}\nunexpected:\n{_listing(wrong)}"


def _registered() -> dict[str, tuple[str, str]]:
    """Rule name -> (type, severity) as `checker rules` lists them (both registries; editor mode's
    unused-ignore fires on a draft's comment, not on facts, and has its tests in test_editor.py)."""
    listed = CliRunner().invoke(app, ["rules", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    return {rule["name"]: (rule["type"], rule["severity"]) for rule in json.loads(listed.output) if rule["scope"] != "editor"}


def test_every_case_file_names_a_registered_rule() -> None:
    registered = _registered()
    for path in FILES:
        spec = _load(path)
        assert spec["rule"] == path.stem, f"{path.name}: the file is named after its rule"
        assert spec["rule"] in registered, f"{path.name}: no rule {spec['rule']!r} in `checker rules`"
        names = [case["name"] for outcome in OUTCOMES for case in spec.get(outcome, [])]
        assert len(names) == len(set(names)), f"{path.name}: case names repeat"


def test_every_rule_has_a_case_that_fires() -> None:
    firing = {path.stem for path in FILES if _load(path).get("fire")}
    missing = sorted(set(_registered()) - firing)
    assert not missing, f"rules without a case that fires in tests/cases/rules/: {missing}"

