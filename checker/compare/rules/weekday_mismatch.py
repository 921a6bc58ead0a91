"""weekday-mismatch (internal, error): a date written with a weekday that it does not fall on.

"الأربعاء 2 ديسمبر 2021" — 2 December 2021 was a Thursday. A date with a tolerance (a Hijri day, where
the month may start a day later or earlier by local sighting) matches a weekday within it. When the year
came from the other sources or the publication date rather than the text and the weekday fits the same
day a year earlier or later, the finding is a warning, and says so: the weekday may instead say which
year was meant.
Relative dates ("yesterday Wednesday") are the business of relative-date-mismatch.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from checker.calendars.tables import WEEKDAY_NAMES
from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.rules import Context, Rule, summary_of


def check(context: Context):
    written = context.facts.filter(
        (pl.col("kind") == "date") & pl.col("weekday").is_not_null() & pl.col("relative").is_null()
        & (pl.col("date_start") == pl.col("date_end")) & (pl.col("zone") != "chrome")
    )
    written_day = pl.col("weekday").replace_strict({name: i for i, name in enumerate(WEEKDAY_NAMES)}, default=None, return_dtype=pl.Int64)
    actual = pl.col("date_start").dt.weekday().cast(pl.Int64) - 1  # polars counts Monday as 1
    off_by = ((written_day - actual + 3) % 7 - 3).abs()  # days between the weekdays, either way round
    wrong = written.filter(off_by > pl.col("tolerance").fill_null(0))
    for fact in context.rows(wrong):
        day = fact["date_start"]
        inferred = describe.year_inferred(fact)
        calendar = fact["calendar"] or "gregorian"
        # A Gregorian day's neighbours in other years are the same day and month; other calendars' are not: any may be meant.
        other_year = (_year_fitting(day, fact["weekday"]) if calendar == "gregorian" else "another year") if inferred else None
        yield Finding(
            RULE.name, RULE.type, "warning" if other_year else RULE.severity, (fact,),
            f"{describe.source(fact)} says {fact['weekday']}, but {describe.day_in_calendars(day, calendar)}"
            f" is a {WEEKDAY_NAMES[day.weekday()]}"
            + (f" ({inferred}; the weekday fits the same day of {other_year}, which may be the year meant)" if other_year else "") + ".",
        )


def _year_fitting(day: dt.date, weekday: str) -> str | None:
    """The year before or after `day`'s in which the same Gregorian day falls on `weekday`, if any."""
    for year in (day.year - 1, day.year + 1):
        try:
            if WEEKDAY_NAMES[day.replace(year=year).weekday()] == weekday:
                return str(year)
        except ValueError:  # 29 February
            continue
    return None


RULE = Rule("weekday-mismatch", "internal", "error", summary_of(__doc__), check)
RULES = (RULE,)
