"""Running `checker gate` as a user does, on a claims table written in the test (shared by the gate tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEADER = "source,lang,subject,attribute,value,published\n"


def run_gate(tmp_path: Path, rows: str, *options: str) -> subprocess.CompletedProcess:
    """The gate over HEADER + `rows` written to tmp_path/claims.csv (no job summary file)."""
    table = tmp_path / "claims.csv"
    table.write_text(HEADER + rows, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "checker", "gate", str(table), "--summary", "/dev/null", *options],
        capture_output=True, text=True, encoding="utf-8",
    )  # fmt: skip
