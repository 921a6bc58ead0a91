"""What the article's own text says about other things than its story: marked `background` here, written
out as zone `chrome` (the contract's zones are body, meta and chrome).

An article places its story among other events and places. Those figures are facts of the text, not of
the story, and must never meet other sources' figures of the story (alignment reads only zone `body`):

- another event's toll told with its date: a count of people anchored to a date that ended long before
  the article (In 1964, more than 300 people were killed in Lima; بعد كارثة ليما عام 1964 التي أودت
  بحياة 320 شخصا), and that date;
- a day inside a time restated in another time zone (2 a.m. local time (2300 GMT on Tuesday)): the
  restated time's day, not the story's;
- a temperature in degrees Celsius (the heat around the rescuers);
- the age of an unnamed witness in a quoted sentence (a 34-year-old teacher said, یک امدادگر ۲۸ ساله
  گفت); a named person's age (Namazi, 51) stays.

The words are per language (checker/lang/<code>/measures.toml: [ages] unnamed and quoted, [not_counts]
time_zones); the engine only reads positions. Distances (540 km from Tehran) and unit conversions in
brackets (335 miles) are the story's own measurements, compared by unit, and stay.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from checker.extract import CLAUSE_BREAK, SENTENCE_END, clitic_pattern
from checker.extract.layout import BODY, CHROME
from checker.lang import load
from checker.normalise.text import alternation, fold

BACKGROUND = "background"
# A toll anchored to a date that ended this long before the article is another event's.
EARLIER_EVENT_DAYS = 365
# What a toll of another event counts: what befell people; people alone only at a closed earlier time
# (a million refugees in 2015 and 2016), not since one (the five Americans held since 2015 are the story's).
TOLL_MEASURES = frozenset({"killed", "injured", "missing", "bodies"})
# Only the heat or cold around the event: a bare "degrees" (درجة) is as often a quake's magnitude.
WEATHER_UNITS = frozenset({"celsius"})
OPENING_WORDS = 2  # words before a date that still opens its sentence (In 1964, ...; وفي عام 1978، ...)
UNNAMED_REACH = 3  # words before an age (or before its noun) where the word leaving the person unnamed stands
_BRACKET = re.compile(r"\(([^()\n]{1,80})\)")


@lru_cache(maxsize=None)
def _words(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    measures = load(lang).measures

    def pattern(words: tuple[str, ...]) -> re.Pattern[str]:
        return re.compile(f"(?<!\\w){clitic_pattern(lang)}(?:{alternation(words)})(?!\\w)" if words else "(?!)")

    return pattern(measures.ages.unnamed), pattern(measures.ages.quoted), pattern(measures.not_counts.time_zones), pattern(measures.when_links)


def mark_background(text: str, rows: list[dict[str, Any]], published: dt.date | None) -> None:
    """Move the body facts of `rows` that belong to other events and places to zone chrome (marked
    `background` while the rules below read each other's marks)."""
    body = [r for r in rows if r["zone"] == BODY]
    by_id = {r["id"]: r for r in rows}
    # Undated, the article is at least as late as the latest day it writes out in full.
    written = [r["date_end"] for r in body if r["kind"] == "date" and r.get("grain") == "day" and r.get("year_from") == "text" and r.get("date_end")]
    reference = published or max(written, default=None)
    if reference is not None:
        _earlier_tolls(text, body, by_id, reference)
    _restatements(text, body)
    # Distances (540 km from Tehran) and unit conversions in brackets (335 miles) are the story's own
    # measurements, compared by unit (issue 14): they stay.
    for row in body:
        if row["kind"] == "quantity" and row.get("unit") in WEATHER_UNITS:
            row["zone"] = BACKGROUND
        elif row["kind"] == "quantity" and row.get("unit") == "years_of_age" and _witness(text, row):
            row["zone"] = BACKGROUND
    for row in body:
        if row["zone"] == BACKGROUND:
            row["zone"] = CHROME  # the contract's zones are body, meta and chrome: never aligned either way


def _tied(text: str, date: dict[str, Any], count: dict[str, Any]) -> bool:
    """Whether the count is told of the date: in its clause, in a clause a when-word ties to it (June 2016,
    when at least 320 ...), or after a date opening the sentence (In 1964, more than 300 ...). A count in
    another clause (compared with August 2020, 2187 people died since January) is not."""
    between = text[min(date["end"], count["end"]) : max(date["start"], count["start"])]
    if not CLAUSE_BREAK.search(between) or _words(count["lang"])[3].search(fold(between)):
        return True
    opening = max((m.end() for m in SENTENCE_END.finditer(text, max(0, date["start"] - 300), date["start"])), default=0)
    return date["end"] <= count["start"] and len(text[opening : date["start"]].split()) <= OPENING_WORDS


def _earlier_tolls(text: str, body: list[dict[str, Any]], by_id: dict[str, dict[str, Any]], published: dt.date) -> None:
    limit = published - dt.timedelta(days=EARLIER_EVENT_DAYS)
    for row in body:
        if row["kind"] != "count" or row.get("measure") not in (*TOLL_MEASURES, "people") or not row.get("anchor"):
            continue
        anchor = by_id.get(row["anchor"])
        if anchor is None or anchor["zone"] not in (BODY, BACKGROUND) or anchor.get("year_from") != "text":
            continue
        if row.get("measure") == "people" and anchor.get("date_end") is None:
            continue  # people held "since 2015" are still held: a state, not another event
        if not _tied(text, anchor, row):
            continue
        end = anchor.get("date_end") or anchor.get("date_start")  # an open "since 2016, when ..." ends at its start
        if end is not None and end < limit:
            row["zone"] = anchor["zone"] = BACKGROUND


def _restatements(text: str, body: list[dict[str, Any]]) -> None:
    """Facts inside a bracket that restates what stands just before it: a measurement in another unit, or a
    time in another time zone."""
    for m in _BRACKET.finditer(text):
        inside = [r for r in body if m.start() < r["start"] and r["end"] < m.end()]
        if not inside:
            continue
        zone_words = _words(inside[0]["lang"])[2]
        if zone_words.search(fold(m.group(1))):
            for row in inside:
                if row["kind"] == "date":
                    row["zone"] = BACKGROUND


def _witness(text: str, row: dict[str, Any]) -> bool:
    """An age whose person is left unnamed (a word of `unnamed` a few words before it) in a sentence that
    quotes someone."""
    unnamed, quoted, _, _ = _words(row["lang"])
    low = max((m.end() for m in SENTENCE_END.finditer(text, max(0, row["start"] - 400), row["start"])), default=max(0, row["start"] - 400))
    # Its sentence and the next: a witness is often named in one and quoted in the next (... he said).
    ends = [m.start() for _, m in zip(range(2), SENTENCE_END.finditer(text, row["end"]))]
    sentence = fold(text[low : ends[-1] if ends else len(text)])
    lead = fold(text[low : row["start"]]).split()[-UNNAMED_REACH:]
    return bool(unnamed.search(" ".join(lead))) and bool(quoted.search(sentence))
