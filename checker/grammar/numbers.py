"""Numbers in news text: digits in any script and number words, read into values.

The words and tokens are checker.grammar.number_words, the reading of a token run checker.grammar.number_reader;
this module finds the numbers in running text and reads a text that is one number. Spans are in the folded
text; a caller holding a NormalisedText maps them back with `.span(start, end)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from fractions import Fraction

from checker.cache import persistent
from checker.grammar.number_reader import NumberReader
from checker.grammar.number_words import (
    ARTICLE,
    CARD,
    DIGITS,
    FRAC,
    ORD,
    RATIO,
    SCALE,
    SCALE_DUAL,
    TEEN_TEN,
    UNIT_DUAL,
    VAGUE,
    NumberGrammar,
    Token,
    gap_ok,
    languages_to_read,
    number_grammar,
    to_python,
    tokenize,
    whole_tokens,
)
from checker.normalise.text import fold

__all__ = ["NumberMatch", "find_numbers", "ordinal_day_words", "parse_number"]

@dataclass(frozen=True)
class NumberMatch:
    start: int  # span in the folded text given
    end: int
    value: float | int  # int when integral
    kind: str  # "cardinal" | "ordinal" | "fraction" | "percent" | "ratio" | "score"


# Roles a number can open with.
_OPENING = {CARD, SCALE, SCALE_DUAL, ORD, FRAC, RATIO, ARTICLE, UNIT_DUAL, DIGITS}


def _lone_word_refused(tok: Token, g: NumberGrammar, whole_text: bool) -> bool:
    """A number of one word that must not stand alone: compound-only words, and ambiguous ones in running text."""
    if tok.key in g.compound_only:
        return True
    if whole_text:
        return False
    with_article = g.definite_article + tok.key if tok.definite else tok.key
    return tok.key in g.ambiguous_alone or with_article in g.ambiguous_alone


def _longest_from(folded: str, tokens: list[Token], i: int, g: NumberGrammar) -> tuple[int, Fraction, str] | None:
    """The longest number starting at token i: (index of its last token, value, kind)."""
    first = tokens[i]
    if not first.run_start or not (_OPENING & first.roles.keys()):
        return None
    if SCALE in first.roles and i and VAGUE in tokens[i - 1].roles and gap_ok(folded, tokens[i - 1], first):
        return None  # چند هزار, several hundred: a scale with a vague count is no number
    reader = NumberReader(g)
    best = None
    for j in range(i, len(tokens)):
        tok = tokens[j]
        if j > i and not gap_ok(folded, tokens[j - 1], tok):
            break
        if not reader.feed(tok):
            break
        if tok.run_end:
            result = reader.result()
            if result is not None:
                best = (j, *result)
    if best is not None and best[0] == i and _lone_word_refused(first, g, whole_text=False):
        return None
    return best


_WORD = re.compile(r"[^\W\d_]+")
_CLAUSE_END = re.compile(r"[.!?\u061f\n]")  # \u061f: the Arabic question mark
_SCORE_WORDS_BEFORE = 6  # "lost at home to their old rivals 2-3": the result word a few words back


def _is_score(folded: str, first: NumberMatch, second: NumberMatch, g: NumberGrammar) -> bool:
    """Two whole numbers in digits joined like a score (3-2, or a joiner word) with a result word before them
    in their clause or right after them (lost 3-2, a 2-1 win)."""
    for n in (first, second):
        if n.kind != "cardinal" or not folded[n.start].isdigit() or not isinstance(n.value, int) or n.value < 0:
            return False
    if " ".join(folded[first.end : second.start].split()) not in g.score_joiners:
        return False
    before = _CLAUSE_END.split(folded[max(0, first.start - 80) : first.start])[-1]
    words = _WORD.findall(before)[-_SCORE_WORDS_BEFORE:]
    after = _WORD.match(folded, second.end + 1) if folded[second.end : second.end + 1] == " " else None
    if after is not None:
        words.append(after.group())
    return any(word in g.score_results for word in words)


def _mark_scores(folded: str, found: list[NumberMatch], g: NumberGrammar) -> list[NumberMatch]:
    """A match score is neither a count nor anything else a number measures: its two numbers become kind score."""
    marked = list(found)
    for i in range(len(marked) - 1):
        if _is_score(folded, marked[i], marked[i + 1], g):
            marked[i] = replace(marked[i], kind="score")
            marked[i + 1] = replace(marked[i + 1], kind="score")
    return marked


def _find(folded: str, g: NumberGrammar) -> list[NumberMatch]:
    tokens = tokenize(folded, g)
    found = []
    i = 0
    while i < len(tokens):
        best = _longest_from(folded, tokens, i, g)
        if best is None:
            i += 1
            continue
        last, value, kind = best
        found.append(NumberMatch(tokens[i].word_start, tokens[last].end, to_python(value), kind))
        i = last + 1
    return _mark_scores(folded, found, g) if g.score_joiners else found


def _parse_whole(folded: str, g: NumberGrammar) -> NumberMatch | None:
    tokens = whole_tokens(folded, g)
    if tokens is None:
        return None
    reader = NumberReader(g)
    if not all(reader.feed(tok) for tok in tokens):
        return None
    result = reader.result()
    if result is None or (len(tokens) == 1 and _lone_word_refused(tokens[0], g, whole_text=True)):
        return None
    return NumberMatch(tokens[0].word_start, tokens[-1].end, to_python(result[0]), result[1])


def parse_number(text: str, lang: str | None = None) -> NumberMatch | None:
    """The number the whole of `text` writes (surrounding spaces aside), or None.

    `lang` None tries every language in turn; readings that need the language known (the Persian ۲/۵
    decimal) are then off. The span is in fold(text).
    """
    folded = fold(text)
    stripped = folded.strip()
    if not stripped:
        return None
    offset = len(folded) - len(folded.lstrip())
    for code in languages_to_read(lang):
        match = _parse_whole(stripped, number_grammar(code, lang is not None))
        if match is not None:
            return NumberMatch(match.start + offset, match.end + offset, match.value, match.kind)
    return None


def find_numbers(folded: str, lang: str | None = None) -> list[NumberMatch]:
    """Numbers in running folded text, longest first, left to right, never overlapping.

    With `lang` None every language is read and the longest match wins where they overlap.
    """
    languages = languages_to_read(lang)
    if len(languages) == 1:
        return _find(folded, number_grammar(languages[0], lang is not None))
    candidates = []
    for order, code in enumerate(languages):
        candidates += [(m.start, -(m.end - m.start), order, m) for m in _find(folded, number_grammar(code, False))]
    candidates.sort(key=lambda c: c[:3])
    chosen: list[NumberMatch] = []
    for _, _, _, match in candidates:
        if not chosen or match.start >= chosen[-1].end:
            chosen.append(match)
    return chosen


# ---------------------------------------------------------------------------------------------------
# Ordinal day words for the date grammar.


@persistent  # parses thousands of candidate spellings: built once per version of the tables
def ordinal_day_words(lang: str) -> dict[str, int]:
    """Every folded spelling of the ordinals 1..31 in `lang` -> value, generated from the table.

    Candidates are built from the table's ordinal and cardinal words (with and without the article, joined
    by each separator and connector), then kept only where parse_number reads them as that ordinal, so the
    date grammar and the number grammar can never disagree.
    """
    g = number_grammar(lang, True)
    ordinals, small_ordinals, units, tens, teen_tens = [], [], [], [], []
    for key, roles in g.lexicon.items():
        spelling = g.spellings[key]
        if ORD in roles and 1 <= roles[ORD] <= 31:
            # A table phrase may be printed with or without its space (سی ام, سی‌ام): list both.
            forms = dict.fromkeys([spelling, key])
            ordinals += forms
            if roles[ORD] <= 9:
                small_ordinals += forms
        if CARD in roles and 1 <= roles[CARD] <= 9:
            units.append(spelling)
        if CARD in roles and roles[CARD] in (20, 30):
            tens.append(spelling)
        if TEEN_TEN in roles:
            teen_tens.append(spelling)

    def with_article(words: list[str]) -> list[str]:
        return words + [g.definite_article + w for w in words] if g.definite_article else list(words)

    separators = [" ", "-"] + ([""] if g.join else [])
    for connector in sorted(g.spellings[c] for c in g.connectors):
        separators += [f" {connector} ", f" {connector}"]
        if g.join:
            separators += [connector, f"{connector} "]
    candidates: list[str] = with_article(ordinals) + with_article(teen_tens) + with_article(tens)
    heads = with_article(small_ordinals + units)
    for head in heads:
        for tail in with_article(teen_tens + tens):
            candidates += [head + sep + tail for sep in separators]
    for head in tens:
        for tail in small_ordinals:
            candidates += [head + sep + tail for sep in separators]
    candidates += [f"{n}{suffix}" for n in range(1, 32) for suffix in g.ordinal_suffixes]

    words: dict[str, int] = {}
    for candidate in dict.fromkeys(candidates):
        match = parse_number(candidate, lang)
        if match is not None and match.kind == "ordinal" and 1 <= match.value <= 31:
            words[candidate] = int(match.value)
    return words
