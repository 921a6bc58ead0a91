"""weekday-mismatch (internal, error): a date written with a weekday that it does not fall on.

"الأربعاء 2 ديسمبر 2021" — 2 December 2021 was a Thursday. A date with a tolerance (a Hijri day, where
the month may start a day later or earlier by local sighting) matches a weekday within it. When the year
came from the other sources rather than the text, the finding is a warning: the weekday may instead say
which year was meant.
Relative dates ("yesterday Wednesday") are the business of relative-date-mismatch.
"""

from __future__ import annotations

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
        guessed = fact.get("year_from") == "context"
        yield Finding(
            RULE.name, RULE.type, "warning" if guessed else RULE.severity, (fact,),
            f"{describe.source(fact)} says {fact['weekday']}, but {describe.day_in_calendars(day, fact['calendar'] or 'gregorian')}"
            f" is a {WEEKDAY_NAMES[day.weekday()]}" + (" (the year was taken from the other sources; the weekday may point to another year)" if guessed else "") + ".",
        )


RULE = Rule("weekday-mismatch", "internal", "error", summary_of(__doc__), check)
RULES = (RULE,)
