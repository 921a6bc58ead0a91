"""Text normalisation for matching, with an offset map back to the original.

Matching runs on a folded form of the text: one spelling per Arabic/Persian letter, ASCII digits,
no diacritics, tatweel, ZWNJ or bidi marks, plain spaces, lower-case Latin. Every span found there is
mapped back, so the evidence quoted later is always an exact substring of what the source wrote.

The fold is one `str.translate` table (fast, in C). Only the few characters that the fold deletes or
expands into several characters shift offsets; those are recorded as edit points and mapped with bisect,
so memory grows with the number of such characters, not with the text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Iterable

from checker.cache import stored

# Each group says which characters fold to which, and why it matters for matching.
_DIGITS = {**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)}}
_NUMERIC_PUNCTUATION = {
    0x066B: ".",  # Arabic decimal separator
    0x066C: ",",  # Arabic thousands separator
    0x066A: "%",  # Arabic percent sign
    0x2044: "/",  # fraction slash
    0x2215: "/",  # division slash
    **{cp: "-" for cp in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212)},
}
_LETTER_VARIANTS = {
    # yeh: Persian yeh, alef maksura, yeh with hamza -> Arabic yeh
    **{cp: "\u064A" for cp in (0x06CC, 0x0649, 0x0626, 0x06D0, 0x06CD, 0x06CE)},
    # kaf: Persian keheh and swash kaf -> Arabic kaf
    **{cp: "\u0643" for cp in (0x06A9, 0x06AA)},
    # heh: teh marbuta, heh with yeh above, heh goal, Kurdish ae, heh doachashmee -> heh
    **{cp: "\u0647" for cp in (0x0629, 0x06C0, 0x06C1, 0x06C2, 0x06D5, 0x06BE)},
    # alef with hamza above/below, madda, wasla -> bare alef
    **{cp: "\u0627" for cp in (0x0623, 0x0625, 0x0622, 0x0671, 0x0672, 0x0673)},
    0x0624: "\u0648",  # waw with hamza -> waw
}
_DELETED = [
    0x0621,  # standalone hamza: spelled or omitted freely
    0x0640,  # tatweel: typographic stretching
    *range(0x064B, 0x0660),  # harakat, shadda, sukun, hamza/madda above and below
    0x0670,  # superscript alef
    *range(0x06D6, 0x06EE),  # Quranic annotation marks
    0x200C,  # ZWNJ: present or missing in the same word (می‌کند / میکند)
    0x200D,  # ZWJ
    0x200B,  # zero width space
    0x00AD,  # soft hyphen
    0xFEFF,  # BOM / zero width no-break space
    0x061C,  # Arabic letter mark
    0x200E, 0x200F,  # LRM, RLM
    *range(0x202A, 0x202F),  # bidi embeddings and overrides
    *range(0x2066, 0x206A),  # bidi isolates
    *range(0x0300, 0x0370),  # combining marks on Latin letters
]
_SPACES = [0x0009, 0x000B, 0x000C, 0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000]
_LINE_BREAKS = [0x2028, 0x2029, 0x0085]
# Arabic presentation forms (and other compatibility characters) fold through NFKC.
_PRESENTATION_RANGES = [(0xFB50, 0xFDFF), (0xFE70, 0xFEFE)]


def _build_fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    table.update(_DIGITS)
    table.update(_NUMERIC_PUNCTUATION)
    table.update(_LETTER_VARIANTS)
    table.update({cp: None for cp in _DELETED})
    table.update({cp: " " for cp in _SPACES})
    table.update({cp: "\n" for cp in _LINE_BREAKS})
    for cp in range(0x0041, 0x0250):
        # Drop the combining dot that lower() adds to a dotted capital I.
        lowered = "".join(c for c in chr(cp).lower() if not unicodedata.combining(c))
        if lowered != chr(cp):
            table[cp] = lowered
    for first, last in _PRESENTATION_RANGES:
        for cp in range(first, last + 1):
            decomposed = unicodedata.normalize("NFKC", chr(cp))
            if decomposed != chr(cp):
                # Fold the decomposition too: a presentation alef-hamza becomes a bare alef.
                folded = decomposed.translate(table)
                table[cp] = folded or None
    return table


FOLD_TABLE: dict[int, str | None] = _build_fold_table()
# Characters whose fold is not exactly one character: only these move offsets.
_SHIFTING_CHARS = re.compile(
    "[" + "".join(re.escape(chr(cp)) for cp, v in sorted(FOLD_TABLE.items()) if v is None or len(v) != 1) + "]"
)


# Deleted characters that belong to the letter before them, unlike ZWNJ, spaces or bidi marks.
_ATTACHED_MARKS = re.compile("[\u0621\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u0300-\u036f]+")


@dataclass(frozen=True)
class NormalisedText:
    """The folded text plus what is needed to map any span of it back to the original."""

    original: str
    text: str
    # Edit points: from folded index _points[k] on, original index = folded index + _deltas[k].
    _points: tuple[int, ...] = field(default=(0,), repr=False)
    _deltas: tuple[int, ...] = field(default=(0,), repr=False)

    def to_original(self, index: int) -> int:
        """Original index of the character at folded position `index` (len(text) maps to len(original))."""
        if index >= len(self.text):
            return len(self.original)
        k = bisect_right(self._points, index) - 1
        return index + self._deltas[k]

    def to_folded(self, original_index: int) -> int:
        """First folded position whose original index is at or after `original_index` (the inverse map)."""
        if len(self._points) == 1:
            return max(0, min(original_index - self._deltas[0], len(self.text)))
        starts = self._original_starts
        k = max(0, bisect_right(starts, original_index) - 1)
        segment_end = self._points[k + 1] if k + 1 < len(self._points) else len(self.text)
        folded = max(self._points[k], min(original_index - self._deltas[k], segment_end))
        # Expansions map several folded characters to one original: step back to the first of them.
        while folded > 0 and self.to_original(folded - 1) >= original_index:
            folded -= 1
        while folded < len(self.text) and self.to_original(folded) < original_index:
            folded += 1
        return folded

    @cached_property
    def _original_starts(self) -> list[int]:
        """Original index where each edit point's segment starts."""
        return [p + d for p, d in zip(self._points, self._deltas)]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the folded span [start, end), covering whole original characters."""
        if end <= start:
            position = self.to_original(start)
            return position, position
        last = self.to_original(end - 1) + 1
        # A quote should not cut a word before its folded-away ending (hamza, harakat, tatweel).
        attached = _ATTACHED_MARKS.match(self.original, last)
        return self.to_original(start), attached.end() if attached else last

    def original_text(self, start: int, end: int) -> str:
        first, last = self.span(start, end)
        return self.original[first:last]


def normalise(original: str) -> NormalisedText:
    """Fold `original` for matching and keep the offset map back to it."""
    folded = original.translate(FOLD_TABLE)
    if len(folded) == len(original) and not _SHIFTING_CHARS.search(original):
        return NormalisedText(original, folded)
    points = [0]
    deltas = [0]

    def record(position: int, delta: int) -> None:
        if points[-1] == position:
            deltas[-1] = delta
        else:
            points.append(position)
            deltas.append(delta)

    shift = 0  # folded index minus original index, for characters after the last shifting one
    for match in _SHIFTING_CHARS.finditer(original):
        source = match.start()
        replacement = FOLD_TABLE[ord(original[source])] or ""
        folded_at = source + shift
        # Extra characters of an expansion all point back at the one source character.
        for extra in range(1, len(replacement)):
            record(folded_at + extra, source - (folded_at + extra))
        shift += len(replacement) - 1
        record(source + 1 + shift, -shift)
    return NormalisedText(original, folded, tuple(points), tuple(deltas))


def fold(text: str) -> str:
    """The folded form alone, for table entries and keys."""
    return text.translate(FOLD_TABLE)


@lru_cache(maxsize=None)
def phrase_pattern(phrase: str) -> str:
    """Regex source matching a table phrase in folded text.

    Word breaks inside a phrase may be a space, several, or nothing at all, because ZWNJ is folded away
    (سه‌شنبه, سه شنبه and سهشنبه are one weekday; ربیع‌الاول and ربيع الاول one month).
    """
    return "".join(_tokens(fold(phrase)))


def phrase_key(phrase: str) -> str:
    """Lookup key of a table phrase: folded, with the word breaks print may or may not show removed."""
    return re.sub(r"\s+", "", fold(phrase))


def alternation(phrases: Iterable[str]) -> str:
    """Regex source matching any of the table phrases in folded text, longest first (never matches if none)."""
    unique = {fold(p).strip() for p in phrases if fold(p).strip()}
    return "(?:" + trie_pattern(unique) + ")" if unique else "(?!)"


def trie_pattern(folded_phrases: Iterable[str]) -> str:
    """One regex for many folded phrases, written as a prefix tree (ثلاث|ثلاثة|ثلاثين -> ثلاث(?:ين|ه)?).

    Python's re tries a flat alternation one branch at a time at every position, so a table of a thousand
    words would cost a thousand attempts per character; a tree costs one per letter. A space inside a
    phrase matches any number of spaces, none included (phrase_pattern). At each branch point the branch
    that can match the longest text is tried first and stopping early last: the longest phrase wins.
    """
    phrases = sorted(set(folded_phrases))  # the tree, hence the source, does not depend on their order
    key = hashlib.sha256("\n".join(phrases).encode()).hexdigest()
    return stored("trie_pattern", key, lambda: _trie_pattern(phrases))


def _trie_pattern(folded_phrases: list[str]) -> str:
    trie: dict[str, dict] = {}
    for phrase in folded_phrases:
        node = trie
        for token in _tokens(phrase):
            node = node.setdefault(token, {})
        node[_END] = {}
    return _trie_source(trie) if trie else "(?!)"


_END = ""  # marks a node where a phrase ends; no real token is empty


def _tokens(phrase: str) -> list[str]:
    """The regex pieces of phrase_pattern(phrase), one per character or word break."""
    tokens: list[str] = []
    for index, word in enumerate(phrase.split()):
        if index:
            tokens.append(" *")
        tokens.extend(re.escape(char) for char in word)
    return tokens


def _trie_source(node: dict[str, dict]) -> str:
    """Regex source of a trie node; also returns nothing for a leaf."""
    branches = []
    for token, child in node.items():
        if token != _END:
            source = _trie_source(child)
            branches.append((-_reach(token, child), token, token + source))
    if not branches:
        return ""
    branches.sort()
    body = branches[0][2] if len(branches) == 1 else "(?:" + "|".join(b[2] for b in branches) + ")"
    return f"(?:{body})?" if _END in node else body


def _reach(token: str, child: dict[str, dict]) -> int:
    """Longest text (in tokens) a branch can match: the longest phrase through it is tried first."""
    return 1 + max((_reach(t, c) for t, c in child.items() if t != _END), default=0)
