"""Nothing lost (issue 8): for every table, rows in = rows checked + rows rejected, in the JSON summary;
for every article, every date and quantity found is a fact in the output or counted as dropped."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import checker
from checker.extract import document as extraction
from checker.ingest import read_documents
from checker.ingest.document import Document

ROOT = Path(__file__).resolve().parents[1]
TEXT = "Russia expelled eight diplomats on 6 October 2021; NATO cut the mission from 20 to 10."


def _tables(folder: Path) -> dict[str, int]:
    """Tables of every kind with good and bad rows; returns path -> data rows written."""
    rows = {}
    csv_path = folder / "a.csv"
    csv_path.write_text(
        "id,text,published\n"
        f"c1,{TEXT},2021-10-07\n"
        "c2,,2021-10-07\n"  # empty text
        "c3,x,y,z\n"  # ragged
        f'c4,"{TEXT}\nsecond line",not-a-date\n'
        f"c5,{TEXT},\n",
        encoding="utf-8",
    )
    rows[str(csv_path)] = 5
    jsonl = folder / "b.jsonl"
    jsonl.write_text(
        "\n".join([json.dumps({"id": "j1", "text": TEXT}), "{broken", json.dumps([1, 2]), json.dumps({"id": "j4", "text": 7}), json.dumps({"id": "j5", "text": TEXT})]),
        encoding="utf-8",
    )
    rows[str(jsonl)] = 5
    table = folder / "c.json"
    table.write_text(json.dumps({"articles": [{"id": "o1", "text": TEXT}, {"id": "o2", "text": None}, {"id": "o3", "body": TEXT}]}), encoding="utf-8")
    rows[str(table)] = 3
    parquet = folder / "d.parquet"
    pq.write_table(pa.table({"id": [f"p{i}" for i in range(3000)], "text": [TEXT if i % 7 else "" for i in range(3000)]}), parquet)
    rows[str(parquet)] = 3000
    return rows


def test_every_table_row_is_checked_or_rejected_and_the_summary_says_so(tmp_path):
    written = _tables(tmp_path)
    result = checker.check([str(tmp_path)])
    summary = json.loads(result.to_json())["summary"]
    tables = {t["path"]: t for t in summary["tables"]}
    assert set(tables) == set(written)
    for path, rows in written.items():
        entry = tables[path]
        assert entry["rows"] == rows == entry["checked"] + entry["rejected"], entry
        checked = result.documents.filter(result.documents["path"] == path).height
        rejected = result.rejected.filter(result.rejected["path"] == path).height
        assert (entry["checked"], entry["rejected"]) == (checked, rejected)
    assert tables[str(tmp_path / "a.csv")]["checked"] == 2
    assert tables[str(tmp_path / "b.jsonl")]["checked"] == 2
    assert tables[str(tmp_path / "c.json")]["checked"] == 2  # o3's text is in its body column
    assert tables[str(tmp_path / "d.parquet")]["rejected"] == 429
    assert sum(t["checked"] for t in tables.values()) == summary["documents"]


ARTICLES = sorted(
    [*(ROOT / "fixtures" / "seeds").glob("*.txt"), *(ROOT / "fixtures" / "stories").rglob("*.txt"), *(ROOT / "fixtures" / "articles").glob("*.txt")]
)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_every_fact_found_in_an_article_is_reported_or_counted_as_dropped(path, monkeypatch):
    found = {}
    real_quantities, real_dates = extraction.find_quantities, extraction.resolve_text_dates

    def quantities(*args, **kwargs):
        found["quantities"] = real_quantities(*args, **kwargs)
        return found["quantities"]

    def dates(*args, **kwargs):
        found["dates"] = real_dates(*args, **kwargs)  # the last resolution is the one reported
        return found["dates"]

    monkeypatch.setattr(extraction, "find_quantities", quantities)
    monkeypatch.setattr(extraction, "resolve_text_dates", dates)
    (doc,) = read_documents([str(path)])
    assert isinstance(doc, Document)
    row, facts = extraction.extract_document(doc)
    # Office facts are read from those dates and durations, not found besides them.
    found_facts = [f for f in facts if f["kind"] != "office"]
    assert len(found_facts) + row["dropped"] == len(found["dates"]) + len(found["quantities"])
    assert len([f for f in facts if f["kind"] == "date"]) == len(found["dates"])


# wire_en's publication line holds its only quantity after "Updated" (4 years ago): the update's, so chrome.
@pytest.mark.parametrize("name", ["seeds/000_ee10b48e4325df85.txt", "articles/maghreb_ar.txt"])
def test_a_publication_line_quantity_is_counted_as_dropped(name):
    (doc,) = read_documents([str(ROOT / "fixtures" / name)])
    row, facts = extraction.extract_document(doc)
    assert row["dropped"] == 1
    assert all(f["kind"] == "date" for f in facts if f["zone"] == "meta")


def test_chrome_facts_are_kept_and_marked_not_dropped():
    result = checker.check([str(p) for p in ARTICLES])
    assert result.facts.height == checker.engine.extract([str(p) for p in ARTICLES]).facts.height
