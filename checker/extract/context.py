"""What a fact is about: the news event it belongs to (from checker/lang/<code>/events.toml) and its
subject, the words it counts or changes. Alignment across outlets keys on both.

The event is the event word nearest the fact in the same sentence, preferring one before it at equal
distance; the subject of a count is what it counts, of a change the words naming what changed (the ones
between the event word and the change, else just before or after it).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from functools import lru_cache
from dataclasses import dataclass

from checker.extract import CLAUSE_BREAK, SENTENCE_END, clitic_pattern, last_mark_end, next_mark
from checker.lang import Language, load
from checker.normalise.text import alternation, fold

SUBJECT_WORDS = 6
LONGEST_EVENT_WORD = 80  # characters; an event phrase is a few words
SHORT_STEM = 2
MAX_ENDINGS = 2


@dataclass(frozen=True)
class EventWord:
    start: int  # folded offsets
    end: int
    event: str


def _event_patterns(language: Language) -> tuple[re.Pattern[str], tuple[tuple[re.Pattern[str], str], ...]]:
    """(where any event word starts, one pattern per event). Each event's pattern is tried only where
    some event word starts: one scan of the text instead of one per event."""
    prefixes = language.numbers.prefixes
    definite = "|".join(re.escape(fold(p)) for p in prefixes.definite + prefixes.contracted)
    lead = f"(?<!\\w){clitic_pattern(language.code)}"
    article = f"(?:{definite})?" if definite else ""
    patterns = []
    events = language.events.events
    any_word = alternation(word for words in events.values() for word in words)
    starts_anywhere = re.compile(f"{lead}(?={article}{any_word})")
    # An event word is a whole word: the entry, then at most two of the language's endings (طرد, طردت,
    # طردتها; expel, expelled), never any longer word it starts (سيل is a flood, سيلغيان is not).
    endings = f"(?:{alternation(language.events.endings)}){{0,{MAX_ENDINGS}}}" if language.events.endings else ""
    for event, words in events.items():
        # A stem of two letters takes no ending either (ضم, not ضمن).
        whole = [w for w in words if len(fold(w).replace(" ", "")) <= SHORT_STEM]
        stems = [w for w in words if w not in whole]
        source = "|".join(
            part for part in (
                f"(?P<w>{alternation(stems)}{endings})(?!\\w)" if stems else "",
                f"(?P<whole>{alternation(whole)})(?!\\w)" if whole else "",
            ) if part
        )
        patterns.append((re.compile(f"{lead}{article}(?:{source})"), event))
    return starts_anywhere, tuple(patterns)


def event_words(folded: str, language: Language) -> list[EventWord]:
    """Every event word in the text, left to right (whole words with their clitics and endings: طرد matches
    بطرد and طردت, not طردية); `language`
    carries the user's own event words (checker.config.Config.language)."""
    starts_anywhere, patterns = language.compiled(_event_patterns)
    found = [
        EventWord(m.start(m.lastgroup), m.end(m.lastgroup), event)
        for at in starts_anywhere.finditer(folded)
        for pattern, event in patterns
        if (m := pattern.match(folded, at.start()))
    ]
    return sorted(found, key=lambda e: (e.start, -(e.end - e.start)))


@lru_cache(maxsize=None)
def clause_joiners(lang: str) -> re.Pattern[str] | None:
    """The language's clause joiners as whole words (و alone, not the و attached to أصيب)."""
    words = load(lang).events.clause_joiners
    return re.compile(f"(?<!\\w)(?:{alternation(fold(w) for w in words)})(?!\\w)") if words else None


def _sentence(folded: str, start: int, end: int) -> tuple[int, int]:
    reach = max(0, start - 600)
    return last_mark_end(SENTENCE_END, folded, reach, start), next_mark(SENTENCE_END, folded, end)


def nearest_event(
    folded: str, events: list[EventWord], start: int, end: int, prefer: str | None = None, joiners: re.Pattern[str] | None = None
) -> EventWord | None:
    """The event word nearest [start, end) in its sentence, outside the fact itself; with `prefer`
    ("before"/"after"), the nearest on that side of its clause wins over a nearer one on the other side;
    with `joiners`, one with a clause joiner between it and the fact is not this fact's."""
    low, high = _sentence(folded, start, end)
    clause_low = last_mark_end(CLAUSE_BREAK, folded, low, start)
    clause_high = next_mark(CLAUSE_BREAK, folded, end, high)
    best = None
    # `events` is sorted by start: only those starting within the sentence (less an event word's length) count.
    first = bisect_left(events, low - LONGEST_EVENT_WORD, key=lambda e: e.start)
    for i in range(first, bisect_left(events, high, key=lambda e: e.start)):
        event = events[i]
        if best is not None and event.start - end >= best[0][1] and (best[0][0] is False or prefer != "after" or event.start >= clause_high):
            # Later words only stand farther after the fact, and none of them can be preferred to the best:
            # stop, so a long sentence of event words costs each fact its neighbours, not the sentence.
            break
        if event.end <= low or event.start >= high or (event.start < end and start < event.end):
            continue
        before = event.end <= start
        distance = start - event.end if before else event.start - end
        in_clause = clause_low <= event.start and event.end <= clause_high
        preferred = prefer is not None and in_clause and before == (prefer == "before")
        gap = (event.end, start) if before else (end, event.start)
        if joiners is not None and joiners.search(folded, *gap) is not None:
            if not before:
                break  # every later word has this joiner between it and the fact too
            continue  # another clause's event: its own count, not this one
        key = (not preferred, distance, not before)
        if best is None or key < best[0]:
            best = (key, event)
    return best[1] if best else None


def change_subject(folded: str, start: int, end: int, event: EventWord | None) -> tuple[int, int] | None:
    """Span of the words naming what changed: after the event word up to the change, else before it, else after."""
    clause_start = max((m.end() for m in CLAUSE_BREAK.finditer(folded, max(0, start - 200), start)), default=max(0, start - 200))
    if event is not None and clause_start <= event.end <= start:
        clause_start = event.end
    words = list(re.finditer(r"[^\W\d_]+", folded[clause_start:start]))[-SUBJECT_WORDS:]
    if words:
        return clause_start + words[0].start(), clause_start + words[-1].end()
    # The first words of the clause after the change, read no farther than the words before it.
    tail = next_mark(CLAUSE_BREAK, folded, end, min(len(folded), end + 200))
    after = list(itertools.islice(_LETTER_WORD.finditer(folded, end, tail), 3))
    if after:
        return after[0].start(), after[-1].end()
    return None


_LETTER_WORD = re.compile(r"[^\W\d_]+")
UPDATE_WINDOW = 60  # characters of the clause either side of a count where its series word may stand
_DIGIT = re.compile(r"\d")


def _update_patterns(language: Language) -> tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]:
    """(mark, words before the number, words after it) for "later" and "earlier" (checker/lang/<code>/updates.toml)."""
    lead = f"(?<!\\w){clitic_pattern(language.code)}"
    updates = language.updates
    return tuple(
        (mark, re.compile(f"{lead}{alternation(before)}(?!\\w)"), re.compile(f"{lead}{alternation(after)}(?!\\w)"))
        for mark, before, after in (
            ("later", updates.later_before, updates.later_after),
            ("earlier", updates.earlier_before, updates.earlier_after),
        )
    )


def timeline_mark(folded: str, start: int, end: int, language: Language) -> str | None:
    """Whether the count at folded [start, end) is placed in a series of figures by a word of its clause:
    "later" (rose to 95), "earlier" (an earlier toll of 103), or None; the nearest word wins. A word with
    another number between it and the count belongs to that number (آمار قبلی ۸۴ نفر بود و ۳۰ نفر زخمی)."""
    low = max((m.end() for m in CLAUSE_BREAK.finditer(folded, max(0, start - UPDATE_WINDOW), start)), default=max(0, start - UPDATE_WINDOW))
    tail = CLAUSE_BREAK.search(folded, end, min(len(folded), end + UPDATE_WINDOW))
    high = tail.start() if tail else min(len(folded), end + UPDATE_WINDOW)
    nearest: tuple[int, str] | None = None
    for mark, before, after in language.compiled(_update_patterns):
        found = [start - m.end() for m in before.finditer(folded, low, start) if not _DIGIT.search(folded, m.end(), start)]
        found += [m.start() - end for m in after.finditer(folded, end, high) if not _DIGIT.search(folded, end, m.start())]
        if found and (nearest is None or min(found) < nearest[0]):
            nearest = (min(found), mark)
    return nearest[1] if nearest else None
