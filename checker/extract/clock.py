"""The hour an article was published, read from its own publication line (the line of its dateline date):
«03:20 ص الإثنين 03 أكتوبر 2022», «۱۲ مهر ۱۴۰۱ - ۱۸:۰۰», "Sept 13, 2023, 9:50 PM". Figures of a running
total published on one day are ordered by it. Only a clock time on that line counts: one anywhere else in
the text is an event's time, not the article's. The words after a time that mark the afternoon or the
morning are the language's `clock_pm` and `clock_am` (checker/lang/<code>/dates.toml)."""

from __future__ import annotations

import re

from checker.lang import load
from checker.normalise.text import fold

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_CLOCK = re.compile(r"(?<![\d:.,/])([01]?\d|2[0-3])\s?[:٫]\s?([0-5]\d)(?![\d:/])")
_MARKER_REACH = 8  # characters after the minutes where an a.m./p.m. word may stand


def clock_on_line(text: str, position: int, lang: str) -> str | None:
    """"HH:MM" (24 hours) of the first clock time on the line of `text` holding `position`, else None."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    line = text[start : end if end >= 0 else len(text)].translate(_DIGITS)
    match = _CLOCK.search(line)
    if not match:
        return None
    hour, minute = int(match.group(1)), match.group(2)
    after = fold(line[match.end() : match.end() + _MARKER_REACH]).strip()
    words = load(lang).dates.date_words
    if _opens_with(after, words.clock_pm) and hour < 12:
        hour += 12
    elif _opens_with(after, words.clock_am) and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute}"


def _opens_with(folded: str, words: tuple[str, ...]) -> bool:
    return any(re.match(rf"{re.escape(fold(word))}(?!\w)", folded) for word in words)
