"""The gate's vectorised date reader is an accelerator of the date grammar: on every side it reads, it says
what checker.grammar.dates.parse_date says of the same text (calendar, grain, interval, EDTF, or the reason
the date does not exist)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from checker.errors import InvalidDate
from checker.gate.parse import fold_expr, read_dates, split_range
from checker.gate.read import read_claims
from checker.grammar.dates import parse_date

CLAIMS = Path(__file__).resolve().parents[1] / "fixtures" / "claims" / "claims.csv"
WRITTEN = [
    ("٦ أكتوبر ٢٠٢١", "ar", None),
    ("29 صفر 1443هـ", "ar", None),
    ("15/09/1445 هـ", "ar", None),
    ("۱۴ مهر ۱۴۰۰", "fa", None),
    ("۱۴۰۰/۰۷/۱۴", "fa", None),
    ("October 6, 2021", "en", None),
    ("6 October 2021", "en", None),
    ("ربيع الأول 1443", "ar", None),
    ("آبان ۱۴۰۰", "fa", None),
    ("1443", "ar", "hijri"),
    ("2021-10-06", "en", None),
    ("31 مهر 1400", "fa", None),
    ("30 شباط 2024", "ar", None),
]


def _sides() -> pl.DataFrame:
    table = read_claims([str(CLAIMS)]).rows.select(text="value", lang="lang", hint="calendar")
    written = pl.DataFrame(WRITTEN, schema={"text": pl.Utf8, "lang": pl.Utf8, "hint": pl.Utf8}, orient="row")
    values = pl.concat([table, written]).unique(maintain_order=True)
    side, _, is_range, _ = split_range(fold_expr("text"))
    return values.with_columns(folded=side, is_range=is_range.fill_null(False)).filter(~pl.col("is_range"))


def _by_grammar(text: str, lang: str | None, hint: str | None) -> tuple:
    try:
        value = parse_date(text, lang, calendar=hint).value
    except InvalidDate as invalid:
        return (None, None, None, str(invalid))
    return (value.start, value.end, value.edtf, None)


def test_every_side_the_vectorised_reader_reads_is_what_the_grammar_reads() -> None:
    sides = _sides()
    read = read_dates(sides.select(text="folded", lang="lang", hint="hint"))
    rows = pl.concat([sides, read], how="horizontal").filter(pl.col("read") | pl.col("error").is_not_null())
    assert rows.height >= len(WRITTEN)
    for row in rows.iter_rows(named=True):
        vector = (row["date_start"], row["date_end"], row["value"], row["error"])
        assert vector == _by_grammar(row["folded"], row["lang"], row["hint"]), row["text"]
