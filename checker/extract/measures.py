"""What a number counts or measures, from the words of checker/lang/<code>/measures.toml; the ids are the
canonical ones of checker/measures.toml, shared by every language so that 12 قتيلا, ۱۲ کشته and 12 killed
meet.

- a count's `measure`: the noun it counts when that noun says it by itself (قتلى, 23 دولة, 84 dead);
  for a noun of people (شخصا, کارگر, workers) the words of its clause saying what happened to them (أسفر
  عن مقتل 12 شخصا, جان ۱۱ کارگر را گرفت: killed), else the noun's own id (people, diplomats); null for a
  noun the tables do not know;
- a change's `measure`: the noun naming what changed (the posts of a mission);
- a measurement's `unit`: a unit word after the number (كلم, درصد, magnitude) or a word or sign before
  it (بقوة, $); an age (aged 63, (68 عاما), ۶۳ ساله, Raisi, 63,) is a measurement in years_of_age;
- numbers that are neither (a clock time, an id, a score) are recognised by the words around them.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from checker.extract import CLAUSE_BREAK, SENTENCE_END, clitic_pattern, last_mark_end, next_mark
from checker.lang import Language, TableError, load
from checker.normalise.text import alternation, fold, phrase_key

EVENT_REACH = 80  # folded characters: how far from a count of people its event word may stand
# Folded characters: how far before a number its toll or event word may stand. A number that names nothing
# is that word's (the death toll from the quake rose to 95); one naming a noun the tables do not know only
# when the word stands just before it (طرد 8 روس), not a clause away (the expulsions were agreed by all 30 allies).
TOLL_REACH = 50
GOVERNING_REACH = 25
PREDICATE_REACH = 25  # folded characters after a count to the verb saying what happened to it
YEARS_OF_AGE = "years_of_age"
MAX_AGE = 120


@dataclass(frozen=True)
class CanonicalIds:
    measures: Mapping[str, str]  # id -> what it covers
    units: Mapping[str, str]


@lru_cache(maxsize=1)
def canonical_ids() -> CanonicalIds:
    with resources.files("checker").joinpath("measures.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return CanonicalIds(data["measures"], data["units"])


@dataclass(frozen=True)
class _Lexicon:
    """Whole words of one table section, each with its id: `lead` holds the attached letters matched."""

    pattern: re.Pattern[str]
    ids: Mapping[str, str]  # phrase key of an entry -> id

    def matches(self, folded: str, start: int = 0, end: int | None = None) -> Iterator[tuple[re.Match[str], str]]:
        for m in self.pattern.finditer(folded, start, len(folded) if end is None else end):
            yield m, self.ids[phrase_key(m.group("w"))]


@dataclass(frozen=True)
class MeasureWords:
    nouns: _Lexicon
    people: _Lexicon
    events: _Lexicon
    units_after: _Lexicon
    units_before: tuple[tuple[re.Pattern[str], str], ...]
    measurements: tuple[tuple[re.Pattern[str], str], ...]  # a word before a measurement: what it measures
    measured_after: tuple[tuple[re.Pattern[str], str], ...]  # a word just after one: 5,000 metres deep
    age_before: re.Pattern[str]
    age_before_years: re.Pattern[str]
    age_after: re.Pattern[str]
    age_years: re.Pattern[str]
    age_name_comma: bool
    not_before: re.Pattern[str]
    not_after: re.Pattern[str]
    toll_verbs: re.Pattern[str]


def _lexicon(sections: Mapping[str, tuple[str, ...]], lead: str, article: str, endings: str, known: Mapping[str, str], where: str) -> _Lexicon:
    unknown = sorted(set(sections) - set(known))
    if unknown:
        raise TableError(f"{where}: ids {unknown} are not in checker/measures.toml")
    ids = {phrase_key(word): name for name, words in sections.items() for word in words}
    entries = alternation(word for words in sections.values() for word in words)
    return _Lexicon(re.compile(f"(?<!\\w)(?P<lead>{lead})(?:{article})?(?P<w>{entries})(?:{endings})?(?!\\w)"), ids)


def _before(words: tuple[str, ...], lead: str = "") -> re.Pattern[str]:
    """Any of `words` ending just before a number (perhaps with a colon or a sign between), with the
    letters the language attaches in front of a word (ويبلغ من العمر 83)."""
    return re.compile(f"(?<!\\w){lead}(?:{alternation(words)})\\s*[:#]?\\s*$")


def _after(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `words` just after a number (perhaps joined by a hyphen: a 7.8-magnitude quake)."""
    return re.compile(f"[\\s-]*(?:{alternation(words)})(?!\\w)")


def compile_measures(language: Language) -> MeasureWords:
    """A language's measures table as patterns; an id checker/measures.toml lacks is a TableError."""
    table, known = language.measures, canonical_ids()
    where = f"checker/lang/{language.code}/measures.toml"
    lead = clitic_pattern(language.code)
    prefixes = language.numbers.prefixes
    article = "|".join(re.escape(fold(p)) for p in prefixes.definite + prefixes.contracted) or "(?!)"
    endings = "|".join(re.escape(fold(e)) for e in table.endings) or "(?!)"
    words = _lexicon(table.nouns, lead, article, endings, known.measures, f"{where} [nouns]")
    unknown_units = sorted((set(table.units) | set(table.units_before)) - set(known.units))
    unknown_units += sorted((set(table.measurements) | set(table.measured_after)) - set(known.measures))
    if unknown_units:
        raise TableError(f"{where}: units or measures {unknown_units} are not in checker/measures.toml")
    ages = table.ages
    return MeasureWords(
        nouns=words,
        people=_lexicon(table.people, lead, article, endings, known.measures, f"{where} [people]"),
        events=_lexicon(table.events, lead, article, endings, known.measures, f"{where} [events]"),
        units_after=_Lexicon(
            re.compile(f"[\\s-]*(?P<w>{alternation(w for ws in table.units.values() for w in ws)})(?:{endings})?(?!\\w)"),
            {phrase_key(w): unit for unit, ws in table.units.items() for w in ws},
        ),
        units_before=tuple((_before(ws), unit) for unit, ws in table.units_before.items()),
        measurements=tuple((_before(ws), name) for name, ws in table.measurements.items()),
        measured_after=tuple((_after(ws), name) for name, ws in table.measured_after.items()),
        age_before=_before(ages.before, lead),
        age_before_years=_before(ages.before_years, lead),
        age_after=_after(ages.after),
        age_years=_after(ages.years),
        age_name_comma=ages.name_comma,
        not_before=_before(table.not_counts.before),
        not_after=_after(table.not_counts.after),
        toll_verbs=_before(table.toll_verbs),
    )


def measure_words(lang: str) -> MeasureWords:
    return load(lang).compiled(compile_measures)


def _clause(folded: str, start: int, end: int) -> tuple[int, int, int, int]:
    """(sentence start, clause start, clause end, sentence end) around [start, end)."""
    reach = max(0, start - 600)
    low = last_mark_end(SENTENCE_END, folded, reach, start)
    high = next_mark(SENTENCE_END, folded, end)
    clause_low = last_mark_end(CLAUSE_BREAK, folded, low, start)
    clause_high = next_mark(CLAUSE_BREAK, folded, end, high)
    return low, clause_low, clause_high, high


class MeasureReader:
    """Measures of the counts and changes of one document: its event words are found once. `numbers`
    are the starts of the document's numbers: an event word with another number between it and a count
    is that number's before it is this one's (۹۵ نفر رسید و ۲۴۰ نفر دیگر زخمی شدند)."""

    def __init__(self, folded: str, lang: str, numbers: list[int]) -> None:
        self.folded = folded
        self.words = measure_words(lang)
        self.events = [(m.start("w"), m.end(), name) for m, name in self.words.events.matches(folded)]
        self.numbers = sorted(numbers)

    def _number_between(self, start: int, end: int) -> bool:
        i = bisect_left(self.numbers, start)
        return i < len(self.numbers) and self.numbers[i] < end

    def _own(self, lexicon: _Lexicon, span: tuple[int, int]) -> str | None:
        """The id of the first word of `span` in `lexicon`, unless a conjunction or preposition is attached
        to it (قتل 12 وأصيب 30: the 12 are not the injured)."""
        for m, name in lexicon.matches(self.folded, *span):
            return None if m.group("lead") else name
        return None

    def count(self, start: int, end: int, counted: tuple[int, int] | None) -> str | None:
        """What the count at folded [start, end) counts; `counted` is the span of the words it counts."""
        person = None
        if counted is not None:
            own = self._own(self.words.nouns, counted) or self._own(self.words.events, counted)
            if own:
                return own
            person = self._own(self.words.people, counted)
            if person is None:
                # A noun the tables do not know (8 روس, 131 Koreans): only a toll or event word just before
                # the number says what it counts; one farther off may be about something else.
                return self.toll(start, GOVERNING_REACH) or self._predicate(end)
        return self._clause_event(start, end) or person

    def _clause_event(self, start: int, end: int) -> str | None:
        """The event word nearest the number, within reach: one in the same clause before any outside it."""
        low, clause_low, clause_high, high = _clause(self.folded, start, end)
        best = None
        first = bisect_left(self.events, max(low, start - EVENT_REACH) - 40, key=lambda e: e[0])
        for i in range(first, len(self.events)):  # no copy of the rest of the list
            e_start, e_end, name = self.events[i]
            if e_start >= min(high, end + EVENT_REACH):
                break
            if e_end <= max(low, start - EVENT_REACH) or (e_start < end and start < e_end):
                continue
            before = e_end <= start
            distance = start - e_end if before else e_start - end
            between = self._number_between(e_end, start) if before else self._number_between(end, e_start)
            in_clause = clause_low <= e_start and e_end <= clause_high
            if between and not in_clause:
                continue  # another number's event, in another clause
            key = (between, not in_clause, distance)
            if best is None or key < best[0]:
                best = (key, name)
        return best[1] if best else None

    def toll(self, start: int, reach: int = TOLL_REACH) -> str | None:
        """For a number that names no noun the tables know (the death toll rose to 95, قتل 12 وأصيب 30):
        the measure of the nearest event word just before it in its clause, with no other number between."""
        _, clause_low, _, _ = _clause(self.folded, start, start)
        low = max(clause_low, start - reach)
        found = [
            (m.end(), name)
            for m, name in self.words.events.matches(self.folded, low, start)
            if not self._number_between(m.end(), start)
        ]
        return max(found)[1] if found else None

    def toll_value(self, start: int) -> str | None:
        """For a number that counts nothing after a toll verb (rose to 11, بلغ 3283, به ۱۲۵): the measure of
        the nearest event word earlier in its clause, however far and whatever numbers stand between (the
        death toll from the collapse of a 10-storey building rose to 11)."""
        if not self.words.toll_verbs.search(self.folded, max(0, start - 40), start):
            return None
        sentence, low, _, _ = _clause(self.folded, start, start)
        found = [(m.end(), name) for m, name in self.words.events.matches(self.folded, low, start)]
        # A clause of its own after the toll's (..., after earlier quoting a figure of 11,300): the sentence's.
        found = found or [(m.end(), name) for m, name in self.words.events.matches(self.folded, sentence, low)]
        return max(found)[1] if found else None

    def _predicate(self, end: int) -> str | None:
        """The event word a few words after a count whose words the tables do not know, in its clause with
        no number between: 9,000 were still missing, 298 suffered light injuries."""
        _, _, clause_high, _ = _clause(self.folded, end, end)
        high = min(clause_high, end + PREDICATE_REACH)
        for m, name in self.words.events.matches(self.folded, end, high):
            return None if self._number_between(end, m.start()) else name
        return None

    def change(self, start: int, end: int) -> str | None:
        """What a change at [start, end) changes: the nearest noun or event word of the tables in its clause,
        before it (عدد المناصب المعتمدة من 20 إلى 10, the number of the dead) or else after it."""
        _, clause_low, clause_high, _ = _clause(self.folded, start, end)
        lexicons = (self.words.nouns, self.words.people, self.words.events)
        before = [(m.start(), name) for lexicon in lexicons for m, name in lexicon.matches(self.folded, clause_low, start)]
        if before:
            return max(before)[1]
        after = [(m.start(), name) for lexicon in lexicons for m, name in lexicon.matches(self.folded, end, clause_high)]
        return min(after)[1] if after else None
