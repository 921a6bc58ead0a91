"""Values as a fact-checker reads them in a message: a day in all three calendars, a count with its hedge,
a change with its ratio, each quoted as its source wrote it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from checker.calendars.tables import ENGLISH_MONTH_NAMES, WEEKDAY_NAMES, day_in_all_calendars

_CALENDAR_TITLES = {"gregorian": "Gregorian", "hijri": "Hijri", "jalali": "Jalali"}


def day_in_calendars(day: dt.date, first: str = "gregorian") -> str:
    """'Wednesday 6 October 2021 = 14 Mehr 1400 = 29 Safar 1443 AH', the written calendar first."""
    try:
        cell = day_in_all_calendars(day)
    except Exception:  # outside the day table: the Gregorian date alone
        return f"{day.day} {ENGLISH_MONTH_NAMES['gregorian'][day.month - 1]} {day.year}"
    parts = {
        "gregorian": _written("gregorian", cell.gregorian),
        "jalali": _written("jalali", cell.jalali),
        "hijri": _written("hijri", cell.hijri) + " AH",
    }
    order = [first, *(c for c in ("gregorian", "jalali", "hijri") if c != first)]
    return f"{WEEKDAY_NAMES[cell.weekday]} " + " = ".join(parts[c] for c in order)


def _written(calendar: str, ymd: tuple[int, int, int]) -> str:
    year, month, day = ymd
    return f"{day} {ENGLISH_MONTH_NAMES[calendar][month - 1]} {year}"


def date_value(fact: dict[str, Any]) -> str:
    """A date fact's value for a message."""
    start, end = fact.get("date_start"), fact.get("date_end")
    calendar = fact.get("calendar") or "gregorian"
    approx = "about " if (fact.get("value") or "").endswith("~") else ""
    context = f" ({inferred})" if (inferred := year_inferred(fact)) else ""
    if start is None:
        return f"{fact.get('value')} ({_CALENDAR_TITLES.get(calendar, calendar)}, year unknown)"
    if start == end:
        return f"{approx}{day_in_calendars(start, calendar)}{context}"
    span = f"{start.isoformat()} to {end.isoformat()}" if end else f"{start.isoformat()} onwards"
    return f"{approx}{fact.get('grain') or 'period'} {fact.get('value')} ({_CALENDAR_TITLES.get(calendar, calendar)}: {span}){context}"


_YEAR_INFERRED = {"context": "year taken from the other sources", "published": "year inferred from the publication date"}


def year_inferred(fact: dict[str, Any]) -> str | None:
    """How a date's year was found when the text does not write it, in a message's words; None when written,
    or when a weekday written with the day fits it (a weekday pins the year among its neighbours)."""
    if fact.get("kind") != "date":
        return None
    day, weekday = fact.get("date_start"), fact.get("weekday")
    if weekday and day is not None and day == fact.get("date_end") and WEEKDAY_NAMES[day.weekday()] == weekday:
        return None
    if fact.get("relative") and fact.get("year_from") == "published":
        return "day counted from the publication date"
    return _YEAR_INFERRED.get(fact.get("year_from") or "")


def number(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"


_DURATION_UNITS = {("date", "Y"): "years", ("date", "M"): "months", ("date", "W"): "weeks", ("date", "D"): "days",
                   ("time", "H"): "hours", ("time", "M"): "minutes", ("time", "S"): "seconds"}


def duration_value(iso: str) -> str:
    """An ISO 8601 duration in words: P1Y6M -> '1 years 6 months', PT2H -> '2 hours'."""
    parts, part = [], "date"
    for match in re.finditer(r"T|([0-9.]+)([A-Z])", iso.removeprefix("P")):
        if match.group(0) == "T":
            part = "time"
            continue
        parts.append(f"{match.group(1)} {_DURATION_UNITS.get((part, match.group(2)), match.group(2))}")
    return " ".join(parts) or iso


def quantity_value(fact: dict[str, Any]) -> str:
    kind = fact["kind"]
    if kind == "count":
        hedge = {"about": "about ", "more": "more than ", "less": "fewer than "}.get(fact.get("approx") or "", "")
        return f"{hedge}{number(fact.get('number'))}"
    if kind == "change":
        if fact.get("from") is not None:
            return f"from {number(fact['from'])} to {number(fact['to'])} (x{number(fact.get('ratio'))})"
        if fact.get("ratio") is not None:
            return f"x{number(fact['ratio'])}"
        return f"by {fact['by']:+g}" if fact.get("by") is not None else str(fact.get("value"))
    if kind == "duration":
        return duration_value(fact.get("value") or "")
    return str(fact.get("value"))


def value(fact: dict[str, Any]) -> str:
    return date_value(fact) if fact["kind"] == "date" else quantity_value(fact)


def source(fact: dict[str, Any]) -> str:
    """'«ثمانية» in 000_ee10 (Al Jazeera)': the quote and where it is, for messages."""
    outlet = fact.get("outlet")
    where = f"{fact['doc']} ({outlet})" if outlet else fact["doc"]
    return f"«{fact['text']}» in {where}"


def sources(facts: list[dict[str, Any]]) -> str:
    """Quotes of several facts, one per document and wording: «ثمانية» ×3 in 000; «8» in 001."""
    seen: dict[tuple[str, str], int] = {}
    first: dict[tuple[str, str], dict[str, Any]] = {}
    for fact in facts:
        key = (fact["doc"], fact["text"])
        seen[key] = seen.get(key, 0) + 1
        first.setdefault(key, fact)
    parts = []
    for key, count in seen.items():
        quoted = source(first[key])
        parts.append(quoted.replace("» in ", f"» ×{count} in ", 1) if count > 1 else quoted)
    return "; ".join(parts)


def stated(fact: dict[str, Any]) -> str:
    return f"{value(fact)} ({source(fact)})"
