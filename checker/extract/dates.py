"""Dates in running text, on top of the foundation's date grammar (checker/normalise/dates.py):

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
relative.toml.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from checker.errors import InvalidDate
from checker.extract import clitic_pattern, overlaps
from checker.lang import table
from checker.normalise import calendars
from checker.normalise.conversion import WEEKDAY_NAMES
from checker.normalise.dates import DateMatch, find_dates
from checker.normalise.numbers import ordinal_day_words, parse_duration
from checker.normalise.text import NormalisedText, alternation, phrase_key

_UNIT_DAYS = {"day": 1, "week": 7}


@dataclass(frozen=True)
class TextDate:
    """One date fact: its original span and value. `start`/`end` of the interval are Gregorian, inclusive."""

    start: int
    end: int
    text: str
    calendar: str
    grain: str
    value: str | None  # EDTF; None when the written date does not exist (see `notes`)
    date_start: dt.date | None
    date_end: dt.date | None
    year_from: str | None
    weekday: int | None = None  # the weekday written with it
    approximate: bool = False
    tolerance_days: int = 0
    relative: str | None = None  # how a relative date was written: "-1 day", "previous Monday", ...
    pair: int | None = None  # index of the same day written in another calendar
    notes: tuple[str, ...] = ()



# ---------------------------------------------------------------------------------------------
# Tables, compiled once per language.


@dataclass(frozen=True)
class _Words:
    clitic: str  # regex of letters attached in front of a word
    phrases: tuple[tuple[re.Pattern[str], str, int], ...]  # pattern, unit, offset
    unit_pattern: re.Pattern[str]  # unit with a modifier or demonstrative
    units: dict[str, str]  # folded unit word -> unit
    modifiers: dict[str, int]  # folded modifier -> offset
    modifier_after: bool
    ago: re.Pattern[str]
    weekday_alone: re.Pattern[str]
    weekdays: dict[str, int]
    month_alone: re.Pattern[str]
    months: dict[str, tuple[str, int]]
    year_after_prep: re.Pattern[str]
    year_range: re.Pattern[str]
    since: re.Pattern[str]
    since_words: frozenset[str]
    range_before: re.Pattern[str]
    range_between: re.Pattern[str]
    future: re.Pattern[str]
    past: re.Pattern[str]
    unit_calendar: str
    dateline_words: re.Pattern[str]
    year_calendars: tuple[tuple[str, int, int], ...]
    shifted_phrases: re.Pattern[str]  # قبل أمس, اليوم الذي بعد الغد: a ±1 day phrase one day further
    shift: dict[str, int]  # folded before/after word -> -1/+1
    day_offsets: dict[str, int]  # folded day phrase -> offset
    month_ref: re.Pattern[str]  # a month by name, by number after شهر, or relative (الشهر المقبل)
    before_month: re.Pattern[str]  # what a construction puts before the month, ending where it starts
    after_month: re.Pattern[str]  # a day range after a month name (تموز 13 إلى 15)
    year_tail: re.Pattern[str]  # a year after a month (من عام 2014, لعام 2014, السنة القادمة)
    month_numbers: dict[str, int]  # folded number word -> month
    ordinals: dict[str, int]  # folded ordinal day word -> day
    last_words: frozenset[str]
    parts: dict[str, str]  # folded part-of-month word -> early, middle, late
    joiners: frozenset[str]  # words between a day and its month (من)
    weekday_lead: re.Pattern[str]  # a weekday with its prefix word, where weekday constructions start
    weekday_week: re.Pattern[str]  # after a weekday: a relative week (الأسبوع الماضي)
    weekday_day: re.Pattern[str]  # after a weekday: an ordinal day without a month (السادس عشر)
    weekday_numeric: re.Pattern[str]  # after a weekday: day/month without a year (21/09)
    weekday_pair: re.Pattern[str]  # after a weekday: a pair link before the date it names (الموافق)
    holidays: re.Pattern[str]
    holiday_of: dict[str, dict]  # folded holiday name -> its table entry
    day_first: bool  # a/b is day/month


@lru_cache(maxsize=None)
def words_of(lang: str) -> _Words:
    dates, relative = table(lang, "dates"), table(lang, "relative")
    date_words = dates.get("date_words", {})
    clitic = clitic_pattern(lang)
    start = rf"(?<!\w){clitic}(?P<at>)"  # `at`: where the word starts, after any attached letters

    phrases = tuple(
        (re.compile(f"{start}(?P<w>{alternation(entry['words'])})(?!\\w)"), entry["unit"], int(entry["offset"]))
        for entry in relative.get("phrases", [])
    )
    units = {phrase_key(w): unit for unit, spellings in relative.get("units", {}).items() if unit != "calendar" for w in spellings}
    mods = relative.get("modifiers", {})
    modifiers = {
        phrase_key(w): offset
        for name, offset in (("previous", -1), ("current", 0), ("next", 1))
        for w in mods.get(name, [])
    }
    after = mods.get("position", "after") == "after"
    unit_words = alternation(w for unit, ws in relative.get("units", {}).items() if unit != "calendar" for w in ws)
    modifier_words = alternation(k for name in ("previous", "current", "next") for k in mods.get(name, []))
    this_words = alternation(mods.get("this", []))
    if after:
        unit_source = f"{start}(?:(?P<this>{this_words})\\s+)?(?P<unit>{unit_words})(?:\\s+(?P<mod>{modifier_words}))?(?!\\w)"
    else:
        unit_source = f"{start}(?P<mod>{modifier_words})\\s+(?P<unit>{unit_words})(?!\\w)"

    offsets = relative.get("offsets", {})
    ago_parts = []
    if offsets.get("ago_before"):
        ago_parts.append(f"{start}(?P<ago>{alternation(offsets['ago_before'])})\\s+(?P<span>[^\\s.،,؛;]+(?:\\s+[^\\s.،,؛;]+){{0,3}})")
    if offsets.get("ago_after"):
        ago_parts.append(f"(?<!\\w)(?P<span2>[^\\n.،,؛;]{{1,30}}?)\\s+(?P<ago2>{alternation(offsets['ago_after'])})(?!\\w)")
    ago = re.compile("|".join(ago_parts) or "(?!)")

    weekday_groups = dates.get("weekdays", {}).get("names", [])
    weekdays = {phrase_key(s): i for i, group in enumerate(weekday_groups) for s in group}
    prefixes = alternation(date_words.get("weekday_prefixes", []))
    standalone = alternation(group[0] for group in weekday_groups)
    any_weekday = alternation(s for group in weekday_groups for s in group)
    weekday_alone = re.compile(
        f"{start}(?:(?P<prefix>{prefixes})\\s*(?P<wd1>{any_weekday})|(?P<wd2>{standalone}))(?!\\w)"
        + (f"(?:\\s+(?P<mod>{modifier_words})(?!\\w))?" if after else ""),
    )
    if not after:
        weekday_alone = re.compile(f"{start}(?:(?P<mod>{modifier_words})\\s+)?(?:(?P<wd2>{standalone}))(?!\\w)")

    ambiguous = {phrase_key(w) for w in date_words.get("ambiguous_months", [])}
    months: dict[str, tuple[str, int]] = {}
    for entry in dates.get("months", []):
        for index, spellings in enumerate(entry["names"]):
            for spelling in spellings:
                months.setdefault(phrase_key(spelling), (entry["calendar"], index + 1))
    safe_months = alternation(s for e in dates.get("months", []) for group in e["names"] for s in group if phrase_key(s) not in ambiguous)
    all_months = alternation(s for e in dates.get("months", []) for group in e["names"] for s in group)
    month_preps = alternation(date_words.get("month_prepositions", []))
    month_tail = f"(?:\\s*/\\s*{all_months})?"  # نوفمبر/تشرين الثاني: one month in two names
    if after:
        month_source = (
            f"{start}(?:(?P<prep>{month_preps})\\s+(?:{alternation(date_words.get('month_prefixes', []))}\\s+)?(?P<month>{safe_months}){month_tail}(?:\\s+(?P<mod2>{modifier_words}))?"
            f"|(?P<month_m>{all_months}){month_tail}\\s+(?P<mod>{modifier_words}))(?!\\w)"
        )
    else:
        month_source = (
            f"{start}(?:(?P<mod>{modifier_words})\\s+(?P<month_m>{all_months})"
            f"|(?P<prep>{month_preps})\\s+(?P<month>{safe_months}))(?!\\w)(?!\\s*\\d)"
        )

    year_preps = alternation(date_words.get("year_prepositions", []))
    year_prefixes = alternation(date_words.get("year_prefixes", []))
    year_after_prep = re.compile(
        f"{start}(?P<prep>{year_preps})\\s+(?:{year_prefixes}\\s*)?(?P<year>(?<!\\d)\\d{{4}})(?!\\d|\\s*%|\\s*[:/.\\-]\\d)"
    )
    links = alternation(date_words.get("range_links", []))
    openers = alternation(date_words.get("range_openers", []))
    year_range = re.compile(
        f"(?<![\\w/.\\-])(?:(?:{openers})\\s+)?(?:{year_prefixes}\\s*)?(?P<y1>\\d{{4}})\\s*(?:[-–—]|\\s(?:{links})\\s)\\s*(?:{year_prefixes}\\s*)?(?P<y2>\\d{{4}})(?![\\d/.\\-]\\d)"
    )
    since = re.compile(f"{start}(?:{alternation(date_words.get('since', []))})\\s+$")
    since_words = frozenset(phrase_key(s) for s in date_words.get("since", []))
    ordinal_words = ordinal_day_words(lang)  # spelled with their spaces, for patterns; lookups go by phrase_key
    day_ord = alternation(ordinal_words)
    # The first day of a range, in digits or an ordinal word (من الثالث والعشرين وحتى السادس والعشرين).
    range_before = re.compile(
        f"(?:(?<!\\w)(?:{openers})\\s+)?(?<!\\w)(?P<d1>\\d{{1,2}}|{day_ord})\\s*(?:[-–—]|\\s{clitic}(?:{links})\\s)\\s*$"
    )
    range_between = re.compile(f"^\\s*(?:[-–—]|(?:{links}))\\s*$")
    tense = relative.get("tense", {})
    future, past = (re.compile(f"(?<!\\w){clitic}(?:{alternation(tense.get(name, []))})(?!\\w)") for name in ("future", "past"))
    dateline_words = re.compile(f"^\\W*(?:{alternation(date_words.get('dateline_words', []))})(?!\\w)")

    # Day phrases shifted by one more day (قبل أمس = -2): only the ±1 phrases, in their own direction.
    shift_words = relative.get("day_shift", {})
    shift = {phrase_key(x): -1 for x in shift_words.get("before", [])} | {phrase_key(x): 1 for x in shift_words.get("after", [])}
    day_offsets = {phrase_key(x): int(e["offset"]) for e in relative.get("phrases", []) if e["unit"] == "day" for x in e["words"]}
    ones = alternation(x for e in relative.get("phrases", []) if e["unit"] == "day" and abs(int(e["offset"])) == 1 for x in e["words"])
    shifted_phrases = re.compile(
        f"{start}(?:{alternation(shift_words.get('lead', []))}\\s*)?(?P<dir>{alternation(shift)})\\s+(?P<w>{ones})(?!\\w)" if shift else "(?!)"
    )

    # Constructions around a month: the month by name, by number after شهر, or relative to publication.
    ordinals = {phrase_key(k): v for k, v in ordinal_words.items()}
    cardinals = table(lang, "numbers").get("cardinals", {})
    number_words = {k: v for k, v in cardinals.items() if isinstance(v, int) and 1 <= v <= 12}
    number_words |= {k: v for k, v in ordinal_words.items() if v <= 12}
    month_numbers = {phrase_key(k): v for k, v in number_words.items()}
    month_units = alternation(x for x in relative.get("units", {}).get("month", []))
    number_prefixes = alternation(date_words.get("month_number_prefixes", []))
    month_ref = re.compile(
        f"{start}(?:(?P<numpre>{number_prefixes})\\s+(?P<num>\\d{{1,2}}(?![\\d/.:])|{alternation(number_words)})(?!\\w)"
        f"|(?:{alternation(date_words.get('month_prefixes', []))}\\s*)?(?P<name>{all_months})(?!\\w)"
        + (f"|(?:(?P<this>{this_words})\\s+)?(?P<unit>{month_units})(?:\\s+(?P<mod>{modifier_words}))?(?!\\w)" if after else "")
        + ")"
    )
    last_words = alternation(date_words.get("last_words", []))
    small = alternation(k for k, v in ordinal_words.items() if v <= 5)
    nth = f"(?:{small}|{last_words})"
    day_number = f"(?:\\d{{1,2}}(?![\\d/.:])|{day_ord})"
    day_words = alternation(date_words.get("day_words", []))
    week_words = alternation(date_words.get("week_words", []))
    parts = {
        phrase_key(x): part for part in ("early", "middle", "late") for x in date_words.get(f"month_{part}", [])
    }
    links = alternation(date_words.get("month_links", []))
    range_words = alternation(date_words.get("range_links", []))
    range_sep = f"(?:\\s*[-–—]\\s*|\\s+{clitic}(?:{range_words})\\s+)"
    before_month = re.compile(
        f"(?<!\\w){clitic}(?P<at>)(?:(?P<part>{alternation(parts)})\\s+"  # أوائل مارس; never "بداية من": that is "starting from"
        f"|(?:(?P<n1>{nth})\\s+(?:{day_words}\\s+)?(?P<wd1>{any_weekday})"  # أول اثنين, ثالث يوم ثلاثاء
        f"|(?:{prefixes}\\s+)?(?P<wd2>{any_weekday})\\s+(?P<n2>{last_words})"  # الاثنين الأخير
        f"|(?P<n3>{nth})\\s+(?P<wk1>{week_words})|(?P<wk2>{week_words})\\s+(?P<n4>{nth})"  # أول أسبوع, الأسبوع الأخير
        # One slot for a day: الثلاثاء التاسع عشر, اليوم الثالث, ثالث يوم, اليوم الأخير, 27-29 (من الشهر الثامن)
        f"|(?:(?:{prefixes}\\s+)?(?P<wd3>{any_weekday})\\s+|(?P<dw>{day_words})\\s+)?"
        f"(?P<d1>{day_number}|{last_words})(?:{range_sep}(?P<d2>{day_number}))?(?:\\s+(?P<dw2>{day_words}))?"
        f")\\s+(?:(?P<link>{links})\\s+)?)$"
    )
    after_month = re.compile(f"\\s+(?P<a1>\\d{{1,2}}){range_sep}(?P<a2>\\d{{1,2}})(?![\\d/.:])")
    year_words = alternation(x for x in relative.get("units", {}).get("year", []))
    year_tail = re.compile(
        f"\\s*[,،]?\\s*(?:(?P<ylink>{alternation(date_words.get('year_links', []))})\\s+)?{clitic}"
        f"(?:(?:{year_prefixes})\\s*(?P<y1>\\d{{4}})(?![\\d%])"
        + (f"|(?:(?P<this>{this_words})\\s+)?(?P<yunit>{year_words})(?:\\s+(?P<ymod>{modifier_words}))?(?!\\w)" if after else "")
        + r")|\s+(?P<y2>\d{4})(?![\d%/.:\-])"
    )

    weekday_lead = re.compile(f"{start}(?:(?:{prefixes})\\s*)?(?P<wd>{any_weekday})(?!\\w)")
    week_units = alternation(x for x in relative.get("units", {}).get("week", []))
    weekday_week = re.compile(
        f"\\s+(?:(?:{links})\\s+)?(?:(?P<this>{this_words})\\s+)?(?P<unit>{week_units})(?:\\s+(?P<mod>{modifier_words}))?(?!\\w)"
        if after else "(?!)"
    )
    sequence = alternation(date_words.get("sequence_words", []))
    weekday_day = re.compile(f"\\s+(?P<day>{day_ord})(?!\\w)(?!\\s+(?:{sequence})(?!\\w))")
    weekday_numeric = re.compile(r"\s*[,،]?\s*(?P<a>\d{1,2})\s*/\s*(?P<b>\d{1,2})(?![\d/]|[.\-]\d)")
    weekday_pair = re.compile(f"\\s*[,،]?\\s*(?:{alternation(date_words.get('pair_links', []))})\\s*")

    holiday_of = {phrase_key(x): entry for entry in table(lang, "holidays").get("holidays", []) for x in entry["names"]}
    holidays = re.compile(f"{start}(?P<h>{alternation(x for e in table(lang, 'holidays').get('holidays', []) for x in e['names'])})(?!\\w)")
    return _Words(
        clitic=clitic,
        phrases=phrases,
        unit_pattern=re.compile(unit_source),
        units=units,
        modifiers=modifiers,
        modifier_after=after,
        ago=ago,
        weekday_alone=weekday_alone,
        weekdays=weekdays,
        month_alone=re.compile(month_source),
        months=months,
        year_after_prep=year_after_prep,
        year_range=year_range,
        since=since,
        since_words=since_words,
        range_before=range_before,
        range_between=range_between,
        future=future,
        past=past,
        unit_calendar=relative.get("units", {}).get("calendar", "gregorian"),
        dateline_words=dateline_words,
        year_calendars=tuple((r["calendar"], int(r["from"]), int(r["to"])) for r in dates.get("year_calendars", [])),
        shifted_phrases=shifted_phrases,
        shift=shift,
        day_offsets=day_offsets,
        month_ref=month_ref,
        before_month=before_month,
        after_month=after_month,
        year_tail=year_tail,
        month_numbers=month_numbers,
        ordinals=ordinals,
        last_words=frozenset(phrase_key(x) for x in date_words.get("last_words", [])),
        parts=parts,
        joiners=frozenset(phrase_key(x) for x in date_words.get("day_month_joiners", [])),
        weekday_lead=weekday_lead,
        weekday_week=weekday_week,
        weekday_day=weekday_day,
        weekday_numeric=weekday_numeric,
        weekday_pair=weekday_pair,
        holidays=holidays,
        holiday_of=holiday_of,
        day_first=date_words.get("numeric_order", "DMY") != "MDY",
    )


def starts_with_dateline_word(folded_line: str, lang: str) -> bool:
    return bool(words_of(lang).dateline_words.match(folded_line))


# ---------------------------------------------------------------------------------------------
# Calendar arithmetic on the publication date.


def _in_calendar(calendar: str, day: dt.date) -> tuple[int, int, int]:
    cell = calendars.day_in_all_calendars(day)
    return {"gregorian": cell.gregorian, "hijri": cell.hijri, "jalali": cell.jalali}[calendar]


def _interval(calendar: str, year: int, month: int | None = None, day: int | None = None) -> tuple[dt.date, dt.date] | None:
    try:
        found = calendars.to_interval(calendar, year, month, day)
    except InvalidDate:
        return None
    return found.start, found.end


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _nearest_year(calendar: str, month: int | None, day: int | None, reference: dt.date, direction: int | None, rule: str | None = None) -> int | None:
    """The year that puts (month, day) nearest the reference, or the next/previous/current occurrence."""
    year, ref_month, _ = _in_calendar(calendar, reference)
    if direction == 0:
        return year
    candidates = []
    for y in (year - 1, year, year + 1):
        span = _easter(y) if rule == "easter" else _interval(calendar, y, month, day)
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


def _year_by_weekday(calendar: str, month: int, day: int, weekday: int, reference: dt.date) -> int | None:
    """Of the years around the reference, the nearest where (month, day) falls on the weekday written with it."""
    year = _in_calendar(calendar, reference)[0]
    fitting = []
    for y in (year - 1, year, year + 1):
        span = _interval(calendar, y, month, day)
        if span is not None and span[0].weekday() == weekday:
            fitting.append((abs((span[0] - reference).days), y))
    return min(fitting)[1] if fitting else None


def _year_within(calendar: str, gregorian_year: int, month: int | None, day: int | None, rule: str | None) -> int | None:
    """The year of CALENDAR whose (month, day) begins in GREGORIAN_YEAR (the first, if two do)."""
    if calendar == "gregorian" or rule:
        return gregorian_year
    try:
        first = _in_calendar(calendar, dt.date(gregorian_year, 1, 1))[0]
    except InvalidDate:
        return None
    for y in (first, first + 1):
        span = _interval(calendar, y, month, day)
        if span is not None and span[0].year == gregorian_year:
            return y
    return None


def _easter(year: int) -> tuple[dt.date, dt.date]:
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


def _within_month(span: tuple[dt.date, dt.date], within: tuple) -> tuple[tuple[dt.date, dt.date] | None, bool, int]:
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


def _edtf(calendar: str, grain: str, start: dt.date, end: dt.date, approximate: bool = False) -> str:
    mark = "~" if approximate else ""
    if grain == "day" and start == end:
        return start.isoformat() + mark
    if calendar == "gregorian" and grain == "month":
        return start.isoformat()[:7] + mark
    if calendar == "gregorian" and grain == "year":
        return f"{start.year:04d}" + mark
    return f"{start.isoformat()}{mark}/{end.isoformat()}{mark}"


def _unknown(calendar: str, year: int | None, month: int | None, day: int | None) -> str:
    parts = ["XXXX" if year is None else f"{year:04d}"]
    parts += [f"{month:02d}"] if month else (["XX"] if day else [])
    parts += [f"{day:02d}"] if day else []
    return "-".join(parts)


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


def _modifier_after(folded: str, end: int, w: _Words) -> tuple[int, int] | None:
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
    weekday_hits = list(w.weekday_lead.finditer(folded))
    _join_pair_weekdays(folded, found, weekday_hits, w)

    taken = [(f.start, f.end) for f in found]
    extra: list[_Found] = []

    def add(item: _Found) -> None:
        if not overlaps(item.start, item.end, taken):
            extra.append(item)
            taken.append((item.start, item.end))

    def add_over(item: _Found) -> None:
        """Add ITEM in place of the dates it contains, when it says more than each (or they are errors)."""
        inside = [f for f in (*found, *extra) if f.start < item.end and item.start < f.end]
        if any(f.start < item.start or f.end > item.end or ((f.start, f.end) == (item.start, item.end) and f.error is None) for f in inside):
            return
        for f in inside:
            (found if any(f is g for g in found) else extra).remove(f)
            taken.remove((f.start, f.end))
        extra.append(item)
        taken.append((item.start, item.end))

    for item in _month_constructions(folded, w):
        add_over(item)
    for m in w.holidays.finditer(folded):
        entry = w.holiday_of[phrase_key(m.group("h"))]
        item = _Found(m.start("at"), m.end(), entry["calendar"], "day", month=entry.get("month"), day=entry.get("day"), rule=entry.get("rule"))
        _apply_year_tail(item, w.year_tail.match(folded, m.end()), w)
        add_over(item)
    for m in weekday_hits:
        weekday, at, end = w.weekdays[phrase_key(m.group("wd"))], m.start("at"), m.end()
        if week := w.weekday_week.match(folded, end):  # الأحد من الأسبوع الماضي
            offset = w.modifiers[phrase_key(week.group("mod"))] if week.group("mod") else 0 if week.group("this") else None
            if offset is not None:
                add(_Found(at, week.end(), "gregorian", "day", relative=("week_day", weekday, offset)))
                continue
        if numeric := w.weekday_numeric.match(folded, end):  # السبت 21/09: the weekday dates the year
            a, b = int(numeric.group("a")), int(numeric.group("b"))
            day, month = (a, b) if w.day_first else (b, a)
            if 1 <= month <= 12 and 1 <= day <= 31:
                add(_Found(at, numeric.end(), "gregorian", "day", month=month, day=day, weekday=weekday))
                continue
        if ordinal := w.weekday_day.match(folded, end):  # السبت السادس عشر: the 16th of a month near publication
            add(_Found(at, ordinal.end(), "gregorian", "day", relative=("weekday_day", weekday, w.ordinals[phrase_key(ordinal.group("day"))])))

    for m in w.year_range.finditer(folded):
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        calendar = _year_calendar(w, y1)
        if 0 < y2 - y1 <= 100 and calendar == _year_calendar(w, y2):
            since_extra = [f for f in found if f.start >= m.start() and f.end <= m.end()]
            for f in since_extra:
                found.remove(f)
                taken.remove((f.start, f.end))
            add(_Found(m.start(), m.end(), calendar, "year", y1, to=(y2, None, None)))
    for m in w.year_after_prep.finditer(folded):
        year = int(m.group("year"))
        if not any(low <= year <= high for _, low, high in w.year_calendars):
            continue  # از ۲۵۰۰ خانواده: a number no outlet writes as a year
        calendar = _year_calendar(w, year)
        item = _Found(m.start("year"), m.end("year"), calendar, "year", year)
        if phrase_key(m.group("prep")) in w.since_words:
            item.start, item.open_end = m.start("at"), True
        add(item)
    for m in w.month_alone.finditer(folded):
        name = m.group("month") or m.group("month_m")
        calendar, month = w.months[phrase_key(name)]
        modifier = m.group("mod") or m.groupdict().get("mod2")
        direction = w.modifiers.get(phrase_key(modifier)) if modifier else None
        start = m.start("month") if m.group("month") else m.start("at")
        add(_Found(start, m.end(), calendar, "month", None, month, direction=direction))
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
        add(_Found(start_at, end, w.unit_calendar if unit == "year" else "gregorian", unit if unit != "week" else "day", relative=("unit", unit, offset), weekday=weekday))
    for m in w.unit_pattern.finditer(folded):
        unit = w.units[phrase_key(m.group("unit"))]
        if m.group("mod"):
            offset = w.modifiers[phrase_key(m.group("mod"))]
        elif m.groupdict().get("this"):
            offset = 0
        else:
            continue
        add(_Found(m.start("at"), m.end(), w.unit_calendar if unit == "year" else "gregorian", unit if unit != "week" else "day", relative=("unit", unit, offset)))
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
            words = span.split()
            best = None
            for n in range(1, min(4, len(words)) + 1):
                tail = " ".join(words[-n:])
                count, unit, used = _count_of(tail, lang)
                if count is not None and used == len(tail):
                    best = (count, unit, len(tail))
            if best is None or best[1] not in ("day", "week", "month"):
                continue
            count, unit, used = best
            start, end = m.end("span2") - used, m.end()
        add(_Found(start, end, "gregorian", "day" if unit != "month" else "month", relative=("unit", unit, -count) if unit == "month" else ("day", -count * _UNIT_DAYS[unit])))
    for m in w.weekday_alone.finditer(folded):
        name = m.group("wd2") or m.groupdict().get("wd1")
        if not name:
            continue
        direction = w.modifiers.get(phrase_key(m.group("mod"))) if m.group("mod") else None
        add(_Found(m.start("at"), m.end(), "gregorian", "day", relative=("weekday", w.weekdays[phrase_key(name)], direction)))

    everything = sorted(found + extra, key=lambda f: (f.start, -(f.end - f.start)))
    # Pairs point at grammar match indices; re-point them at indices in `everything`.
    index_of = {id(f): i for i, f in enumerate(everything)}
    grammar_found = found[: len(grammar_matches)]
    pair_of = {
        index_of[id(f)]: index_of[id(grammar_found[f.pair])]
        for f in grammar_found
        if f.pair is not None and id(f) in index_of and id(grammar_found[f.pair]) in index_of
    }
    return SpottedDates(tuple(everything), pair_of)


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


def _apply_year_tail(item: _Found, tail: re.Match[str] | None, w: _Words, bare: bool = True) -> bool:
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


def _join_year_tails(folded: str, found: list[_Found], w: _Words) -> None:
    """A year joined to the date before it by a word (الثلاثاء 3 أيلول من عام 2014): one date, not two."""
    for item in found:
        if item.error is None and item.month is not None and item.year is None and item.to is None:
            if _apply_year_tail(item, w.year_tail.match(folded, item.end), w, bare=False):
                for other in [f for f in found if f is not item and item.start <= f.start and f.end <= item.end]:
                    found.remove(other)


def _join_pair_weekdays(folded: str, found: list[_Found], weekday_hits: list[re.Match[str]], w: _Words) -> None:
    """يوم الأحد الموافق 5 مارس: the weekday belongs to the date the pair link introduces."""
    starts = {f.start: f for f in found if f.error is None and f.weekday is None and f.grain == "day"}
    for m in weekday_hits:
        link = w.weekday_pair.match(folded, m.end())
        if link and link.end() > m.end() and link.end() in starts:
            item = starts[link.end()]
            item.start, item.weekday = m.start("at"), w.weekdays[phrase_key(m.group("wd"))]


def _month_constructions(folded: str, w: _Words) -> list[_Found]:
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


def _read_before_month(before: re.Match[str], item: _Found, w: _Words, by_name: bool) -> bool:
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


def _year_calendar(w: _Words, year: int) -> str:
    for calendar, low, high in w.year_calendars:
        if low <= year <= high:
            return calendar
    return "gregorian"


def _merge_ranges(folded: str, found: list[_Found], w: _Words) -> None:
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


def _day_number(word: str, w: _Words) -> int:
    return int(word) if word.isdigit() else w.ordinals.get(phrase_key(word), 0)


def _finish(normalised: NormalisedText, f: _Found, published: dt.date | None, w: _Words) -> TextDate:
    first, last = normalised.span(f.start, f.end)
    text = normalised.original[first:last]
    base = dict(start=first, end=last, text=text, calendar=f.calendar, weekday=f.weekday, approximate=f.approximate, tolerance_days=f.tolerance_days, notes=f.notes)
    if f.error:
        base["notes"] = (f.error,)
        return TextDate(**base, grain=f.grain, value=None, date_start=None, date_end=None, year_from=None)
    if f.relative is not None:
        return _relative(base, f, published, w, normalised.text)

    year, year_from, month = f.year, "text" if f.year is not None else None, f.month
    if published is not None and f.month_offset is not None:  # من الشهر المقبل
        shifted, month = _shift_month(*_in_calendar(f.calendar, published)[:2], f.month_offset)
        year, year_from = (year, year_from) if year is not None else (shifted, "published")
    if year is None and published is not None and f.year_offset is not None:  # السنة القادمة
        year, year_from = _in_calendar(f.calendar, published)[0] + f.year_offset, "published"
    if year is None and f.gregorian_year is not None:  # رمضان 2019
        year, year_from = _year_within(f.calendar, f.gregorian_year, month, f.day, f.rule), "text"
    if year is None and published is not None and (month is not None or f.rule):
        if f.weekday is not None and f.day is not None and f.direction is None:
            year = _year_by_weekday(f.calendar, month, f.day, f.weekday, published)  # الخميس 15 أغسطس
        if year is None:
            year = _nearest_year(f.calendar, month, f.day, published, f.direction, f.rule)
        year_from = "published" if year is not None else None
    if year is None:
        value = _unknown(f.calendar, None, month, f.day)
        if f.to is not None:
            value += "/" + _unknown(f.calendar, None, f.to[1], f.to[2])
        return TextDate(**base, grain=f.grain, value=value + ("~" if f.approximate else ""), date_start=None, date_end=None, year_from=None)
    span = _easter(year) if f.rule == "easter" else _interval(f.calendar, year, month, f.day)
    if span is not None and f.within is not None:
        span, approximate, tolerance = _within_month(span, f.within)
        base.update(approximate=approximate or f.approximate, tolerance_days=max(tolerance, f.tolerance_days))
    if span is None:
        base["notes"] = (*f.notes, f"{f.day or ''} {month or ''} {year} ({f.calendar}) does not exist".strip())
        return TextDate(**base, grain=f.grain, value=None, date_start=None, date_end=None, year_from=year_from)
    start, end = span
    if f.to is not None:
        to_year = f.to[0] if f.to[0] is not None else year
        to_span = _interval(f.calendar, to_year, f.to[1] if f.to[1] is not None else month if f.grain != "year" else None, f.to[2])
        if to_span is not None:
            end = to_span[1]
        if f.calendar == "gregorian" or f.grain == "day":
            value = f"{_edtf(f.calendar, f.grain, span[0], span[1])}/{_edtf(f.calendar, f.grain, *to_span) if to_span else '..'}"
        else:  # Hijri or Jalali years or months: the Gregorian days they cover
            value = f"{start.isoformat()}/{end.isoformat()}"
        return TextDate(**base, grain=f.grain, value=value, date_start=start, date_end=end, year_from=year_from)
    if f.open_end:
        head = _edtf(f.calendar, f.grain, start, end).split("/")[0]
        return TextDate(**base, grain=f.grain, value=f"{head}/..", date_start=start, date_end=None, year_from=year_from)
    return TextDate(**base, grain=f.grain, value=_edtf(f.calendar, f.grain, start, end, base["approximate"]), date_start=start, date_end=end, year_from=year_from)


def _relative(base: dict, f: _Found, published: dt.date | None, w: _Words, folded: str) -> TextDate:
    kind = f.relative[0]
    described = _describe_relative(f.relative)
    if published is None:
        return TextDate(**base, grain=f.grain, value={"day": "XXXX-XX-XX", "month": "XXXX-XX"}.get(f.grain, "XXXX"), date_start=None, date_end=None, year_from=None, relative=described)
    grain = f.grain
    if kind == "day":
        start = end = published + dt.timedelta(days=f.relative[1])
    elif kind == "unit":
        _, unit, offset = f.relative
        if unit == "day":
            start = end = published + dt.timedelta(days=offset)
        elif unit == "week":
            monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=offset)
            start, end = monday, monday + dt.timedelta(days=6)
        elif unit == "month":
            y, m, _ = _in_calendar(f.calendar, published)
            y, m = _shift_month(y, m, offset)
            start, end = _interval(f.calendar, y, m) or (None, None)
        else:
            y = _in_calendar(f.calendar, published)[0] + offset
            start, end = _interval(f.calendar, y) or (None, None)
    elif kind == "week_day":  # الأحد من الأسبوع الماضي
        _, weekday, offset = f.relative
        start = end = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=offset, days=weekday)
    elif kind == "weekday_day":  # السبت السادس عشر: the 16th of the nearest month where it is a Saturday
        _, weekday, day = f.relative
        start = end = _day_with_weekday(published, day, weekday)
        if start is None:
            f = replace(f, relative=("weekday", weekday, None))
            return _relative(base, f, published, w, folded)
    else:  # weekday
        _, weekday, direction = f.relative
        if direction is None:
            direction = 1 if _future_context(folded, f.start, w) else -1
            inclusive = True
        else:
            inclusive = False
        if direction == 0:
            start = published - dt.timedelta(days=published.weekday()) + dt.timedelta(days=weekday)
        elif direction > 0:
            ahead = (weekday - published.weekday()) % 7 or 7
            start = published + dt.timedelta(days=ahead)
        else:
            back = (published.weekday() - weekday) % 7
            if back == 0 and not inclusive:
                back = 7
            start = published - dt.timedelta(days=back)
        end = start
    if start is None or end is None:
        return TextDate(**base, grain=grain, value=None, date_start=None, date_end=None, year_from=None, relative=described)
    notes = base.pop("notes")
    if f.weekday is not None and start == end and start.weekday() != f.weekday:
        notes = (*notes, f"written as {WEEKDAY_NAMES[f.weekday]}, but {start.isoformat()} is a {WEEKDAY_NAMES[start.weekday()]}")
    return TextDate(**base, grain=grain, value=_edtf(f.calendar, grain, start, end), date_start=start, date_end=end, year_from="published", relative=described, notes=notes)


def _day_with_weekday(published: dt.date, day: int, weekday: int) -> dt.date | None:
    """DAY of the month before, of or after the publication's that falls on WEEKDAY, the nearest; None if none does."""
    fitting = []
    for offset in (-1, 0, 1):
        year, month = _shift_month(published.year, published.month, offset)
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate.weekday() == weekday:
            fitting.append((abs((candidate - published).days), candidate))
    return min(fitting)[1] if fitting else None


def _join_weekday_pairs(normalised: NormalisedText, found: list[_Found], dates: list[TextDate], w: _Words) -> tuple[list[_Found], list[TextDate]]:
    """"يومي الخميس والجمعة", "Thursday and Friday": two weekdays joined by a range word are one span of days."""
    i = 0
    while i + 1 < len(dates):
        a, b = dates[i], dates[i + 1]
        between = normalised.text[found[i].end : found[i + 1].start]
        weekdays = found[i].relative and found[i].relative[0] == "weekday" and found[i + 1].relative and found[i + 1].relative[0] == "weekday"
        if weekdays and a.date_start and b.date_start and w.range_between.match(between) and 0 < (b.date_start - a.date_start).days < 7:
            dates[i] = replace(
                a, end=b.end, text=normalised.original[a.start : b.end], value=f"{a.value}/{b.value}", date_end=b.date_end,
                relative=f"{a.relative} to {b.relative}",
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


def _future_context(folded: str, at: int, w: _Words) -> bool:
    """Whether the sentence is about the future up to `at` (سوف يعقد ... الخميس, will meet on Thursday): a
    future word comes before it, after the last past reporting verb (Russia will suspend ..., Lavrov said on
    Monday). A future word after the weekday belongs to what was said that day (صرح الأربعاء أنه ينتظر أن)."""
    start = max(folded.rfind(ch, 0, at) for ch in ".!?؟\n") + 1
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

