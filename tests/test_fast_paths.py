"""The fast paths give the facts of the slow ones, on every article of fixtures/ and tests/cases/.

Each speed-up keeps its slow path callable, and here both run over the same articles: tables read back
from the on-disk store (checker/cache.py) against tables built fresh, and dates resolved many at a time
(checker.calendars.intervals.prefetch, a year at a time) against one at a time. Identical, fact for fact."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE_SUFFIXES = {".txt", ".md", ".html", ".htm"}
PUBLISHED = "2024-05-15"  # for the articles that state no date of their own


def articles() -> list[Path]:
    found = sorted(p for folder in ("fixtures", "tests/cases") for p in (ROOT / folder).rglob("*") if p.suffix in ARTICLE_SUFFIXES)
    assert len(found) > 150
    return found


def facts_json(paths: list[Path], cache_dir: Path) -> dict:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "CHECKER_CACHE_DIR": str(cache_dir)}
    run = subprocess.run(
        [sys.executable, "-m", "checker", "facts", *map(str, paths), "--format", "json", "--workers", "1", "--published", PUBLISHED],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=environment,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_stored_tables_give_the_facts_of_tables_built_fresh(tmp_path) -> None:
    """Extracted with nothing stored (the tables built in memory, then written), and again in a new
    process with the tables read back from the store."""
    paths = articles()
    store = tmp_path / "cache"
    built = facts_json(paths, store)
    assert list(store.glob("tables-*.pickle"))  # the first run wrote what it built
    read_back = facts_json(paths, store)
    assert len(built["facts"]) > 2500
    assert read_back == built


def test_dates_resolved_together_give_the_facts_of_dates_resolved_one_at_a_time(monkeypatch) -> None:
    import checker.extract.date_arithmetic as date_arithmetic
    import checker.extract.dates as dates
    import checker.grammar.dates as grammar_dates
    from checker.calendars import intervals
    from checker.engine import extract_documents
    from checker.ingest import read_documents

    def facts():
        intervals._RESOLVED.clear()
        documents = list(read_documents([str(p) for p in articles()]))
        return extract_documents(documents, published=dt.date.fromisoformat(PUBLISHED)).facts

    together = facts()
    # Each date then goes through resolve() alone, as it did before: no batch, no rest of its year.
    for module in (dates, date_arithmetic, grammar_dates):
        monkeypatch.setattr(module, "prefetch", lambda keys: None)
    monkeypatch.setattr(intervals, "_year_of", lambda calendar, year: [])
    alone = facts()
    assert together.height > 2500
    assert together.equals(alone)
