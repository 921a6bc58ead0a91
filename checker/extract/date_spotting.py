"""Where the dates of a running text are and what they say, before any is resolved against a publication
date: the date grammar's dates joined into ranges and open ranges, then the passes that add what it does
not read (constructions around a month, holidays, weekdays, years after a preposition, months alone,
relative phrases, counts of days ago). Spotting does not depend on the publication date, so a document is
spotted once and resolved (checker.extract.dates) once per candidate date."""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.extract import Spans
from checker.extract.date_words import Words, words_of
from checker.grammar.dates import DateMatch, find_dates
from checker.grammar.durations import parse_duration
from checker.normalise.text import NormalisedText, phrase_key

_UNIT_DAYS = {"day": 1, "week": 7}


@dataclass
class SpottedDate:
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


def _from_grammar(normalised: NormalisedText, match: DateMatch) -> SpottedDate:
    value = match.value
    start = normalised.to_folded(match.start)
    end = normalised.to_folded(match.end)
    if value is None:
        return SpottedDate(start, end, "gregorian", "day", error=match.error)
    return SpottedDate(
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


_WORD_AFTER = re.compile(r"\s++([^\s,،.؛;:]+)")  # matched at a position: never a copy of the rest of the text


def _modifier_after(folded: str, end: int, w: Words) -> tuple[int, int] | None:
    """(offset, new end) of a modifier word right after a date (أكتوبر الجاري, نوفمبر المقبل)."""
    if not w.modifier_after:
        return None
    m = _WORD_AFTER.match(folded, end)
    if m and phrase_key(m.group(1)) in w.modifiers:
        return w.modifiers[phrase_key(m.group(1))], m.end()
    return None


def _count_of(span: str, lang: str) -> tuple[int | None, str | None, int]:
    """(count, unit, index where the unit word ends) of a phrase like "3 أيام", "يومين", "two days"."""
    words = span.split()
    for n in range(len(words), 0, -1):
        found = parse_duration(" ".join(words[:n]), lang)
        if found is not None and float(found[0]).is_integer():
            return int(found[0]), found[1], len(" ".join(words[:n]))
    return None, None, 0


@dataclass(frozen=True)
class SpottedDates:
    """Where the dates of a text are and what they say, before any is resolved against a publication date:
    spotting does not depend on it, so a document is spotted once and resolved once per candidate date."""

    found: tuple[SpottedDate, ...]
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
    _add_decades(folded, w, dates)
    _add_years_after_prepositions(folded, w, dates)
    _add_years_naming_nouns(folded, w, dates)
    _add_months_alone(folded, w, dates)
    _add_relative_phrases(folded, w, dates)
    _add_unit_phrases(folded, lang, w, dates)
    _add_days_ago(folded, lang, w, dates)
    _add_weekdays_alone(folded, w, dates)
    dates.settle()

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


def _grammar_dates(normalised: NormalisedText, grammar_matches: list[DateMatch], w: Words) -> list[SpottedDate]:
    """The grammar's dates, joined into ranges and open ranges (since 2014), with the modifier or year
    written after them."""
    folded = normalised.text
    found: list[SpottedDate] = [_from_grammar(normalised, m) for m in grammar_matches]
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
    passes after it add (`extra`), with the spans they take. The live dates are indexed by span, and a
    replaced one is only marked gone until `settle` drops it from the lists, so that replacing the dates
    inside a new one costs their neighbours, not a pass over every date of the text."""

    def __init__(self, found: list[SpottedDate]):
        self.found = found
        self.extra: list[SpottedDate] = []
        self.taken = Spans((f.start, f.end) for f in found)
        self._at: dict[tuple[int, int], list[SpottedDate]] = {}
        for f in found:
            self._at.setdefault((f.start, f.end), []).append(f)
        self._from_grammar = {id(f) for f in found}
        self._gone: set[int] = set()

    def _take(self, item: SpottedDate) -> None:
        self.extra.append(item)
        self.taken.add(item.start, item.end)
        self._at.setdefault((item.start, item.end), []).append(item)

    def _drop(self, item: SpottedDate) -> None:
        self._gone.add(id(item))
        self.taken.remove(item.start, item.end)
        same = self._at[(item.start, item.end)]
        del same[next(i for i, f in enumerate(same) if f is item)]

    def overlapping(self, start: int, end: int) -> list[SpottedDate]:
        """The live dates that share a character with [start, end)."""
        return [f for span in dict.fromkeys(self.taken.overlapping(start, end)) for f in self._at.get(span, ())]

    def add(self, item: SpottedDate) -> None:
        """Add ITEM unless it overlaps a date already spotted."""
        if not self.taken.overlaps(item.start, item.end):
            self._take(item)

    def add_over(self, item: SpottedDate) -> None:
        """Add ITEM in place of the dates it contains, when it says more than each (or they are errors)."""
        inside = self.overlapping(item.start, item.end)
        if any(f.start < item.start or f.end > item.end or ((f.start, f.end) == (item.start, item.end) and f.error is None) for f in inside):
            return
        for f in inside:
            self._drop(f)
        self._take(item)

    def found_within(self, start: int, end: int) -> list[SpottedDate]:
        """The grammar's live dates inside [start, end)."""
        return [f for f in self.overlapping(start, end) if id(f) in self._from_grammar and f.start >= start and f.end <= end]

    def drop_found(self, item: SpottedDate) -> None:
        self._drop(item)

    def settle(self) -> None:
        """Drop the dates marked gone from `found` and `extra`, keeping the order of the others."""
        if self._gone:
            self.found[:] = [f for f in self.found if id(f) not in self._gone]
            self.extra[:] = [f for f in self.extra if id(f) not in self._gone]
            self._gone.clear()


def _add_holidays(folded: str, w: Words, dates: _Collected) -> None:
    for m in w.holidays.finditer(folded):
        entry = w.holiday_of[phrase_key(m.group("h"))]
        item = SpottedDate(m.start("at"), m.end(), entry.calendar, "day", month=entry.month, day=entry.day, rule=entry.rule)
        _apply_year_tail(item, w.year_tail.match(folded, m.end()), w)
        dates.add_over(item)


def _add_weekday_constructions(folded: str, weekday_hits: list[re.Match[str]], w: Words, dates: _Collected) -> None:
    """A weekday with what dates it: الأحد من الأسبوع الماضي, السبت 21/09, السبت السادس عشر."""
    for m in weekday_hits:
        weekday, at, end = w.weekdays[phrase_key(m.group("wd"))], m.start("at"), m.end()
        if week := w.weekday_week.match(folded, end):  # الأحد من الأسبوع الماضي
            offset = w.modifiers[phrase_key(week.group("mod"))] if week.group("mod") else 0 if week.group("this") else None
            if offset is not None:
                dates.add(SpottedDate(at, week.end(), "gregorian", "day", relative=("week_day", weekday, offset)))
                continue
        if numeric := w.weekday_numeric.match(folded, end):  # السبت 21/09: the weekday dates the year
            a, b = int(numeric.group("a")), int(numeric.group("b"))
            day, month = (a, b) if w.day_first else (b, a)
            if 1 <= month <= 12 and 1 <= day <= 31:
                dates.add(SpottedDate(at, numeric.end(), "gregorian", "day", month=month, day=day, weekday=weekday))
                continue
        if ordinal := w.weekday_day.match(folded, end):
            if ordinal.group("num"):  # this Sunday (19): the 19th nearest publication, its weekday checked against it
                lead = min((f.start for f in dates.overlapping(end - 1, end) if f.start <= at and f.end == end), default=at)
                dates.add_over(SpottedDate(lead, ordinal.end(), "gregorian", "day", relative=("month_day", int(ordinal.group("num"))), weekday=weekday))
                continue
            # السبت السادس عشر: the 16th of a month near publication where it is a Saturday
            dates.add(SpottedDate(at, ordinal.end(), "gregorian", "day", relative=("weekday_day", weekday, w.ordinals[phrase_key(ordinal.group("day"))])))


def _add_year_ranges(folded: str, w: Words, dates: _Collected) -> None:
    """2004–2012, ۱۳۸۳ تا ۱۳۹۱, عامي 2021 و2022: one range in place of the years the grammar found in it. Two
    years listed latest first (توافق‌نامه‌های سال‌های ۲۰۰۱ و ۱۹۹۸) are two years."""
    for m in w.year_range.finditer(folded):
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        calendar = _year_calendar(w, y1)
        if 0 < y2 - y1 <= 100 and calendar == _year_calendar(w, y2):
            for f in dates.found_within(m.start(), m.end()):
                dates.drop_found(f)
            dates.add(SpottedDate(m.start(), m.end(), calendar, "year", y1, to=(y2, None, None)))
        elif 0 < y1 - y2 <= 100 and calendar == _year_calendar(w, y2) and not any(f.start <= m.start("y2") < f.end for f in dates.found):
            dates.add(SpottedDate(m.start("y2"), m.end("y2"), calendar, "year", y2))


def _add_decades(folded: str, w: Words, dates: _Collected) -> None:
    """دهه ۱۹۷۰, the 1970s, سبعينيات القرن الماضي: the ten years from the decade's first, in place of that year."""
    for m in w.decade.finditer(folded):
        first = int(m.group("year") or m.group("first") or w.decade_of[phrase_key(m.group("name"))])
        dates.add_over(SpottedDate(m.start("at"), m.end(), _year_calendar(w, first), "year", first, to=(first + 9, None, None)))


def _add_years_after_prepositions(folded: str, w: Words, dates: _Collected) -> None:
    """في 2014, in 2014; after a since word an open range (از سال ۲۰۰۲)."""
    for m in w.year_after_prep.finditer(folded):
        year = int(m.group("year"))
        if not any(low <= year <= high for _, low, high in w.year_calendars):
            continue  # از ۲۵۰۰ خانواده: a number no outlet writes as a year
        calendar = _year_calendar(w, year)
        item = SpottedDate(m.start("year"), m.end("year"), calendar, "year", year)
        if phrase_key(m.group("prep")) in w.since_words:
            item.start, item.open_end = m.start("at"), True
        dates.add(item)


_BRACKETED_YEAR = re.compile(r"(?<=[^\W\d_])\s*\(\s*(?P<year>\d{4})\s*\)")


def _add_years_naming_nouns(folded: str, w: Words, dates: _Collected) -> None:
    """A year alone in brackets after a word (توافق‌نامه امنیتی (۲۰۰۱), the security pact (2001)).

    A year between an article and its noun (a 1998 accord, the 2011 uprising) is left unread: it names
    another event far more often than it dates the story, and is no count either (quantities.py)."""
    for m in _BRACKETED_YEAR.finditer(folded):
        _add_year(m, w, dates)


def _add_year(m: re.Match[str], w: Words, dates: _Collected) -> None:
    year = int(m.group("year"))
    if any(low <= year <= high for _, low, high in w.year_calendars) and not any(f.start <= m.start("year") < f.end for f in dates.found):
        dates.add(SpottedDate(m.start("year"), m.end("year"), _year_calendar(w, year), "year", year))


def _add_months_alone(folded: str, w: Words, dates: _Collected) -> None:
    """A month after a preposition or with a modifier: في يناير, آذار الماضي, next November."""
    for m in w.month_alone.finditer(folded):
        name = m.group("month") or m.group("month_m")
        calendar, month = w.months[phrase_key(name)]
        modifier = m.group("mod") or m.groupdict().get("mod2")
        direction = w.modifiers.get(phrase_key(modifier)) if modifier else None
        start = m.start("month") if m.group("month") else m.start("at")
        dates.add(SpottedDate(start, m.end(), calendar, "month", None, month, direction=direction))


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
        at = _skip_space(folded, end)
        bracket = folded.startswith("(", at)  # روز گذشته (چهارشنبه): the weekday alone in brackets
        following = w.weekday_alone.match(folded, _skip_space(folded, at + 1) if bracket else at)
        if following and bracket:
            closing = _skip_space(folded, following.end())
            following = following if folded.startswith(")", closing) else None  # دیروز (یک‌شنبه ۵ ثور): a date of its own
        if unit == "day" and following and (following.group("wd2") or following.group("wd1")):
            weekday = w.weekdays[phrase_key(following.group("wd2") or following.group("wd1"))]
            end = _skip_space(folded, following.end()) + 1 if bracket else following.end()
        dates.add(SpottedDate(start_at, end, w.unit_calendar if unit == "year" else "gregorian", unit if unit != "week" else "day", relative=("unit", unit, offset), weekday=weekday))


def _add_unit_phrases(folded: str, lang: str, w: Words, dates: _Collected) -> None:
    """A unit of time with a modifier: الأسبوع الماضي, الشهر الجاري, العام المقبل, next week. With a number
    before the unit (سه سال پیش, در دو سال گذشته) it is no period but a span back from now: a duration."""
    for m in w.unit_pattern.finditer(folded):
        unit = w.units[phrase_key(m.group("unit"))]
        lead = folded[max(0, m.start("unit") - 30) : m.start("unit")] + m.group("unit")
        counted = _count_at_end(lead, lang)
        if counted is not None and counted[2] > len(m.group("unit")):
            continue
        if m.group("mod"):
            offset = w.modifiers[phrase_key(m.group("mod"))]
        elif m.groupdict().get("this"):
            offset = 0
        else:
            continue
        dates.add(SpottedDate(m.start("at"), m.end(), w.unit_calendar if unit == "year" else "gregorian", unit if unit != "week" else "day", relative=("unit", unit, offset)))


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
        dates.add(SpottedDate(start, end, "gregorian", "day" if unit != "month" else "month", relative=("unit", unit, -count) if unit == "month" else ("day", -count * _UNIT_DAYS[unit])))


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
        dates.add(SpottedDate(m.start("at"), m.end(), "gregorian", "day", relative=("weekday", w.weekdays[phrase_key(name)], direction)))


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t،,":
        index += 1
    return index


_QUOTES = {"«": "»", "“": "”", '"': '"', "„": "“"}


def _inside_short_quote(text: str, start: int, end: int) -> bool:
    """Whether [start, end) sits inside a quotation of at most three words with more in it than the phrase:
    a name («روسيا اليوم»), not speech, and not the phrase quoted alone (take place "today")."""
    left = max((text.rfind(q, max(0, start - 30), start), q) for q in _QUOTES)
    if left[0] < 0:
        return False
    close = text.find(_QUOTES[left[1]], end, end + 30)
    quoted = text[left[0] + 1 : close]
    return close >= 0 and len(quoted.split()) <= 3 and quoted.strip() != text[start:end].strip()


def _apply_year_tail(item: SpottedDate, tail: re.Match[str] | None, w: Words, bare: bool = True) -> bool:
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


def _join_year_tails(folded: str, found: list[SpottedDate], w: Words) -> None:
    """A year joined to the date before it by a word (الثلاثاء 3 أيلول من عام 2014): one date, not two."""
    for item in found:
        if item.error is None and item.month is not None and item.year is None and item.to is None:
            if _apply_year_tail(item, w.year_tail.match(folded, item.end), w, bare=False):
                for other in [f for f in found if f is not item and item.start <= f.start and f.end <= item.end]:
                    found.remove(other)


def _join_pair_weekdays(folded: str, found: list[SpottedDate], weekday_hits: list[re.Match[str]], w: Words) -> None:
    """يوم الأحد الموافق 5 مارس: the weekday belongs to the date the pair link introduces."""
    starts = {f.start: f for f in found if f.error is None and f.weekday is None and f.grain == "day"}
    for m in weekday_hits:
        link = w.weekday_pair.match(folded, m.end())
        if link and link.end() > m.end() and link.end() in starts:
            item = starts[link.end()]
            item.start, item.weekday = m.start("at"), w.weekdays[phrase_key(m.group("wd"))]


def _month_constructions(folded: str, w: Words) -> list[SpottedDate]:
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
        item = SpottedDate(m.start("at"), m.end(), calendar, "day", month=month, month_offset=month_offset)
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


def _read_before_month(before: re.Match[str], item: SpottedDate, w: Words, by_name: bool) -> bool:
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


def _merge_ranges(folded: str, found: list[SpottedDate], w: Words) -> None:
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
