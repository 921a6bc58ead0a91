"""Extraction: one document's text -> its facts (dates, counts, changes, durations) with their evidence.

Helpers the extract modules share live here."""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from functools import lru_cache
from typing import Iterable, Iterator

from checker.lang import load, punctuation
from checker.normalise.text import fold


def _marks(*groups: tuple[str, ...], line_break: bool = True) -> str:
    """The inside of a character class of punctuation marks, with the line break that ends a sentence in
    every language."""
    return "".join(re.escape(mark) for group in groups for mark in group) + ("\n" if line_break else "")


# Every language's punctuation (checker/lang/<code>/language.toml [punctuation]): a text quotes others.
_PUNCTUATION = punctuation()
SENTENCE_ENDS = (*_PUNCTUATION.sentence_ends, "\n")
SENTENCE_END = re.compile(f"[{_marks(_PUNCTUATION.sentence_ends)}]")
SENTENCE = re.compile(f"[^{_marks(_PUNCTUATION.sentence_ends)}]+")  # a sentence's text, without its end
CLAUSE_BREAK = re.compile(f"[{_marks(_PUNCTUATION.sentence_ends, _PUNCTUATION.clause_marks, _PUNCTUATION.enclosing)}]")
PROSE_MARK = re.compile(f"[{_marks(_PUNCTUATION.sentence_ends, _PUNCTUATION.clause_marks, line_break=False)}]")


@lru_cache(maxsize=8)
def _mark_positions(pattern: re.Pattern[str], text: str) -> list[int]:
    # Keyed by the text itself: its hash is computed once and kept by the string, and a lookup with the
    # same object compares by identity, so asking again costs nothing. A few texts only: a worker's
    # documents come one at a time.
    return [m.start() for m in pattern.finditer(text)]


def next_mark(pattern: re.Pattern[str], text: str, pos: int, endpos: int | None = None) -> int:
    """Where the first match of `pattern` (one character, no lookaround: SENTENCE_END, CLAUSE_BREAK) in
    text[pos:endpos] starts, else `endpos` (the text's end): a search answered by bisection in the marks
    of the text, found in one pass, so a text without them is not scanned to its end at every fact."""
    end = len(text) if endpos is None else endpos
    marks = _mark_positions(pattern, text)
    i = bisect_left(marks, pos)
    return marks[i] if i < len(marks) and marks[i] < end else end


def last_mark_end(pattern: re.Pattern[str], text: str, pos: int, endpos: int) -> int:
    """Where the last match of `pattern` (as for next_mark) in text[pos:endpos] ends, else `pos`."""
    marks = _mark_positions(pattern, text)
    i = bisect_left(marks, endpos) - 1
    return marks[i] + 1 if i >= 0 and marks[i] >= pos else pos


def marks_between(pattern: re.Pattern[str], text: str, pos: int, endpos: int) -> list[int]:
    """Where the matches of `pattern` (as for next_mark) in text[pos:endpos] start."""
    marks = _mark_positions(pattern, text)
    return marks[bisect_left(marks, pos) : bisect_left(marks, endpos)]


@lru_cache(maxsize=None)
def clitic_pattern(lang: str) -> str:
    """Regex source for the letters `lang` attaches in front of a word (و ف ب ل ك), up to two of them."""
    attached = "".join(re.escape(fold(p)) for p in load(lang).numbers.prefixes.attached)
    return f"(?:[{attached}]{{0,2}})" if attached else ""


class Spans:
    """Spans already taken by a fact, kept sorted so that asking whether a new one overlaps costs a
    bisection, not a pass over every fact so far (a long document holds thousands)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._items: list[tuple[int, int]] = sorted(spans)
        self._longest = max((e - s for s, e in self._items), default=0)

    def add(self, start: int, end: int) -> None:
        insort(self._items, (start, end))
        self._longest = max(self._longest, end - start)

    def remove(self, start: int, end: int) -> None:
        i = bisect_left(self._items, (start, end))
        if i < len(self._items) and self._items[i] == (start, end):
            del self._items[i]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a taken span. Only spans starting before `end`
        and no further back than the longest span can reach qualify."""
        j = bisect_left(self._items, (end, -1)) - 1
        while j >= 0 and self._items[j][0] > start - self._longest - 1:
            if self._items[j][1] > start:
                return True
            j -= 1
        return False

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The taken spans that share a character with [start, end), found as `overlaps` finds the first."""
        found = []
        j = bisect_left(self._items, (end, -1)) - 1
        while j >= 0 and self._items[j][0] > start - self._longest - 1:
            if self._items[j][1] > start:
                found.append(self._items[j])
            j -= 1
        return found

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self._items)
