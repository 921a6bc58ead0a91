"""duration-conflict (conflict, info): sources give one duration different lengths, for a person to look at.

"two hours" against "five hours" for one siege, 11 against 12 days of a strike, 53 against 54 years of
a rule. Durations meet only in the same units (hours with hours: "48 hours" and "two days" are more
often two spans than one said twice), and only sources that give a single duration for the slot take
part. One finding per slot names every length and its sources. Info, because a duration is tied to its
story only by its event word (a ten-year sentence and eight years held are both "arrest"), and the
message says when the lengths differ by one unit, which two honest counts can do (the day an event
began counted or not, an anniversary not yet reached).
"""

from __future__ import annotations

import polars as pl

from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.groups import value_groups
from checker.compare.rules import Context, Rule, summary_of
from checker.compare.values import duration_units


def check(context: Context):
    candidates = context.pairs.filter(
        (pl.col("kind") == "duration") & pl.col("alone") & pl.col("alone_b") & (duration_units() == duration_units("_b"))
    )
    for groups in value_groups(context, candidates, pl.col("value") == pl.col("value_b")):
        facts = tuple(f for group in groups for f in group)
        amounts = sorted({_amount(group[0]["value"]) for group in groups} - {None})
        close = len(amounts) == 2 and amounts[1] - amounts[0] == 1
        listed = "; ".join(f"{describe.duration_value(group[0]['value'])} ({describe.sources(group)})" for group in groups)
        why = " One unit apart, which counting the first or last day (or year) can make." if close else ""
        yield Finding(
            RULE.name, RULE.type, RULE.severity, facts,
            f"{groups[0][0]['event']}: the sources give {len(groups)} different lengths: {listed}.{why}",
        )


def _amount(value: str) -> float | None:
    """The number of a single-unit ISO 8601 duration (P11D -> 11, PT1.5H -> 1.5)."""
    digits = value.lstrip("PT")[:-1]
    try:
        return float(digits)
    except ValueError:
        return None


RULE = Rule("duration-conflict", "conflict", "info", summary_of(__doc__), check)
RULES = (RULE,)
