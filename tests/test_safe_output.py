"""Issue 20, items 8-10: output that cannot turn on its reader. CSV cells a spreadsheet would run as
formulas, terminal control sequences from sources, and `-o FILE` replaced whole or not at all."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import polars as pl
import pytest

from checker.cli import _emit_report, _write
from checker.errors import CheckerError
from checker.report.base import Reporter
from checker.report.table_reporter import CsvReporter

HEADER = "id,source,lang,subject,attribute,office,value,calendar,quote,url,published\n"


def _gate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "checker", "gate", *args], capture_output=True, text=True, encoding="utf-8")


def test_csv_text_that_starts_a_formula_is_quoted_and_numbers_stay_numbers() -> None:
    findings = pl.DataFrame({
        "message": ['=HYPERLINK("http://x","click")', "+1", "-2", "@SUM(A1)", "\t=1", "\r=1", "a=b", None],
        "rows": [["=A1", "3"], [], [], [], [], [], [], None],
        "line": [-3, 1, 2, 3, 4, 5, 6, 7],
    })  # fmt: skip
    out = io.BytesIO()
    CsvReporter().write(SimpleNamespace(findings=findings), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"), newline="")))
    assert [row["message"] for row in rows] == [
        '\'=HYPERLINK("http://x","click")', "'+1", "'-2", "'@SUM(A1)", "'\t=1", "'\r=1", "a=b", "",
    ]
    assert rows[0]["rows"] == "'=A1;3"
    assert rows[0]["line"] == "-3"  # a number, not text a spreadsheet would run


def test_gate_csv_neutralises_a_hyperlink_subject(tmp_path: Path) -> None:
    table = tmp_path / "claims.csv"
    table.write_text(
        HEADER + 'c1,Reuters,en,"=HYPERLINK(""http://x"",""Khatami"")",term,President,قريبا,,"=HYPERLINK(""http://x"")",https://x,2023-05-02\n',
        encoding="utf-8",
    )
    done = _gate(str(table), "--format", "csv")
    assert done.returncode == 1, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout, newline="")))
    assert rows and all(not value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values())
    assert rows[0]["subject"] == '\'=HYPERLINK("http://x","Khatami")'


class _DiesMidWrite(Reporter):
    name = "dies"

    def write(self, result, out) -> None:
        out.write(b"half a rep")
        raise OSError(28, "No space left on device")


def test_a_report_that_fails_mid_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_bytes(b'{"valid": true}\n')
    with pytest.raises(CheckerError, match="No space left on device"):
        _emit_report(_DiesMidWrite(), None, report)
    assert report.read_bytes() == b'{"valid": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_output_is_replaced_whole_with_a_sensible_mode(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.txt"
    _write(fresh, b"new\n")
    assert fresh.read_bytes() == b"new\n" and fresh.stat().st_mode & 0o777 == 0o644
    private = tmp_path / "private.txt"
    private.write_bytes(b"old\n")
    private.chmod(0o600)
    _write(private, b"new\n")
    assert private.read_bytes() == b"new\n" and private.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.txt", "private.txt"]
