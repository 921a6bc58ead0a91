"""Progress: the engine reports through a callback; the CLI draws a rich bar only where it helps."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from checker.engine import check
from checker.progress import ProgressBar, wanted

ROOT = Path(__file__).resolve().parents[1]


def test_the_engine_reports_each_batch_then_the_stages() -> None:
    # Progress comes per batch of documents (issue 7): the count of documents done after each batch.
    calls = []
    check([str(ROOT / "fixtures" / "seeds")], progress=lambda *call: calls.append(call), batch_size=2)
    extract = [c for c in calls if c[0] == "extract"]
    assert [c[1] for c in extract] == [2, 4, 5] and {c[2] for c in extract} == {5}
    stages = [c[0] for c in calls[len(extract):]]
    assert stages[0] == "align" and set(stages[1:]) == {"compare"}
    assert calls[-1][1] == calls[-1][2]  # the last block of stories compared


def test_the_bar_draws_on_a_terminal() -> None:
    from rich.console import Console

    buffer = io.StringIO()
    bar = ProgressBar(Console(file=buffer, force_terminal=True, width=100), delay=0)
    check([str(ROOT / "fixtures" / "seeds")], progress=bar)
    bar.close()
    assert "Reading and extracting" in buffer.getvalue() or "Comparing" in buffer.getvalue()


def test_default_is_off_in_ci_and_when_stderr_is_not_a_terminal(monkeypatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert wanted(None) is False and wanted(True) is True and wanted(False) is False


def test_cli_prints_nothing_on_stderr_without_a_terminal_or_with_no_progress() -> None:
    for extra in ([], ["--no-progress"]):
        env = {**os.environ, "CI": "true"}
        done = subprocess.run(
            [sys.executable, "-m", "checker", "check", "fixtures/seeds", "--exit-zero", *extra],
            cwd=ROOT, capture_output=True, text=True, env=env,
        )  # fmt: skip
        assert done.returncode == 0 and done.stderr == ""
