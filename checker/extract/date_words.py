"""The date words of one language, compiled once: month and weekday names, relative phrases and units,
modifiers, range and since words, holidays (checker/lang/<code>/dates.toml, relative.toml, holidays.toml).
checker/extract/dates.py spots dates with them; the words themselves live only in the tables."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.extract import clitic_pattern
from checker.grammar.numbers import ordinal_day_words
from checker.lang import load
from checker.lang.schema import Holiday
from checker.normalise.text import alternation, phrase_key


@dataclass(frozen=True)
class Words:
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
    weekday_day: re.Pattern[str]  # after a weekday: a day without a month (السادس عشر, Sunday (19))
    weekday_numeric: re.Pattern[str]  # after a weekday: day/month without a year (21/09)
    weekday_pair: re.Pattern[str]  # after a weekday: a pair link or a bracket before the date it names (الموافق)
    holidays: re.Pattern[str]
    holiday_of: dict[str, Holiday]  # folded holiday name -> its table entry
    decade: re.Pattern[str]  # دهه ۱۹۷۰, the 1970s, السبعينيات
    decade_of: dict[str, int]  # folded decade name -> its first year
    day_first: bool  # a/b is day/month


@lru_cache(maxsize=None)
def words_of(lang: str) -> Words:
    language = load(lang)
    dates, relative = language.dates, language.relative
    date_words = dates.date_words
    clitic = clitic_pattern(lang)
    start = rf"(?<!\w){clitic}(?P<at>)"  # `at`: where the word starts, after any attached letters

    phrases = tuple(
        (re.compile(f"{start}(?P<w>{alternation(entry.words)})(?!\\w)"), entry.unit, entry.offset)
        for entry in relative.phrases
    )
    units = {phrase_key(w): unit for unit, spellings in relative.units.items() for w in spellings}
    mods = relative.modifiers
    modifiers = {phrase_key(w): offset for words, offset in ((mods.previous, -1), (mods.current, 0), (mods.next, 1)) for w in words}
    after = mods.position == "after"
    unit_words = alternation(w for unit, ws in relative.units.items() for w in ws)
    modifier_words = alternation((*mods.previous, *mods.current, *mods.next))
    this_words = alternation(mods.this)
    if after:
        unit_source = f"{start}(?:(?P<this>{this_words})\\s+)?(?P<unit>{unit_words})(?:\\s+(?P<mod>{modifier_words}))?(?!\\w)"
    else:
        unit_source = f"{start}(?P<mod>{modifier_words})\\s+(?P<unit>{unit_words})(?!\\w)"

    offsets = relative.offsets
    ago_parts = []
    if offsets.ago_before:
        ago_parts.append(f"{start}(?P<ago>{alternation(offsets.ago_before)})\\s+(?P<span>[^\\s.،,؛;]+(?:\\s+[^\\s.،,؛;]+){{0,3}})")
    if offsets.ago_after:
        # The span ends on a non-space and the spaces after it are taken possessively: a long run of spaces is
        # then crossed once from each of the 30 starts before it, not once per start in it (quadratic).
        ago_parts.append(f"(?<!\\w)(?P<span2>[^\\n.،,؛;]{{0,29}}?[^\\s.،,؛;])\\s++(?P<ago2>{alternation(offsets.ago_after)})(?!\\w)")
    ago = re.compile("|".join(ago_parts) or "(?!)")

    weekday_groups = dates.weekdays.names
    weekdays = {phrase_key(s): i for i, group in enumerate(weekday_groups) for s in group}
    prefixes = alternation(date_words.weekday_prefixes)
    standalone = alternation(group[0] for group in weekday_groups)
    any_weekday = alternation(s for group in weekday_groups for s in group)
    # A weekday name that is also a number is that number before these words (الاثنين الآخرين: the other two).
    not_number = f"(?!\\s+{alternation(date_words.weekday_not_before)}(?!\\w))"
    weekday_alone = re.compile(
        f"{start}(?:(?P<prefix>{prefixes})\\s*(?P<wd1>{any_weekday})|(?P<wd2>{standalone}){not_number})(?!\\w)"
        + (f"(?:\\s+(?P<mod>{modifier_words})(?!\\w))?" if after else ""),
    )
    if not after:
        weekday_alone = re.compile(f"{start}(?:(?P<mod>{modifier_words})\\s+)?(?:(?P<wd2>{standalone}){not_number})(?!\\w)")

    ambiguous = {phrase_key(w) for w in date_words.ambiguous_months}
    months: dict[str, tuple[str, int]] = {}
    for entry in dates.months:
        for index, spellings in enumerate(entry.names):
            for spelling in spellings:
                months.setdefault(phrase_key(spelling), (entry.calendar, index + 1))
    safe_months = alternation(s for e in dates.months for group in e.names for s in group if phrase_key(s) not in ambiguous)
    all_months = alternation(s for e in dates.months for group in e.names for s in group)
    month_preps = alternation(date_words.month_prepositions)
    month_tail = f"(?:\\s*/\\s*{all_months})?"  # نوفمبر/تشرين الثاني: one month in two names
    if after:
        month_source = (
            f"{start}(?:(?P<prep>{month_preps})\\s+(?:{alternation(date_words.month_prefixes)}\\s+)?(?P<month>{safe_months}){month_tail}(?:\\s+(?P<mod2>{modifier_words}))?"
            f"|(?P<month_m>{all_months}){month_tail}\\s+(?P<mod>{modifier_words}))(?!\\w)"
        )
    else:
        month_source = (
            f"{start}(?:(?P<mod>{modifier_words})\\s+(?P<month_m>{all_months})"
            f"|(?P<prep>{month_preps})\\s+(?P<month>{safe_months}))(?!\\w)(?!\\s*\\d)"
        )

    year_preps = alternation(date_words.year_prepositions)
    year_prefixes = alternation(date_words.year_prefixes)
    year_after_prep = re.compile(
        f"{start}(?P<prep>{year_preps})\\s+(?:{year_prefixes}\\s*)?(?P<year>(?<!\\d)\\d{{4}})(?!\\d|\\s*%|\\s*[:/.\\-]\\d)"
    )
    links = alternation(date_words.range_links)
    openers = alternation(date_words.range_openers)
    # Two years joined by "and" too (سال‌های ۲۰۲۱ و ۲۰۲۲): a day list is no range, two listed years span both.
    year_links = alternation([*date_words.range_links, *language.numbers.grammar.connectors])
    year_range = re.compile(
        f"(?<![\\w/.\\-])(?:(?:{openers})\\s+)?(?:{year_prefixes}\\s*)?(?P<y1>\\d{{4}})\\s*(?:[-–—]|\\s(?:{year_links})\\s*)\\s*(?:{year_prefixes}\\s*)?(?P<y2>\\d{{4}})(?![\\d/.\\-]\\d)"
    )
    since = re.compile(f"{start}(?:{alternation(date_words.since)})\\s+$")
    since_words = frozenset(phrase_key(s) for s in date_words.since)
    ordinal_words = ordinal_day_words(lang)  # spelled with their spaces, for patterns; lookups go by phrase_key
    day_ord = alternation(ordinal_words)
    # The first day of a range, in digits or an ordinal word (من الثالث والعشرين وحتى السادس والعشرين).
    range_before = re.compile(
        f"(?:(?<!\\w)(?:{openers})\\s+)?(?<!\\w)(?P<d1>\\d{{1,2}}|{day_ord})\\s*(?:[-–—]|\\s{clitic}(?:{links})\\s)\\s*$"
    )
    range_between = re.compile(f"^\\s*(?:[-–—]|(?:{links}))\\s*$")
    tense = relative.tense
    future, past = (re.compile(f"(?<!\\w){clitic}(?:{alternation(words)})(?!\\w)") for words in (tense.future, tense.past))
    page = language.layout
    dateline_words = re.compile(f"^\\W*(?:{alternation(page.published + page.updated + page.today)})(?!\\w)")

    # Day phrases shifted by one more day (قبل أمس = -2): only the ±1 phrases, in their own direction.
    shift_words = relative.day_shift
    shift = {phrase_key(x): -1 for x in shift_words.before} | {phrase_key(x): 1 for x in shift_words.after}
    day_offsets = {phrase_key(x): e.offset for e in relative.phrases if e.unit == "day" for x in e.words}
    ones = alternation(x for e in relative.phrases if e.unit == "day" and abs(e.offset) == 1 for x in e.words)
    shifted_phrases = re.compile(
        f"{start}(?:{alternation(shift_words.lead)}\\s*)?(?P<dir>{alternation(shift)})\\s+(?P<w>{ones})(?!\\w)" if shift else "(?!)"
    )

    # Constructions around a month: the month by name, by number after شهر, or relative to publication.
    ordinals = {phrase_key(k): v for k, v in ordinal_words.items()}
    cardinals = language.numbers.cardinals
    number_words = {k: v for k, v in cardinals.items() if isinstance(v, int) and 1 <= v <= 12}
    number_words |= {k: v for k, v in ordinal_words.items() if v <= 12}
    month_numbers = {phrase_key(k): v for k, v in number_words.items()}
    month_units = alternation(relative.units.get("month", ()))
    number_prefixes = alternation(date_words.month_number_prefixes)
    month_ref = re.compile(
        f"{start}(?:(?P<numpre>{number_prefixes})\\s+(?P<num>\\d{{1,2}}(?![\\d/.:])|{alternation(number_words)})(?!\\w)"
        f"|(?:{alternation(date_words.month_prefixes)}\\s*)?(?P<name>{all_months})(?!\\w)"
        + (f"|(?:(?P<this>{this_words})\\s+)?(?P<unit>{month_units})(?:\\s+(?P<mod>{modifier_words}))?(?!\\w)" if after else "")
        + ")"
    )
    last_words = alternation(date_words.last_words)
    small = alternation(k for k, v in ordinal_words.items() if v <= 5)
    nth = f"(?:{small}|{last_words})"
    day_number = f"(?:\\d{{1,2}}(?![\\d/.:])|{day_ord})"
    day_words = alternation(date_words.day_words)
    week_words = alternation(date_words.week_words)
    parts = {
        phrase_key(x): part for part in ("early", "middle", "late") for x in getattr(date_words, f"month_{part}")
    }
    links = alternation(date_words.month_links)
    range_words = alternation(date_words.range_links)
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
    year_words = alternation(relative.units.get("year", ()))
    year_tail = re.compile(
        f"\\s*[,،]?\\s*(?:(?P<ylink>{alternation(date_words.year_links)})\\s+)?{clitic}"
        f"(?:(?:{year_prefixes})\\s*(?P<y1>\\d{{4}})(?![\\d%])"
        + (f"|(?:(?P<this>{this_words})\\s+)?(?P<yunit>{year_words})(?:\\s+(?P<ymod>{modifier_words}))?(?!\\w)" if after else "")
        + r")|\s+(?P<y2>\d{4})(?![\d%/.:\-])"
    )

    weekday_lead = re.compile(f"{start}(?:(?:{prefixes})\\s*)?(?P<wd>{any_weekday})(?!\\w)")
    week_units = alternation(relative.units.get("week", ()))
    weekday_week = re.compile(
        f"\\s+(?:(?:{links})\\s+)?(?:(?P<this>{this_words})\\s+)?(?P<unit>{week_units})(?:\\s+(?P<mod>{modifier_words}))?(?!\\w)"
        if after else "(?!)"
    )
    sequence = alternation(date_words.sequence_words)
    weekday_day = re.compile(f"\\s+(?P<day>{day_ord})(?!\\w)(?!\\s+(?:{sequence})(?!\\w))|[^\\S\\n]*\\([^\\S\\n]*(?P<num>\\d{{1,2}})[^\\S\\n]*\\)")
    weekday_numeric = re.compile(r"\s*[,،]?\s*(?P<a>\d{1,2})\s*/\s*(?P<b>\d{1,2})(?![\d/]|[.\-]\d)")
    # A pair link, or a bracket opening the date itself (Thursday (Oct 6)).
    weekday_pair = re.compile(f"\\s*(?:[,،]?\\s*\\(?\\s*(?:{alternation(date_words.pair_links)})|\\()\\s*")

    holiday_of = {phrase_key(x): entry for entry in language.holidays.holidays for x in entry.names}
    definite = alternation(language.numbers.prefixes.definite)
    decade = re.compile(
        f"{start}(?:(?:{alternation(date_words.decade_prefixes)})\\s*(?P<year>\\d{{3}}0)(?!\\d)"
        f"|(?P<first>\\d{{3}}0)(?:{alternation(date_words.decade_suffixes)})"
        f"|(?:{definite})?(?P<name>{alternation(dates.decades)}))(?!\\w)"
    )
    holidays = re.compile(f"{start}(?P<h>{alternation(x for e in language.holidays.holidays for x in e.names)})(?!\\w)")
    return Words(
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
        unit_calendar=relative.unit_calendar,
        dateline_words=dateline_words,
        year_calendars=tuple((r.calendar, r.first, r.last) for r in dates.year_calendars),
        shifted_phrases=shifted_phrases,
        shift=shift,
        day_offsets=day_offsets,
        month_ref=month_ref,
        before_month=before_month,
        after_month=after_month,
        year_tail=year_tail,
        month_numbers=month_numbers,
        ordinals=ordinals,
        last_words=frozenset(phrase_key(x) for x in date_words.last_words),
        parts=parts,
        joiners=frozenset(phrase_key(x) for x in date_words.day_month_joiners),
        weekday_lead=weekday_lead,
        weekday_week=weekday_week,
        weekday_day=weekday_day,
        weekday_numeric=weekday_numeric,
        weekday_pair=weekday_pair,
        holidays=holidays,
        holiday_of=holiday_of,
        decade=decade,
        decade_of={phrase_key(name): first for name, first in dates.decades.items()},
        day_first=date_words.numeric_order != "MDY",
    )


def starts_with_dateline_word(folded_line: str, lang: str) -> bool:
    return bool(words_of(lang).dateline_words.match(folded_line))
