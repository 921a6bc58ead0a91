"""Dates as written: find them in text, decide their calendar, and turn them into Gregorian intervals.

A date is an interval with a grain (day, month, year) in the calendar it was written in, never a
datetime padded with today. The words come from checker/lang/<code>/dates.toml; this module only
knows the shapes dates take:

    [weekday] day [joiner] month[/month] [year [marker]]     ٦ أكتوبر ٢٠٢١م, السادس من أكتوبر, هفتم آبان,
                                                             3 آب (أغسطس) 2021
    [weekday] month day[,] [year]                            October 6, 2021   (languages with month_first)
    month year [marker]                                      ربيع الأول 1443, آبان ۱۴۰۰
    d/m/y, y/m/d, d-m-y [marker]                             7/10/2021, ۱۴۰۰/۰۷/۱۴, 15/09/1445 هـ
    year prefix + year, year + marker                        عام 2002, سال ۱۴۰۲, 1443هـ, 2024م

A month name alone is never a date: آب is also water, مهر a seal, صفر zero, مه fog; it needs a day,
a year or a date construction around it. The calendar is decided by the marker, else by the month
name, else by the year's range in the text's language (a bare ۱۴۰۲ in Persian is Jalali).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

import polars as pl

from checker.calendars.date_value import DateValue
from checker.calendars.intervals import prefetch, resolved_row
from checker.calendars.tables import DEFAULT_TOLERANCE_DAYS, ENGLISH_MONTH_NAMES, day_in_all_calendars, month_table
from checker.errors import InvalidDate
from checker.grammar.numbers import ordinal_day_words
from checker.lang import load
from checker.normalise.language import language_order
from checker.normalise.text import NormalisedText, alternation, normalise, phrase_key

GRAINS = ("day", "month", "year")


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text: its exact original span, and its value or the reason it is not a real date."""

    start: int
    end: int
    text: str
    value: DateValue | None
    error: str | None = None
    # A second date linked to this one as the same day in another calendar (الموافق, برابر با, brackets).
    paired_with: int | None = None


# ---------------------------------------------------------------------------------------------
# Vocabulary: the tables of the languages in play, merged with the first language winning a clash.


@dataclass(frozen=True)
class _MonthName:
    calendar: str
    month: int
    tolerance_days: int


@dataclass(frozen=True)
class _Vocabulary:
    languages: tuple[str, ...]
    months: dict[str, _MonthName]
    weekdays: dict[str, int]
    markers: dict[str, str]
    ordinals: dict[str, int]
    # Spellings as written (with their spaces) per kind, for building patterns; the dicts above are keyed without spaces.
    spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    numeric_order: str = "DMY"
    month_first: bool = False
    year_calendars: tuple[tuple[str, int, int], ...] = ()


@lru_cache(maxsize=None)
def _vocabulary(languages: tuple[str, ...]) -> _Vocabulary:
    months: dict[str, _MonthName] = {}
    weekdays: dict[str, int] = {}
    markers: dict[str, str] = {}
    ordinals: dict[str, int] = {}
    words: dict[str, list[str]] = {}
    spellings_of: dict[str, list[str]] = {"months": [], "weekdays": [], "markers": [], "ordinals": []}
    for lang in languages:
        dates = load(lang).dates
        for entry in dates.months:
            for index, spellings in enumerate(entry.names):
                meaning = _MonthName(entry.calendar, index + 1, entry.tolerance_days)
                for spelling in spellings:
                    months.setdefault(phrase_key(spelling), meaning)
                    spellings_of["months"].append(spelling)
        for index, spellings in enumerate(dates.weekdays.names):
            for spelling in spellings:
                weekdays.setdefault(phrase_key(spelling), index)
                spellings_of["weekdays"].append(spelling)
        for calendar, spellings in dates.calendar_markers.items():
            for spelling in spellings:
                markers.setdefault(phrase_key(spelling), calendar)
                spellings_of["markers"].append(spelling)
        for spelling, value in ordinal_day_words(lang).items():
            ordinals.setdefault(phrase_key(spelling), value)
            spellings_of["ordinals"].append(spelling)
        for kind, spellings in dates.date_words.lists().items():
            words.setdefault(kind, []).extend(spellings)
    primary = load(languages[0]).dates
    return _Vocabulary(
        languages=languages,
        months=months,
        weekdays=weekdays,
        markers=markers,
        ordinals=ordinals,
        spellings={kind: tuple(dict.fromkeys(found)) for kind, found in spellings_of.items()},
        words={kind: tuple(dict.fromkeys(spellings)) for kind, spellings in words.items()},
        numeric_order=primary.date_words.numeric_order,
        month_first=primary.date_words.month_first,
        year_calendars=tuple((r.calendar, r.first, r.last) for r in primary.year_calendars),
    )


@dataclass(frozen=True)
class _Grammar:
    vocabulary: _Vocabulary
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    # Patterns that cannot match without a month name run only in windows around one: the day part of
    # day_month is an alternation of every ordinal word, too slow to try at every position of a long page.
    month_anchor: re.Pattern[str]
    month_anchored: frozenset[str] = frozenset({"day_month", "month_year", "month_day"})

    def candidates(self, text: str) -> list[tuple[int, int, int, str, re.Match[str]]]:
        """(start, -length, priority, name, match) of every pattern's matches; overlaps are settled by the caller."""
        windows = _windows(((m.start(), m.end()) for m in self.month_anchor.finditer(text)), len(text))
        found: list[tuple[int, int, int, str, re.Match[str]]] = []
        for priority, (name, pattern) in enumerate(self.patterns):
            if name in self.month_anchored:
                seen: set[tuple[int, int]] = set()
                matches = (m for first, last in windows for m in pattern.finditer(text, first, last))
            else:
                seen, matches = set(), pattern.finditer(text)
            for m in matches:
                if m.end() > m.start() and m.span() not in seen:
                    seen.add(m.span())
                    found.append((m.start(), -(m.end() - m.start()), priority, name, m))
        return found


# Longest text a date can have before its month name (approximation word, weekday, ordinal day, joiner)
# and after it (year, calendar marker). Generous: a window only bounds where the full pattern is tried.
_BEFORE_MONTH, _AFTER_MONTH = 120, 80


def _windows(hits, length: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in hits:
        first, last = max(0, start - _BEFORE_MONTH), min(length, end + _AFTER_MONTH)
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


@lru_cache(maxsize=None)
def _grammar(languages: tuple[str, ...], short_years: bool) -> _Grammar:
    v = _vocabulary(languages)
    words = v.words
    weekday_prefix = f"(?:{alternation(words.get('weekday_prefixes', ()))}[^\\S\\n]*)?"
    weekday = f"{weekday_prefix}(?P<weekday>{alternation(v.spellings['weekdays'])})(?!\\w)"
    month_name = alternation(v.spellings["months"])
    marker_words = alternation(v.spellings["markers"])
    marker = f"(?P<marker>{marker_words})(?!\\w)"
    ordinal = alternation(v.spellings["ordinals"])
    approx_before = f"(?:(?P<approx>{alternation(words.get('approximate', ()))})[^\\S\\n]+)?"
    approx_after = f"(?:[^\\S\\n]+(?P<approx_after>{alternation(words.get('approximate', ()))})(?!\\w))?"
    gap = r"(?:[^\S\n]|[,،])*"  # never across a line: a headline number and the dateline below are two things
    month_prefix = f"(?:{alternation(words.get('month_prefixes', ()))}[^\\S\\n]*)?"
    month_suffix = f"(?:[^\\S\\n]*{alternation(words.get('month_suffixes', ()))})?"
    # The same month in two calendars' names, in either order: آب/أغسطس, آب، أغسطس, آب أغسطس, آب (أغسطس).
    pair_gap = r"(?:[^\S\n]*[/،,][^\S\n]*|[^\S\n]*(?P<paren>\()[^\S\n]*|[^\S\n]+)"
    month = (
        f"{month_prefix}(?P<month>{month_name})(?:{pair_gap}(?P<month2>{month_name})(?!\\w)(?(paren)[^\\S\\n]*\\)))?"
        f"{month_suffix}(?!\\w)"
    )
    joiner = f"(?:{alternation(words.get('day_month_joiners', ()))}[^\\S\\n]+)?"
    year_prefix = f"(?:{alternation(words.get('year_prefixes', ()))}[^\\S\\n]*)"
    day = f"(?P<day>(?<!\\d)\\d{{1,2}}(?:st|nd|rd|th)?(?![\\d\\w])|{ordinal}(?!\\w))"
    # A year is four digits, or fewer where a marker says it is a year; two digits stand for a year
    # only where the whole text is one date (convert), never in running text where they are counts.
    short = "|\\d{2}(?!\\d)" if short_years else ""
    year = f"{year_prefix}?(?P<year>(?<!\\d)\\d{{4}}(?!\\d)|(?<!\\d)\\d{{1,3}}(?=[^\\S\\n]*{marker_words}(?!\\w)){short})(?:[^\\S\\n]*{marker})?"
    lead = f"(?<!\\w){approx_before}(?:{weekday}{gap})?"
    patterns = [
        ("day_month", f"{lead}{day}[^\\S\\n]*{joiner}{month}(?:{gap}{year})?{approx_after}"),
        ("month_year", f"(?<!\\w){approx_before}{month}{gap}{year}{approx_after}"),
        (
            "numeric",
            f"{lead}(?<![\\d/.\\-])(?P<a>\\d{{1,4}})[^\\S\\n]*(?P<sep>[/.\\-])[^\\S\\n]*(?P<b>\\d{{1,2}})[^\\S\\n]*(?P=sep)[^\\S\\n]*(?P<c>\\d{{1,4}})"
            f"(?![\\d/\\-]|\\.\\d)(?:[^\\S\\n]*{marker})?",
        ),
        ("year_marker", f"(?<!\\w){approx_before}(?<![\\d/.:\\-])(?P<year>\\d{{1,4}})[^\\S\\n]*{marker}{approx_after}"),
        ("year_prefix", f"(?<!\\w){approx_before}{year_prefix}(?P<year>(?<!\\d)\\d{{4}}(?!\\d))(?:[^\\S\\n]*{marker})?"),
    ]
    if v.month_first:
        patterns.insert(1, ("month_day", f"{lead}{month}\\.?[^\\S\\n]+{day}(?:[^\\S\\n]*,?[^\\S\\n]*{year})?"))
    if short_years:
        patterns.append(("bare_year", r"^\s*(?P<year>\d{1,4})\s*$"))
    # Every month-anchored pattern has its month phrase start at a word boundary (see `day` and `lead`).
    anchor = re.compile(f"(?<!\\w){month}")
    return _Grammar(v, tuple((name, re.compile(source)) for name, source in patterns), anchor)


# ---------------------------------------------------------------------------------------------
# Reading one match into calendar fields.


def _expand_short_year(year: int, calendar: str, reference: dt.date) -> int:
    """A two-digit year is the one in the 100-year window reaching 80 years back from the reference."""
    current = _year_in(calendar, reference)
    low = current - 80
    candidate = low - low % 100 + year
    return candidate if candidate >= low else candidate + 100


def _year_in(calendar: str, day: dt.date) -> int:
    cell = day_in_all_calendars(day)
    return {"gregorian": cell.gregorian, "hijri": cell.hijri, "jalali": cell.jalali}[calendar][0]


def _calendar_of_year(v: _Vocabulary, year: int, hint: str | None) -> str:
    if hint:
        return hint
    for calendar, low, high in v.year_calendars:
        if low <= year <= high:
            return calendar
    return "gregorian"


def _read(name: str, m: re.Match[str], v: _Vocabulary, hint: str | None, reference: dt.date) -> DateValue | None:
    """The calendar fields of one match, its interval not yet resolved."""
    groups = m.groupdict()
    notes: list[str] = []
    marker_calendar = v.markers.get(phrase_key(groups["marker"])) if groups.get("marker") else None
    month_meaning = v.months.get(phrase_key(groups["month"])) if groups.get("month") else None
    if groups.get("month2"):
        second = v.months.get(phrase_key(groups["month2"]))
        if second is None or second.month != month_meaning.month:
            return None  # "October/November" is a range or a list, not one month written twice
    weekday = v.weekdays.get(phrase_key(groups["weekday"])) if groups.get("weekday") else None
    approximate = bool(groups.get("approx") or groups.get("approx_after"))

    year = day = month = None
    year_text = groups.get("year")
    short_year = False
    if name == "numeric":
        a, b, c = groups["a"], groups["b"], groups["c"]
        if len(a) == 4:
            year_text, month, day = a, int(b), int(c)
        elif len(c) in (4, 2) and len(a) <= 2:
            if len(c) == 2 and not (marker_calendar or hint or name == "numeric" and _is_whole(m)):
                return None  # 7-10-21 in running text is too weak to call a date
            year_text = c
            first, second = int(a), int(b)
            day, month = (first, second) if v.numeric_order == "DMY" else (second, first)
            if month > 12 and day <= 12:
                day, month = month, day
                notes.append(f"read as {'month/day' if v.numeric_order == 'DMY' else 'day/month'}: {month} is not a month")
        else:
            return None
    else:
        day_text = groups.get("day")
        if day_text:
            digits = re.match(r"\d+", day_text)
            day = int(digits.group()) if digits else v.ordinals.get(phrase_key(day_text))
            if day is None:
                return None
        month = month_meaning.month if month_meaning else None
    if year_text is not None:
        year = int(year_text)
        short_year = len(year_text) <= 2

    calendar = marker_calendar or (month_meaning.calendar if month_meaning else None)
    if marker_calendar and month_meaning and marker_calendar != month_meaning.calendar:
        notes.append(f"the marker says {marker_calendar} but the month is a {month_meaning.calendar} month; read as {month_meaning.calendar}")
        calendar = month_meaning.calendar
    if calendar is None:
        calendar = _calendar_of_year(v, year, hint) if year is not None else (hint or "gregorian")
    if short_year and year is not None:
        year = _expand_short_year(year, calendar, reference)
        notes.append(f"two-digit year read as {year}")

    tolerance = month_meaning.tolerance_days if month_meaning else 0
    if calendar == "hijri":
        tolerance = max(tolerance, DEFAULT_TOLERANCE_DAYS["hijri"])
    grain = "day" if day is not None else "month" if month is not None else "year"
    return DateValue(
        calendar=calendar,
        year=year,
        month=month,
        day=day,
        grain=grain,
        approximate=approximate,
        tolerance_days=tolerance,
        weekday=weekday,
        year_from="text" if year is not None else None,
        notes=tuple(notes),
    )


_NON_SPACE = re.compile(r"\S")


def _is_whole(m: re.Match[str]) -> bool:
    """Whether only spaces stand around the match in its string. Read outward from the match, so each run
    of spaces is crossed by the matches on either side of it only, not the whole text at every match."""
    text, at = m.string, m.start()
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at == 0 and not _NON_SPACE.search(text, m.end())


@lru_cache(maxsize=1)
def _longest_months() -> dict[tuple[str, int], int]:
    """Longest a month can be in any year, to reject 31 Mehr before its year is known."""
    frame = month_table().group_by("calendar", "month").agg(pl.col("length").max())
    return {(row["calendar"], row["month"]): row["length"] for row in frame.iter_rows(named=True)}


def _resolve(read: list[DateValue]) -> list[DateValue | str]:
    """Each read date with its interval, or the reason it does not exist: the dated ones resolved
    together (checker.calendars.intervals.prefetch)."""
    prefetch(_key(v) for v in read if v.year is not None)
    return [_resolved(value) for value in read]


def _key(value: DateValue) -> tuple[str, int, int | None, int | None]:
    return value.calendar, value.year, value.month, value.day


def _resolved(value: DateValue) -> DateValue | str:
    if value.year is not None:
        start, end, _, error, note = resolved_row(*_key(value))
        if error:
            return error
        return replace(value, start=start, end=end, notes=(*value.notes, note) if note else value.notes)
    longest = _longest_months().get((value.calendar, value.month or 0), 31)
    if value.day is not None and not 1 <= value.day <= longest:
        return f"day {value.day} does not exist: {ENGLISH_MONTH_NAMES[value.calendar][value.month - 1]} has at most {longest} days"
    return value


# ---------------------------------------------------------------------------------------------
# Public entry points.


def find_dates(
    text: str | NormalisedText,
    lang: str | None = None,
    *,
    calendar: str | None = None,
    reference: dt.date | None = None,
    whole: bool = False,
) -> list[DateMatch]:
    """Every date written in `text`, left to right, with exact original spans.

    `lang` (ar, fa, en; None or "auto" to detect) orders the tables: words the first language does not
    know fall through to the others. `calendar` is the calendar of numbers with no marker or month name
    (a hint from the caller, e.g. a table column). `reference` dates two-digit years. `whole` says the
    text is one date (convert), which lets a two-digit year or a bare year count.
    """
    normalised = text if isinstance(text, NormalisedText) else normalise(text)
    languages = language_order(normalised.original, lang)
    grammar = _grammar(languages, whole)
    reference = reference or dt.date.today()
    candidates = grammar.candidates(normalised.text)
    candidates.sort(key=lambda c: c[:3])
    read: list[tuple[int, int, DateValue]] = []
    taken_until = -1
    for start, _, _, name, m in candidates:
        if start < taken_until:
            continue
        value = _read(name, m, grammar.vocabulary, calendar, reference)
        if value is None:
            continue
        read.append((m.start(), m.end(), value))
        taken_until = m.end()
    matches: list[DateMatch] = []
    for (start, end, _), resolved in zip(read, _resolve([value for _, _, value in read])):
        first, last = normalised.span(start, _trim_end(normalised.text, start, end))
        quote = normalised.original[first:last]
        if isinstance(resolved, DateValue):
            matches.append(DateMatch(first, last, quote, resolved))
        else:
            matches.append(DateMatch(first, last, quote, None, resolved))
    return _link_pairs(normalised, matches, grammar.vocabulary)


def _trim_end(folded: str, start: int, end: int) -> int:
    while end > start and folded[end - 1] in " ,،":
        end -= 1
    return end


def _link_pairs(normalised: NormalisedText, matches: list[DateMatch], v: _Vocabulary) -> list[DateMatch]:
    """Link a date to the next one when only a pair link (الموافق, برابر با) or a bracket stands between."""
    links = {phrase_key(p) for p in v.words.get("pair_links", ())}
    linked = list(matches)
    for i in range(len(matches) - 1):
        between = normalised.original[matches[i].end : matches[i + 1].start]
        residue = phrase_key(re.sub(r"[\s()\[\]،,\-–]", "", between))
        if residue == "" and "(" not in between and "[" not in between:
            continue  # two dates side by side without a bracket or link are a list, not a pair
        if residue == "" or residue in links:
            linked[i] = replace(linked[i], paired_with=i + 1)
            linked[i + 1] = replace(linked[i + 1], paired_with=i)
    return linked


def month_named(word: str, lang: str | None = None) -> tuple[str, int] | None:
    """(calendar, month number) of a month name in the tables, however it is spelled; None if not one."""
    meaning = _vocabulary(language_order(word, lang)).months.get(phrase_key(word))
    return None if meaning is None else (meaning.calendar, meaning.month)


def month_meaning(word: str, lang: str | None = None) -> tuple[str, int, int] | None:
    """(calendar, month number, tolerance in days) of a month name, as month_named; None if not one."""
    meaning = _vocabulary(language_order(word, lang)).months.get(phrase_key(word))
    return None if meaning is None else (meaning.calendar, meaning.month, meaning.tolerance_days)


def weekday_named(word: str, lang: str | None = None) -> int | None:
    """Weekday of a weekday name, with or without its "day" word (روز شنبه); Monday 0 .. Sunday 6."""
    v = _vocabulary(language_order(word, lang))
    key = phrase_key(word)
    for prefix in ("", *map(phrase_key, v.words.get("weekday_prefixes", ()))):
        if key.startswith(prefix) and key[len(prefix) :] in v.weekdays:
            return v.weekdays[key[len(prefix) :]]
    return None


def parse_date(
    text: str,
    lang: str | None = None,
    *,
    calendar: str | None = None,
    reference: dt.date | None = None,
) -> DateMatch:
    """The one date `text` is about: the longest found, preferring the first. Raises InvalidDate."""
    return main_date(text, find_dates(text, lang, calendar=calendar, reference=reference, whole=True))


def main_date(text: str, matches: list[DateMatch]) -> DateMatch:
    """Of the dates found in `text`, the one it is about: the longest, preferring the first. Raises InvalidDate."""
    if not matches:
        raise InvalidDate(f"no date found in {text.strip()!r}")
    best = max(matches, key=lambda m: (m.end - m.start, -m.start))
    if best.error:
        raise InvalidDate(best.error)
    return best
