"""calendar-pair-mismatch (internal, error): a date written twice, in two calendars (in brackets or after
الموافق / برابر با), whose two readings are not the same day.

"اول نوامبر (هفتم آبان)" — 1 November is 10 Aban, not 7 Aban. The Hijri side may be a day off (local
moon sighting) and still agree. Written without a year, the pair is checked against the year the story
gives; without that, against every year from 1990 to 2040: a pair that matches in none is wrong in all.
"""

from __future__ import annotations

import datetime as dt
import re

import polars as pl

from checker.calendars.intervals import resolve
from checker.calendars.tables import day_in_all_calendars
from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.rules import Context, Rule, summary_of
from checker.compare.values import dates_overlap

_YEARLESS = r"^XXXX-(\d\d)-(\d\d)$"
ANY_YEAR = range(1990, 2041)


def check(context: Context):
    dates = context.facts.filter((pl.col("kind") == "date") & pl.col("paired_with").is_not_null())
    pairs = dates.join(dates, left_on="paired_with", right_on="id", suffix="_b").filter(pl.col("id") < pl.col("paired_with"))
    pairs = pairs.with_columns(pl.col("paired_with").alias("id_b"))
    dated = pairs.filter(pl.col("date_start").is_not_null() & pl.col("date_start_b").is_not_null())
    for a, b in zip(context.rows(dated.filter(~dates_overlap())), context.rows(dated.filter(~dates_overlap()), "_b")):
        yield _finding(a, b)
    undated = pairs.filter(pl.col("date_start").is_null() | pl.col("date_start_b").is_null())
    for a, b in zip(context.rows(undated), context.rows(undated, "_b")):
        if not _match_in_some_year(a, b):
            yield _finding(a, b, any_year=True)


def _finding(a, b, any_year: bool = False) -> Finding:
    if any_year:
        text = f"{describe.source(a)} and its pair {describe.source(b)} are never the same day, in any year from {ANY_YEAR[0]} to {ANY_YEAR[-1]}."
    else:
        text = f"{describe.source(a)} is {describe.date_value(a)}, but its pair {describe.source(b)} is {describe.date_value(b)}."
    return Finding(RULE.name, RULE.type, RULE.severity, (a, b), text)


def _match_in_some_year(a, b) -> bool:
    """Whether two dates, one or both without a year, fall on the same day in some year of ANY_YEAR."""
    sides = []
    for fact in (a, b):
        if fact["date_start"] is not None:
            sides.append(pl.DataFrame({"date_start": [fact["date_start"]], "date_end": [fact["date_end"]]}))
            continue
        if not re.match(_YEARLESS, fact["value"] or ""):
            return True  # not a day and a month: nothing to check
        calendar = fact["calendar"] or "gregorian"
        month, day = int(fact["value"][5:7]), int(fact["value"][8:10])
        candidates = pl.DataFrame({"year": list(_years_covering(calendar))}).with_columns(
            calendar=pl.lit(calendar), month=pl.lit(month), day=pl.lit(day)
        )
        sides.append(resolve(candidates).filter(pl.col("error").is_null()).select("date_start", "date_end"))
    slack = pl.duration(days=max(a.get("tolerance") or 0, b.get("tolerance") or 0))
    meeting = sides[0].join(sides[1], how="cross", suffix="_b").filter(
        (pl.col("date_start") - slack <= pl.col("date_end_b")) & (pl.col("date_start_b") - slack <= pl.col("date_end"))
    )
    return not meeting.is_empty()


def _years_covering(calendar: str) -> range:
    """The years of `calendar` that overlap ANY_YEAR (Gregorian)."""
    first = day_in_all_calendars(dt.date(ANY_YEAR[0], 1, 1))
    last = day_in_all_calendars(dt.date(ANY_YEAR[-1], 12, 31))
    return range(getattr(first, calendar)[0], getattr(last, calendar)[0] + 1)


RULE = Rule("calendar-pair-mismatch", "internal", "error", summary_of(__doc__), check)
RULES = (RULE,)
