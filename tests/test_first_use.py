"""What a new user meets first (issue 19, items 4, 8, 10, 11 and 12), through the command as installed
(`python -m checker`), with tables and texts written here."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path


def _run(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd, input=stdin,
    )  # fmt: skip


# --- item 4: one line numbering ----------------------------------------------------------------------


def test_text_and_github_point_at_the_same_file_line_with_the_row_beside_it(tmp_path):
    table = tmp_path / "claims.csv"
    # a quoted cell over two lines: data row 2 starts on file line 3 and row 3 on file line 5
    table.write_text(
        "source,subject,attribute,value,quote\n"
        "Reuters,Kabul airport attack,date,26 August 2021,one line\n"
        'AFP,Kabul airport attack,date,26 August 2021,"two\nlines"\n'
        "Tasnim,Kabul airport attack,date,29 August 2021,one line\n",
        encoding="utf-8",
    )
    text = _run("gate", str(table), "--summary", "/dev/null")
    github = _run("gate", str(table), "--summary", "/dev/null", "--format", "github")
    assert text.returncode == github.returncode == 1
    (first,) = [line for line in text.stdout.splitlines() if "[date-conflict]" in line]
    line = int(re.match(rf"{re.escape(str(table))}:(\d+): error", first).group(1))
    assert f",line={line}," in github.stdout
    assert "line 5, row 3: source=Tasnim" in text.stdout  # the claim's own file line and data row
    assert re.search(r"line=\d+,.*::row \d+: Kabul airport attack", github.stdout)
