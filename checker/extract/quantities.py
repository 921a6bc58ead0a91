"""Counts, changes and durations in running text, on top of the foundation's number reader.

- a count is a number with what it counts after it (ثمانية من أعضاء, 8 روس, هشت تن از کارکنان, eight
  diplomats) or before it (الدبلوماسيين الروس الثمانية), with its hedge (نحو 20, more than 100) as
  `approx`; a dual noun (مشروعين) counts two;
- a change is من 20 إلى 10 / از ۲۰ به ۱۰ / from 20 to 10, a share (إلى النصف, به نصف, halved, by a third,
  doubled) or a number of units removed (هفت نفر کاهش داد);
- a duration is a count of time units (عقدين, دو دهه, two decades, 20 عاما), as ISO 8601;
- a quantity is a measurement with a unit (6.3 ريختر, 40 درصد, $5 million, 10 km) or a person's age
  (unit years_of_age), never a count (checker/extract/measures.py).

Every count and change carries its `measure`, what it counts (checker/extract/measures.py). Not counts:
numbers inside dates or joined to one (21 و 22 تشرين الأول), years (a 2020 strike), clock times, ids
and scores (the measures table's `not_counts`), numbers glued to letters (Share196), ordinals, and the
word for "one" used as an article. The words live in checker/lang/<code>/quantities.toml and measures.toml.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from checker.extract import SENTENCE_END, Spans, clitic_pattern
from checker.extract.measures import MAX_AGE, YEARS_OF_AGE, MeasureReader, measure_words
from checker.grammar.durations import parse_duration
from checker.grammar.numbers import NumberMatch, find_numbers
from checker.lang import LANGUAGES, Language, load
from checker.normalise.text import NormalisedText, alternation, fold, phrase_key

_ISO_UNITS = {"second": ("T", "S", 1), "minute": ("T", "M", 1), "hour": ("T", "H", 1), "day": ("", "D", 1),
              "week": ("", "W", 1), "month": ("", "M", 1), "year": ("", "Y", 1), "decade": ("", "Y", 10),
              "century": ("", "Y", 100)}
_WORD = re.compile(r"[^\W\d_]+")
# Matched at a position, never searched for nor run on a copy of the rest of the text: a text with no
# word or punctuation after its numbers would be read to its end at each of them.
_WORD_GAP = re.compile(r"[ \u200c]*+")  # what may stand between a number and the words it counts
_SPACES = re.compile(r"\s*+")
_WHOLE_AFTER = re.compile(r"\s*+[\d٠-٩۰-۹][\d٠-٩۰-۹,.]*+")  # the whole of a part (34 of the 37 people)
_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_YEARS = (1800, 2100)  # a bare four-digit number in this range that counts no known noun is a year
_PERCENT = "percent"


@dataclass(frozen=True)
class Quantity:
    """A count, change, duration or quantity: original span and value."""

    kind: str  # count | change | duration | quantity
    start: int
    end: int
    text: str
    value: float | int | str | None  # count: the number; duration: ISO 8601; change: the new value if known
    approx: str | None = None  # about | more | less
    from_value: float | int | None = None
    to_value: float | int | None = None
    ratio: float | None = None
    by: float | int | None = None  # a change stated as units added (+) or removed (-)
    counted: str | None = None  # the words the count is about, as written (an age: the person)
    measure: str | None = None  # counts and changes: what is counted (checker/measures.toml)
    unit: str | None = None  # quantities: the unit (checker/measures.toml)


@dataclass(frozen=True)
class _Words:
    hedges: tuple[tuple[re.Pattern[str], str], ...]  # before the number
    hedges_after: tuple[tuple[re.Pattern[str], str], ...]
    partitives: frozenset[str]
    classifiers: frozenset[str]
    date_joins: re.Pattern[str]  # what joins a number to a date after it: 21 و 22 تشرين الأول
    months: re.Pattern[str]  # a month name: the number before it is a day, whether or not a date was read
    duals: re.Pattern[str] | None
    from_to: tuple[tuple[str, str], ...]
    to_share: tuple[tuple[re.Pattern[str], float], ...]
    by_share: tuple[tuple[re.Pattern[str], float], ...]
    multiplied: tuple[tuple[re.Pattern[str], float], ...]
    by_count: frozenset[str]
    to_links: frozenset[str]  # the word before a change's new value (إلى, به, to)
    decrease: re.Pattern[str]
    increase: re.Pattern[str]
    clitic: str
    stop: frozenset[str]  # words that end a counted noun phrase
    function_words: frozenset[str]  # في, of, از: never what a number counts
    articles: tuple[str, ...]  # definite articles a number word may carry after its noun (الثمانية)
    year_articles: re.Pattern[str]  # an article before a year-shaped number: a 2019 attack


def _dual_stem(noun: str, stem_endings: Mapping[str, str]) -> str:
    """A singular noun as its dual writes it, folded (دولة -> دولت, for دولتين)."""
    folded = fold(noun)
    for ending, replacement in stem_endings.items():
        if folded.endswith(fold(ending)):
            return folded[: -len(fold(ending))] + fold(replacement)
    return folded


def _dual_nouns(language: Language, clitic: str) -> re.Pattern[str] | None:
    """Nouns in the dual (مشروعين, الدولتين): each counts two."""
    counts = language.quantities.counts
    if not counts.dual_nouns:
        return None
    stems = sorted({_dual_stem(noun, counts.dual_stem_endings) for noun in counts.dual_nouns}, key=len, reverse=True)
    endings = "|".join(re.escape(fold(e)) for e in counts.dual_endings)
    definite = "|".join(re.escape(fold(p)) for p in language.numbers.prefixes.definite)
    return re.compile(f"(?<!\\w){clitic}(?P<at>)(?:{definite})?(?:{'|'.join(re.escape(s) for s in stems)})(?:{endings})(?!\\w)")


@lru_cache(maxsize=None)
def _words(lang: str) -> _Words:
    language = load(lang)
    counts, changes = language.quantities.counts, language.quantities.changes
    clitic = clitic_pattern(lang)

    def phrases(mapping: Mapping[str, float]) -> tuple[tuple[re.Pattern[str], float], ...]:
        return tuple((re.compile(f"(?<!\\w){clitic}(?P<at>){alternation([w])}(?!\\w)"), float(v)) for w, v in mapping.items())

    def tail(words: tuple[str, ...]) -> re.Pattern[str]:
        return re.compile(f"(?<!\\w){clitic}(?:{alternation(words)})(?!\\w)")

    before = (("about", counts.about), ("more", counts.more), ("less", counts.less))
    after = (("about", counts.about_after), ("more", counts.more_after))
    return _Words(
        hedges=tuple((re.compile(f"(?<!\\w){clitic}(?P<at>)(?:{alternation(words)})\\s*$"), name) for name, words in before if words),
        hedges_after=tuple((re.compile(f"\\s*(?:{alternation(words)})(?!\\w)"), name) for name, words in after if words),
        partitives=frozenset(phrase_key(w) for w in counts.partitives),
        classifiers=frozenset(phrase_key(w) for w in counts.classifiers),
        date_joins=re.compile(f"\\s*(?:[-–/,،]|{alternation([*language.numbers.grammar.connectors, *(b for _, b in changes.from_to)])}(?![^\\W\\d_]))\\s*"),
        duals=_dual_nouns(language, clitic),
        from_to=tuple((fold(a), fold(b)) for a, b in changes.from_to),
        to_share=phrases(changes.to_share),
        by_share=phrases(changes.by_share),
        multiplied=phrases(changes.multiplied),
        by_count=frozenset(phrase_key(w) for w in changes.by_count),
        to_links=frozenset(phrase_key(b) for _, b in changes.from_to),
        decrease=tail(changes.decrease),
        increase=tail(changes.increase),
        clitic=clitic,
        months=re.compile(f"{alternation(name for entry in language.dates.months for names in entry.names for name in names)}(?!\\w)"),
        stop=frozenset(phrase_key(w) for w in (*counts.partitives, *[p for p, _ in changes.from_to])),
        # Any language's: an Arabic page quotes English captions (2019 in Hertford).
        function_words=frozenset(phrase_key(w) for code in LANGUAGES for w in load(code).cues.words),
        # Any language's too: the number may have been read with another language's words.
        articles=tuple(fold(p) for code in LANGUAGES for p in load(code).numbers.prefixes.definite),
        year_articles=re.compile(f"(?<!\\w)(?:{alternation(counts.year_articles) if counts.year_articles else '(?!)'})\\s+$"),
    )


@lru_cache(maxsize=None)
def _unit_words(lang: str) -> re.Pattern[str]:
    """Any time-unit word, anywhere: a text without one cannot be a duration, so it is not parsed as one."""
    numbers = load(lang).numbers
    return re.compile(alternation([*numbers.durations, *numbers.duration_duals]))


@lru_cache(maxsize=None)
def _lone_units(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A singular time unit with no number before it (the article allowed), a word governing it from before (for,
    لمدة, مهلت) and one from after (after, ago); each makes the unit a duration of one."""
    language = load(lang)
    numbers, durations, clitic = language.numbers, language.quantities.durations, clitic_pattern(lang)
    articles = alternation(numbers.grammar.articles) if numbers.grammar.articles else "(?!)"
    unit = re.compile(f"(?<!\\w){clitic}(?P<at>)(?:(?:{articles})\\s+)?(?P<unit>{alternation(durations.singular)})(?!\\w)")
    governor = re.compile(f"(?<!\\w){clitic}(?:{alternation(durations.governors) if durations.governors else '(?!)'})\\s*$")
    follower = re.compile(f"\\s+(?:{alternation(durations.followers) if durations.followers else '(?!)'})(?!\\w)")
    return unit, governor, follower


@lru_cache(maxsize=None)
def _dual_units(lang: str) -> re.Pattern[str]:
    """Words that are two time units by themselves (عقدين, عامين), with any attached letters or article."""
    numbers = load(lang).numbers
    duals = [phrase_key(w) for w in numbers.duration_duals]
    heads = ["", *(phrase_key(p) for p in numbers.prefixes.attached)]
    articles = ["", *(phrase_key(p) for p in numbers.prefixes.definite)]
    return re.compile(f"(?<!\\w){alternation(h + a + d for h in heads for a in articles for d in duals)}(?!\\w)")


def _as_number(value: float | int) -> float | int:
    return int(value) if float(value).is_integer() else round(float(value), 4)


def _iso_duration(count: float | int, unit: str) -> str:
    time_part, letter, factor = _ISO_UNITS[unit]
    amount = _as_number(count * factor)
    return f"P{time_part}{amount}{letter}"


iso_duration = _iso_duration  # for the gate's term length claims (checker/gate/parse.py)


def _glued(folded: str, start: int, end: int) -> bool:
    """A number printed against letters or digits of another token (Share196, No.5, 16:03)."""
    before = folded[start - 1] if start else " "
    after = folded[end] if end < len(folded) else " "
    return (before.isalpha() and before.isascii()) or (after.isalpha() and after.isascii()) or before in ":" or after == ":"


def _direction(folded: str, start: int, end: int, w: _Words) -> int:
    """-1 if a decrease word is near (cut, خفض, کاهش), +1 if an increase word, else 0."""
    window = folded[max(0, start - 60) : min(len(folded), end + 40)]
    down = [abs(m.start() - 60) for m in w.decrease.finditer(window)]
    up = [abs(m.start() - 60) for m in w.increase.finditer(window)]
    if down and (not up or min(down) <= min(up)):
        return -1
    return 1 if up else 0


def _next_words(folded: str, end: int, n: int) -> list[re.Match[str]]:
    """Up to `n` letter words right after `end`, separated by spaces (or ZWNJ) only; the first may hang on a
    hyphen (a 10-storey building). Each word is matched where it must start, never searched for, so a
    number with no word after it costs its gap, not the rest of the text."""
    found: list[re.Match[str]] = []
    while len(found) < n:
        start = end + 1 if not found and folded.startswith("-", end) else _WORD_GAP.match(folded, end).end()
        m = _WORD.match(folded, start)
        if m is None:
            break  # punctuation ends what a number can count
        found.append(m)
        end = m.end()
    return found


def find_quantities(normalised: NormalisedText, lang: str, taken: list[tuple[int, int]]) -> list[Quantity]:
    """Counts, changes and durations outside the `taken` original spans (the dates)."""
    folded = normalised.text
    w = _words(lang)
    folded_taken = [(normalised.to_folded(s), normalised.to_folded(e)) for s, e in taken]
    dates = Spans(folded_taken)
    numbers = [n for n in find_numbers(folded, lang) if not dates.overlaps(n.start, n.end)]
    found = _Emitted(normalised, Spans(folded_taken))
    reader = MeasureReader(folded, lang, [n.start for n in numbers if n.kind == "cardinal"])
    # Ages and measurements first: the number in "(68 عاما)" is an age, not a duration or a count; then
    # durations: the number in "20 عاما" is no count.
    _emit_ages(normalised, numbers, reader, found)
    _emit_measurements(folded, numbers, reader, found, lang)
    _emit_durations(folded, numbers, lang, found)
    _emit_changes_from_to(folded, numbers, w, found)
    _emit_changes_by_share(folded, w, found)
    _emit_changes_by_count(folded, numbers, w, found)
    _emit_counts(normalised, numbers, lang, w, found, reader, dates)
    found.measure_changes(reader)
    found.out.sort(key=lambda item: item[0])
    return [q for _, _, q in found.out]


class _Emitted:
    """Quantities found so far, by folded span; a span taken by a date or an earlier quantity takes no other."""

    def __init__(self, normalised: NormalisedText, used: Spans):
        self.normalised = normalised
        self.used = used
        self.out: list[tuple[int, int, Quantity]] = []

    def emit(self, kind: str, start: int, end: int, **fields) -> None:
        if self.used.overlaps(start, end):
            return
        self.used.add(start, end)
        first, last = self.normalised.span(start, end)
        self.out.append((start, end, Quantity(kind, first, last, self.normalised.original[first:last], **fields)))

    def measure_changes(self, reader: MeasureReader) -> None:
        """Give every change the measure of the noun naming what changed."""
        self.out = [
            (start, end, replace(q, measure=reader.change(start, end)) if q.kind == "change" else q) for start, end, q in self.out
        ]


def _emit_ages(normalised: NormalisedText, numbers: list[NumberMatch], reader: MeasureReader, found: _Emitted) -> None:
    """A person's age: aged 63, 63-year-old, ۶۳ ساله, (68 عاما), Raisi, 63, ...: a quantity in years_of_age,
    with the person named just before it as its subject."""
    folded, words = normalised.text, reader.words
    for n in numbers:
        if n.kind != "cardinal" or not 0 < n.value <= MAX_AGE or not float(n.value).is_integer():
            continue
        years = words.age_years.match(folded, n.end)
        after = words.age_after.match(folded, n.end)
        before = words.age_before.search(folded, max(0, n.start - 30), n.start)
        if before is None and years:
            before = words.age_before_years.search(folded, max(0, n.start - 30), n.start)
        opening = re.search(r"\(\s*$", folded[max(0, n.start - 3) : n.start])
        end = max((m.end() for m in (years, after) if m), default=n.end)
        if after or before:
            opened_at = before.start() if before else None
        elif opening and years and re.match(r"\s*\)", folded[years.end() : years.end() + 3]):
            opened_at = n.start - len(opening.group())
        elif words.age_name_comma and _name_comma_age(normalised, n):
            opened_at = folded.rindex(",", 0, n.start)
        else:
            continue
        person = _words_before(normalised, opened_at) if opened_at is not None else None
        found.emit("quantity", n.start, end, value=_as_number(n.value), unit=YEARS_OF_AGE, counted=person)


def _name_comma_age(normalised: NormalisedText, n: NumberMatch) -> bool:
    """Raisi, 63, ...: digits between commas straight after a capitalised word (checked in the original)."""
    start, end = normalised.span(n.start, n.end)
    original = normalised.original
    return bool(re.search(r"[A-Z][\w'’-]*,\s*$", original[max(0, start - 40) : start])) and bool(re.match(r",\s", original[end : end + 2])) and original[start:end].isdigit()


def _words_before(normalised: NormalisedText, at: int, most: int = 3) -> str | None:
    """Up to `most` words just before folded position `at`, in the same sentence, as written."""
    base = max([max(0, at - 60)] + [m.end() for m in SENTENCE_END.finditer(normalised.text, max(0, at - 60), at)])
    words = list(re.finditer(r"[^\W\d_]+", normalised.text[base:at]))[-most:]
    if not words:
        return None
    return normalised.original_text(base + words[0].start(), base + words[-1].end())


@lru_cache(maxsize=None)
def _range_joiner(lang: str) -> re.Pattern[str]:
    """What joins the two ends of a range or pair sharing one unit (100 and 140 thousand pounds, 4500 و6000
    دولار, ۳ تا ۵ میلیارد دلار): the language's number connectors and range links (to, إلى, تا), a dash."""
    language = load(lang)
    links = [*language.numbers.grammar.connectors, *language.quantities.counts.range_links]
    return re.compile(f"(?:\\s*[-–]\\s*|\\s+(?:{alternation(links)})\\s*)$")


def _range_first(folded: str, n: NumberMatch, by_end: Mapping[int, NumberMatch], joiner: re.Pattern[str]) -> NumberMatch | None:
    """The number opening a range or pair whose second number `n` carries the unit, if any."""
    join = joiner.search(folded, max(0, n.start - 8), n.start)
    first = by_end.get(join.start()) if join else None
    return first if first is not None and first.value < n.value else None


def _scale(folded: str, second: NumberMatch, first: NumberMatch) -> float:
    """The scale word the second number carries and the first lacks (100 and 140 thousand): its factor."""
    digits = re.match(r"\d+(?:[.,]\d+)*", folded[second.start : second.end])
    if digits is None or re.fullmatch(r"[\d.,]+", folded[first.start : first.end]) is None or digits.end() == second.end - second.start:
        return 1
    try:
        written = float(digits.group().replace(",", ""))
    except ValueError:
        return 1
    factor = second.value / written if written else 1
    return factor if factor >= 1000 and first.value * factor > second.value / 1000 else 1


def _emit_measurements(folded: str, numbers: list[NumberMatch], reader: MeasureReader, found: _Emitted, lang: str) -> None:
    """A number with a unit: a word or sign before it (بقوة 6.3, $5, magnitude 7) unless a known noun
    follows it (بقوة 5000 جندي is a count), else a unit word after it (40 درصد, 10 كلم), or a percent."""
    words = reader.words
    by_end = {n.end: n for n in numbers if n.kind == "cardinal"}
    joiner = _range_joiner(lang)
    classifiers = _words(lang).classifiers | _words(lang).function_words
    for n in numbers:
        if n.kind not in ("cardinal", "percent") or found.used.overlaps(n.start, n.end):
            continue
        start, end, unit = n.start, n.end, _PERCENT if n.kind == "percent" else None
        for pattern, name in words.units_before:
            sign = pattern.search(folded, max(0, n.start - 25), n.start)
            if sign and unit is None and not _names_a_noun(folded, n.end, reader):
                start, unit = sign.start(), name
        after = words.units_after.pattern.match(folded, n.end)
        if after and phrase_key(after.group("w")) in classifiers and not _material_after(folded, after.end(), reader, classifiers):
            after = None  # ۱۲ تن کشته شدند, ۱۲ تن از: persons; ۲۷۵۰ تن نیترات: tonnes
        if after:
            end, unit = after.end(), unit or words.units_after.ids[phrase_key(after.group("w"))]
        if unit is not None:
            measure = next((name for pattern, name in words.measurements if pattern.search(folded, max(0, start - 30), start)), None)
            restated = re.match(r"\s*\([^()\n]{1,40}\)", folded[end : end + 50])  # 5,000 metres (16,400 feet) deep
            tail = end + restated.end() if restated else end
            measure = measure or next((name for pattern, name in words.measured_after if pattern.match(folded, end) or pattern.match(folded, tail)), None)
            first = _range_first(folded, n, by_end, joiner) if after and start == n.start else None
            if first is not None and not found.used.overlaps(first.start, first.end) and not _names_a_noun(folded, first.end, reader):
                # between 100 and 140 thousand pounds, 4500 و6000 دولار: the unit and scale are both numbers'
                found.emit("quantity", first.start, first.end, value=_as_number(first.value * _scale(folded, n, first)), unit=unit, measure=measure)
            found.emit("quantity", start, end, value=_as_number(n.value), unit=unit, measure=measure)


def _material_after(folded: str, end: int, reader: MeasureReader, function_words: frozenset[str]) -> bool:
    """Whether a unit word that is also a classifier of people (the Persian تن: tonne or person) is followed
    by what it weighs: a word that is neither a function word nor one the tables know as people or events."""
    following = _next_words(folded, end, 1)
    if not following or phrase_key(following[0].group()) in function_words:
        return False
    span = (following[0].start(), following[0].end())
    lexicons = (reader.words.nouns, reader.words.people, reader.words.events)
    return not any(True for lexicon in lexicons for _ in lexicon.matches(folded, *span))


def _names_a_noun(folded: str, end: int, reader: MeasureReader) -> bool:
    following = _next_words(folded, end, 1)
    if not following:
        return False
    span = (following[0].start(), following[0].end())
    return any(True for lexicon in (reader.words.nouns, reader.words.people) for _ in lexicon.matches(folded, *span))


@lru_cache(maxsize=None)
def _not_spans(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(an age limit just before a number, an hour joined by "and" just before minutes)."""
    durations, clitic = load(lang).quantities.durations, clitic_pattern(lang)
    limits = f"(?<!\\w){clitic}(?:{alternation(durations.age_limits)})[\\s-]*$" if durations.age_limits else "(?!)"
    hours = alternation(durations.clock_hours) if durations.clock_hours else None
    joiners = alternation(load(lang).numbers.grammar.connectors) if load(lang).numbers.grammar.connectors else "(?!)"
    clock = f"(?<!\\w){clitic}(?:{hours})(?:\\s+[^\\W_]+)?\\s+(?:{joiners})\\s*$" if hours else "(?!)"
    return re.compile(limits), re.compile(clock)


def _emit_durations(folded: str, numbers: list[NumberMatch], lang: str, found: _Emitted) -> None:
    """A number and a unit of time (20 عاما, two decades), and a dual unit word alone (عقدين, عامين). Not
    an age limit (Under-20, تحت 20 عاما) nor the minutes of a time of day (السادسة وثماني دقائق)."""
    age_limit, clock = _not_spans(lang)
    for n in numbers:
        for words in (2, 1):
            following = _next_words(folded, n.end, words)
            if len(following) < words:
                continue
            span_end = following[-1].end()
            if not _unit_words(lang).search(folded, n.end, span_end):
                continue
            duration = parse_duration(_without_adjective_ending(folded[n.start : span_end], lang), lang)
            if duration is not None and n.kind == "cardinal":
                before = folded[max(0, n.start - 30) : n.start]
                if age_limit.search(before) or (duration[1] == "minute" and clock.search(before)):
                    if not found.used.overlaps(n.start, span_end):
                        found.used.add(n.start, span_end)  # neither a span nor a count
                    break
                found.emit("duration", n.start, span_end, value=_iso_duration(duration[0], duration[1]))
                break
    for m in _dual_units(lang).finditer(folded):
        if found.used.overlaps(m.start(), m.end()):
            continue
        duration = parse_duration(m.group(), lang)
        if duration is not None and duration[0] == 2:
            found.emit("duration", m.start(), m.end(), value=_iso_duration(duration[0], duration[1]))
    _emit_lone_units(folded, lang, found, {n.end for n in numbers if n.kind == "ordinal"})
    _emit_glued_units(folded, lang, found)
    _emit_fraction_units(folded, lang, found)


def _emit_fraction_units(folded: str, lang: str, found: _Emitted) -> None:
    """A fraction of a long unit of time with no number: a quarter century, half a century, ربع قرن, نیم قرن
    (a fraction of a day or an hour is no span worth a fact of its own)."""
    numbers = load(lang).numbers
    units = [word for word, unit in numbers.durations.items() if unit in ("decade", "century")]
    if not numbers.fractions or not units:
        return
    # up to two small words between (half a century, a quarter of a century)
    # an article before it is its own (nearly a quarter century): a hedge stands before the article
    pattern = re.compile(f"(?<!\\w)(?:[a-z]{{1,2}}\\s+)?(?P<f>{alternation(numbers.fractions)})(?:\\s+[^\\W\\d_]{{1,2}}){{0,2}}\\s+(?P<u>{alternation(units)})(?!\\w)")
    for m in pattern.finditer(folded):
        if found.used.overlaps(m.start(), m.end()):
            continue
        duration = parse_duration(f"{m.group('f')} {m.group('u')}", lang)
        if duration is not None:
            found.emit("duration", m.start(), m.end(), value=_iso_duration(duration[0], duration[1]))


def _without_adjective_ending(text: str, lang: str) -> str:
    """A duration adjective as its number and unit: دو ماهه -> دو ماه (a two-month deadline)."""
    for ending in sorted(load(lang).quantities.durations.adjective_endings, key=len, reverse=True):
        stem = text[: -len(fold(ending))]
        if text.endswith(fold(ending)) and _unit_words(lang).search(stem[-8:]) and stem[-1:].isalpha():
            return stem
    return text


def _emit_glued_units(folded: str, lang: str, found: _Emitted) -> None:
    """A number word, unit and adjective ending written as one word once ZWNJ is folded away: یک‌هفته‌ای,
    هفت‌ساله (a one-week suspension, a seven-year rift); after a noun of people it is an age."""
    endings = load(lang).quantities.durations.adjective_endings
    if not endings:
        return
    units = alternation(load(lang).numbers.durations)
    glued = re.compile(f"(?<!\\w)(?P<number>[^\\W\\d_]+?)(?P<unit>{units})(?:{alternation(endings)})(?!\\w)")
    people = measure_words(lang).people
    for m in glued.finditer(folded):
        if found.used.overlaps(m.start(), m.end()):
            continue
        before = list(_WORD.finditer(folded, max(0, m.start() - 25), m.start()))
        if before and any(True for _ in people.matches(folded, before[-1].start(), before[-1].end())):
            continue  # کودکی سه‌ساله: a person's age, not a span
        duration = parse_duration(f"{m.group('number')} {m.group('unit')}", lang)
        if duration is not None:
            found.emit("duration", m.start(), m.end(), value=_iso_duration(duration[0], duration[1]))


def _emit_lone_units(folded: str, lang: str, found: _Emitted, ordinal_ends: set[int]) -> None:
    """A time unit with an implicit one: governed by a word before it (for a week, خلال شهر, مهلة شهر) or
    after it (a week after the blast), or in a form that is a span by itself (أسبوعا). Not after an
    ordinal: "for a second day" says which day, not how long."""
    unit, governor, follower = _lone_units(lang)
    by_themselves = {fold(w) for w in load(lang).quantities.durations.by_themselves}
    months = _words(lang).months
    for m in unit.finditer(folded):
        start = m.start("at")
        if found.used.overlaps(start, m.end()) or len(folded[:start].rstrip()) in ordinal_ends:
            continue
        governed = governor.search(folded, max(0, start - 30), start) or follower.match(folded, m.end())
        if not governed and fold(m.group("unit")) not in by_themselves:
            continue
        after = _SPACES.match(folded, m.end()).end()
        if folded[after : after + 1].isdigit() or months.match(folded, after):
            continue  # the unit names a period (خلال شهر أكتوبر, قبل عام 2019), it measures none
        duration = parse_duration(folded[start : m.end()], lang)
        if duration is not None and duration[0] == 1:
            found.emit("duration", start, m.end(), value=_iso_duration(1, duration[1]))


def _emit_changes_from_to(folded: str, numbers: list[NumberMatch], w: _Words, found: _Emitted) -> None:
    """A change from one value to another: من 20 إلى 10, from 20 to 10."""
    by_position = {n.start: n for n in numbers}
    for n in numbers:
        for opener, link in w.from_to:
            before = folded[max(0, n.start - len(opener) - 2) : n.start]
            if not re.search(f"(?<!\\w){w.clitic}{re.escape(opener)}\\s*$", before):
                continue
            after = re.compile(f"\\s*+{re.escape(link)}\\s*+").match(folded, n.end)  # at a position, never a copy of the rest
            if not after:
                continue
            second = by_position.get(after.end())
            if second is None or second.kind != "cardinal" or n.kind != "cardinal" or n.value == 0:
                continue
            opener_at = n.start - len(before) + re.search(f"{re.escape(opener)}\\s*$", before).start()
            found.emit("change", opener_at, second.end, value=_as_number(second.value), from_value=_as_number(n.value),
                       to_value=_as_number(second.value), ratio=round(second.value / n.value, 4))


def _emit_changes_by_share(folded: str, w: _Words, found: _Emitted) -> None:
    """A change by a share: halved, cut by half, doubled, tripled."""
    for pattern_list, how in ((w.to_share, "to"), (w.by_share, "by"), (w.multiplied, "times")):
        for pattern, share in pattern_list:
            for m in pattern.finditer(folded):
                if how == "by":
                    direction = _direction(folded, m.start(), m.end(), w) or -1
                    ratio = 1 + direction * share
                else:
                    ratio = share
                found.emit("change", m.start("at"), m.end(), value=None, ratio=round(ratio, 4))


def _emit_changes_by_count(folded: str, numbers: list[NumberMatch], w: _Words, found: _Emitted) -> None:
    """A change by a number of units: cut by seven, (هشت نفر) کاهش یافت."""
    for n in numbers:
        if n.kind != "cardinal":
            continue
        before = folded[max(0, n.start - 12) : n.start].split()
        after = _next_words(folded, n.end, 2)
        by_word = bool(before) and phrase_key(before[-1]) in w.by_count
        classifier_then_verb = (
            after
            and (phrase_key(after[0].group()) in w.classifiers and len(after) > 1 and (w.decrease.match(folded, after[1].start()) or w.increase.match(folded, after[1].start())))
        )
        if before and phrase_key(before[-1]) in w.to_links:
            continue  # به ۱۱ نفر افزایش یافت: rose to eleven, a count, not a change by eleven
        if by_word or classifier_then_verb:
            direction = _direction(folded, n.start, n.end, w)
            if direction:
                end = after[0].end() if classifier_then_verb else n.end
                found.emit("change", n.start, end, value=None, by=_as_number(direction * n.value))


def _emit_counts(normalised: NormalisedText, numbers: list[NumberMatch], lang: str, w: _Words, found: _Emitted,
                 reader: MeasureReader, dates: Spans) -> None:
    """A number with what it counts, its hedge (about 80 people) and its measure; a dual noun alone
    (دبلوماسيين)."""
    folded = normalised.text
    for n in numbers:
        if not _may_count(folded, n, found, w, reader) or _joined_to_date(folded, n, w, dates):
            continue
        noun = _counted(folded, n, w)
        if noun is None or w.months.match(folded, noun[0]):
            measure = (reader.toll(n.start) or reader.toll_value(n.start)) if noun is None else None
            if measure is None or _looks_like_year(folded, n):
                continue  # nothing counted (a day before its month: 22 تشرين الأول), unless a toll word before says what
            counted = None
        else:
            # The words after the number, classifier included (۹۵ نفر رسید: people), or the noun before it.
            measure = reader.count(n.start, n.end, (n.end, noun[1]) if noun[0] >= n.end else noun)
            if _looks_like_year(folded, n) and (measure is None or _year_before_noun(folded, n, noun, w, reader)):
                continue  # a 2020 strike, © 2021 Reuters: a year unless it counts something the tables know
            counted = normalised.original_text(*noun)
        start, approx = n.start, None
        for pattern, name in w.hedges:
            hedge = pattern.search(folded, max(0, n.start - 25), n.start)
            if hedge:
                start, approx = hedge.start("at"), name
                break
        end = n.end
        for pattern, name in w.hedges_after:
            hedge = pattern.match(folded, n.end)
            if hedge:
                end, approx = hedge.end(), approx or name
        found.emit("count", start, end, value=_as_number(n.value), approx=approx, counted=counted, measure=measure)
    if w.duals is not None:
        for m in w.duals.finditer(folded):
            at = m.start("at")
            if not found.used.overlaps(at, m.end()) and parse_duration(m.group(), lang) is None:
                found.emit("count", at, m.end(), value=2, counted=normalised.original_text(at, m.end()), measure=reader.count(at, m.end(), (at, m.end())))


def _may_count(folded: str, n: NumberMatch, found: _Emitted, w: _Words, reader: MeasureReader) -> bool:
    """Whether N can be a count: a whole cardinal, free, not a time of day, an id, a score or a lone one."""
    if n.kind != "cardinal" or found.used.overlaps(n.start, n.end) or _glued(folded, n.start, n.end):
        return False
    if n.value == 1 and not folded[n.start].isdigit():
        return False  # یک, one, واحد: an article or a pronoun far more often than a count
    if _CLOCK.match(folded, max(0, n.start - 3)) and ":" in folded[max(0, n.start - 3) : n.end + 3]:
        return False
    if reader.words.not_after.match(folded, n.end):
        return False  # 5 صباحا, 5 pm
    label = reader.words.not_before.search(folded, max(0, n.start - 25), n.start)
    if label and (reader.toll_value(n.start) is None or _names_definite(folded, label.start(), w)):
        return False  # الساعة 5, کد خبر: ۱۲۶۸۲۳, No. 5, الطريق رقم 2; but a toll's figure (نقل رقم 11300) is its value
    return not (isinstance(n.value, float) and not n.value.is_integer())


def _names_definite(folded: str, at: int, w: _Words) -> bool:
    """Whether the word before folded position `at` carries a definite article: a label after it numbers
    that noun (القرار رقم 2254, الطريق الوطنية رقم 2), it quotes no figure."""
    before = re.search(r"([^\W\d_]+)\s*$", folded[max(0, at - 30) : at])
    return bool(before) and any(article and before.group(1).startswith(article) for article in w.articles)


def _joined_to_date(folded: str, n: NumberMatch, w: _Words, dates: Spans) -> bool:
    """The first day of a range or list of days: the 21 of 21 و 22 تشرين الأول, 3-5 May (the second day
    read as a date or not)."""
    join = w.date_joins.match(folded, n.end)
    if not join:
        return False
    second_day = re.match(r"\d{1,2}\s*", folded[join.end() : join.end() + 4])
    return dates.overlaps(join.end(), join.end() + 1) or bool(second_day and w.months.match(folded, join.end() + second_day.end()))


def _year_before_noun(folded: str, n: NumberMatch, noun: tuple[int, int], w: _Words, reader: MeasureReader) -> bool:
    """A year-shaped number after an article names its noun's year (a 2019 attack, the 2018 floods) unless
    that noun is one of people (the 1500 people who fled)."""
    if not w.year_articles.search(folded, max(0, n.start - 8), n.start):
        return False
    return not any(True for _ in reader.words.people.matches(folded, *noun))


def _looks_like_year(folded: str, n: NumberMatch) -> bool:
    digits = folded[n.start : n.end]
    return len(digits) == 4 and digits.isdigit() and _YEARS[0] <= n.value <= _YEARS[1]


def _counted(folded: str, n: NumberMatch, w: _Words) -> tuple[int, int] | None:
    """The words a number counts: after it (skipping a classifier or partitive), else the noun before a
    number written after its noun (الدبلوماسيين الروس الثمانية)."""
    prefix = re.search(r"[^\W\d_]+(?:\s+[^\W\d_]+)?\s*$", folded[max(0, n.start - 40) : n.start])
    if not folded[n.start].isdigit() and folded.startswith(w.articles, n.start) and prefix:
        # A number with the article after its noun: الدبلوماسيين الروس الثمانية.
        return (n.start - len(prefix.group()), n.start - (len(prefix.group()) - len(prefix.group().rstrip())))
    after = _next_words(folded, n.end, 4)
    words = [m.group() for m in after]
    i = 0
    while i < len(words) and (phrase_key(words[i]) in w.classifiers or phrase_key(words[i]) in w.partitives):
        i += 1
    if 0 < i < len(words) and phrase_key(words[i - 1]) in w.partitives and phrase_key(words[i]) in w.function_words:
        i += 1  # four of the survivors: the group after the partitive's article
    if i == len(words) and words and phrase_key(words[-1]) in w.partitives | w.function_words:
        whole = _WHOLE_AFTER.match(folded, after[-1].end())
        if whole:
            group = _next_words(folded, whole.end(), 1)
            if group and phrase_key(group[0].group()) not in w.function_words | w.stop:
                return group[0].start(), group[0].end()  # 34 of the 37 people: the whole's noun
    if i < len(words) and phrase_key(words[i]) not in w.stop and phrase_key(words[i]) not in w.function_words:
        last = i + 1 if i + 1 < len(words) and phrase_key(words[i + 1]) not in w.function_words | w.stop else i
        return after[i].start(), after[last].end()
    if i and phrase_key(words[0]) in w.classifiers:
        return after[0].start(), after[0].end()  # هشت نفر: the classifier says what is counted
    return None
