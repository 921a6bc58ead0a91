"""One date in any calendar, script or wording -> the same day or interval in all three calendars.

This is the engine behind `checker convert`; the CLI only formats what `convert()` returns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from checker.calendars.date_value import DateValue
from checker.calendars.tables import (
    CALENDARS,
    ENGLISH_MONTH_NAMES,
    ERA_ABBREVIATIONS,
    WEEKDAY_NAMES,
    day_in_all_calendars,
)
from checker.grammar.dates import DateMatch, find_dates, main_date


@dataclass(frozen=True)
class Conversion:
    """The contract's `checker convert --format json` object."""

    input: str
    calendar: str
    grain: str
    value: str
    date_start: str | None
    date_end: str | None
    weekday: str | None
    gregorian: str | None
    hijri: str | None
    jalali: str | None
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


def _ymd(parts: tuple[int, int, int]) -> str:
    return f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}"


def convert(
    text: str,
    lang: str | None = None,
    *,
    calendar: str | None = None,
    reference: dt.date | None = None,
) -> Conversion:
    """Read the one date in `text` and express it in every calendar. Raises InvalidDate."""
    # One pass finds the date and any partner it is paired with (الموافق, brackets).
    matches = find_dates(text, lang, calendar=calendar, reference=reference, whole=True)
    match = main_date(text, matches)
    value = match.value
    assert value is not None  # main_date raises where the date is invalid
    notes = list(value.notes)
    if value.start is None or value.end is None:
        notes.append("the year is not written, so the date cannot be placed in the other calendars")
        return Conversion(text, value.calendar, value.grain, value.edtf, None, None, None, None, None, None, notes)

    start, end = value.start, value.end
    first, last = day_in_all_calendars(start), day_in_all_calendars(end)
    columns: dict[str, str] = {}
    for name in CALENDARS:
        opening, closing = _ymd(getattr(first, name)), _ymd(getattr(last, name))
        columns[name] = opening if value.grain == "day" else f"{opening}/{closing}"
    tabular = first.hijri_tabular or last.hijri_tabular
    if tabular and not any("tabular" in note for note in notes):
        notes.append("Hijri dates outside 1343–1500 AH use the tabular Islamic calendar, not Umm al-Qura")
    if value.approximate:
        notes.append("approximate: the text hedges the date (about, around), so nearby days also fit")
    if value.tolerance_days:
        notes.append(_tolerance_note(value))
    if value.weekday is not None and value.weekday_matches is False:
        notes.append(
            f"the text says {WEEKDAY_NAMES[value.weekday]}, but {start.isoformat()} is a {WEEKDAY_NAMES[start.weekday()]}"
        )
    notes.extend(_pair_notes(matches, match))
    return Conversion(
        input=text,
        calendar=value.calendar,
        grain=value.grain,
        value=value.edtf,
        date_start=start.isoformat(),
        date_end=end.isoformat(),
        weekday=WEEKDAY_NAMES[start.weekday()] if value.grain == "day" else None,
        gregorian=columns["gregorian"],
        hijri=columns["hijri"],
        jalali=columns["jalali"],
        notes=notes,
    )


def _tolerance_reason(*values: DateValue) -> str:
    return "local moon sighting" if any(v.calendar == "hijri" for v in values) else "Afghan solar dates"


def _tolerance_note(value: DateValue) -> str:
    why = "local moon sighting" if value.calendar == "hijri" else "Afghan and Iranian solar dates can differ"
    days = value.tolerance_days
    return f"{why}: the day may fall {days} day{'s' if days > 1 else ''} either side"


def _pair_notes(matches: list[DateMatch], match: DateMatch) -> list[str]:
    """Where the text writes the date twice (الموافق, brackets), say whether the two agree."""
    notes = []
    for other in matches:
        if other.paired_with is None or other.start == match.start:
            continue
        partner = matches[other.paired_with]
        if partner.start != match.start:
            continue
        if other.value is None or other.value.start is None or match.value.start is None:
            notes.append(f"the paired date {other.text!r} cannot be checked: {other.error or 'no year'}")
            continue
        days = max(other.value.tolerance_days, match.value.tolerance_days)
        tolerance = dt.timedelta(days=days)
        exact = other.value.start <= match.value.end and match.value.start <= other.value.end
        agrees = other.value.start - tolerance <= match.value.end and match.value.start - tolerance <= other.value.end
        if exact:
            verdict = "agrees"
        elif agrees:
            verdict = f"agrees within the {days}-day tolerance of {_tolerance_reason(match.value, other.value)}"
        else:
            verdict = "does NOT agree"
        notes.append(f"the paired date {other.text!r} ({other.value.edtf}) {verdict}")
    return notes


def describe(conversion: Conversion) -> str:
    """`Wednesday 2021-10-06 = 29 Safar 1443 AH (Umm al-Qura) = 14 Mehr 1400 SH`, for people."""
    if conversion.gregorian is None:
        return f"{conversion.value} ({conversion.calendar}, year unknown)"

    tabular = any(
        day_in_all_calendars(dt.date.fromisoformat(day)).hijri_tabular
        for day in (conversion.date_start, conversion.date_end)
    )
    hijri_kind = "tabular" if tabular else "Umm al-Qura"

    def spoken(calendar: str, ymd: str) -> str:
        year, month, day = (int(part) for part in ymd.split("-"))
        month_name = ENGLISH_MONTH_NAMES[calendar][month - 1]
        era = ERA_ABBREVIATIONS[calendar]
        suffix = f" ({hijri_kind})" if calendar == "hijri" else ""
        if conversion.grain == "day":
            return f"{day} {month_name} {year} {era}{suffix}"
        return f"{day} {month_name} {year} {era}"

    pieces = []
    for calendar in CALENDARS:
        cell = getattr(conversion, calendar)
        if conversion.grain == "day":
            pieces.append(spoken(calendar, cell) if calendar != "gregorian" else cell)
        else:
            first, last = cell.split("/")
            pieces.append(f"{spoken(calendar, first)} .. {spoken(calendar, last)}")
    head = f"{conversion.weekday} " if conversion.weekday else ""
    return head + " = ".join(pieces)
