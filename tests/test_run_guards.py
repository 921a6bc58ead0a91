"""Guards around a run (issue 20, items 4 and 11): a per-document time limit, workers that die with their
parent, spill folders that do not outlive a run, a full TMPDIR and a closed stdout said in one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import checker
from checker.execute import tasks

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120  # seconds: far above a run of a few small files, far below a hang
ARTICLES = [
    "Russia expelled eight diplomats on 6 October 2021.",
    "Moscow expelled 8 diplomats from the NATO mission on 6 October 2021.",
    "The ministry said 8 diplomats were told to leave on 6 October.",
]


def _cli(*args: str, cwd: Path = ROOT, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, cwd=cwd, timeout=TIMEOUT, **kwargs)


def test_a_document_past_the_time_limit_is_rejected_and_its_batch_kept(monkeypatch):
    real = tasks.extract_document

    def extract(doc, **kwargs):
        if "hangs" in doc.text:  # a document that would never finish: a loop the alarm must break
            while True:
                pass
        return real(doc, **kwargs)

    # The first document of a process also loads the language tables (about a second): done here first,
    # so that the limit, far above what a sentence takes, meets only the document that hangs.
    checker.check(ARTICLES, texts=True, workers=1)
    monkeypatch.setattr(tasks, "extract_document", extract)
    texts = [ARTICLES[0], "This one hangs extraction.", *ARTICLES[1:]]
    result = checker.check(texts, texts=True, workers=1, time_limit=2)
    assert result.documents["id"].to_list() == ["text1", "text3", "text4"]
    assert result.facts.height > 0
    assert result.rejected.rows() == [("text2", None, "extraction took longer than the time limit of 2 s per document (--time-limit)")]


def test_the_time_limit_holds_in_worker_processes_and_on_the_command_line(tmp_path):
    for i, text in enumerate(ARTICLES):
        (tmp_path / f"a{i}.txt").write_text(text, encoding="utf-8")
    # Extracting a sentence takes milliseconds, so a limit of a microsecond rejects every document, in
    # the spawn workers as in this process; no measure of speed is asserted.
    common = ["check", str(tmp_path), "--format", "json", "--batch-size", "1", "--time-limit", "0.000001"]
    for workers in ("2", "1"):
        done = _cli(*common, "--workers", workers)
        assert done.returncode == 2, done.stderr
        report = json.loads(done.stdout)
        assert report["summary"]["documents"] == 0
        reasons = {item["path"]: item["reason"] for item in report["summary"]["rejected"]}
        assert sorted(reasons) == sorted(str(p) for p in tmp_path.glob("*.txt"))
        assert set(reasons.values()) == {"extraction took longer than the time limit of 1e-06 s per document (--time-limit)"}
    unlimited = _cli(*common[:-2], "--time-limit", "0", "--workers", "2")
    assert unlimited.returncode == 0, unlimited.stderr
    assert json.loads(unlimited.stdout)["summary"]["documents"] == len(ARTICLES)
