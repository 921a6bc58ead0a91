"""Dates in any calendar, script or wording -> the same days or intervals in all three calendars.

This is the engine behind `checker convert`; the CLI only formats what `convert()` returns. A text may
give one date, a range (بین ۱۴ تا ۱۶ مهر ۱۴۰۰, 6-8 October 2021), a list (6 October 2021 and 9 October
2021, ۱۴ و ۱۶ مهر ۱۴۰۰), a construction around a month (the first week of October 2021) or, with a
publication date, a relative date (أمس) or one without its year (6 أكتوبر). The date grammar reads each
written date strictly (a day that does not exist is an error); ranges and lists are read here from the
words between its dates (checker/lang/<code>/dates.toml and numbers.toml), and the running-text reader
(checker.extract.dates) supplies constructions, relative dates and years taken from the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field, replace

from checker.calendars.date_value import DateValue, reference_day
from checker.calendars.intervals import to_interval
from checker.calendars.tables import (
    CALENDARS,
    ENGLISH_MONTH_NAMES,
    ERA_ABBREVIATIONS,
    WEEKDAY_NAMES,
    day_in_all_calendars,
)
from checker.errors import InvalidDate
from checker.extract.dates import TextDate, find_text_dates
from checker.grammar.dates import DateMatch, find_dates
from checker.lang import load
from checker.normalise.language import language_order, script_of
from checker.normalise.text import alternation, normalise, phrase_key

# The years a date written in digits without a calendar may be a Jalali or a Hijri year (issue 19):
# 1300-1499 SH is 1921-2121 CE, 1300-1500 AH 1882-2077 CE, and neither range is a Gregorian year news writes.
OTHER_CALENDAR_YEARS = {"jalali": range(1300, 1500), "hijri": range(1300, 1501)}
# Which reading of such a date comes first in a language's text (else: the one nearer the reference day).
FIRST_READING = {"fa": "jalali", "ar": "hijri"}
CALENDAR_NAMES = {"gregorian": "Gregorian", "hijri": "Hijri", "jalali": "Jalali"}


@dataclass(frozen=True)
class Reading:
    """One date or interval in every calendar: an entry of `dates` or `alternatives`."""

    text: str
    calendar: str
    grain: str
    value: str
    date_start: str | None
    date_end: str | None
    weekday: str | None
    gregorian: str | None
    hijri: str | None
    jalali: str | None


@dataclass(frozen=True)
class Conversion:
    """The contract's `checker convert --format json` object. The contract's fields describe what the text
    gives: one date, or a range as one interval; of a list, its first date. `dates` lists every date or
    interval the text gives, in order; `alternatives` other readings of an ambiguous date (10/06/2021 as
    6 October, 14/7/1400 as a Hijri date), the fields above being the first reading."""

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
    dates: list[Reading] = field(default_factory=list)
    alternatives: list[Reading] = field(default_factory=list)

    def to_json(self) -> dict:
        """The contract's object; `dates` only when the text gives several, `alternatives` only when a date
        reads two ways, so a single date's JSON stays exactly the contract's."""
        fields = asdict(self)
        if len(self.dates) < 2:
            del fields["dates"]
        if not self.alternatives:
            del fields["alternatives"]
        return fields


@dataclass(frozen=True)
class _Piece:
    """A date or interval the text gives, as read before it is put in the other calendars."""

    start: int
    end: int
    text: str
    value: DateValue | None
    error: str | None = None
    match: DateMatch | None = None  # the grammar's date, where the piece is one
    notes: tuple[str, ...] = ()


def _ymd(parts: tuple[int, int, int]) -> str:
    return f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}"


def convert(
    text: str,
    lang: str | None = None,
    *,
    calendar: str | None = None,
    reference: str | dt.date | None = None,
) -> Conversion:
    """Read the dates in `text` and express them in every calendar. `reference` is the publication day
    (an ISO string or a date): it dates two-digit years, fills a missing year and places relative dates.
    Raises InvalidDate where a date does not exist."""
    reference = reference_day(reference)
    language = language_order(text, lang)[0]
    # One pass finds the dates and any partner each is paired with (الموافق, brackets).
    matches = find_dates(text, lang, calendar=calendar, reference=reference, whole=True)
    pieces = _pieces(text, language, matches, reference)
    if not pieces:
        raise InvalidDate(f"no date found in {text.strip()!r}")
    # The same text read with each calendar as the hint shows which dates name no calendar of their own.
    hinted = {} if calendar else {hint: _by_span(find_dates(text, lang, calendar=hint, reference=reference, whole=True)) for hint in OTHER_CALENDAR_YEARS}
    stated_language = lang or (language if script_of(text) else None)
    dates, alternatives, notes = [], [], []
    for piece in pieces:
        values, piece_notes = _values_of(piece, hinted, stated_language, reference)
        piece_notes += _notes_of(values[0], piece, matches)
        others = [_reading(piece.text, other) for other in values[1:]]
        dates.append(_reading(piece.text, values[0]))
        alternatives += others
        notes += [f"«{piece.text}»: {note}" for note in piece_notes] if len(pieces) > 1 else piece_notes
    if len(dates) > 1:
        notes.insert(0, f"the text gives {len(dates)} dates; the fields above are the first, `dates` lists them all")
    main = dates[0]
    return Conversion(text, **{k: v for k, v in asdict(main).items() if k != "text"}, notes=notes, dates=dates, alternatives=alternatives)


# ---------------------------------------------------------------------------------------------
# Where the dates are: the grammar's, joined into ranges and lists, and what only the running-text
# reader finds (constructions around a month, relative dates, years from the publication date).


def _pieces(text: str, language: str, matches: list[DateMatch], reference: dt.date | None) -> list[_Piece]:
    repeated = _pair_partners(matches)
    written = [m for i, m in enumerate(matches) if i not in repeated]
    pieces = _joined(text, language, written)
    spans = {(m.start, m.end) for i, m in enumerate(matches) if i in repeated}
    for found in find_text_dates(normalise(text), language, reference):
        if (found.start, found.end) in spans:
            continue
        inside = [p for p in pieces if p.start < found.end and found.start < p.end]
        if not inside:
            pieces.append(_from_spotted(found, reference))
        elif _reads_more(found, inside):
            pieces = [p for p in pieces if p not in inside] + [_from_spotted(found, reference)]
    return sorted(pieces, key=lambda p: p.start)


def _reads_more(found: TextDate, inside: list[_Piece]) -> bool:
    """Whether the running-text reader says more than the grammar's dates it covers: a construction that
    reaches beyond them (the first week of), or one date whose year it found or whose calendar it fixed."""
    if found.start < min(p.start for p in inside) or found.end > max(p.end for p in inside):
        return True
    if len(inside) != 1 or (inside[0].start, inside[0].end) != (found.start, found.end) or found.value is None:
        return False
    piece = inside[0]
    return piece.error is not None or (piece.value.start is None and found.date_start is not None)


def _pair_partners(matches: list[DateMatch]) -> set[int]:
    """Indices of the second writing of a paired date (the shorter; of two alike, the later): not a date of its own."""
    partners = set()
    for i, m in enumerate(matches):
        j = m.paired_with
        if j is not None and (m.end - m.start, -m.start) < (matches[j].end - matches[j].start, -matches[j].start):
            partners.add(i)
    return partners


@dataclass(frozen=True)
class _Links:
    """A language's words between dates: a range (to, تا, إلى), a list (and, و), a range's opener (from, بين)."""

    ranges: frozenset[str]
    lists: frozenset[str]
    openers: frozenset[str]
    leading_days: re.Pattern[str]


def _links(language: str) -> _Links:
    tables = load(language)
    words = tables.dates.date_words
    ranges, lists = tuple(words.range_links), tuple(tables.numbers.grammar.connectors)
    link = f"[-–—]|{alternation((*ranges, *lists))}"
    # Day numbers written before a full date: "14 تا 16 مهر", "6, 7 and 9 October", "۱۴ و ۱۵ مهر".
    leading = re.compile(
        f"(?:(?<!\\w)(?P<opener>{alternation(words.range_openers)})\\s+)?"
        f"(?<![\\w/.\\-])(?P<days>\\d{{1,2}}(?:\\s*[,،]\\s*\\d{{1,2}})*)\\s*(?P<link>{link})\\s*$"
    )
    return _Links(
        frozenset(map(phrase_key, ranges)) - frozenset(map(phrase_key, lists)),
        frozenset(map(phrase_key, lists)),
        frozenset(map(phrase_key, words.range_openers)),
        leading,
    )


def _joined(text: str, language: str, matches: list[DateMatch]) -> list[_Piece]:
    """The grammar's dates as pieces: day numbers before a date made into a range or a list, and two dates
    joined by a range word (or by "and" after "between") made into one range."""
    links = _links(language)
    folded = normalise(text)
    pieces: list[_Piece] = []
    for m in matches:
        piece = _Piece(m.start, m.end, m.text, m.value, m.error, m)
        extra = _leading_days(text, folded, m, links)
        if extra is not None:
            before, piece = extra
            pieces += before
        previous = pieces[-1] if pieces else None
        if previous is not None and _joins_as_range(text, previous, piece, links):
            pieces[-1] = _range(text, previous, piece)
            continue
        pieces.append(piece)
    return pieces


def _is_day(piece: _Piece) -> bool:
    value = piece.value
    return piece.error is None and value is not None and value.grain == "day" and value.start is not None


def _leading_days(text: str, folded, m: DateMatch, links: _Links) -> tuple[list[_Piece], _Piece] | None:
    """Days written before the date M with only its day: (dates of a list before it, M's piece) or, for a
    range, ([], the range)."""
    piece = _Piece(m.start, m.end, m.text, m.value, m.error, m)
    if not _is_day(piece):
        return None
    at = folded.to_folded(m.start)
    found = links.leading_days.search(folded.text, max(0, at - 60), at)
    if found is None:
        return None
    days = [int(day) for day in re.findall(r"\d+", found.group("days"))]
    link = phrase_key(found.group("link"))
    is_list = link in links.lists and not found.group("opener")
    value = m.value
    try:
        firsts = [to_interval(value.calendar, value.year, value.month, day) for day in days]
    except InvalidDate as error:
        raise InvalidDate(f"{error} (in {m.text!r})") from None
    if is_list:
        starts = [folded.span(found.start("days") + n.start(), found.start("days") + n.end()) for n in re.finditer(r"\d+", found.group("days"))]
        return [_Piece(a, b, text[a:b], replace(value, day=day, start=first.start, end=first.end, weekday=None)) for (a, b), day, first in zip(starts, days, firsts)], piece
    if len(days) != 1 or firsts[0].start >= value.start:
        return None
    start = folded.span(found.start(), found.end())[0]
    return [], _Piece(start, m.end, text[start : m.end], replace(value, day=days[0], start=firsts[0].start, weekday=None), match=m)


def _joins_as_range(text: str, first: _Piece, second: _Piece, links: _Links) -> bool:
    if not (_is_day(first) and _is_day(second)) or first.value.end >= second.value.start:
        return False
    between = phrase_key(re.sub(r"[\s,،]", "", text[first.end : second.start]))
    if between in links.ranges or re.fullmatch(r"[-–—]", between):
        return True
    opened = re.search(r"(\w+)\s*$", text[: first.start])
    return between in links.lists and opened is not None and phrase_key(opened.group(1)) in links.openers


def _range(text: str, first: _Piece, last: _Piece) -> _Piece:
    value = replace(first.value, end=last.value.end, weekday=None, notes=first.value.notes + last.value.notes)
    return _Piece(first.start, last.end, text[first.start : last.end], value)


def _from_spotted(found: TextDate, reference: dt.date | None) -> _Piece:
    notes = []
    if found.relative:
        notes.append(
            f"a relative date ({found.relative}) counted from the publication date {reference}"
            if reference
            else f"a relative date ({found.relative}): give the publication date (--published) to place it"
        )
    elif found.year_from == "published" and found.date_start is not None:
        notes.append(f"the year is not written: taken as the one nearest the publication date {reference}")
    if found.value is None:
        return _Piece(found.start, found.end, found.text, None, "; ".join(found.notes) or f"{found.text!r} is not a real date")
    return _Piece(found.start, found.end, found.text, found.date, notes=tuple(notes))


def _by_span(matches: list[DateMatch]) -> dict[tuple[int, int], DateMatch]:
    return {(m.start, m.end): m for m in matches}


# ---------------------------------------------------------------------------------------------
# Readings: a date that names no calendar (14/7/1400) and a day and month that may be either (10/06/2021).


def _values_of(piece: _Piece, hinted: dict, language: str | None, reference: dt.date | None) -> tuple[list[DateValue], list[str]]:
    """The piece's readings, the one to report first, and the notes that say why."""
    values, notes = _calendar_readings(piece, hinted, language, reference)
    if not values:
        raise InvalidDate(piece.error)
    swapped = _day_month_swapped(piece, values[0])
    if swapped is not None:
        first, second = values[0], swapped
        notes.append(
            f"day and month are ambiguous: read day first as {_spoken_day(first)}; month first it is {_spoken_day(second)} (in `alternatives`)"
        )
        values.insert(1, swapped)
    return values, notes


def _calendar_readings(piece: _Piece, hinted: dict, language: str | None, reference: dt.date | None) -> tuple[list[DateValue], list[str]]:
    if piece.match is None or not hinted:
        return ([piece.value] if piece.error is None else []), []
    span = (piece.match.start, piece.match.end)
    read = {hint: found[span] for hint, found in hinted.items() if span in found and found[span].value is not None}
    stated = len(read) == len(hinted) and len({m.value.calendar for m in read.values()}) == 1  # by a marker or a month name
    if stated or (piece.error is None and piece.value.calendar == "gregorian"):
        return ([piece.value] if piece.error is None else []), []
    fits = [hint for hint, m in read.items() if m.value.year in OTHER_CALENDAR_YEARS[hint]]
    if not fits:
        return [], []
    first = FIRST_READING.get(language or "") or min(fits, key=lambda hint: abs((read[hint].value.start - (reference or dt.date.today())).days))
    fits.sort(key=lambda hint: hint != first)
    values = [read[hint].value for hint in fits]
    if len(values) == 1:
        why = "; ".join(f"as a {CALENDAR_NAMES[h]} date, {hinted[h][span].error}" for h in hinted if h not in fits and span in hinted[h])
        return values, [f"no calendar is written: read as a {CALENDAR_NAMES[fits[0]]} date" + (f" ({why})" if why else "")]
    reason = {"fa": "Persian text", "ar": "Arabic text"}.get(language or "", f"the one nearer {reference or 'today'}")
    readings = " or ".join(f"{CALENDAR_NAMES[v.calendar]} {_spoken_day(v)}" for v in values)
    return values, [f"no calendar is written and both fit: {readings}; the first is reported ({reason}), the other is in `alternatives`"]


_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*\d{2,4}(?!\d)")


def _day_month_swapped(piece: _Piece, value: DateValue) -> DateValue | None:
    """The same date with day and month exchanged, where the text writes both as numbers up to 12."""
    written = _NUMERIC.search(normalise(piece.text).text) if piece.match is not None else None
    if written is None or value.grain != "day":
        return None
    a, b = int(written.group(1)), int(written.group(3))
    if a == b or not (a <= 12 and b <= 12) or {a, b} != {value.day, value.month}:
        return None
    try:
        other = to_interval(value.calendar, value.year, value.day, value.month)
    except InvalidDate:
        return None
    return replace(value, month=value.day, day=value.month, start=other.start, end=other.end, weekday=None)


def _spoken_day(value: DateValue) -> str:
    """A reading as written in its calendar and as Gregorian days: 15 Ramadan 1445 AH = 2024-03-25."""
    month = f"{ENGLISH_MONTH_NAMES[value.calendar][value.month - 1]} " if value.month else ""
    day = f"{value.day} " if value.day else ""
    days = value.start.isoformat() if value.start == value.end else f"{value.start.isoformat()}/{value.end.isoformat()}"
    return f"{day}{month}{value.year} {ERA_ABBREVIATIONS[value.calendar]} = {days}"


# ---------------------------------------------------------------------------------------------
# One reading in every calendar, and the notes a fact-checker needs to trust it.


def _reading(text: str, value: DateValue) -> Reading:
    if value.start is None or value.end is None:
        return Reading(text, value.calendar, value.grain, value.edtf, None, None, None, None, None, None)
    start, end = value.start, value.end
    first, last = day_in_all_calendars(start), day_in_all_calendars(end)
    columns: dict[str, str] = {}
    for name in CALENDARS:
        opening, closing = _ymd(getattr(first, name)), _ymd(getattr(last, name))
        columns[name] = opening if start == end else f"{opening}/{closing}"
    return Reading(
        text=text,
        calendar=value.calendar,
        grain=value.grain,
        value=value.edtf,
        date_start=start.isoformat(),
        date_end=end.isoformat(),
        weekday=WEEKDAY_NAMES[start.weekday()] if start == end else None,
        gregorian=columns["gregorian"],
        hijri=columns["hijri"],
        jalali=columns["jalali"],
    )


def _notes_of(value: DateValue, piece: _Piece, matches: list[DateMatch]) -> list[str]:
    notes = [*value.notes, *piece.notes]
    if value.start is None or value.end is None:
        if not piece.notes:
            notes.append("the year is not written, so the date cannot be placed in the other calendars")
        return notes
    tabular = day_in_all_calendars(value.start).hijri_tabular or day_in_all_calendars(value.end).hijri_tabular
    if tabular and not any("tabular" in note for note in notes):
        notes.append("Hijri dates outside 1343–1500 AH use the tabular Islamic calendar, not Umm al-Qura")
    if value.approximate:
        notes.append("approximate: the text hedges the date (about, around), so nearby days also fit")
    if value.tolerance_days:
        notes.append(_tolerance_note(value))
    if value.weekday is not None and value.weekday_matches is False:
        notes.append(
            f"the text says {WEEKDAY_NAMES[value.weekday]}, but {value.start.isoformat()} is a {WEEKDAY_NAMES[value.start.weekday()]}"
        )
    if piece.match is not None:
        notes.extend(_pair_notes(matches, piece.match))
    return notes


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


# ---------------------------------------------------------------------------------------------
# For people.


def describe(conversion: Conversion) -> str:
    """`Wednesday 2021-10-06 = 29 Safar 1443 AH (Umm al-Qura) = 14 Mehr 1400 SH`, one line per date the
    text gives (with the text of each where there are several), then `or:` lines for other readings."""
    several = len(conversion.dates) > 1
    lines = [(f"«{d.text}»: " if several else "") + _described(d) for d in conversion.dates]
    lines += [f"or: «{a.text}» as " + _described(a) for a in conversion.alternatives]
    return "\n".join(lines)


def _described(reading: Reading) -> str:
    if reading.gregorian is None:
        return f"{reading.value} ({reading.calendar}, year unknown)"
    tabular = any(
        day_in_all_calendars(dt.date.fromisoformat(day)).hijri_tabular for day in (reading.date_start, reading.date_end)
    )
    hijri_kind = "tabular" if tabular else "Umm al-Qura"
    one_day = reading.date_start == reading.date_end

    def spoken(calendar: str, ymd: str) -> str:
        year, month, day = (int(part) for part in ymd.split("-"))
        suffix = f" ({hijri_kind})" if calendar == "hijri" and one_day else ""
        return f"{day} {ENGLISH_MONTH_NAMES[calendar][month - 1]} {year} {ERA_ABBREVIATIONS[calendar]}{suffix}"

    pieces = []
    for calendar in CALENDARS:
        cell = getattr(reading, calendar)
        if one_day:
            pieces.append(spoken(calendar, cell) if calendar != "gregorian" else cell)
        else:
            first, last = cell.split("/")
            pieces.append(f"{spoken(calendar, first)} .. {spoken(calendar, last)}")
    head = f"{reading.weekday} " if reading.weekday else ""
    return head + " = ".join(pieces)
