"""checker gate on fixtures/claims: each planted disagreement at its rows, nothing else, exit codes,
baseline accepted/stale/expired, rejected rows, outputs."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from checker.gate import run_gate
from checker.gate.keys import load_aliases

CLAIMS = Path(__file__).resolve().parent.parent / "fixtures" / "claims"
TABLE = str(CLAIMS / "claims.csv")
ALIASES = str(CLAIMS / "aliases.toml")

# (rule, severity, rows of claims.csv behind it): every disagreement planted in the fixture, and no other.
PLANTED = {
    ("term-end-conflict", "error", (3, 4, 5, 6)),  # Ahmadinejad's term ends 2012 per Al-Ahram, 2013 / ۱۳۹۲ elsewhere
    ("term-order", "error", (16,)),  # «2008 - 2004»
    ("term-overlap", "error", (23, 24, 27)),  # Rasmussen «۱۳۸۸ تا ۱۳۹۴» runs into Stoltenberg's term
    ("count-conflict", "error", (32, 33, 34)),  # 218 (in digits and in words) against ۱۹۰
    ("date-conflict", "error", (38, 39, 40, 41, 42)),  # ۱۹ بهمن ۱۴۰۱ against 6 February 2023 in three calendars
    ("invalid-value", "error", (48,)),  # 30 شباط 2024
    ("invalid-value", "error", (49,)),  # قريبا
    ("source-self-conflict", "warning", (36, 37)),  # Al Jazeera: 6500 and more than 7000 injured
}


def _gate(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, "-m", "checker", "gate", *args], capture_output=True, text=True, cwd=cwd,
        env={**os.environ, **(env or {})},
    )  # fmt: skip


@pytest.fixture(scope="module")
def result():
    return run_gate([TABLE], aliases=load_aliases(Path(ALIASES)))


def _found(findings: pl.DataFrame) -> set:
    return {
        (f["rule"], f["severity"], tuple(sorted({int(r.rsplit(":", 1)[1]) for r in f["rows"]})))
        for f in findings.iter_rows(named=True)
    }


def test_every_planted_disagreement_at_its_rows_and_nothing_else(result):
    assert _found(result.findings) == PLANTED


def test_years_that_hold_other_sources_days_are_consistent_less_precise(result):
    # «2013–2021» against ۱۲ مرداد ۱۳۹۲ تا ... and 3 August 2013 – ...; «2014 - 2024» against 1 October 2014 – ...;
    # «منذ 2024» against since 1 October 2024: no finding, listed in the summary
    assert {(e["row"], e["text"]) for e in result.stats.less_precise} == {
        (f"{TABLE}:9", "2013–2021"), (f"{TABLE}:24", "2014 - 2024"), (f"{TABLE}:26", "منذ 2024"),
    }  # fmt: skip


def test_every_row_checked_or_rejected(result):
    stats = result.stats
    assert stats.rows_in == 57 == stats.rows_checked + stats.rows_rejected
    assert stats.rows_rejected == 0 and stats.rows_invalid == 2
    # number words and a weekday before a date are read by the per-row path, and counted
    assert stats.rows_fallback == 5


def test_subjects_meet_across_scripts(result):
    merged = dict(result.stats.merged)
    assert set(merged["Hassan Rouhani"]) == {"Hassan Rouhani", "حسن روحانی", "حسن روحاني"}  # by skeleton
    assert "ينس ستولتنبرغ" in merged["Jens Stoltenberg"]  # by the alias file


def _key_of_row(result) -> dict[int, str]:
    return dict(result.facts.select("row", "subject_key").unique().iter_rows())


def test_names_across_scripts_meet_without_an_alias_file_and_translations_need_one():
    plain = run_gate([TABLE])
    key = _key_of_row(plain)
    # Transliterations meet by their letters: Jens Stoltenberg (row 23) and ينس ستولتنبرغ (24); Mahmoud
    # Ahmadinejad (3), محمود احمدی‌نژاد (5) and أحمدي نجاد (6); not Stoltenberg and آندرس فو راسموسن (27).
    assert key[23] == key[24]
    assert key[3] == key[5] == key[6]
    assert key[23] != key[27]
    overlaps = [f for f in plain.findings.iter_rows(named=True) if f["rule"] == "term-overlap"]
    assert not any("ينس ستولتنبرغ" in f["message"] and "Jens Stoltenberg" in f["message"] for f in overlaps)
    # A translated name shares no letters: only the alias file joins the Guardian Council (row 50),
    # شورای نگهبان (51) and مجلس صيانة الدستور (52).
    assert len({key[50], key[51], key[52]}) == 3
    aliased = _key_of_row(run_gate([TABLE], aliases=load_aliases(Path(ALIASES))))
    assert len({aliased[50], aliased[51], aliased[52]}) == 1


def test_calendars_agree_where_they_should(result):
    facts = result.facts
    beirut = facts.filter(pl.col("attribute") == "date", pl.col("subject") == "Beirut port explosion")
    assert set(beirut["date_start"].to_list()) == {dt.date(2020, 8, 4)}
    assert set(beirut["calendar"].to_list()) == {"gregorian", "jalali", "hijri"}


def test_exit_codes_and_fail_on():
    assert _gate(TABLE, "--alias-file", ALIASES).returncode == 1
    assert _gate(TABLE, "--alias-file", ALIASES, "--exit-zero").returncode == 0
    assert _gate(TABLE, "--alias-file", ALIASES, "--fail-on", "never").returncode == 0
    assert _gate(str(CLAIMS / "nope.csv")).returncode == 2
    bad = _gate(TABLE, "--columns", "subject=person")
    assert bad.returncode == 2 and "no column 'person' for subject" in bad.stderr and "Traceback" not in bad.stderr


def test_a_clean_table_passes(tmp_path):
    clean = pl.read_csv(TABLE, infer_schema=False).filter(pl.col("id").is_in(["c007", "c008", "c009", "c043", "c044", "c045"]))
    clean.write_csv(tmp_path / "clean.csv")
    done = _gate(str(tmp_path / "clean.csv"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "6 rows in 1 table: 6 checked + 0 rejected" in done.stdout


def test_rejected_rows_are_listed_with_their_reason_and_exit_2():
    done = _gate(str(CLAIMS / "rejected" / "claims_with_bad_rows.csv"), "--format", "json")
    assert done.returncode == 2
    summary = json.loads(done.stdout)["summary"]
    reasons = {r["row"]: r["reason"] for r in summary["rejected"]}
    assert reasons == {
        2: "no subject",
        3: "published 'yesterday' is not an ISO date (YYYY-MM-DD)",
        4: "calendar 'julian' is not gregorian, hijri or jalali",
        5: "no value",
        6: "row has 7 fields, the header has 6",
    }
    assert summary["rows"] == summary["rows_checked"] + summary["rows_rejected"] == 6
    assert "claims_with_bad_rows.csv:row 2: no subject" in done.stderr


def test_baseline_accepted_stale_and_expired(tmp_path):
    done = _gate(TABLE, "--alias-file", ALIASES, "--baseline", str(CLAIMS / "baseline.toml"), "--format", "json")
    assert done.returncode == 1
    data = json.loads(done.stdout)
    by_id = {f["id"]: f for f in data["findings"]}
    assert by_id["14b1a92fa0cfe576"]["accepted"] is True  # accepted, with its reason
    assert by_id["315eed9c1fc3bb8a"]["accepted"] is False  # expired: counts again
    assert [e["id"] for e in data["gate"]["stale"]] == ["0000000000000000"]
    assert [e["id"] for e in data["gate"]["expired"]] == ["315eed9c1fc3bb8a"]
    assert "stale baseline entry 0000000000000000" in done.stderr and "expired on 2024-06-30" in done.stderr


def test_baseline_accepting_every_error_passes(tmp_path):
    data = json.loads(_gate(TABLE, "--alias-file", ALIASES, "--format", "json").stdout)
    entries = "".join(f'[[accepted]]\nid = "{f["id"]}"\nreason = "reviewed"\n' for f in data["findings"])
    (tmp_path / "baseline.toml").write_text(entries, encoding="utf-8")
    assert _gate(TABLE, "--alias-file", ALIASES, "--baseline", str(tmp_path / "baseline.toml")).returncode == 0


def test_json_findings_name_their_rows_subject_and_whether_they_fail():
    """The README promises every gate finding's `rows` as path:row; a CI job needs them to point at the table."""
    data = json.loads(_gate(TABLE, "--alias-file", ALIASES, "--format", "json").stdout)
    lines = Path(TABLE).read_text(encoding="utf-8").splitlines()
    assert data["findings"]
    for finding in data["findings"]:
        assert finding["rows"] and all(r.rsplit(":", 1)[0] == finding["path"] for r in finding["rows"])
        assert f"{finding['path']}:{finding['row']}" in finding["rows"]
        assert finding["line"] == finding["row"] + 1  # the header is line 1 of this CSV
        assert finding["subject"] and finding["attribute"] and finding["sources"]
        assert finding["failing"] is (finding["severity"] == "error")
    ahmadinejad = next(f for f in data["findings"] if f["rule"] == "term-end-conflict" and "Ahmadinejad" in f["subject"])
    assert "Al-Ahram" in ahmadinejad["sources"]
    assert any("من 2005 إلى 2012" in lines[int(r.rsplit(":", 1)[1])] for r in ahmadinejad["rows"])  # row N is line N+1


def test_per_rule_thresholds_in_the_config(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        f"""[tool.checker.gate]
alias_file = "{ALIASES}"
[tool.checker.gate.rules."invalid-value"]
fail_above = 2
[tool.checker.gate.rules."date-conflict"]
severity = "warning"
[tool.checker.gate.rules."term-end-conflict"]
severity = "warning"
[tool.checker.gate.rules."count-conflict"]
severity = "off"
[tool.checker.gate.rules."term-order"]
fail_above = "5%"
[tool.checker.gate.rules."term-overlap"]
severity = "info"
""",
        encoding="utf-8",
    )
    done = _gate(TABLE, "--format", "json", cwd=tmp_path)
    data = json.loads(done.stdout)
    rules = data["gate"]["rules"]
    assert rules["invalid-value"] == {"findings": 2, "accepted": 0, "failing": 2, "allowed": 2, "failed": False}
    assert rules["term-order"]["allowed"] == pytest.approx(57 * 0.05) and not rules["term-order"]["failed"]
    assert "count-conflict" not in rules and data["gate"]["rules_off"] == ["count-conflict"]
    assert done.returncode == 0
    # --fail-on warning brings the re-graded date and term-end conflicts back
    assert _gate(TABLE, "--fail-on", "warning", cwd=tmp_path).returncode == 1


def test_bad_config_is_one_line_exit_2(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.checker.gate.rules."no-such-rule"]\nseverity = "off"\n', encoding="utf-8")
    done = _gate(TABLE, cwd=tmp_path)
    assert done.returncode == 2 and "unknown rule 'no-such-rule'" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_columns_mapped_and_other_formats(tmp_path):
    frame = pl.read_csv(TABLE, infer_schema=False).rename({"subject": "person", "value": "stated"})
    frame.write_parquet(tmp_path / "claims.parquet")
    frame.write_ndjson(tmp_path / "claims.jsonl")
    for name in ("claims.parquet", "claims.jsonl"):
        mapped = run_gate([str(tmp_path / name)], mapping={"subject": "person", "value": "stated"}, aliases=load_aliases(Path(ALIASES)))
        assert _found(mapped.findings) == PLANTED, name


def test_job_summary_written_when_github_step_summary_is_set(tmp_path):
    summary = tmp_path / "summary.md"
    _gate(TABLE, "--alias-file", ALIASES, env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## ❌ checker gate: failed")
    assert "57 rows in 1 table: 57 checked + 0 rejected" in text
    assert "| `term-overlap` | 1 | 0 | 1 | 0 | ❌ failed |" in text


def test_text_names_every_failing_row_with_its_key_columns():
    out = _gate(TABLE, "--alias-file", ALIASES).stdout
    assert "claims.csv:17: error [term-order]" in out  # the file's line (row 16 under the header), as GitHub's line=
    assert "line 28, row 27: source=Mehr subject=Anders Fogh Rasmussen office=Secretary General of NATO value=«۱۳۸۸ تا ۱۳۹۴»" in out
    assert "gate FAILED on count-conflict, date-conflict, invalid-value, term-end-conflict, term-order, term-overlap" in out


def test_finding_ids_are_stable_across_row_order(tmp_path):
    shuffled = pl.read_csv(TABLE, infer_schema=False).sample(fraction=1.0, shuffle=True, seed=7)
    shuffled.write_csv(tmp_path / "claims.csv")
    again = run_gate([str(tmp_path / "claims.csv")], aliases=load_aliases(Path(ALIASES)))
    first = run_gate([TABLE], aliases=load_aliases(Path(ALIASES)))
    assert set(again.findings["id"]) == set(first.findings["id"])


OFFICES = str(CLAIMS / "offices.csv")
# (rule, severity, rows of offices.csv behind it): what the office table plants, and nothing else.
OFFICES_PLANTED = {
    ("term-end-conflict", "error", (1, 2, 3, 7)),  # Youm7 ends Qaboos's term in 2021; the others in 2020 / ۱۳۹۸
    ("term-overlap", "error", (7, 8, 9, 10)),  # that 2021 runs into Haitham's term from 11 January 2020
    ("term-length-conflict", "warning", (1, 2, 3, 6, 7)),  # «۴۵ سال» against a start in 1970 / ۱۳۴۹, 49-50 years before
    ("term-length-conflict", "warning", (11, 13)),  # 23 years against since 17 July 2000 in December 2024
}


def test_office_and_term_length_attributes_run_the_shared_term_rules():
    """A table's `office` rows and `term_length` attributes go through the term rules `checker check` runs on
    articles: lengths in digits and words in three languages («نصف قرن», «نزدیک به ربع قرن», nearly 50 years)
    fit their terms, the planted ones do not."""
    result = run_gate([OFFICES])
    assert _found(result.findings) == OFFICES_PLANTED
    assert result.rejected.height == 0 and result.stats.rows_invalid == 0
    lengths = result.facts.filter(pl.col("kind") == "duration").select("row", "value", "grain", "approx").rows()
    assert (4, "P50Y", "year", "about") in lengths and (5, "P50Y", "century", None) in lengths and (14, "P25Y", "century", "about") in lengths
