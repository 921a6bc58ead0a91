"""Office facts: who held which office, from when, until when, for how long, the Nth holder, acting.

A title from checker/lang/<code>/offices.toml (President, الرئيس, رئیس‌جمهور) with the country or body
next to it (Syrian President, الأمين العام لحلف الناتو, دبیرکل ناتو) is an office; the holder is the name
written right after the title, else right before it; a numbered title with neither ("Haitham, 65, becomes
the eighth sultan", وهو تاسع سلطان) is the sentence's subject, or the previous sentence's when a pronoun opens
it; a title marked as someone named before (the late sultan, السلطان الراحل) is the last holder named with
that title. The ordinal and an acting word stand next to it. Its
term comes from what the sentence already holds, never re-parsed here: the dates of
checker/extract/dates.py (a range is a start and an end, "since 2000" an open start, any other date
belongs to the start or the end by the term word nearest it: took office, استقال, روی کار آمد) and the
durations of checker/extract/quantities.py next to a length word (ruled for 53 years, لمدة 54 عاماً).
Each date and duration belongs to the nearest title of its sentence.

Only a title with something said about its term (a start, an end, a length, an ordinal, acting) is a
fact: "Foreign Minister Lavrov said" names an office, it states nothing that could disagree.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from checker.calendars.date_value import DateValue
from checker.extract import CLAUSE_BREAK, SENTENCE_END, Spans, clitic_pattern, last_mark_end, next_mark
from checker.extract.date_arithmetic import in_calendar, interval
from checker.extract.dates import TextDate
from checker.extract.quantities import Quantity
from checker.grammar.durations import parse_duration
from checker.grammar.numbers import find_numbers
from checker.lang import Language, load
from checker.lang.schema import HolderWords
from checker.normalise.text import NormalisedText, alternation, fold, phrase_key

CUE_REACH = 40  # characters between a term word and its date or duration
MAX_CLAUSE_BREAKS = 1  # Assad, in power since 2000, ...: one aside between a title and its term
SHORT_STEM = 2  # a word start this short must be the whole word (as for event words)
_NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_GRAIN_PARTS = {"year": 1, "month": 2, "day": 3}
TERM_UNITS = ("month", "year", "decade", "century")  # a term is counted in these; three days of mourning are no term
_WORD_REST = re.compile(r"\w*")
_CLAUSE_END = re.compile(f"(?:^|{CLAUSE_BREAK.pattern})[\\s\u200c]*$")


@dataclass(frozen=True)
class TermDate:
    """One end of a term as a date interval, in the calendar it was written in."""

    value: str
    date_start: dt.date
    date_end: dt.date
    grain: str
    calendar: str


@dataclass(frozen=True)
class Office:
    """One office fact: original offsets of its evidence (holder, title and term words) and what it says."""

    start: int
    end: int
    office: str
    holder: str | None
    term_start: TermDate | None
    term_end: TermDate | None
    length: str | None  # ISO 8601 duration
    length_unit: str | None  # the unit the length was written in: year, decade, month
    approx: str | None  # about | more | less, for the length
    ordinal: int | None
    acting: bool

    def fields(self) -> dict[str, Any]:
        """The fact row's own columns (checker/schema.py FACT_SCHEMA)."""
        row: dict[str, Any] = {
            "value": self.length, "grain": self.length_unit, "approx": self.approx, "holder": self.holder,
            "office": self.office, "ordinal": self.ordinal, "acting": self.acting,
        }  # fmt: skip
        for side, term in (("term_start", self.term_start), ("term_end", self.term_end)):
            for name in ("value", "date_start", "date_end", "grain", "calendar"):
                row[f"{side}_{name}"] = getattr(term, name) if term else None
        return row


@dataclass(frozen=True)
class _Patterns:
    titles: re.Pattern[str]
    title_ids: dict[str, str]
    bodies: re.Pattern[str]
    body_ids: dict[str, str]
    start: re.Pattern[str]
    end: re.Pattern[str]
    since: re.Pattern[str]
    until: re.Pattern[str]
    length: re.Pattern[str]
    acting: re.Pattern[str]
    age: re.Pattern[str]
    successor: re.Pattern[str] | None
    terms: re.Pattern[str] | None
    term_counts: dict[str, int]
    hedges: tuple[tuple[re.Pattern[str], str], ...]
    stops: frozenset[str]
    particles: frozenset[str]
    not_ordinals: frozenset[str]
    between: frozenset[str]
    earlier: frozenset[str]


def _compile(language: Language) -> _Patterns:
    offices = language.offices
    prefixes = language.numbers.prefixes
    definite = "|".join(re.escape(fold(p)) for p in prefixes.definite + prefixes.contracted)
    lead = f"(?<!\\w){clitic_pattern(language.code)}(?P<a>(?:{definite})?)" if definite else f"(?<!\\w){clitic_pattern(language.code)}(?P<a>)"

    def named(table: dict[str, tuple[str, ...]]) -> tuple[re.Pattern[str], dict[str, str]]:
        ids = {phrase_key(word): key for key, words in table.items() for word in words}
        words = [w for ws in table.values() for w in ws]
        return re.compile(f"{lead}(?P<w>{alternation(words)})(?!\\w)"), ids

    def cue(words: tuple[str, ...]) -> re.Pattern[str]:
        if not offices.cues.word_starts:
            return re.compile(f"{lead}(?P<w>{alternation(words)})(?!\\w)")
        short = [w for w in words if len(phrase_key(w)) <= SHORT_STEM]
        longer = [w for w in words if w not in short]
        return re.compile(f"{lead}(?P<w>{alternation(longer)}|{alternation(short)}(?!\\w))")

    titles, title_ids = named(dict(offices.titles))

    bodies, body_ids = named(dict(offices.bodies))
    counts = language.quantities.counts
    hedges = tuple(
        (re.compile(f"(?<!\\w)(?:{alternation(words)})\\s*$"), name)
        for name, words in (("about", counts.about), ("more", counts.more), ("less", counts.less)) if words
    )  # fmt: skip
    return _Patterns(
        titles, title_ids, bodies, body_ids,
        cue(offices.cues.start), cue(offices.cues.end), _whole(lead, offices.cues.since), _whole(lead, offices.cues.until), cue(offices.cues.length), cue(offices.cues.acting),
        _whole(lead, offices.cues.age), _whole(lead, offices.cues.successor) if offices.cues.successor else None,
        _whole(lead, tuple(offices.cues.terms)) if offices.cues.terms else None, {phrase_key(w): n for w, n in offices.cues.terms.items()}, hedges,
        frozenset(phrase_key(w) for w in (*offices.holder.stops, *language.cues.words)),
        frozenset(phrase_key(w) for w in offices.holder.particles),
        frozenset(phrase_key(w) for w in offices.not_ordinals),
        frozenset(phrase_key(w) for w in offices.holder.between),
        frozenset(phrase_key(w) for w in offices.holder.earlier),
    )  # fmt: skip


def _whole(lead: str, words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(f"{lead}(?P<w>{alternation(words)})(?!\\w)")


@dataclass
class _Title:
    start: int  # folded offsets of the title with its body, ordinal and acting word
    end: int
    office: str
    ordinal: int | None = None
    acting: bool = False
    holder: tuple[int, int] | None = None
    named_apart: tuple[int, int] | None = None  # the holder named away from the title (the sentence's subject, the sentence before): no evidence, no extent
    term_start: TermDate | None = None
    term_end: TermDate | None = None
    length: Quantity | None = None
    length_span: tuple[int, int] | None = None
    approx: str | None = None
    evidence: tuple[int, int] | None = None
    predecessor: bool = False  # a successor word stands right before it: its holder's term is not starting
    terms: int | None = None  # a count of terms served (two terms): a length where the office's term is known
    terms_span: tuple[int, int] | None = None

    @property
    def extent(self) -> tuple[int, int]:
        """The title with its holder: what a date or duration is near."""
        if self.holder is None:
            return self.start, self.end
        return min(self.start, self.holder[0]), max(self.end, self.holder[1])


def find_offices(normalised: NormalisedText, lang: str, dates: list[TextDate], quantities: list[Quantity]) -> list[Office]:
    """The office facts of a text, from its dates and durations (original offsets, as extracted)."""
    language = load(lang)
    if not language.offices.titles:
        return []
    p = language.compiled(_compile)
    folded = normalised.text
    titles = [_title(folded, m, p, language) for m in p.titles.finditer(folded)]
    if not titles:
        return []
    values = Spans((normalised.to_folded(v.start), normalised.to_folded(v.end)) for v in (*dates, *quantities))
    for title in titles:
        title.holder = _holder(normalised, title, p, language.offices.holder, values)
        if title.holder is None and title.ordinal is not None:  # "X is the ninth sultan": the sentence's subject
            _subject(normalised, title, p, language.offices.holder, values)
    for at, title in enumerate(titles):
        if title.holder is None and title.named_apart is None and _marked_earlier(folded, title, p):
            named = next((t for t in reversed(titles[:at]) if _same_title(t.office, title.office) and (t.holder or t.named_apart)), None)
            title.named_apart = (named.holder or named.named_apart) if named else None
    starts = [t.start for t in titles]
    verb_side = language.events.date_verb
    # A "date" inside a title is its words (العام السابق of الأمين العام السابق), never a term's.
    title_spans = Spans((t.start, t.end) for t in titles)
    dates = [d for d in dates if not title_spans.overlaps(normalised.to_folded(d.start), normalised.to_folded(d.end))]
    date_spans = sorted((normalised.to_folded(d.start), normalised.to_folded(d.end)) for d in dates)
    duration_spans = sorted((normalised.to_folded(q.start), normalised.to_folded(q.end)) for q in quantities if q.kind == "duration")
    for date in dates:
        span = (normalised.to_folded(date.start), normalised.to_folded(date.end))
        title = _nearest(titles, starts, folded, span, values)
        if title is not None:
            _add_date(folded, title, date, span, p, verb_side, date_spans)
    for quantity in quantities:
        span = (normalised.to_folded(quantity.start), normalised.to_folded(quantity.end))
        long_enough = quantity.kind == "duration" and _duration_unit(quantity, lang) in TERM_UNITS and not _an_age(folded, span, p)
        title = _nearest(titles, starts, folded, span, values) if long_enough else None
        if title is not None and title.length is None and _cue_near(folded, span, title, p.length, duration_spans, verb_side) is not None:
            title.length, title.length_span = quantity, span
            title.approx = next((name for pattern, name in p.hedges if pattern.search(folded, max(0, span[0] - 25), span[0])), None)
    if p.terms is not None:
        _add_term_counts(folded, titles, starts, p, lang, values, verb_side, duration_spans)
    found = []
    for title in titles:
        if not (title.term_start or title.term_end or title.length or title.terms or title.ordinal is not None or title.acting):
            continue
        found.append(_office(normalised, title, lang))
    return found


@lru_cache(maxsize=1)
def term_years() -> dict[str, int]:
    """Years of one full term by office id (checker/offices.toml): where a count of terms is a length."""
    with resources.files("checker").joinpath("offices.toml").open("rb") as handle:
        table = tomllib.load(handle).get("term_years", {})
    if not all(isinstance(k, str) and isinstance(v, int) and v > 0 for k, v in table.items()):
        raise ValueError("checker/offices.toml: [term_years] maps office ids to whole years")
    return dict(table)


def _add_term_counts(folded: str, titles: list[_Title], starts: list[int], p: _Patterns, lang: str, values: Spans,
                     verb_side: str, rivals: list[tuple[int, int]]) -> None:
    """A count of terms beside a length word (served two terms, حكم لولايتين, دو دوره ... بود) for the nearest
    title of its sentence that has no length written."""
    for m in p.terms.finditer(folded):
        span = (m.start("w"), m.end())
        count = p.term_counts.get(phrase_key(m.group("w")), 1)
        number = next((n for n in find_numbers(folded[max(0, span[0] - 20) : span[0]], lang)
                       if n.kind == "cardinal" and not folded[max(0, span[0] - 20) + n.end : span[0]].strip()), None)  # fmt: skip
        if number is not None:
            span, count = (max(0, span[0] - 20) + number.start, span[1]), int(number.value)
        elif count < 2:
            continue  # "the term" alone counts nothing
        title = _nearest(titles, starts, folded, span, values)
        if title is None or title.length is not None or title.terms is not None:
            continue
        if _cue_near(folded, span, title, p.length, rivals, verb_side) is None:
            continue
        title.terms, title.terms_span = count, span


def _title(folded: str, m: re.Match[str], p: _Patterns, language: Language) -> _Title:
    """A title with the body, ordinal and acting word written next to it."""
    start, end = m.start("a"), m.end()  # the title with its article (الرئيس), without a joined و or ب
    office = p.title_ids[phrase_key(m.group("w"))]
    body = next((b for b in p.bodies.finditer(folded, max(0, start - 40), min(len(folded), end + 40)) if _adjacent(folded, (start, end), (b.start("w"), b.end()), 2)), None)
    if body is not None:
        office = f"{p.body_ids[phrase_key(body.group('w'))]}_{office}"
        start, end = min(start, body.start("a")), max(end, body.end())
    title = _Title(start, end, office)
    if p.successor is not None:
        title.predecessor = any(
            _adjacent(folded, (word.start("w"), word.end()), (start, end), 2) for word in p.successor.finditer(folded, max(0, start - 30), start)
        )
    near = folded[max(0, start - 30) : min(len(folded), end + 30)]
    offset = max(0, start - 30)
    for number in find_numbers(near, language.code):
        span = (offset + number.start, offset + number.end)
        ambiguous = phrase_key(folded[span[0] : span[1]]) in p.not_ordinals  # در گام اول رئیس‌جمهور: at first
        if number.kind == "ordinal" and not ambiguous and _adjacent(folded, (title.start, title.end), span, 0):  # not محمد السادس
            title.ordinal = int(number.value)
            title.start, title.end = min(title.start, span[0]), max(title.end, span[1])
            break
    for acting in p.acting.finditer(folded, max(0, start - 30), min(len(folded), end + 30)):
        span = (acting.start("w"), acting.end() + len(_WORD_REST.match(folded, acting.end()).group()))  # the whole word
        if _adjacent(folded, (title.start, title.end), span, 0):
            title.acting = True
            title.start, title.end = min(title.start, span[0]), max(title.end, span[1])
            break
    return title


def _adjacent(folded: str, a: tuple[int, int], b: tuple[int, int], words: int) -> bool:
    """Whether spans a and b stand within `words` words of each other, nothing but spaces, words and a
    genitive letter between (of, ل)."""
    if b[0] < a[1] and a[0] < b[1]:
        return False
    gap = folded[a[1] : b[0]] if a[1] <= b[0] else folded[b[1] : a[0]]
    return not CLAUSE_BREAK.search(gap) and len(_NAME_WORD.findall(gap)) <= words and not re.search(r"\d", gap)


def _sentence(folded: str, at: int) -> tuple[int, int]:
    reach = max(0, at - 600)
    return last_mark_end(SENTENCE_END, folded, reach, at), next_mark(SENTENCE_END, folded, at)


def _nearest(titles: list[_Title], starts: list[int], folded: str, span: tuple[int, int], values: Spans) -> _Title | None:
    """The title of the span's sentence nearest it, if the sentence has one (commas inside a date, as in
    July 17, 2000, break no clause)."""
    low, high = _sentence(folded, span[0])
    inside = titles[bisect_left(starts, low) : bisect_right(starts, high)]
    inside = [t for t in inside if t.end <= high and not (t.extent[0] < span[1] and span[0] < t.extent[1])]
    if not inside:
        return None

    def away(title: _Title) -> tuple[int, int]:  # a title across a comma is farther than one in the clause
        low, high = (span[1], title.extent[0]) if title.extent[0] >= span[1] else (title.extent[1], span[0])
        breaks = [m for m in CLAUSE_BREAK.finditer(folded, low, high) if not values.overlaps(m.start(), m.end())]
        return len(breaks), high - low

    def rank(title: _Title) -> tuple[int, bool, int]:
        # As far in clauses, the title before the value wins: the sentence's subject ("the late sultan, who
        # has ruled since 1971, after deposing his father Sultan Said" starts the first one's term).
        breaks, characters = away(title)
        return breaks, title.extent[0] >= span[1], characters

    # Across more than one clause break the value is about something else (a dynasty that ruled 53 years).
    near = [(rank(t), t) for t in inside if away(t)[0] <= MAX_CLAUSE_BREAKS]
    return min(near, key=lambda item: item[0])[1] if near else None


def _cue_near(folded: str, span: tuple[int, int], title: _Title, pattern: re.Pattern[str], rivals: list[tuple[int, int]],
              verb_side: str, side: str | None = None) -> int | None:
    """Distance from the span to the nearest `pattern` word of its clause or its title's, within CUE_REACH
    characters beyond the two (a verb may open the sentence before the title: استقال الأمين العام ... في), or
    None; with `side` ("before" or "after"), only words on that side of the span count.

    A word governs the first of the `rivals` (the dates, or the durations) on its language's side of it
    (`verb_side`: took office in 2000; در ۱۲ مرداد ۱۴۰۰ روی کار آمد), and reaches one on its other side only
    when it governs none: "on Sunday ended 54 years of rule since Hafez al-Assad seized power in 1970"
    starts nothing on Sunday."""
    low, high = min(span[0], title.extent[0]), max(span[1], title.extent[1])
    reach_low = max(0, low - CUE_REACH)
    low = max((m.end() for m in CLAUSE_BREAK.finditer(folded, reach_low, low)), default=reach_low)
    tail = CLAUSE_BREAK.search(folded, high, high + CUE_REACH)
    high = tail.start() if tail else min(len(folded), high + CUE_REACH)
    rivals = [r for r in rivals[bisect_left(rivals, (low, -1)) : bisect_right(rivals, (high, len(folded)))] if r != span]
    distances = []
    for m in pattern.finditer(folded, low, high):
        cue = (m.start("w"), m.end())
        before = cue[1] <= span[0]  # the word stands before the value
        if not before and cue[0] < span[1] or side == ("after" if before else "before"):
            continue
        between = (cue[1], span[0]) if before else (span[1], cue[0])
        if any(between[0] <= r[0] and r[1] <= between[1] for r in rivals):
            continue  # another value stands between the word and this one
        governed = [r for r in rivals if (r[0] >= cue[1] if verb_side == "before" else r[1] <= cue[0]) and _distance(cue, r) <= CUE_REACH]
        if before != (verb_side == "before") and governed:
            continue  # the word governs a value on its own side
        distances.append(_distance(cue, span))
    return min(distances, default=None)


def _an_age(folded: str, span: tuple[int, int], p: _Patterns) -> bool:
    """Whether an age word stands right before the duration (died aged 79, توفي عن 79 عاماً)."""
    return any(_adjacent(folded, (m.start("w"), m.end()), span, 0) for m in p.age.finditer(folded, max(0, span[0] - 15), span[0]))


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(b[0] - a[1], a[0] - b[1], 0)


def _add_date(folded: str, title: _Title, date: TextDate, span: tuple[int, int], p: _Patterns, verb_side: str,
              rivals: list[tuple[int, int]]) -> None:
    """A date of the title's sentence as its term's start, end or both, where it says which."""
    sides = None if date.relative else _sides(date)  # "not seen since Saturday" is no term
    if sides is None:
        return
    first, last, is_range = sides
    if title.predecessor and not is_range and _preposition(folded, span, p) != "until":
        # «جانشین سلطان قابوس» on a day: the day the successor took over; the predecessor's end is said by
        # an end word, kept below only when one governs the date
        if _cue_near(folded, span, title, p.end, rivals, verb_side) is None:
            return
        if title.term_end is None:
            title.term_end = first
            title.evidence = (min(span[0], title.evidence[0]), max(span[1], title.evidence[1])) if title.evidence else span
        return
    if is_range:
        title.term_start, title.term_end = title.term_start or first, title.term_end or last
    elif date.date_end is None:  # since 2000: an open start, when the sentence says it is a term's
        if _cue_near(folded, span, title, p.start, rivals, verb_side) is None and _cue_near(folded, span, title, p.length, rivals, verb_side) is None:
            return
        title.term_start = title.term_start or first
    elif (before := _preposition(folded, span, p)) is not None:  # since July 2000, از مهر ۱۳۹۳, حتى وفاته
        if before == "since" and title.term_start is None:
            title.term_start = first
        elif before == "until" and title.term_end is None:
            title.term_end = first
        else:
            return
    else:
        # The verb on the language's side of its date decides (تولى ... في X واستقال في Y; در X روی کار آمد),
        # else the nearest on the other side.
        for side in (verb_side, None):
            to_start = _cue_near(folded, span, title, p.start, rivals, verb_side, side)
            to_end = _cue_near(folded, span, title, p.end, rivals, verb_side, side)
            if to_start is not None or to_end is not None:
                break
        else:
            return
        if to_end is None or (to_start is not None and to_start <= to_end):
            if title.term_start is None:
                title.term_start = first
            else:
                return
        elif title.term_end is None:
            title.term_end = first
        else:
            return
    title.evidence = (min(span[0], title.evidence[0]), max(span[1], title.evidence[1])) if title.evidence else span


def _preposition(folded: str, span: tuple[int, int], p: _Patterns) -> str | None:
    """"since" or "until" when one of those words stands right before the date (a year word between)."""
    for name, pattern in (("since", p.since), ("until", p.until)):
        for m in pattern.finditer(folded, max(0, span[0] - 15), span[0]):
            if _adjacent(folded, (m.start("w"), m.end()), span, 1):
                return name
    return None


def _sides(date: TextDate) -> tuple[TermDate, TermDate | None, bool] | None:
    """(first side, last side, whether it is a range) of a date: 2004–2012 is two years, since 2000 one."""
    if date.date_start is None or date.value is None or date.grain not in _GRAIN_PARTS:
        return None
    parts = _GRAIN_PARTS[date.grain]
    first_parts = in_calendar(date.calendar, date.date_start)[:parts]
    first = _term(date.calendar, date.grain, first_parts)
    if date.date_end is None:
        return (first, None, False) if first else None
    last_parts = in_calendar(date.calendar, date.date_end)[:parts]
    if last_parts == first_parts:
        return (first, first, False) if first else None
    last = _term(date.calendar, date.grain, last_parts)
    return (first, last, True) if first and last else None


def _term(calendar: str, grain: str, parts: tuple[int, ...]) -> TermDate | None:
    days = interval(calendar, *parts)
    if days is None:
        return None
    year, month, day = (*parts, None, None)[:3]
    value = DateValue(calendar, year, month, day, grain, start=days[0], end=days[1]).edtf
    return TermDate(value, days[0], days[1], grain, calendar)


def _holder(normalised: NormalisedText, title: _Title, p: _Patterns, words: HolderWords, values: Spans) -> tuple[int, int] | None:
    """Folded span of the name written right after the title, else right before it (after a comma)."""
    folded = normalised.text
    low, high = _sentence(folded, title.start)
    after = _name_words(normalised, title.end, high, p, words, values, forward=True)
    if after:
        return after
    return _name_words(normalised, low, title.start, p, words, values, forward=False)


def _subject(normalised: NormalisedText, title: _Title, p: _Patterns, words: HolderWords, values: Spans) -> None:
    """The title's holder as the name opening its sentence (Haitham, 65, becomes the eighth sultan), or, when
    nothing but function words stands before the title (وهو تاسع سلطان, او نهمین سلطان), as the name opening
    the sentence before."""
    folded = normalised.text
    low, _ = _sentence(folded, title.start)
    opening = _first_word(folded, low, title.start, p)
    if opening is not None:
        title.named_apart = _name_words(normalised, opening, _clause_end(folded, opening, title.start), p, words, values, forward=True)
    elif low > 0:
        before, _ = _sentence(folded, low - 1)
        opening = _first_word(folded, before, low, p)
        if opening is not None:
            title.named_apart = _name_words(normalised, opening, _clause_end(folded, opening, low), p, words, values, forward=True)


def _same_title(a: str, b: str) -> bool:
    """Whether two office ids name one title, one with its country (saudi_arabia_king and king)."""
    return a == b or a.endswith(f"_{b}") or b.endswith(f"_{a}")


def _marked_earlier(folded: str, title: _Title, p: _Patterns) -> bool:
    """Whether a word beside the title says its holder was named before (the late sultan, السلطان الراحل)."""
    after = _NAME_WORD.match(folded, title.end + 1) if folded[title.end : title.end + 1].isspace() else None
    before = [m for m in _NAME_WORD.finditer(folded, max(0, title.start - 30), title.start) if m.end() == title.start - 1]
    return any(phrase_key(m.group()) in p.earlier for m in (after, *before) if m)


def _first_word(folded: str, low: int, high: int, p: _Patterns) -> int | None:
    """Offset of the first word of the opening clause of folded[low:high] that is no function word."""
    for token in _NAME_WORD.finditer(folded, low, _clause_end(folded, low, high)):
        if phrase_key(token.group()) not in p.stops:
            return token.start()
    return None


def _clause_end(folded: str, low: int, high: int) -> int:
    end = CLAUSE_BREAK.search(folded, low, high)
    return end.start() if end else high


def _name_words(normalised: NormalisedText, low: int, high: int, p: _Patterns, words: HolderWords, values: Spans, forward: bool) -> tuple[int, int] | None:
    folded = normalised.text
    tokens = list(_NAME_WORD.finditer(folded, low, high))
    if not forward:
        tokens.reverse()
    taken: list[re.Match[str]] = []
    edge = low if forward else high
    # Assad, the president; الرئيس الراحل حافظ الأسد: words that may stand between a title and the name
    while tokens and phrase_key(tokens[0].group()) in p.between and not _gap(folded, edge, tokens[0], forward).strip():
        edge = tokens.pop(0).end() if forward else tokens.pop(0).start()
    comma = False
    for token in tokens:
        gap = _gap(folded, edge, token, forward)
        if not taken and not forward and gap.strip(" \u200c") in (",", "،"):
            comma, gap = True, ""  # Assad, the president: a comma between a name and the title after it
        if gap.strip(" \u200c") or len(gap) > 2:
            break  # punctuation or a digit ends a name (before a title, one comma may stand between)
        if values.overlaps(token.start(), token.end()) or not _name_word(normalised, token, p, words):
            break
        taken.append(token)
        edge = token.end() if forward else token.start()
        if len(taken) == words.max_words:
            break
    while taken and phrase_key(taken[-1].group()) in p.particles:
        taken.pop()  # a name does not end on al, bin
    if not taken:
        return None
    opens_clause = _CLAUSE_END.search(folded[low : taken[-1].start()]) is not None
    if not forward and not comma and not opens_clause:
        return None  # a name before its title stands before a comma or opens a clause; else it is any word
    spans = [(t.start(), t.end()) for t in taken]
    return min(s for s, _ in spans), max(e for _, e in spans)


def _gap(folded: str, edge: int, token: re.Match[str], forward: bool) -> str:
    return folded[edge : token.start()] if forward else folded[token.end() : edge]


def _name_word(normalised: NormalisedText, token: re.Match[str], p: _Patterns, words: HolderWords) -> bool:
    key = phrase_key(token.group())
    if key in p.stops or key in p.title_ids or key in p.body_ids:
        return False
    folded = normalised.text
    for pattern in (p.titles, p.bodies, p.start, p.end, p.length, p.acting):
        if pattern.match(folded, token.start()):
            return False
    if words.capitalised:  # Bashar, al-Assad, bin Salman: a capital, or a particle before one
        parts = re.split(r"[-'’]", normalised.original_text(token.start(), token.end()))
        return parts[0][:1].isupper() or phrase_key(parts[0]) in p.particles
    return True


def _duration_unit(quantity: Quantity, lang: str) -> str | None:
    parsed = parse_duration(fold(quantity.text), lang)
    return parsed[1] if parsed else None


def _office(normalised: NormalisedText, title: _Title, lang: str) -> Office:
    spans = [(title.start, title.end)] + [s for s in (title.holder, title.evidence, title.length_span, title.terms_span) if s]
    first, last = normalised.span(min(s for s, _ in spans), max(e for _, e in spans))
    named = title.holder or title.named_apart
    holder = normalised.original_text(*named) if named else None
    length = title.length.value if title.length else None
    unit = _duration_unit(title.length, lang) if title.length is not None else None
    if length is None and title.terms and title.office in term_years():  # two terms of four years: 8 years
        length, unit = f"P{title.terms * term_years()[title.office]}Y", "term"
    return Office(
        first, last, title.office, holder, title.term_start, title.term_end, length if isinstance(length, str) else None, unit,
        title.approx, title.ordinal, title.acting,
    )  # fmt: skip
