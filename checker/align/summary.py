"""Document summaries: everything story grouping needs to know about one document, in one row.

Stories are found from these rows alone, never from the facts: a summary is a few hundred bytes, made
where the document is extracted (a worker), so a run over an archive holds one small row per document
while its facts wait on disk (checker/engine.py).

    doc, published            the document and its publication date
    written                   the latest day its body writes out in full (a brief without a dateline)
    names                     consonant skeletons of its words (checker/normalise/names.py); a run of
                              many documents keeps them apart, on disk (split_names)
    main                      the events it is mostly about, most frequent first
    body_events               every event its body mentions
    values, exact, relative   its telling values (see telling_values)
    weekday_years             the Gregorian years its weekdays allow, or null for any
    measures                  the specific measures of its counts and changes, as "count|kill=soldiers"
                              (checker/align/slots.py slots the unspecific ones of its story by them)
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from checker.calendars.tables import WEEKDAY_NAMES
from checker.events import counted_event, unspecific_measure

SUMMARY_SCHEMA: dict[str, pl.DataType] = {
    "doc": pl.Utf8,
    "published": pl.Date,
    "written": pl.Date,
    "names": pl.List(pl.Utf8),
    "main": pl.List(pl.Utf8),
    "body_events": pl.List(pl.Utf8),
    "values": pl.List(pl.Utf8),
    "exact": pl.List(pl.Utf8),
    "relative": pl.List(pl.Utf8),
    "weekday_years": pl.List(pl.Int32),
    "measures": pl.List(pl.Utf8),
}

NAME_HASH_SEED = 8  # any fixed seed: every batch of a run must hash a name alike (one polars version per run)

NAMELESS_SUMMARY_SCHEMA = {name: dtype for name, dtype in SUMMARY_SCHEMA.items() if name != "names"}
NAME_ROWS_SCHEMA = {"i": pl.UInt32, "hash": pl.UInt64}
VOCABULARY_SCHEMA = {"name": pl.Utf8, "hash": pl.UInt64}

MIN_TELLING_COUNT = 3  # one and two are everywhere (الطرفين, both sides); a year-sized number is a year
WEEKDAY_YEARS = range(1990, 2041)


def summarise(documents: pl.DataFrame, facts: pl.DataFrame) -> pl.DataFrame:
    """One SUMMARY_SCHEMA row per document of `documents` (DOCUMENT_SCHEMA, with names and events), from
    its own facts only: so a batch is summarised the same wherever it runs and whatever else is in the run."""
    body = facts.filter(pl.col("zone") == "body")
    events = (
        body.filter(pl.col("event").is_not_null())
        .group_by("doc")
        .agg(body_events=pl.col("event").unique().sort())
    )
    years = _weekday_years(body)
    weekday_years = pl.DataFrame(
        {"doc": list(years), "weekday_years": [sorted(y) for y in years.values()]},
        schema={"doc": pl.Utf8, "weekday_years": pl.List(pl.Int32)},
    )
    summary = (
        documents.select(doc="id", published="published", names="names", main="events")
        .join(_written_days(body), on="doc", how="left", maintain_order="left")
        .join(events, on="doc", how="left", maintain_order="left")
        .join(telling_values(body), on="doc", how="left", maintain_order="left")
        .join(weekday_years, on="doc", how="left", maintain_order="left")
        .join(_specific_measures(body), on="doc", how="left", maintain_order="left")
        .with_columns(pl.col(c).fill_null([]) for c in ("body_events", "values", "exact", "relative", "measures"))
    )
    return summary.select(list(SUMMARY_SCHEMA)).cast(dict(SUMMARY_SCHEMA))


def split_names(summaries: pl.DataFrame, first: int = 0) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(`summaries` without their names, the names as rows (i, hash): the document's number, counted from
    `first` in the order of `summaries`, and the name's 64-bit hash, the vocabulary (hash, name) of these
    documents). A run keeps each distinct name once, in the vocabulary, and the rows on disk: story grouping
    reads them back (checker/align/stories.py), so the documents' names never fill the driver's memory."""
    vocabulary = (
        summaries.select(name=pl.col("names").explode()).drop_nulls().unique()
        .with_columns(hash=pl.col("name").hash(NAME_HASH_SEED))
    )
    rows = (
        summaries.select(i=pl.int_range(first, first + summaries.height, dtype=pl.UInt32), hash=pl.col("names"))
        .explode("hash")
        .drop_nulls("hash")
        .with_columns(pl.col("hash").hash(NAME_HASH_SEED))
    )
    return summaries.drop("names"), rows, vocabulary


def document_times(summaries: pl.DataFrame) -> pl.DataFrame:
    """(doc, time): the publication date, else the latest day the article body writes out in full (a
    news brief without a dateline still says "on Wednesday 6 March 2019"); documents with neither are absent."""
    return summaries.select("doc", time=pl.coalesce("published", "written")).drop_nulls("time")


def _written_days(body: pl.DataFrame) -> pl.DataFrame:
    written = (
        (pl.col("kind") == "date") & (pl.col("grain") == "day") & (pl.col("year_from") == "text")
        & (pl.col("date_start") == pl.col("date_end"))
    )
    return body.filter(written).group_by("doc").agg(written=pl.col("date_start").max())


def measure_family() -> pl.Expr:
    """What a count or change is measured within: "count|kill" (a count's event), "change" (every change of a story)."""
    return pl.when(pl.col("kind") == "change").then(pl.lit("change")).otherwise(pl.concat_str(pl.col("kind"), pl.lit("|"), counted_event()))


def _specific_measures(body: pl.DataFrame) -> pl.DataFrame:
    """(doc, measures): "family=measure" for each specific measure of the body's counts and changes."""
    specific = pl.col("kind").is_in(["count", "change"]) & ~unspecific_measure(pl.col("measure"), counted_event())
    return (
        body.filter(specific & (counted_event().is_not_null() | (pl.col("kind") == "change")))
        .group_by("doc")
        .agg(measures=pl.concat_str(measure_family(), pl.lit("="), pl.col("measure")).unique().sort())
    )


def telling_values(body: pl.DataFrame) -> pl.DataFrame:
    """(doc, values, exact, relative): the values of an article body that tie it to one event, the days it
    writes out (a resolved date of day grain) and its counts from three up; and apart, its relative days
    (yesterday, on Monday). Two reports of one event share at least one value; two articles on one topic
    in the same weeks need not."""
    day = (pl.col("kind") == "date") & (pl.col("grain") == "day") & pl.col("date_start").is_not_null()
    count = (pl.col("kind") == "count") & (pl.col("number") >= MIN_TELLING_COUNT) & ~pl.col("number").is_between(1900, 2100)
    # A Hijri day may be a day off by local sighting: it stands for each day it may be.
    shifts = pl.int_ranges(-pl.col("tolerance").fill_null(0), pl.col("tolerance").fill_null(0) + 1)
    days = (
        body.filter(day)
        .select("doc", "relative", "date_start", shift=shifts)
        .explode("shift")
        .select("doc", "relative", exact=pl.col("shift") == 0, value=pl.concat_str(pl.lit("d"), (pl.col("date_start") + pl.duration(days=pl.col("shift"))).cast(pl.Utf8)))
    )
    counts = body.filter(count).select("doc", "relative", exact=pl.lit(True), value=pl.concat_str(pl.lit("n"), pl.col("number").cast(pl.Utf8)))
    written = pl.col("relative").is_null()
    return (
        pl.concat([days, counts])
        .group_by("doc")
        .agg(
            # sorted: a summary is the same row whatever order polars grouped in
            values=pl.col("value").filter(written).unique().sort(),
            # against a relative day only the day as written counts, not the Hijri tolerance around it
            exact=pl.col("value").filter(written & pl.col("exact")).unique().sort(),
            relative=pl.col("value").filter(~written & pl.col("exact")).unique().sort(),
        )
    )


def _weekday_years(body: pl.DataFrame) -> dict[str, set[int]]:
    """The Gregorian years in which every day-and-month a document writes beside a weekday falls on that
    weekday (الأربعاء 2 ديسمبر: 2009, 2015, 2020, 2026, ...); documents without such a date are absent."""
    dated = body.filter(
        (pl.col("kind") == "date") & pl.col("weekday").is_not_null()
        & pl.col("date_start").is_null() & pl.col("value").str.contains(r"^XXXX-\d\d-\d\d$")
        & (pl.col("calendar") == "gregorian")
    )
    allowed: dict[str, set[int]] = {}
    for doc, value, weekday in dated.select("doc", "value", "weekday").iter_rows():
        month, day = int(value[5:7]), int(value[8:10])
        fits = set()
        for year in WEEKDAY_YEARS:
            try:
                if WEEKDAY_NAMES[dt.date(year, month, day).weekday()] == weekday:
                    fits.add(year)
            except ValueError:
                continue
        allowed[doc] = allowed[doc] & fits if doc in allowed else fits
    return allowed
