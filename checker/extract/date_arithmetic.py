"""Calendar arithmetic for dates in running text: intervals in any calendar, the year nearest a reference
day, the Nth weekday or week of a month, and Easter."""

from __future__ import annotations

import datetime as dt

from checker.calendars.intervals import prefetch, to_interval
from checker.calendars.tables import day_in_all_calendars
from checker.errors import InvalidDate


def in_calendar(calendar: str, day: dt.date) -> tuple[int, int, int]:
    cell = day_in_all_calendars(day)
    return {"gregorian": cell.gregorian, "hijri": cell.hijri, "jalali": cell.jalali}[calendar]


def interval(calendar: str, year: int, month: int | None = None, day: int | None = None) -> tuple[dt.date, dt.date] | None:
    try:
        found = to_interval(calendar, year, month, day)
    except InvalidDate:
        return None
    return found.start, found.end


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def nearest_year(calendar: str, month: int | None, day: int | None, reference: dt.date, direction: int | None, rule: str | None = None) -> int | None:
    """The year that puts (month, day) nearest the reference, or the next/previous/current occurrence."""
    year, ref_month, _ = in_calendar(calendar, reference)
    if direction == 0:
        return year
    candidates = []
    if rule != "easter":
        prefetch((calendar, y, month, day) for y in (year - 1, year, year + 1))  # one query, not three
    for y in (year - 1, year, year + 1):
        span = easter(y) if rule == "easter" else interval(calendar, y, month, day)
        if span is None:
            continue
        if direction == 1 and span[0] <= reference:
            continue
        if direction == -1 and span[1] >= reference and not (day is None and month != ref_month):
            continue
        if direction == -1 and span[0] > reference:
            continue
        distance = 0 if span[0] <= reference <= span[1] else min(abs((span[0] - reference).days), abs((span[1] - reference).days))
        candidates.append((distance, -y if direction == -1 else y, y))
    return min(candidates)[2] if candidates else None


WEEKDAY_YEAR_REACH_DAYS = 300  # a year-less day about a year from the publication is a slip of the weekday


def year_by_weekday(calendar: str, month: int, day: int, weekday: int, reference: dt.date) -> int | None:
    """Of the years around the reference, the nearest where (month, day) falls on the weekday written with it,
    within WEEKDAY_YEAR_REACH_DAYS: «الاثنين 12 سبتمبر» written on 13 September 2023 (a Tuesday) is a wrong
    weekday in 2023, not Monday 12 September 2022 (a year-old day would carry its year)."""
    year = in_calendar(calendar, reference)[0]
    fitting = []
    prefetch((calendar, y, month, day) for y in (year - 1, year, year + 1))  # one query, not three
    for y in (year - 1, year, year + 1):
        span = interval(calendar, y, month, day)
        if span is not None and span[0].weekday() == weekday:
            distance = abs((span[0] - reference).days)
            if distance <= WEEKDAY_YEAR_REACH_DAYS:
                fitting.append((distance, y))
    return min(fitting)[1] if fitting else None


def year_within(calendar: str, gregorian_year: int, month: int | None, day: int | None, rule: str | None) -> int | None:
    """The year of CALENDAR whose (month, day) begins in GREGORIAN_YEAR (the first, if two do)."""
    if calendar == "gregorian" or rule:
        return gregorian_year
    try:
        first = in_calendar(calendar, dt.date(gregorian_year, 1, 1))[0]
    except InvalidDate:
        return None
    prefetch((calendar, y, month, day) for y in (first, first + 1))
    for y in (first, first + 1):
        span = interval(calendar, y, month, day)
        if span is not None and span[0].year == gregorian_year:
            return y
    return None


def easter(year: int) -> tuple[dt.date, dt.date]:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, (b, c) = year % 19, divmod(year, 100)
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    sunday = dt.date(year, month, day + 1)
    return sunday, sunday


# Parts of a month as day ranges; the middle is its 15th give or take five days.
_PARTS = {"early": (1, 10), "late": (21, 31)}
_MIDDLE, _MIDDLE_TOLERANCE = 15, 5


def within_month(span: tuple[dt.date, dt.date], within: tuple) -> tuple[tuple[dt.date, dt.date] | None, bool, int]:
    """(days, approximate, tolerance) of a part of the month SPAN: its Nth or last weekday, week or day, or
    its early, middle or late part. Weeks run Monday to Sunday and count whole weeks inside the month."""
    first, last = span
    kind = within[0]
    if kind == "part":
        if within[1] == "middle":
            middle = first + dt.timedelta(days=_MIDDLE - 1)
            return (middle, middle), True, _MIDDLE_TOLERANCE
        low, high = _PARTS[within[1]]
        return (first + dt.timedelta(days=low - 1), min(last, first + dt.timedelta(days=high - 1))), True, 0
    if kind == "day":
        return (last, last), False, 0
    if kind == "weekday":
        _, n, weekday = within
        if n == -1:
            day = last - dt.timedelta(days=(last.weekday() - weekday) % 7)
        else:
            day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        return ((day, day) if first <= day <= last else None), False, 0
    n = within[1]  # week
    monday = first + dt.timedelta(days=-first.weekday() % 7)
    if n == -1:
        monday = last - dt.timedelta(days=6 if last.weekday() == 6 else last.weekday() + 7)
    else:
        monday += dt.timedelta(weeks=n - 1)
    sunday = monday + dt.timedelta(days=6)
    return ((monday, sunday) if first <= monday and sunday <= last else None), False, 0
