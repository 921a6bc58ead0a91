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
relative.toml, compiled by checker/extract/date_words.py; calendar arithmetic is in date_arithmetic.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from checker.calendars.date_value import DateValue
from checker.calendars.tables import WEEKDAY_NAMES
from checker.extract import SENTENCE_ENDS, Spans
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
from checker.extract.date_words import Words, starts_with_dateline_word, words_of
from checker.grammar.dates import DateMatch, find_dates
from checker.grammar.durations import parse_duration
from checker.normalise.text import NormalisedText, phrase_key

_UNIT_DAYS = {"day": 1, "week": 7}


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


@dataclass
class _Found:
    start: int  # folded offsets
    end: int
    calendar: str
    grain: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    to: tuple[int | None, int | None, int | None] | None = None  # range end (year, month, day)
    open_end: bool = False  # since 2014
    relative: tuple | None = None  # ("day", k) | ("unit", unit, k) | ("weekday", wd, k) | ("month", cal, m, k)
    direction: int | None = None  # for a year-less date: -1 before, 0 in, 1 after the publication
    weekday: int | None = None
    approximate: bool = False
    tolerance_days: int = 0
    notes: tuple[str, ...] = ()
    error: str | None = None
    pair: int | None = None
    month_offset: int | None = None  # the month relative to the publication's (من الشهر المقبل)
    year_offset: int | None = None  # the year relative to the publication's (السنة القادمة)
    gregorian_year: int | None = None  # a Hijri or Jalali month or holiday named with a Gregorian year
    within: tuple | None = None  # a part of the month: ("weekday", n, wd) | ("week", n) | ("day", n) | ("part", name); n -1 = last
    rule: str | None = None  # a movable feast (easter)


def _from_grammar(normalised: NormalisedText, match: DateMatch) -> _Found:
    value = match.value
    start = normalised.to_folded(match.start)
    end = normalised.to_folded(match.end)
    if value is None:
        return _Found(start, end, "gregorian", "day", error=match.error)
    return _Found(
        start,
        end,
        value.calendar,
        value.grain,
        value.year,
        value.month,
        value.day,
        weekday=value.weekday,
        approximate=value.approximate,
        tolerance_days=value.tolerance_days,
        notes=value.notes,
    )


def _modifier_after(folded: str, end: int, w: Words) -> tuple[int, int] | None:
    """(offset, new end) of a modifier word right after a date (أكتوبر الجاري, نوفمبر المقبل)."""
    if not w.modifier_after:
        return None
    m = re.match(r"\s+([^\s,،.؛;:]+)", folded[end:])
    if m and phrase_key(m.group(1)) in w.modifiers:
        return w.modifiers[phrase_key(m.group(1))], end + m.end()
    return None


def _count_of(span: str, lang: str) -> tuple[int | None, str | None, int]:
    """(count, unit, index where the unit word ends) of a phrase like "3 أيام", "يومين", "two days"."""
    words = span.split()
    for n in range(len(words), 0, -1):
        found = parse_duration(" ".join(words[:n]), lang)
        if found is not None and float(found[0]).is_integer():
            return int(found[0]), found[1], len(" ".join(words[:n]))
    return None, None, 0


def find_text_dates(normalised: NormalisedText, lang: str, published: dt.date | None) -> list[TextDate]:
    """Every date in the text, resolved against `published` where it needs a reference."""
    return resolve_text_dates(normalised, spot_text_dates(normalised, lang), lang, published)


@dataclass(frozen=True)
class SpottedDates:
    """Where the dates of a text are and what they say, before any is resolved against a publication date:
    spotting does not depend on it, so a document is spotted once and resolved once per candidate date."""

    found: tuple[_Found, ...]
    pair_of: dict[int, int]  # index in `found` -> index of the same day written in another calendar


def spot_text_dates(normalised: NormalisedText, lang: str) -> SpottedDates:
    folded = normalised.text
    w = words_of(lang)
    grammar_matches = find_dates(normalised, lang)
    found = _grammar_dates(normalised, grammar_matches, w)
    weekday_hits = list(w.weekday_lead.finditer(folded))
    _join_pair_weekdays(folded, found, weekday_hits, w)

    dates = _Collected(found)
    for item in _month_constructions(folded, w):
        dates.add_over(item)
    _add_holidays(folded, w, dates)
    _add_weekday_constructions(folded, weekday_hits, w, dates)
    _add_year_ranges(folded, w, dates)
    _add_years_after_prepositions(folded, w, dates)
    _add_months_alone(folded, w, dates)
    _add_relative_phrases(folded, w, dates)
    _add_unit_phrases(folded, w, dates)
    _add_days_ago(folded, lang, w, dates)
    _add_weekdays_alone(folded, w, dates)

    everything = sorted(found + dates.extra, key=lambda f: (f.start, -(f.end - f.start)))
    # Pairs point at grammar match indices; re-point them at indices in `everything`.
    index_of = {id(f): i for i, f in enumerate(everything)}
    grammar_found = found[: len(grammar_matches)]
    pair_of = {
        index_of[id(f)]: index_of[id(grammar_found[f.pair])]
        for f in grammar_found
        if f.pair is not None and id(f) in index_of and id(grammar_found[f.pair]) in index_of
    }
    return SpottedDates(tuple(everything), pair_of)


def _grammar_dates(normalised: NormalisedText, grammar_matches: list[DateMatch], w: Words) -> list[_Found]:
    """The grammar's dates, joined into ranges and open ranges (since 2014), with the modifier or year
    written after them."""
    folded = normalised.text
    found: list[_Found] = [_from_grammar(normalised, m) for m in grammar_matches]
    for i, match in enumerate(grammar_matches):
        if match.paired_with is not None:
            found[i].pair = match.paired_with

    _merge_ranges(folded, found, w)
    for item in found:
        since = w.since.search(folded, max(0, item.start - 20), item.start)
        if since and item.grain == "year" and item.to is None:
            item.start, item.open_end = since.start("at"), True
        modifier = _modifier_after(folded, item.end, w)
        if item.year is None and modifier is not None:
            item.direction, item.end = modifier

    _join_year_tails(folded, found, w)
    return found


class _Collected:
    """The dates spotted so far: the grammar's (`found`, which later passes may replace) and those the
    passes after it add (`extra`), with the spans they take."""

    def __init__(self, found: list[_Found]):
        self.found = found
        self.extra: list[_Found] = []
        self.taken = Spans((f.start, f.end) for f in found)

    def add(self, item: _Found) -> None:
        """Add ITEM unless it overlaps a date already spotted."""
        if not self.taken.overlaps(item.start, item.end):
            self.extra.append(item)
            self.taken.add(item.start, item.end)

    def add_over(self, item: _Found) -> None:
        """Add ITEM in place of the dates it contains, when it says more than each (or they are errors)."""
        inside = [f for f in (*self.found, *self.extra) if f.start < item.end and item.start < f.end]
        if any(f.start < item.start or f.end > item.end or ((f.start, f.end) == (item.start, item.end) and f.error is None) for f in inside):
            return
        for f in inside:
            (self.found if any(f is g for g in self.found) else self.extra).remove(f)
            self.taken.remove(f.start, f.end)
        self.extra.append(item)
        self.taken.add(item.start, item.end)

    def drop_found(self, item: _Found) -> None:
        self.found.remove(item)
        self.taken.remove(item.start, item.end)


def _add_holidays(folded: str, w: Words, dates: _Collected) -> None:
    for m in w.holidays.finditer(folded):
        entry = w.holiday_of[phrase_key(m.group("h"))]
        item = _Found(m.start("at"), m.end(), entry.calendar, "day", month=entry.month, day=entry.day, rule=entry.rule)
        _apply_year_tail(item, w.year_tail.match(folded, m.end()), w)
        dates.add_over(item)


def _add_weekday_constructions(folded: str, weekday_hits: list[re.Match[str]], w: Words, dates: _Collected) -> None:
    """A weekday with what dates it: الأحد من الأسبوع الماضي, السبت 21/09, السبت السادس عشر."""
    for m in weekday_hits:
        weekday, at, end = w.weekdays[phrase_key(m.group("wd"))], m.start("at"), m.end()
        if week := w.weekday_week.match(folded, end):  # الأحد من الأسبوع الماضي
            offset = w.modifiers[phrase_key(week.group("mod"))] if week.group("mod") else 0 if week.group("this") else None
            if offset is not None:
                dates.add(_Found(at, week.end(), "gregorian", "day", relative=("week_day", weekday, offset)))
                continue
        if numeric := w.weekday_numeric.match(folded, end):  # السبت 21/09: the weekday dates the year
            a, b = int(numeric.group("a")), int(numeric.group("b"))
            day, month = (a, b) if w.day_first else (b, a)
            if 1 <= month <= 12 and 1 <= day <= 31:
                dates.add(_Found(at, numeric.end(), "gregorian", "day", month=month, day=day, weekday=weekday))
                continue
        if ordinal := w.weekday_day.match(folded, end):  # السبت السادس عشر: the 16th of a month near publication
            dates.add(_Found(at, ordinal.end(), "gregorian", "day", relative=("weekday_day", weekday, w.ordinals[phrase_key(ordinal.group("day"))])))


def _add_year_ranges(folded: str, w: Words, dates: _Collected) -> None:
    """2004–2012, ۱۳۸۳ تا ۱۳۹۱: one range in place of the years the grammar found in it."""
    for m in w.year_range.finditer(folded):
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        calendar = _year_calendar(w, y1)
        if 0 < y2 - y1 <= 100 and calendar == _year_calendar(w, y2):
            for f in [f for f in dates.found if f.start >= m.start() and f.end <= m.end()]:
                dates.drop_found(f)
            dates.add(_Found(m.start(), m.end(), calendar, "year", y1, to=(y2, None, None)))


def _add_years_after_prepositions(folded: str, w: Words, dates: _Collected) -> None:
    """في 2014, in 2014; after a since word an open range (از سال ۲۰۰۲)."""
    for m in w.year_after_prep.finditer(folded):
        year = int(m.group("year"))
        if not any(low <= year <= high for _, low, high in w.year_calendars):
            continue  # از ۲۵۰۰ خانواده: a number no outlet writes as a year
        calendar = _year_calendar(w, year)
        item = _Found(m.start("year"), m.end("year"), calendar, "year", year)
        if phrase_key(m.group("prep")) in w.since_words:
            item.start, item.open_end = m.start("at"), True
        dates.add(item)


def _add_months_alone(folded: str, w: Words, dates: _Collected) -> None:
    """A month after a preposition or with a modifier: في يناير, آذار الماضي, next November."""
    for m in w.month_alone.finditer(folded):
        name = m.group("month") or m.group("month_m")
        calendar, month = w.months[phrase_key(name)]
        modifier = m.group("mod") or m.groupdict().get("mod2")
        direction = w.modifiers.get(phrase_key(modifier)) if modifier else None
        start = m.start("month") if m.group("month") else m.start("at")
        dates.add(_Found(start, m.end(), calendar, "month", None, month, direction=direction))


def _add_relative_phrases(folded: str, w: Words, dates: _Collected) -> None:
    """اليوم, أمس, دیروز, yesterday, قبل أمس, the day before, with a weekday after them (أمس الأربعاء)."""
    # Longest phrase first: اليوم السابق is one day back, not اليوم and a stray word.
    phrase_hits = [(m, unit, offset) for pattern, unit, offset in w.phrases for m in pattern.finditer(folded)]
    phrase_hits += [
        (m, "day", w.day_offsets[phrase_key(m.group("w"))] + w.shift[phrase_key(m.group("dir"))])
        for m in w.shifted_phrases.finditer(folded)
        if w.day_offsets[phrase_key(m.group("w"))] == w.shift[phrase_key(m.group("dir"))]
    ]
    phrase_hits = [(m.start("at") if m.re is w.shifted_phrases else m.start("w"), m, unit, offset) for m, unit, offset in phrase_hits]
    phrase_hits.sort(key=lambda hit: (hit[0] - hit[1].end(), hit[0]))
    for start_at, m, unit, offset in phrase_hits:
        if _inside_short_quote(folded, m.start("w"), m.end("w")):
            continue  # «روسيا اليوم», a name in quotes
        weekday = None
        end = m.end()
        following = w.weekday_alone.match(folded, _skip_space(folded, end))
        if unit == "day" and following and (following.group("wd2") or following.group("wd1")):
            weekday = w.weekdays[phrase_key(following.group("wd2") or following.group("wd1"))]
            end = following.end()
        dates.add(_Found(start_at, end, w.unit_calendar if unit == "year" else "gregorian", unit if unit != "week" else "day", relative=("unit", unit, offset), weekday=weekday))


def _add_unit_phrases(folded: str, w: Words, dates: _Collected) -> None:
    """A unit of time with a modifier: الأسبوع الماضي, الشهر الجاري, العام المقبل, next week."""
    for m in w.unit_pattern.finditer(folded):
        unit = w.units[phrase_key(m.group("unit"))]
        if m.group("mod"):
            offset = w.modifiers[phrase_key(m.group("mod"))]
        elif m.groupdict().get("this"):
            offset = 0
        else:
            continue
        dates.add(_Found(m.start("at"), m.end(), w.unit_calendar if unit == "year" else "gregorian", unit if unit != "week" else "day", relative=("unit", unit, offset)))


def _add_days_ago(folded: str, lang: str, w: Words, dates: _Collected) -> None:
    """A count of days, weeks or months back: منذ يومين, ۳ روز پیش, two days ago."""
    for m in w.ago.finditer(folded):
        span_group = "span" if m.groupdict().get("span") is not None else "span2"
        span = m.group(span_group)
        if span_group == "span":
            count, unit, used = _count_of(span, lang)
            if count is None or unit not in ("day", "week", "month"):
                continue
            end = m.start("span") + used
            start = m.start("at")
        else:
            best = _count_at_end(span, lang)
            if best is None or best[1] not in ("day", "week", "month"):
                continue
            count, unit, used = best
            start, end = m.end("span2") - used, m.end()
        dates.add(_Found(start, end, "gregorian", "day" if unit != "month" else "month", relative=("unit", unit, -count) if unit == "month" else ("day", -count * _UNIT_DAYS[unit])))


def _count_at_end(span: str, lang: str) -> tuple[int, str, int] | None:
    """(count, unit, length) of the longest count of time (up to four words) that ends SPAN exactly."""
    words = span.split()
    best = None
    for n in range(1, min(4, len(words)) + 1):
        tail = " ".join(words[-n:])
        count, unit, used = _count_of(tail, lang)
        if count is not None and used == len(tail):
            best = (count, unit, len(tail))
    return best


def _add_weekdays_alone(folded: str, w: Words, dates: _Collected) -> None:
    """A weekday alone or with a modifier (الخميس, الأربعاء الماضي, next Monday)."""
    for m in w.weekday_alone.finditer(folded):
        name = m.group("wd2") or m.groupdict().get("wd1")
        if not name:
            continue
        direction = w.modifiers.get(phrase_key(m.group("mod"))) if m.group("mod") else None
        dates.add(_Found(m.start("at"), m.end(), "gregorian", "day", relative=("weekday", w.weekdays[phrase_key(name)], direction)))


def resolve_text_dates(normalised: NormalisedText, spotted: SpottedDates, lang: str, published: dt.date | None) -> list[TextDate]:
    """The spotted dates as TextDates, the relative and year-less ones resolved against `published`."""
    w = words_of(lang)
    dates = [_finish(normalised, f, published, w) for f in spotted.found]
    kept, dates = _join_weekday_pairs(normalised, list(spotted.found), dates, w)
    if spotted.pair_of:  # joining weekdays shifts indices
        index_now = {id(f): i for i, f in enumerate(kept)}
        for before, partner in spotted.pair_of.items():
            here, there = index_now.get(id(spotted.found[before])), index_now.get(id(spotted.found[partner]))
            if here is not None and there is not None:
                dates[here] = replace(dates[here], pair=there)
    return dates


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t،,":
        index += 1
    return index


_QUOTES = {"«": "»", "“": "”", '"': '"', "„": "“"}


def _inside_short_quote(text: str, start: int, end: int) -> bool:
    """Whether [start, end) sits inside a quotation of at most three words: a name, not speech."""
    left = max((text.rfind(q, max(0, start - 30), start), q) for q in _QUOTES)
    if left[0] < 0:
        return False
    close = text.find(_QUOTES[left[1]], end, end + 30)
    return close >= 0 and len(text[left[0] + 1 : close].split()) <= 3


def _apply_year_tail(item: _Found, tail: re.Match[str] | None, w: Words, bare: bool = True) -> bool:
    """Give ITEM the year written after it (من عام 2014, لعام 2014, السنة القادمة); whether there was one.

    A Gregorian year after a Hijri or Jalali month or holiday (رمضان 2019) names the one in that year."""
    if tail is None or (tail.group("y2") and not bare):
        return False
    if tail.group("y1") or tail.group("y2"):
        year = int(tail.group("y1") or tail.group("y2"))
        if not any(low <= year <= high for _, low, high in w.year_calendars):
            return False
        written = _year_calendar(w, year)
        if written != item.calendar and written == "gregorian":
            item.gregorian_year = year
        else:
            item.year = year
    elif tail.groupdict().get("ymod"):
        item.year_offset = w.modifiers[phrase_key(tail.group("ymod"))]
    elif tail.groupdict().get("this"):
        item.year_offset = 0
    else:
        return False
    item.end = tail.end()
    return True


def _join_year_tails(folded: str, found: list[_Found], w: Words) -> None:
    """A year joined to the date before it by a word (الثلاثاء 3 أيلول من عام 2014): one date, not two."""
    for item in found:
        if item.error is None and item.month is not None and item.year is None and item.to is None:
            if _apply_year_tail(item, w.year_tail.match(folded, item.end), w, bare=False):
                for other in [f for f in found if f is not item and item.start <= f.start and f.end <= item.end]:
                    found.remove(other)


def _join_pair_weekdays(folded: str, found: list[_Found], weekday_hits: list[re.Match[str]], w: Words) -> None:
    """يوم الأحد الموافق 5 مارس: the weekday belongs to the date the pair link introduces."""
    starts = {f.start: f for f in found if f.error is None and f.weekday is None and f.grain == "day"}
    for m in weekday_hits:
        link = w.weekday_pair.match(folded, m.end())
        if link and link.end() > m.end() and link.end() in starts:
            item = starts[link.end()]
            item.start, item.weekday = m.start("at"), w.weekdays[phrase_key(m.group("wd"))]


def _month_constructions(folded: str, w: Words) -> list[_Found]:
    """Dates built around a month: أول اثنين من مارس, الأسبوع الأخير من أيلول, اليوم الثالث من شهر عشرة,
    أواخر آذار, 27-29 من الشهر الثامن, تموز 13 إلى 15, مارس من عام 2019, رمضان 2019."""
    items = []
    for m in w.month_ref.finditer(folded):
        name, number = m.group("name"), m.group("num")
        calendar, month, month_offset = "gregorian", None, None
        if name:
            calendar, month = w.months[phrase_key(name)]
        elif number:
            month = int(number) if number.isdigit() else w.month_numbers[phrase_key(number)]
            if not 1 <= month <= 12:
                continue
        elif m.groupdict().get("mod") or m.groupdict().get("this"):
            month_offset = w.modifiers[phrase_key(m.group("mod"))] if m.group("mod") else 0
        else:
            continue
        item = _Found(m.start("at"), m.end(), calendar, "day", month=month, month_offset=month_offset)
        ref_start = m.start()  # before any attached letter: بشهر, بأيلول
        said = False  # whether anything beyond the month itself was read
        days = w.after_month.match(folded, m.end()) if name else None
        if days and int(days.group("a1")) < int(days.group("a2")) <= 31:  # تموز 13 إلى 15
            item.day, item.to, item.end, said = int(days.group("a1")), (None, None, int(days.group("a2"))), days.end(), True
        before = None if days else w.before_month.search(folded, max(0, ref_start - 80), ref_start)
        if before:
            said = _read_before_month(before, item, w, by_name=bool(name))
        year_written = _apply_year_tail(item, w.year_tail.match(folded, item.end), w)
        modifier = None if year_written or month_offset is not None else _modifier_after(folded, item.end, w)
        if modifier is not None:  # منتصف نوفمبر المقبل
            item.direction, item.end = modifier
        if not said and not year_written:
            continue  # a month alone: month_alone decides
        if item.day is None and item.within is None:
            item.grain = "month"
        if month_offset is not None and not said:
            continue  # الشهر المقبل alone is the unit phrases' job
        items.append(item)
    return items


def _read_before_month(before: re.Match[str], item: _Found, w: Words, by_name: bool) -> bool:
    """Fill ITEM from what stands before its month; False when that is not a date construction."""
    g = before.groupdict()
    weekday_of = lambda name: w.weekdays[phrase_key(name)]  # noqa: E731
    nth_of = lambda word: -1 if phrase_key(word) in w.last_words else w.ordinals[phrase_key(word)]  # noqa: E731
    day_of = lambda word: int(word) if word.isdigit() else w.ordinals[phrase_key(word)]  # noqa: E731
    joined = g.get("link") is not None and phrase_key(g["link"]) in w.joiners
    if g.get("part"):
        item.within = ("part", w.parts[phrase_key(g["part"])])
    elif g.get("n1"):
        item.within = ("weekday", nth_of(g["n1"]), weekday_of(g["wd1"]))
    elif g.get("n2"):
        item.within = ("weekday", -1, weekday_of(g["wd2"]))
    elif g.get("n3") or g.get("n4"):
        item.within = ("week", nth_of(g["n3"] or g["n4"]))
    elif g.get("d1"):
        last = phrase_key(g["d1"]) in w.last_words
        if g.get("dw") or g.get("dw2"):  # اليوم الثالث, آخر يوم: a month name may take them from the grammar
            if g.get("wd3") or g.get("d2"):
                return False
            if last:
                item.within = ("day", -1)
            else:
                item.day = day_of(g["d1"])
        elif by_name or not joined or last:
            return False  # with a month name the date grammar reads it; without من it is a count and a month
        else:
            item.day = day_of(g["d1"])
            if g.get("wd3"):
                item.weekday = weekday_of(g["wd3"])
            if g.get("d2"):
                item.to = (None, None, day_of(g["d2"]))
    else:
        return False
    item.start = before.start("at")
    return True


def _year_calendar(w: Words, year: int) -> str:
    for calendar, low, high in w.year_calendars:
        if low <= year <= high:
            return calendar
    return "gregorian"


def _merge_ranges(folded: str, found: list[_Found], w: Words) -> None:
    """Join "13 - 15 تموز", "من 13 إلى 15 تموز" and "13 July to 15 July" into one range."""
    i = 0
    while i < len(found):
        item = found[i]
        if item.grain == "day" and item.error is None:
            before = w.range_before.search(folded, max(0, item.start - 45), item.start)
            first = before and _day_number(before.group("d1"), w)
            if before and before.end() == item.start and first < (item.day or 0):
                item.to = (item.year, item.month, item.day)
                item.day = first
                item.start = before.start()
            elif i + 1 < len(found):
                nxt = found[i + 1]
                between = folded[item.end : nxt.start]
                if (
                    nxt.grain == "day"
                    and nxt.error is None
                    and nxt.calendar == item.calendar
                    and w.range_between.match(between)
                    and item.pair is None
                    and (item.month, item.day) < (nxt.month, nxt.day)
                ):
                    item.to = (nxt.year, nxt.month, nxt.day)
                    item.year = item.year or nxt.year
                    item.end = nxt.end
                    del found[i + 1]
        i += 1


def _day_number(word: str, w: Words) -> int:
    return int(word) if word.isdigit() else w.ordinals.get(phrase_key(word), 0)


def _finish(normalised: NormalisedText, f: _Found, published: dt.date | None, w: Words) -> TextDate:
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


def _year_and_month(f: _Found, published: dt.date | None) -> tuple[int | None, str | None, int | None]:
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


def _relative(span: dict, written: DateValue, f: _Found, published: dt.date | None, w: Words, folded: str) -> TextDate:
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
    it (-1, the publication day itself when `inclusive`)."""
    if direction == 0:
        return published - dt.timedelta(days=published.weekday()) + dt.timedelta(days=weekday)
    if direction > 0:
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    back = (published.weekday() - weekday) % 7
    if back == 0 and not inclusive:
        back = 7
    return published - dt.timedelta(days=back)


def _day_with_weekday(published: dt.date, day: int, weekday: int) -> dt.date | None:
    """DAY of the month before, of or after the publication's that falls on WEEKDAY, the nearest; None if none does."""
    fitting = []
    for offset in (-1, 0, 1):
        year, month = shift_month(published.year, published.month, offset)
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate.weekday() == weekday:
            fitting.append((abs((candidate - published).days), candidate))
    return min(fitting)[1] if fitting else None


def _join_weekday_pairs(normalised: NormalisedText, found: list[_Found], dates: list[TextDate], w: Words) -> tuple[list[_Found], list[TextDate]]:
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
    _, weekday, direction = relative
    word = {None: "", -1: "previous ", 0: "this ", 1: "next "}[direction]
    return f"{word}{WEEKDAY_NAMES[weekday]}"


def _future_context(folded: str, at: int, w: Words) -> bool:
    """Whether the sentence is about the future up to `at` (سوف يعقد ... الخميس, will meet on Thursday): a
    future word comes before it, after the last past reporting verb (Russia will suspend ..., Lavrov said on
    Monday). A future word after the weekday belongs to what was said that day (صرح الأربعاء أنه ينتظر أن)."""
    start = max(folded.rfind(ch, 0, at) for ch in SENTENCE_ENDS) + 1
    future = [m.end() for m in w.future.finditer(folded, start, at)]
    past = [m.end() for m in w.past.finditer(folded, start, at)]
    return bool(future) and (not past or max(future) > max(past))


DATE_LINE_MAX_WORDS = 12


def is_mostly_date(folded_line: str, words: int, dates_in_line: list[TextDate], lang: str) -> bool:
    """A short line that is mostly a date: a dateline, a page header date, a related story's date."""
    if not dates_in_line or words > DATE_LINE_MAX_WORDS:
        return False
    full = any(d.grain == "day" and d.year_from == "text" for d in dates_in_line)
    return full or starts_with_dateline_word(folded_line, lang)
