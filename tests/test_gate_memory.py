"""The gate's memory follows its rows, not its findings (issue 20, item 6): findings are rows from the
moment a rule yields them, the shared rules take the flagged slots a pass at a time, and reports go out
as they are encoded. Nothing here measures memory or time; the properties that bound them are asserted.
benchmarks/bench_gate.py --conflicting measures the peak RSS."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import weakref
from pathlib import Path

import polars as pl
import pytest

import checker.gate as gate
from checker.compare.finding import Finding, findings_frame
from checker.config import Config
from checker.gate import run_gate
from checker.gate.command import run_gate_command

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ROOT / "fixtures" / "claims"
TABLE = str(CLAIMS / "claims.csv")


def _fact(i: int) -> dict:
    return {"id": f"t#{i}", "doc": f"source {i % 3}", "kind": "count", "value": str(i), "text": str(i), "slot": f"s{i}", "story": None}


def test_a_finding_is_let_go_once_its_row_is_taken():
    """A Finding holds the full rows of its facts; the frame keeps only its row, so a finding object is
    released as soon as the next one is taken, however many the rules yield."""
    alive: list[weakref.ref] = []

    def findings():
        for i in range(200):
            # every earlier one let go, but for the last, whose row was just taken
            assert sum(ref() is not None for ref in alive) <= 1
            finding = Finding("count-conflict", "conflict", "error", (_fact(i), _fact(i + 1000)), f"finding {i}")
            alive.append(weakref.ref(finding))
            yield finding
            del finding

    frame = findings_frame(findings())
    assert frame.height == 200
    assert all(ref() is None for ref in alive)


def test_the_findings_are_the_same_however_many_slots_a_pass_takes(monkeypatch, tmp_path):
    table = tmp_path / "claims.csv"
    rows = ["source,subject,attribute,value"]
    for i in range(12):  # twelve incidents the two agencies count and date differently
        rows += [f"Reuters,Incident {i},killed,{10 + i}", f"AFP,Incident {i},killed,{20 + i}",
                 f"Reuters,Incident {i},date,{i + 1} March 2023", f"AFP,Incident {i},date,{i + 3} March 2023"]  # fmt: skip
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    whole = run_gate([str(table), TABLE])
    assert whole.findings.filter(pl.col("rule").is_in(["date-conflict", "count-conflict"])).height >= 20
    monkeypatch.setattr(gate, "SLOTS_PER_PASS", 1)  # every flagged slot in a pass of its own
    one_by_one = run_gate([str(table), TABLE])
    assert one_by_one.findings.equals(whole.findings)
    assert one_by_one.facts.equals(whole.facts)


@pytest.mark.parametrize("output_format", ["json", "csv", "parquet"])
def test_a_report_written_as_it_is_encoded_is_the_one_rendered_whole(tmp_path, output_format):
    """The gate's report goes out piece by piece (never one string of it all), byte for byte the document
    rendered whole, through the command's two paths; and the CLI writes it so to a file and to a pipe."""
    common = dict(config=Config(), output_format=output_format, output=None, fail_on=None, exit_zero=True, baseline=None,
                  lang=None, columns=None, alias_file=None, summary=None, today=dt.date(2024, 6, 1))  # fmt: skip
    whole: list = []
    run_gate_command([TABLE], emit=lambda rendered, output: whole.append(rendered), **common)
    streamed = io.BytesIO()
    run_gate_command([TABLE], emit=None, emit_report=lambda reporter, result, output: reporter.write(result, streamed), **common)
    expected = whole[0] if isinstance(whole[0], bytes) else (whole[0] + "\n").encode("utf-8")
    if output_format != "parquet":  # Parquet's bytes carry no order of writing to compare; its rows are
        assert streamed.getvalue() == expected
    else:
        assert pl.read_parquet(io.BytesIO(streamed.getvalue())).equals(pl.read_parquet(io.BytesIO(expected)))
    if output_format == "json":
        out = tmp_path / "gate.json"
        command = [sys.executable, "-m", "checker", "gate", TABLE, "--format", "json", "--exit-zero"]
        written = subprocess.run([*command, "-o", str(out)], capture_output=True, cwd=ROOT, timeout=300)
        piped = subprocess.run(command, capture_output=True, cwd=ROOT, timeout=300)
        assert written.returncode == piped.returncode == 0, written.stderr
        assert out.read_bytes() == piped.stdout
