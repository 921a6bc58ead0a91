"""Dates in running text, on top of the foundation's date grammar (checker/grammar/dates.py):

- absolute dates as the grammar reads them (۱۴ مهر ۱۴۰۰, 29 صفر 1443هـ, 7/10/2021, عام 2002);
- ranges: من 13 إلى 15 تموز, 27-29 آبان, from 13 July to 15 July, 2004–2012, ۱۳۸۳ تا ۱۳۹۱;
- open ranges: since 2014, منذ عام 2014, از سال ۱۳۹۳ (EDTF 2014/..);
- a year after a preposition (في 2014, in 2014), a month after one or with a modifier (في يناير,
  آذار الماضي, next November);
- relative dates: اليوم, أمس, دیروز, yesterday, a weekday alone or with الماضي/آینده, أمس الأربعاء,
  الشهر الجاري, الأسبوع الماضي, العام المقبل, منذ يومين, ۳ روز پیش, two days ago, قبل أمس, اليوم الذي بعد الغد;
- constructions around a month (by name, by number after شهر, or relative): أول اثنين من مارس, الأسبوع
  الأخير من أيلول, اليوم الثالث من شهر عشرة, أواخر آذار, 27-29 من الشهر الثامن, تموز 13 إلى 15, مارس من
  عام 2019, رمضان 2019 (the Ramadan of Gregorian 2019);
- weekdays with a day: السبت السادس عشر, الأحد من الأسبوع الماضي, السبت 21/09, يوم الأحد الموافق 5 مارس;
- holidays from checker/lang/<code>/holidays.toml (عيد الفطر 2013, Christmas, نوروز ۱۴۰۰).

Relative dates and dates without a year are resolved against the publication date (`year_from`
"published"); without one they stay unknown (XXXX). The words live in checker/lang/<code>/dates.toml and
relative.toml, compiled by checker/extract/date_words.py; where the dates are is found by date_spotting.py
and the calendar arithmetic is in date_arithmetic.py; this module resolves what was spotted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from checker.calendars.date_value import DateValue
from checker.calendars.intervals import prefetch
from checker.calendars.tables import WEEKDAY_NAMES
from checker.extract import SENTENCE_END, last_mark_end
from checker.extract.date_arithmetic import (
    easter,
    in_calendar,
    interval,
    nearest_year,
    shift_month,
    within_month,
    year_by_weekday,
    year_within,
)
from checker.extract.date_spotting import SpottedDate, SpottedDates, spot_text_dates
from checker.extract.date_words import Words, starts_with_dateline_word, words_of
from checker.normalise.text import NormalisedText


@dataclass(frozen=True)
class TextDate:
    """One date fact: where it is written (original offsets and text), its value, and its EDTF text.

    The properties are the fact row's date columns, read from the value."""

    start: int
    end: int
    text: str
    date: DateValue  # a range or an open range (since 2014) is one interval; its fields are its first date's
    value: str | None  # EDTF; None when the written date does not exist (see `notes`)
    relative: str | None = None  # how a relative date was written: "-1 day", "previous Monday", ...
    pair: int | None = None  # index of the same day written in another calendar

    @property
    def calendar(self) -> str:
        return self.date.calendar

    @property
    def grain(self) -> str:
        return self.date.grain

    @property
    def date_start(self) -> dt.date | None:
        return self.date.start

    @property
    def date_end(self) -> dt.date | None:
        return self.date.end

    @property
    def year_from(self) -> str | None:
        return self.date.year_from

    @property
    def weekday(self) -> int | None:
        return self.date.weekday

    @property
    def approximate(self) -> bool:
        return self.date.approximate

    @property
    def tolerance_days(self) -> int:
        return self.date.tolerance_days

    @property
    def notes(self) -> tuple[str, ...]:
        return self.date.notes


# ---------------------------------------------------------------------------------------------
# Finding.


def find_text_dates(normalised: NormalisedText, lang: str, published: dt.date | None) -> list[TextDate]:
    """Every date in the text, resolved against `published` where it needs a reference."""
    return resolve_text_dates(normalised, spot_text_dates(normalised, lang), lang, published)


def resolve_text_dates(normalised: NormalisedText, spotted: SpottedDates, lang: str, published: dt.date | None) -> list[TextDate]:
    """The spotted dates as TextDates, the relative and year-less ones resolved against `published`."""
    w = words_of(lang)
    # The dates written with their year, resolved in one query before each is finished alone.
    prefetch((f.calendar, f.year, f.month, f.day) for f in spotted.found if f.year is not None and not f.error and f.relative is None)
    dates = [_finish(normalised, f, published, w) for f in spotted.found]
    kept, dates = _join_weekday_pairs(normalised, list(spotted.found), dates, w)
    if spotted.pair_of:  # joining weekdays shifts indices
        index_now = {id(f): i for i, f in enumerate(kept)}
        for before, partner in spotted.pair_of.items():
            here, there = index_now.get(id(spotted.found[before])), index_now.get(id(spotted.found[partner]))
            if here is not None and there is not None:
                dates[here] = replace(dates[here], pair=there)
    return dates


def _finish(normalised: NormalisedText, f: SpottedDate, published: dt.date | None, w: Words) -> TextDate:
    first, last = normalised.span(f.start, f.end)
    span = {"start": first, "end": last, "text": normalised.original[first:last]}
    written = DateValue(
        calendar=f.calendar, year=f.year, month=f.month, day=f.day, grain=f.grain, weekday=f.weekday,
        approximate=f.approximate, tolerance_days=f.tolerance_days, notes=f.notes,
    )  # fmt: skip
    if f.error:
        return TextDate(**span, date=replace(written, notes=(f.error,)), value=None)
    if f.relative is not None:
        return _relative(span, written, f, published, w, normalised.text)

    year, year_from, month = _year_and_month(f, published)
    if year is None:
        written = replace(written, month=month)
        value = written.edtf
        if f.to is not None:  # 13 to 15 July: the mark goes after the range
            until = replace(written, month=f.to[1], day=f.to[2])
            value = f"{replace(written, approximate=False).edtf}/{until.edtf}"
        return TextDate(**span, date=written, value=value)
    written = replace(written, year=year, month=month, year_from=year_from)
    interval_days = easter(year) if f.rule == "easter" else interval(f.calendar, year, month, f.day)
    if interval_days is not None and f.within is not None:
        interval_days, approximate, tolerance = within_month(interval_days, f.within)
        written = replace(written, approximate=approximate or f.approximate, tolerance_days=max(tolerance, f.tolerance_days))
    if interval_days is None:
        does_not_exist = f"{f.day or ''} {month or ''} {year} ({f.calendar}) does not exist".strip()
        return TextDate(**span, date=replace(written, notes=(*f.notes, does_not_exist)), value=None)
    start, end = interval_days
    if f.to is not None:
        to_year = f.to[0] if f.to[0] is not None else year
        to_span = interval(f.calendar, to_year, f.to[1] if f.to[1] is not None else month if f.grain != "year" else None, f.to[2])
        if to_span is not None:
            end = to_span[1]
        dated = replace(written, start=start, end=end)
        # A range and an open range are written without ~ (compare.values widens a date on it); a range
        # whose end does not exist is written open.
        written_range = replace(dated, end=end if to_span is not None else None, approximate=False)
        return TextDate(**span, date=dated, value=written_range.edtf)
    if f.open_end:
        dated = replace(written, start=start)
        return TextDate(**span, date=dated, value=replace(dated, approximate=False).edtf)
    dated = replace(written, start=start, end=end)
    return TextDate(**span, date=dated, value=dated.edtf)


def _year_and_month(f: SpottedDate, published: dt.date | None) -> tuple[int | None, str | None, int | None]:
    """(year, where it came from, month) of a date: as written, else from the publication date (the month
    or year it names relative to it, or the year that puts the date nearest it), else from a Gregorian
    year written with a Hijri or Jalali month (رمضان 2019)."""
    year, year_from, month = f.year, "text" if f.year is not None else None, f.month
    if published is not None and f.month_offset is not None:  # من الشهر المقبل
        shifted, month = shift_month(*in_calendar(f.calendar, published)[:2], f.month_offset)
        year, year_from = (year, year_from) if year is not None else (shifted, "published")
    if year is None and published is not None and f.year_offset is not None:  # السنة القادمة
        year, year_from = in_calendar(f.calendar, published)[0] + f.year_offset, "published"
    if year is None and f.gregorian_year is not None:  # رمضان 2019
        year, year_from = year_within(f.calendar, f.gregorian_year, month, f.day, f.rule), "text"
    if year is None and published is not None and (month is not None or f.rule):
        if f.weekday is not None and f.day is not None and f.direction is None:
            year = year_by_weekday(f.calendar, month, f.day, f.weekday, published)  # الخميس 15 أغسطس
        if year is None:
            year = nearest_year(f.calendar, month, f.day, published, f.direction, f.rule)
        year_from = "published" if year is not None else None
    return year, year_from, month


def _relative(span: dict, written: DateValue, f: SpottedDate, published: dt.date | None, w: Words, folded: str) -> TextDate:
    kind = f.relative[0]
    described = _describe_relative(f.relative)
    if published is None:
        return TextDate(**span, date=written, value=written.edtf, relative=described)
    if kind == "day":
        start = end = published + dt.timedelta(days=f.relative[1])
    elif kind == "unit":
        _, unit, offset = f.relative
        start, end = _units_from(published, f.calendar, unit, offset)
    elif kind == "week_day":  # الأحد من الأسبوع الماضي
        _, weekday, offset = f.relative
        start = end = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=offset, days=weekday)
    elif kind == "month_day":  # Sunday (19): the 19th of the month before, of or after publication, the nearest
        start = end = _nearest_month_day(published, f.relative[1])
    elif kind == "weekday_day":  # السبت السادس عشر: the 16th of the nearest month where it is a Saturday
        _, weekday, day = f.relative
        start = end = _day_with_weekday(published, day, weekday)
        if start is None:
            f = replace(f, relative=("weekday", weekday, None))
            return _relative(span, written, f, published, w, folded)
    else:  # weekday
        _, weekday, direction = f.relative
        inclusive = direction is None  # a weekday without a modifier may be the publication day itself
        if direction is None:
            direction = 1 if _future_context(folded, f.start, w) else -1
        start = end = _weekday_from(published, weekday, direction, inclusive)
    if start is None or end is None:
        return TextDate(**span, date=written, value=None, relative=described)
    notes = written.notes
    if f.weekday is not None and start == end and start.weekday() != f.weekday:
        notes = (*notes, f"written as {WEEKDAY_NAMES[f.weekday]}, but {start.isoformat()} is a {WEEKDAY_NAMES[start.weekday()]}")
    resolved = replace(written, start=start, end=end, year_from="published", notes=notes)
    return TextDate(**span, date=resolved, value=resolved.edtf, relative=described)


def _units_from(published: dt.date, calendar: str, unit: str, offset: int) -> tuple[dt.date | None, dt.date | None]:
    """The day, week (Monday to Sunday), month or year OFFSET units from the publication's; (None, None)
    where the calendar has no such month or year."""
    if unit == "day":
        day = published + dt.timedelta(days=offset)
        return day, day
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=offset)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        year, month, _ = in_calendar(calendar, published)
        year, month = shift_month(year, month, offset)
        return interval(calendar, year, month) or (None, None)
    year = in_calendar(calendar, published)[0] + offset
    return interval(calendar, year) or (None, None)


def _weekday_from(published: dt.date, weekday: int, direction: int, inclusive: bool) -> dt.date:
    """WEEKDAY of the publication's week (direction 0), the next one after it (1) or the last one before
    it (-1); the publication day itself when `inclusive` (a bare weekday: "will meet on Monday" written on a
    Monday is that day)."""
    if direction == 0:
        return published - dt.timedelta(days=published.weekday()) + dt.timedelta(days=weekday)
    if direction > 0:
        ahead = (weekday - published.weekday()) % 7
        return published + dt.timedelta(days=ahead or (0 if inclusive else 7))
    back = (published.weekday() - weekday) % 7
    if back == 0 and not inclusive:
        back = 7
    return published - dt.timedelta(days=back)


def _days_near(published: dt.date, day: int) -> list[tuple[int, dt.date]]:
    """DAY of the month before, of and after the publication's, each with its distance in days from it; a
    month without that day is left out."""
    near = []
    for offset in (-1, 0, 1):
        year, month = shift_month(published.year, published.month, offset)
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        near.append((abs((candidate - published).days), candidate))
    return near


def _nearest_month_day(published: dt.date, day: int) -> dt.date | None:
    """DAY of the month before, of or after the publication's, the nearest to it; None if none has it."""
    return min(_days_near(published, day), default=(0, None))[1]


def _day_with_weekday(published: dt.date, day: int, weekday: int) -> dt.date | None:
    """DAY of the month before, of or after the publication's that falls on WEEKDAY, the nearest; None if none does."""
    fitting = [(distance, d) for distance, d in _days_near(published, day) if d.weekday() == weekday]
    return min(fitting, default=(0, None))[1]


def _join_weekday_pairs(normalised: NormalisedText, found: list[SpottedDate], dates: list[TextDate], w: Words) -> tuple[list[SpottedDate], list[TextDate]]:
    """"يومي الخميس والجمعة", "Thursday and Friday": two weekdays joined by a range word are one span of days."""
    i = 0
    while i + 1 < len(dates):
        a, b = dates[i], dates[i + 1]
        between = normalised.text[found[i].end : found[i + 1].start]
        weekdays = found[i].relative and found[i].relative[0] == "weekday" and found[i + 1].relative and found[i + 1].relative[0] == "weekday"
        if weekdays and a.date_start and b.date_start and w.range_between.match(between) and 0 < (b.date_start - a.date_start).days < 7:
            dates[i] = replace(
                a, end=b.end, text=normalised.original[a.start : b.end], value=f"{a.value}/{b.value}",
                date=replace(a.date, end=b.date_end), relative=f"{a.relative} to {b.relative}",
            )
            del dates[i + 1], found[i + 1]
        i += 1
    return found, dates


def _describe_relative(relative: tuple) -> str:
    kind = relative[0]
    if kind == "day":
        return f"{relative[1]:+d} day"
    if kind == "unit":
        return f"{relative[2]:+d} {relative[1]}"
    if kind == "week_day":
        return f"{WEEKDAY_NAMES[relative[1]]} of week {relative[2]:+d}"
    if kind == "weekday_day":
        return f"{WEEKDAY_NAMES[relative[1]]} the {relative[2]}"
    if kind == "month_day":
        return f"the {relative[1]}"
    _, weekday, direction = relative
    word = {None: "", -1: "previous ", 0: "this ", 1: "next "}[direction]
    return f"{word}{WEEKDAY_NAMES[weekday]}"


def _future_context(folded: str, at: int, w: Words) -> bool:
    """Whether the sentence is about the future up to `at` (سوف يعقد ... الخميس, will meet on Thursday): a
    future word comes before it, after the last past reporting verb (Russia will suspend ..., Lavrov said on
    Monday). A future word after the weekday belongs to what was said that day (صرح الأربعاء أنه ينتظر أن)."""
    start = last_mark_end(SENTENCE_END, folded, 0, at)
    future = [m.end() for m in w.future.finditer(folded, start, at)]
    past = [m.end() for m in w.past.finditer(folded, start, at)]
    return bool(future) and (not past or max(future) > max(past))


DATE_LINE_MAX_WORDS = 12


_LETTERED_WORD = re.compile(r"[^\W\d_]+")


def is_mostly_date(folded_line: str, dates_in_line: list[TextDate], lang: str) -> bool:
    """A short line that is mostly a date: a dateline, a page header date, a related story's date. Only
    words with letters count: the digits of a date and its clock time (2/6/2022 09:45) are the date."""
    if not dates_in_line or len(_LETTERED_WORD.findall(folded_line)) > DATE_LINE_MAX_WORDS:
        return False
    full = any(d.grain == "day" and d.year_from == "text" for d in dates_in_line)
    return full or starts_with_dateline_word(folded_line, lang)
