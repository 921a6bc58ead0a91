"""term-length-mismatch (internal, warning): an office fact whose stated length does not fit its own start and
its end, or its start and the publication date when no end is written.

"in power since 2000" and "ruled for 23 years" in a 2024 article do not add up (2024 - 2000 = 24); "54 years"
from a 1970 start and "53 years" from 1971 both do in December 2024; a round "50 years" holds 47.5 to 52.5. A start or end written as a year is
counted as outlets count, by years in the calendar the start was written in (از سال ۱۳۷۹ is 24 years in
1403); days and months are measured, a length taken as completed or rounded ("24 years" covers 23.5 to 25).
A count of terms ("served two terms") is a length only where checker/offices.toml knows the office's term, and
only against a written end. A hedge widens the length by one unit ("nearly 24 years", نحو 54 عاماً, نزدیک به ۲۴ سال), "more than 50
years" needs more, and a length in decades ("five decades") has five years either way.
An end before the start is term-order's to say.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterator

import polars as pl

from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.rules import Context, Rule, summary_of
from checker.extract.date_arithmetic import in_calendar

DAYS_PER_YEAR = 365.2425
_UNIT_YEARS = {"Y": 1.0, "M": 1 / 12, "W": 7 / DAYS_PER_YEAR, "D": 1 / DAYS_PER_YEAR}
# A part of a century ("a quarter century", «ربع قرن», «نیم قرن») is a round figure, worth five years either way.
_WRITTEN_UNIT_YEARS = {"century": 5.0, "decade": 10.0, "year": 1.0, "month": 1 / 12}
ROUND_YEARS = 10  # a count of years that is a multiple of this is a round figure: 50 years is 47.5 to 52.5
_ISO = re.compile(r"^P(\d+(?:\.\d+)?)([YMWD])$")


def _offices(context: Context) -> list[dict[str, Any]]:
    facts = context.facts
    if "term_start_value" not in facts.columns:
        return []
    return context.rows(facts.filter((pl.col("kind") == "office") & (pl.col("zone") != "chrome")))


def term_side(fact: dict[str, Any], side: str) -> dict[str, Any] | None:
    if fact.get(f"{side}_value") is None:
        return None
    return {name: fact[f"{side}_{name}"] for name in ("value", "date_start", "date_end", "grain", "calendar")}


def stated_length(fact: dict[str, Any]) -> tuple[float, float] | None:
    """(years stated, years one unit of it is worth as written: a decade, a year, a month)."""
    found = _ISO.match(fact.get("value") or "")
    if not found:
        return None
    years = float(found.group(1)) * _UNIT_YEARS[found.group(2)]
    unit = _WRITTEN_UNIT_YEARS.get(fact.get("grain") or "", _UNIT_YEARS[found.group(2)])
    return years, unit


def reference_end(fact: dict[str, Any]) -> tuple[dict[str, Any], str] | None:
    """The term's end as written, else the publication day ("since 2000" runs to the article's day)."""
    end = term_side(fact, "term_end")
    if end is not None:
        return end, f"its end, {written_term(end)},"
    published = fact.get("published")
    if not isinstance(published, dt.date) or fact.get("grain") == "term":
        return None  # a count of terms (served two terms) is of a term that may have ended: only its own end
    day = {"value": published.isoformat(), "date_start": published, "date_end": published, "grain": "day", "calendar": "gregorian"}
    return day, f"the publication date {describe.day_in_calendars(published)}"


def written_term(side: dict[str, Any]) -> str:
    """A term's end as written: 2000, Jalali year 1392 (2013-03-21 to 2014-03-20), a day in all calendars."""
    calendar, start, end = side["calendar"], side["date_start"], side["date_end"]
    if side["grain"] == "day":
        return describe.day_in_calendars(start, calendar)
    if calendar == "gregorian":
        return side["value"]
    year, month, _ = in_calendar(calendar, start)
    written = f"{year}" if side["grain"] == "year" else f"{year}-{month:02d}"
    return f"{calendar.title()} {side['grain']} {written} ({start.isoformat()} to {end.isoformat()})"


def length_fits(stated: float, unit: float, approx: str | None, low: float, high: float) -> bool:
    """Whether a length stated with a hedge can be one between `low` and `high` years (inclusive)."""
    if approx == "more":
        return high > stated
    if approx == "less":
        return low <= stated
    if unit >= _WRITTEN_UNIT_YEARS["century"]:  # five decades: 45 to 55 years; a quarter century 20 to 30
        below = above = unit / 2 if unit >= _WRITTEN_UNIT_YEARS["decade"] else unit
    elif unit == 1 and stated >= ROUND_YEARS and stated % ROUND_YEARS == 0:  # "50 years" for 49.5: rounded to five
        below = above = ROUND_YEARS / 4
    else:  # completed or rounded: 24 years is 23.5 to just under 25
        below, above = unit / 2, unit
    if approx == "about":
        below, above = below + unit, above + unit
    return high >= stated - below and low < stated + above


def span_years(start: dict[str, Any], end: dict[str, Any]) -> tuple[float, float]:
    """(fewest, most) years between the two: counted by calendar years when either is a year, else measured."""
    if "year" in (start["grain"], end["grain"]):
        years = in_calendar(start["calendar"], end["date_start"])[0] - in_calendar(start["calendar"], start["date_start"])[0]
        return float(years), float(years)
    fewest = (end["date_start"] - start["date_end"]).days / DAYS_PER_YEAR
    most = (end["date_end"] - start["date_start"]).days / DAYS_PER_YEAR
    return fewest, most


def check_length(context: Context) -> Iterator[Finding]:
    for fact in _offices(context):
        start, length = term_side(fact, "term_start"), stated_length(fact)
        reference = reference_end(fact)
        if start is None or length is None or reference is None:
            continue
        end, end_said = reference
        if end["date_end"] < start["date_start"]:
            continue  # term-order says what is wrong
        stated, unit = length
        fewest, most = span_years(start, end)
        if length_fits(stated, unit, fact.get("approx"), fewest, most):
            continue
        counted = f"{fewest:.0f}" if fewest == most and fewest.is_integer() else f"{fewest:.1f}" if most - fewest < 0.05 else f"{fewest:.1f} to {most:.1f}"
        hedge = {"about": "about ", "more": "more than ", "less": "less than "}.get(fact.get("approx") or "", "")
        yield Finding(
            LENGTH.name, LENGTH.type, LENGTH.severity, (fact,),
            f"{describe.source(fact)} gives a term of {hedge}{stated:g} years, but from its start {written_term(start)} to "
            f"{end_said} is {counted} years.",
        )  # fmt: skip


LENGTH = Rule("term-length-mismatch", "internal", "warning", summary_of(__doc__), check_length)
RULES = (LENGTH,)
