"""Issue 20, items 8-10: output that cannot turn on its reader. CSV cells a spreadsheet would run as
formulas, terminal control sequences from sources, and `-o FILE` replaced whole or not at all."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
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


HOSTILE = "\x1b]8;;http://x\x07\u202e"  # an OSC 8 link and a right-to-left override
HOSTILE_CLAIMS = (
    HEADER
    + f"c1,Reuters,en,Mohammad Khatami,term,President,1997{HOSTILE}–2005,,said {HOSTILE} here,https://x,2023-05-02\n"
    + "c2,IRNA,en,Mohammad Khatami,term,President,1997–2001,,said,https://x,2023-05-02\n"
)


def _gate_on_a_terminal(*args: str) -> str:
    """What `checker gate ARGS` prints when its standard output is a terminal."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "checker", "gate", *args], stdout=follower, stderr=subprocess.DEVNULL)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait()
    os.close(leader)
    return b"".join(chunks).decode("utf-8")


def test_gate_text_shows_escape_sequences_and_bidi_overrides(tmp_path: Path) -> None:
    table = tmp_path / "claims.csv"
    table.write_text(HOSTILE_CLAIMS, encoding="utf-8")
    out = _gate(str(table)).stdout
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert "<U+001B>]8;;http://x<U+0007><RLO>" in out


def test_every_format_is_shown_on_a_terminal_and_exact_in_a_pipe(tmp_path: Path) -> None:
    table = tmp_path / "claims.csv"
    table.write_text(HOSTILE_CLAIMS, encoding="utf-8")
    for output_format in ("json", "csv", "github", "text"):
        shown = _gate_on_a_terminal(str(table), "--format", output_format)
        assert "gate" in shown or "Khatami" in shown, shown
        assert "\x1b" not in shown and "\u202e" not in shown and "\x07" not in shown, output_format
        assert "<RLO>" in shown, output_format
    piped = _gate(str(table), "--format", "csv").stdout
    assert HOSTILE in piped  # a file or a pipe gets the data exact
    assert "\u202e" in json.dumps(json.loads(_gate(str(table), "--format", "json").stdout), ensure_ascii=False)
