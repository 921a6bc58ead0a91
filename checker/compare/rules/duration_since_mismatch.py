"""duration-since-mismatch (internal, error): a length in years that does not fit the start its own sentence
gives and the article's publication date.

"held since 2015 ... for eight years" in a 2023 article adds up (2023 - 2015 = 8), as does "seven years"
(an anniversary not yet reached); "held since 2015 for five years" in 2023 does not. Years are counted in
the calendar the start is written in (از سال ۱۳۹۴ is eight years in 1402). Only a length in years and an
open start ("since 2015", «منذ عام 2015», «از سال ۱۳۹۴») written close together on one line take part, with
no other date or length between them: otherwise nothing in the text ties the two, and the rule is silent.
A hedge ("nearly eight years", نحو ثماني سنوات) allows one year more either way; an error, a warning when
hedged. A length far from the elapsed years (more than three years and a quarter of them) is another
span, an age most often, and is left alone. Office facts have their own rule (term-length-mismatch).
"""

from __future__ import annotations

import re

import polars as pl

from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.rules import Context, Rule, summary_of
from checker.extract.date_arithmetic import in_calendar

FAR_OFF, FAR_OFF_SHARE = 3, 0.25  # a length further than this from the elapsed years measures something else
NEAR = 80  # characters between a length and its start, at most, for the sentence to tie them
_YEARS = re.compile(r"^P(\d+)Y$")


def check(context: Context):
    facts = context.facts.filter(
        (pl.col("zone") == "body") & pl.col("published").is_not_null()
        & (
            ((pl.col("kind") == "duration") & pl.col("value").str.contains(_YEARS.pattern))
            | ((pl.col("kind") == "date") & pl.col("date_start").is_not_null())
        )
    ).sort("doc", "start")
    # A line with an office fact is term-length-mismatch's: one finding for one sentence.
    offices = set(context.facts.filter(pl.col("kind") == "office").select("doc", "line").iter_rows())
    for rows in facts.partition_by("doc", maintain_order=True):
        ordered = context.rows(rows)
        for i, fact in enumerate(ordered):
            if fact["kind"] != "duration" or (fact["doc"], fact["line"]) in offices:
                continue
            for neighbour in (ordered[i - 1] if i else None, ordered[i + 1] if i + 1 < len(ordered) else None):
                if neighbour and _open_start(neighbour) and _tied(fact, neighbour):
                    finding = _mismatch(fact, neighbour)
                    if finding:
                        yield finding
                    break


def _open_start(fact: dict) -> bool:
    """A date written as a start that is still running: "since 2015" (an interval with no end)."""
    return fact["kind"] == "date" and fact.get("date_end") is None and fact.get("grain") in ("year", "month", "day")


def _tied(duration: dict, start: dict) -> bool:
    gap = start["start"] - duration["end"] if start["start"] >= duration["end"] else duration["start"] - start["end"]
    return duration["line"] == start["line"] and 0 <= gap <= NEAR


def _mismatch(duration: dict, start: dict) -> Finding | None:
    stated = int(_YEARS.match(duration["value"]).group(1))
    calendar = start.get("calendar") or "gregorian"
    begun = in_calendar(calendar, start["date_start"])[0]
    published = in_calendar(calendar, duration["published"])[0]
    elapsed = published - begun
    slack = 1 if duration.get("approx") else 0
    # Counted in whole years, a length one short of the difference is right before the anniversary.
    if elapsed - 1 - slack <= stated <= elapsed + slack:
        return None
    if abs(stated - elapsed) > max(FAR_OFF, elapsed * FAR_OFF_SHARE):
        return None  # another span altogether: an age beside a start («البالغ 65 عاماً ... منذ عام 2002»)
    return Finding(
        RULE.name, RULE.type, "warning" if slack else RULE.severity, (duration, start),
        f"{describe.source(duration)} gives {describe.duration_value(duration['value'])} since {describe.source(start)}, "
        f"but from {begun} to the publication year {published} ({calendar}) is {elapsed} years"
        f"{' (the length is hedged: a warning)' if slack else ''}.",
    )


RULE = Rule("duration-since-mismatch", "internal", "error", summary_of(__doc__), check)
RULES = (RULE,)
