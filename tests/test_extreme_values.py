"""Values no honest source writes (issue 20, item 7): an empty table, a count of hundreds of digits, a run
of ten thousand digits in an article. Each gets a plain answer; none aborts the run or agrees by accident."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from checker.engine import extract_text
from checker.gate import run_gate


def _gate(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "checker", "gate", *args], capture_output=True, text=True, env={**os.environ, **(env or {})}
    )


def test_a_table_with_only_its_header_passes_with_zero_rows(tmp_path: Path) -> None:
    table = tmp_path / "claims.csv"
    table.write_text("source,subject,attribute,value\n", encoding="utf-8")
    done = _gate(str(table))
    assert done.returncode == 0, done.stderr
    assert "internal error" not in done.stderr
    assert "0 rows in 1 table: 0 checked + 0 rejected" in done.stdout


def test_counts_of_hundreds_of_digits_are_invalid_not_in_agreement(tmp_path: Path) -> None:
    # Both overflow a float to inf; read as numbers they would "agree".
    table = tmp_path / "claims.csv"
    table.write_text(f"source,subject,attribute,value\nA,Quake,killed,{'9' * 400}\nB,Quake,killed,{'8' * 400}\n", encoding="utf-8")
    result = run_gate([str(table)])
    by_rule = {}
    for row in result.findings.iter_rows(named=True):
        by_rule.setdefault(row["rule"], []).append(row)
    assert sorted(f["row"] for f in by_rule.get("invalid-value", [])) == [1, 2]
    assert "count-agree" not in by_rule and "count-conflict" not in by_rule


def test_a_run_of_ten_thousand_digits_is_no_number_and_the_article_keeps_its_facts() -> None:
    text = f"NATO expelled {'7' * 10_000} diplomats on 6 October 2021. Later it expelled eight more."
    extraction = extract_text(text, lang="en")
    assert extraction.rejected.height == 0, extraction.rejected.to_dicts()
    facts = extraction.facts
    assert "2021-10-06" in facts.filter(facts["kind"] == "date")["value"].to_list()
    counts = facts.filter(facts["kind"] == "count")
    assert counts["number"].to_list() == [8.0]  # the digit run is not a count; "eight" still is
