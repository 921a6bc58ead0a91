"""Per-language tables: every word the engine matches lives in a TOML file here, one folder per language.

    checker/lang/<code>/dates.toml       month names per calendar and region, weekdays, calendar markers,
                                         words that build dates (من, of, سال, عام, ...)
    checker/lang/<code>/numbers.toml     number words, ordinals, fractions and ratios, duration units,
                                         the letters attached in front of a word
    checker/lang/<code>/relative.toml    relative dates (yesterday, الأسبوع الماضي)
    checker/lang/<code>/holidays.toml    holidays named instead of a date
    checker/lang/<code>/quantities.toml  words around counts and changes
    checker/lang/<code>/measures.toml    what a number counts or measures: nouns, event words, units, ages
    checker/lang/<code>/updates.toml     words that place a count in a series (rose to, an earlier toll of)
    checker/lang/<code>/events.toml      the words of each news event
    checker/lang/<code>/claims.toml      words in the value cells of a table of claims
    checker/lang/<code>/layout.toml      words labelling a page's parts: publication and update lines,
                                         read-also blocks, counters, footers
    checker/lang/<code>/names.toml       titles, honorifics and words of descent in people's names
    checker/lang/<code>/offices.toml     office titles, the countries and bodies that hold them, term words
    checker/lang/<code>/language.toml    cues that tell the language apart, and how its names romanise

`load(code)` reads a language's tables once into one validated, frozen `Language` (the schema is
checker/lang/schema.py); the patterns the engine compiles from it hang off that object. The engine never
names a word; adding Kurdish or Urdu means adding a folder with these files and listing its code in
LANGUAGES. Entries are written as printed (NFC, no presentation forms); the engine folds them with
checker.normalise.text.fold before matching.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Callable, TypeVar

from checker.cache import stored
from checker.lang.schema import (
    Claims, Cues, Dates, Events, Holidays, Layout, Measures, Names, Numbers, Offices, Punctuation, Quantities, Relative, TableError, Updates,
    Words, build,
)

LANGUAGES: tuple[str, ...] = ("ar", "fa", "en")

T = TypeVar("T")
# Words a user adds to a language's events ([tool.checker.events.<code>], checker/config.py): event -> words.
EventAdditions = tuple[tuple[str, Words], ...]


@lru_cache(maxsize=None)
def table(lang: str, name: str) -> dict[str, Any]:
    """The parsed `<name>.toml` of language `lang` as written (an empty dict where the language has none):
    what `load` validates, and what the table tests read."""
    if lang not in LANGUAGES:
        raise KeyError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    resource = resources.files(__package__).joinpath(lang, f"{name}.toml")
    if not resource.is_file():
        return {}
    with resource.open("rb") as handle:
        return tomllib.load(handle)


@dataclass(frozen=True, eq=False)  # one object per (language, additions): compared and hashed by identity
class Language:
    """All of one language's tables, typed and validated (spaCy's Language.Defaults in spirit)."""

    code: str
    cues: Cues  # language.toml
    dates: Dates
    relative: Relative
    holidays: Holidays
    numbers: Numbers
    quantities: Quantities
    measures: Measures
    updates: Updates
    events: Events
    claims: Claims
    layout: Layout
    offices: Offices
    names: Names
    _compiled: dict[Callable[[Language], Any], Any] = field(default_factory=dict, init=False, repr=False)

    def compiled(self, build_from: Callable[[Language], T]) -> T:
        """What `build_from` makes of this language (a compiled pattern, a lookup), made once and kept here."""
        try:
            return self._compiled[build_from]
        except KeyError:
            made = self._compiled[build_from] = build_from(self)
            return made


@lru_cache(maxsize=1)
def punctuation() -> Punctuation:
    """The punctuation of every language at once: a text quotes other languages (an Arabic page an English
    caption), so a sentence ends wherever any of them ends one."""
    cues = [load(code).cues.punctuation for code in LANGUAGES]
    return Punctuation(
        tuple(dict.fromkeys(mark for p in cues for mark in p.sentence_ends)),
        tuple(dict.fromkeys(mark for p in cues for mark in p.clause_marks)),
        tuple(dict.fromkeys(mark for p in cues for mark in p.enclosing)),
    )


def _read(code: str, name: str, kind: type[T]) -> T:
    # Reading and validating every table costs more than a `convert`: kept between runs (checker/cache.py).
    return stored("table", (code, name), lambda: build(kind, table(code, name), f"checker/lang/{code}/{name}.toml"))


@lru_cache(maxsize=None)
def load(code: str, event_additions: EventAdditions = ()) -> Language:
    """The tables of language `code`, read and validated once; with `event_additions` (the user's own
    event words) a distinct object whose events list them after the table's own."""
    if code not in LANGUAGES:
        raise KeyError(f"unknown language {code!r}; known: {', '.join(LANGUAGES)}")
    events = _read(code, "events", Events)
    if event_additions:
        added = build(Events, {"events": {event: list(words) for event, words in event_additions}}, f"[tool.checker.events.{code}]")
        merged = dict(events.events)
        for event, words in added.events.items():
            merged[event] = (*merged.get(event, ()), *words)
        events = replace(events, events=MappingProxyType(merged))
    return Language(
        code,
        cues=_read(code, "language", Cues),
        dates=_read(code, "dates", Dates),
        relative=_read(code, "relative", Relative),
        holidays=_read(code, "holidays", Holidays),
        numbers=_read(code, "numbers", Numbers),
        quantities=_read(code, "quantities", Quantities),
        measures=_read(code, "measures", Measures),
        updates=_read(code, "updates", Updates),
        events=events,
        claims=_read(code, "claims", Claims),
        layout=_read(code, "layout", Layout),
        offices=_read(code, "offices", Offices),
        names=_read(code, "names", Names),
    )


__all__ = ["LANGUAGES", "EventAdditions", "Language", "TableError", "load", "punctuation", "table"]
