"""relative-date-mismatch (internal, info): "yesterday Wednesday" (أمس الأربعاء) where the day before the
publication date is not a Wednesday.

Usually the paragraph was copied from an earlier report and its relative words were not updated, so the
event may be a day or more earlier than the text now says. Info, because the date the reader is given
comes from the publication date, which itself may be the day the page was saved.
"""

from __future__ import annotations

import polars as pl

from checker.calendars.tables import WEEKDAY_NAMES
from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.rules import Context, Rule, summary_of


def check(context: Context):
    relative = context.facts.filter(
        (pl.col("kind") == "date") & pl.col("relative").is_not_null() & pl.col("weekday").is_not_null()
        & pl.col("date_start").is_not_null() & (pl.col("date_start") == pl.col("date_end")) & (pl.col("zone") != "chrome")
    )
    for fact in context.rows(relative):
        day = fact["date_start"]
        if WEEKDAY_NAMES[day.weekday()] == fact["weekday"]:
            continue
        published = fact.get("published")
        yield Finding(
            RULE.name, RULE.type, RULE.severity, (fact,),
            f"{describe.source(fact)} says {fact['weekday']}, but {fact['relative']} from the publication date"
            f"{' ' + published.isoformat() if published else ''} is {describe.day_in_calendars(day)}; "
            "the paragraph may have been copied from an earlier report.",
        )


RULE = Rule("relative-date-mismatch", "internal", "info", summary_of(__doc__), check)
RULES = (RULE,)
