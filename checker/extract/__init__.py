"""Extraction: one document's text -> its facts (dates, counts, changes, durations) with their evidence.

Helpers the extract modules share live here."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from checker.lang import table
from checker.normalise.text import fold


@lru_cache(maxsize=None)
def clitic_pattern(lang: str) -> str:
    """Regex source for the letters `lang` attaches in front of a word (و ف ب ل ك), up to two of them."""
    attached = "".join(re.escape(fold(p)) for p in table(lang, "numbers").get("prefixes", {}).get("attached", []))
    return f"(?:[{attached}]{{0,2}})" if attached else ""


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether [start, end) shares a character with any of `spans`."""
    return any(start < e and s < end for s, e in spans)
