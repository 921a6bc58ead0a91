"""The hour of publication: from a table's published cell, else from the article's own publication line,
for ordering the figures of a running total published on one day."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import checker
from checker.extract.clock import clock_on_line


@pytest.mark.parametrize(
    ("line", "lang", "hour"),
    [
        ("03:20 ص الإثنين 03 أكتوبر 2022", "ar", "03:20"),
        ("الأربعاء، 13 سبتمبر 2023 02:20 م", "ar", "14:20"),
        ("۱۲ مهر ۱۴۰۱ - ۱۸:۰۰", "fa", "18:00"),
        ("Sept 13, 2023, 9:50 PM", "en", "21:50"),
        ("Sept 13, 2023, 12:15 a.m.", "en", "00:15"),
        ("13 September 2023", "en", None),
    ],
)
def test_clock_on_the_publication_line(line: str, lang: str, hour: str | None) -> None:
    assert clock_on_line(f"headline\n{line}\nbody at 10:30", len("headline\n") + 2, lang) == hour


def test_a_table_cell_with_an_hour_gives_it(tmp_path: Path) -> None:
    table = tmp_path / "articles.jsonl"
    rows = [
        {"id": "a", "published": "2023-09-12 14:30", "text": "Floods in Derna kill 5,300 people, officials said."},
        {"id": "b", "published": "2023-09-12T09:05:00+02:00", "text": "Floods in Derna kill 2,300 people, officials said."},
        {"id": "c", "published": "2023-09-12", "text": "Floods in Derna kill 2,300 people, officials said."},
    ]
    table.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    documents = checker.check([str(table)]).documents
    assert dict(documents.select("id", "published_time").iter_rows()) == {"a": "14:30", "b": "09:05", "c": None}


def test_the_publication_line_gives_the_hour_of_an_undated_row() -> None:
    text = """فيضانات درنة: ارتفاع عدد الضحايا إلى 5300 قتيل وفق وزارة الداخلية
02:20 م الأربعاء 13 سبتمبر 2023

بنغازي - أعلنت وزارة الداخلية في شرق ليبيا ارتفاع عدد ضحايا الفيضانات في درنة إلى 5300 قتيل.
"""
    documents = checker.check([text], texts=True).documents
    assert documents["published_time"].to_list() == ["14:20"]
