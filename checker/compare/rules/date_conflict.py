"""date-conflict (conflict, error): sources date the same event to days that cannot all be true.

Dates are compared as intervals (checker/compare/values.py): a day inside a month agrees with it, a
Hijri date may be a day off, "about" widens. Only dates of the same grain conflict (a year and a day
said about one event are more often two different moments than an error), and only sources that give a
single date for the event take part. One finding per event names every date given and who gave it; an
error when every side wrote its own year, a warning when a year was inferred from the publication date
or taken from the other sources, and info when a day was only counted from it ("yesterday", "on
Monday": such a day more often names another moment of the story than a wrong one); the message says which.
Dates of an event that recurs within a story (an announcement, a meeting, an arrival, an arrest:
checker/events.toml `recurring`) are info too: sources that date "the arrest" differently are as often
speaking of two arrests (two prisoners, two rounds of talks) as of one, and nothing in the dates tells.
"""

from __future__ import annotations

import polars as pl

from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.groups import value_groups
from checker.compare.rules import Context, Rule, summary_of
from checker.compare.values import dates_overlap
from checker.events import recurring_events


def check(context: Context):
    candidates = context.pairs.filter(
        (pl.col("kind") == "date") & pl.col("date_start").is_not_null() & pl.col("date_start_b").is_not_null()
        & pl.col("date_end").is_not_null() & pl.col("date_end_b").is_not_null()  # an open interval ("since 2014") states no day
        & (pl.col("grain") == pl.col("grain_b")) & pl.col("alone") & pl.col("alone_b")
    )
    for groups in value_groups(context, candidates, dates_overlap(), by=("slot", "grain")):
        facts = tuple(f for group in groups for f in group)
        guessed = [f for f in facts if describe.year_inferred(f)]
        counted = [f for f in guessed if f.get("relative")]
        event = groups[0][0]["event"]
        recurring = event in recurring_events()
        severity = "info" if counted or recurring else "warning" if guessed else RULE.severity
        listed = "; ".join(f"{describe.date_value(group[0])} ({describe.sources(group)})" for group in groups)
        lowered = (counted or guessed)[:1]
        why = f" {severity.capitalize()}, not an error: {describe.year_inferred(lowered[0])} for {describe.source(lowered[0])}." if lowered else ""
        if recurring:
            also = f" Also: {describe.year_inferred(lowered[0])} for {describe.source(lowered[0])}." if lowered else ""
            why = (f" Info, not an error: a story can have more than one {event} (of different people, on different days), "
                   f"and these sources may mean different ones; check that they speak of the same.{also}")
        yield Finding(
            RULE.name, RULE.type, severity, facts,
            f"{event}: the sources give {len(groups)} dates that cannot all be true: {listed}.{why}",
        )


RULE = Rule("date-conflict", "conflict", "error", summary_of(__doc__), check)
RULES = (RULE,)
