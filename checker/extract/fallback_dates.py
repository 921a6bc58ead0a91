"""Dates in languages checker has no tables for (French from Maghreb and Lebanese outlets, Turkish, Urdu:
checker/lang/fallback.toml), read by dateparser as a labelled fallback: only dates with a written year, each
fact carrying its `lang` and a note saying how it was read; counts, events and names are not read in these
languages. dateparser is imported only when a document is in one of them, so documents in checker's own
languages never pay for loading it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from checker.lang import load

_WORD = re.compile(r"[^\W\d_]+")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")  # a written Gregorian year, 1800-2199


@dataclass(frozen=True)
class FallbackDate:
    start: int
    end: int
    lang: str
    grain: str  # day, month, year
    date_start: dt.date
    date_end: dt.date

    @property
    def value(self) -> str:
        return {"day": self.date_start.isoformat(), "month": self.date_start.isoformat()[:7], "year": str(self.date_start.year)}[self.grain]


@lru_cache(maxsize=1)
def _table() -> tuple[int, dict[str, frozenset[str]]]:
    with resources.files("checker.lang").joinpath("fallback.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return data["min_words"], {code: frozenset(spec["words"]) for code, spec in data["languages"].items()}


def fallback_language(text: str, declared: str | None, detected: str) -> str | None:
    """The fallback language the text is written in, or None when it is one of checker's own."""
    least, languages = _table()
    if declared in languages:
        return declared
    words = [w.lower() for w in _WORD.findall(text)]
    own = _own_words(detected)
    own_hits = sum(w in own for w in words)
    hits = {code: sum(w in table for w in words) for code, table in languages.items()}
    code, best = max(sorted(hits.items()), key=lambda item: item[1])
    return code if best >= least and best > own_hits else None


@lru_cache(maxsize=None)
def _own_words(code: str) -> frozenset[str]:
    return frozenset(w.lower() for w in load(code).cues.words)


def fallback_dates(text: str, lang: str, taken: list[tuple[int, int]]) -> list[FallbackDate]:
    """Dates dateparser finds in `text` read as `lang`, with a written year, outside the spans `taken`."""
    try:
        from dateparser.date import DateDataParser  # lazy: an optional dependency, ~1 s to load its languages
        from dateparser.search import search_dates  # lazy: as above
    except ImportError:  # a trimmed install: the engine's own tables only
        return []
    parser = DateDataParser(languages=[lang], settings={"PREFER_DAY_OF_MONTH": "first"})
    found = search_dates(text, languages=[lang], settings={"PREFER_DAY_OF_MONTH": "first"}) or []
    out: list[FallbackDate] = []
    cursor = 0
    for written, _ in found:
        start = text.find(written, cursor)
        if start < 0:
            continue
        cursor = start + len(written)
        span = _trimmed(written, parser)
        if span is None:
            continue
        begin, stop, grain, day = span
        start, end = start + begin, start + stop
        if not _YEAR.search(text[start:end]) or any(s < end and start < e for s, e in taken):
            continue  # a year dateparser supplied itself, or a date the engine's own tables read
        last = day if grain == "day" else day.replace(day=calendar.monthrange(day.year, day.month)[1]) if grain == "month" else dt.date(day.year, 12, 31)
        first = day if grain == "day" else day.replace(day=1) if grain == "month" else dt.date(day.year, 1, 1)
        out.append(FallbackDate(start, end, lang, grain, first, last))
    return out


def _trimmed(written: str, parser: Any) -> tuple[int, int, str, dt.date] | None:
    """The words of a hit that make its date ((start, end) within it, grain, day): dateparser's hits take
    in a word on either side ("en février 2023", "6 février 2023 a"), dropped while the date stays."""
    data = parser.get_date_data(written)
    if data.date_obj is None or data.period not in ("day", "month", "year"):
        return None
    grain = data.period

    def same(text: str) -> bool:
        other = parser.get_date_data(text)
        if other.date_obj is None or other.period != grain:
            return False
        keep = {"day": 3, "month": 2, "year": 1}[grain]
        return other.date_obj.timetuple()[:keep] == data.date_obj.timetuple()[:keep]

    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", written)]
    while len(words) > 1 and same(written[words[1][0] : words[-1][1]]):
        words.pop(0)
    while len(words) > 1 and same(written[words[0][0] : words[-2][1]]):
        words.pop()
    return words[0][0], words[-1][1], grain, data.date_obj.date()
