"""The editor-facing formats: GitHub annotations, SARIF 2.1.0 (validated against the published schema in
tests/data), JUnit XML (parsed back), and their behaviour on results that are not articles (gate rows)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import polars as pl
import pytest

from checker.engine import check
from checker.report import REPORTERS, reporter_for
from checker.report.github_reporter import escape_data, escape_property
from checker.schema import FINDING_SCHEMA, REJECTED_SCHEMA, Result

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
BLAST = "fixtures/stories/blast"


@pytest.fixture(scope="module")
def blast() -> Result:
    return check([str(ROOT / BLAST)])


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker", "check", *args], capture_output=True, text=True, encoding="utf-8", cwd=ROOT
    )


def test_every_contract_format_is_a_registered_reporter() -> None:
    assert {"text", "json", "html", "sarif", "junit", "github", "csv", "parquet"} <= set(REPORTERS)
    for name, reporter in REPORTERS.items():
        assert reporter.name == name and callable(reporter().render)


def test_findings_formats_are_refused_for_facts_with_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "checker", "facts", BLAST, "--format", "sarif"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "sarif" in result.stderr


# --- GitHub annotations


ANNOTATION = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def test_github_lines_are_annotations_at_the_fact(blast: Result) -> None:
    out = reporter_for("github", "check").render(blast)
    lines = out.splitlines()
    assert len(lines) == blast.findings.height
    facts = {row["id"]: row for row in blast.facts.iter_rows(named=True)}
    for line, finding in zip(lines, blast.findings.iter_rows(named=True)):
        match = ANNOTATION.match(line)
        assert match, line
        level = {"error": "error", "warning": "warning", "info": "notice"}[finding["severity"]]
        assert match.group(1) == level
        props = dict(p.split("=", 1) for p in match.group("props").split(","))
        first = facts[finding["facts"][0]]
        assert props["file"].endswith(".txt") and int(props["line"]) == first["line"] and int(props["col"]) == first["col"]
        assert int(props["endColumn"]) == first["col"] + len(first["text"])
        assert props["title"].startswith(finding["rule"])
        assert finding["id"] in match.group("message")
    assert any(line.startswith("::error ") for line in lines)


def test_github_escaping_keeps_one_line_and_property_boundaries() -> None:
    assert escape_data("50% off\nnext\r") == "50%25 off%0Anext%0D"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"


def test_github_via_cli_exits_like_text() -> None:
    result = run(BLAST, "--format", "github")
    assert result.returncode == 1
    assert all(line.startswith("::") for line in result.stdout.splitlines())


# --- SARIF


def _validate(log: dict) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)


def test_sarif_validates_against_the_published_schema(blast: Result) -> None:
    log = json.loads(reporter_for("sarif", "check").render(blast))
    _validate(log)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"  # fact columns count code points, not UTF-16 units
    rules = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
    assert len(run_["results"]) == blast.findings.height
    for result, finding in zip(run_["results"], blast.findings.iter_rows(named=True)):
        assert rules[result["ruleIndex"]] == result["ruleId"] == finding["rule"]
        assert result["partialFingerprints"]["checkerFinding/v1"] == finding["id"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        if finding["type"] == "agree":
            assert result["kind"] == "pass" and result["level"] == "none"
        else:
            assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding["severity"]]
        assert len(result.get("relatedLocations", [])) <= len(finding["facts"]) - 1


def test_sarif_with_a_baseline_and_an_unreadable_input_still_validates(tmp_path: Path) -> None:
    data = json.loads(run(BLAST, "--format", "json").stdout)
    error = next(f for f in data["findings"] if f["severity"] == "error")
    baseline = tmp_path / "baseline.toml"
    baseline.write_text(f'[[accepted]]\nid = "{error["id"]}"\nreason = "checked by the desk"\n', encoding="utf-8")
    result = run(BLAST, "missing.txt", "--format", "sarif", "--baseline", str(baseline))
    assert result.returncode == 2  # the unreadable input
    log = json.loads(result.stdout)
    _validate(log)
    suppressed = [r for r in log["runs"][0]["results"] if r.get("suppressions")]
    assert [r["partialFingerprints"]["checkerFinding/v1"] for r in suppressed] == [error["id"]]
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "missing.txt" in invocation["toolExecutionNotifications"][0]["message"]["text"]


# --- JUnit


def test_junit_parses_back_with_one_failure_per_error_or_warning(blast: Result) -> None:
    root = ET.fromstring(reporter_for("junit", "check").render(blast))
    assert root.tag == "testsuites"
    failing = blast.findings.filter(pl.col("severity").is_in(["error", "warning"])).height
    assert int(root.get("failures")) == failing == len(root.findall(".//failure"))
    assert int(root.get("tests")) == len(root.findall(".//testcase"))
    suites = {suite.get("name") for suite in root.findall("testsuite")}
    assert suites == set(blast.documents["path"].to_list())  # every file checked shows up
    failure = root.find(".//failure")
    assert failure.get("type") in set(blast.findings["rule"].to_list())
    assert re.match(r".+:\d+:\d+: (error|warning) \[", failure.text)


def test_junit_survives_control_characters_in_quotes() -> None:
    result = check(["\x01 انفجار في مرفأ الريان يوم الثلاثاء 5 مارس 2024", "انفجار في مرفأ الريان يوم 6 مارس 2024"], texts=True)
    ET.fromstring(reporter_for("junit", "check").render(result))


# --- results that are not articles: the dataset gate reuses these reporters


def gate_like_result() -> Result:
    """A table of claims: facts without line/col but with a row, findings without story or slot."""
    documents = pl.DataFrame({"id": ["claims"], "path": ["data/claims.csv"]})
    facts = pl.DataFrame(
        {"id": ["claims#3", "claims#7"], "doc": ["claims", "claims"], "kind": ["date", "date"], "row": [3, 7], "text": ["2021-10-06", "2021-11-05"]}
    )
    findings = pl.DataFrame(
        [
            {"id": "0123456789abcdef", "type": "conflict", "severity": "error", "rule": "claim-conflict", "facts": ["claims#3", "claims#7"],
             "docs": ["claims"], "message": "rows 3 and 7 disagree", "story": None, "slot": None},
            {"id": "fedcba9876543210", "type": "internal", "severity": "warning", "rule": "row-check", "facts": [],
             "docs": ["claims"], "message": "a row-free finding", "story": None, "slot": None},
        ],
        schema=FINDING_SCHEMA,
    )  # fmt: skip
    return Result(documents, facts, findings, pl.DataFrame(schema=REJECTED_SCHEMA))


@pytest.mark.parametrize("name", ["text", "github", "sarif", "junit", "csv", "parquet", "html", "json"])
def test_reporters_work_on_rows_without_line_and_col(name: str) -> None:
    out = reporter_for(name, "gate").render(gate_like_result())
    assert out
    if name == "github":
        assert out.splitlines()[0].startswith("::error file=data/claims.csv,line=3,col=1,")
        assert "line=1,col=1" in out.splitlines()[1]
    if name == "sarif":
        log = json.loads(out)
        _validate(log)
        assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
        assert {"claim-conflict", "row-check"} <= {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    if name == "text":
        assert "data/claims.csv:3:1: error [claim-conflict]" in out
