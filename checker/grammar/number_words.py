"""Digits and number words of one language: the lexicon, the token regex, and the tokens it cuts.

Everything runs on folded text (checker.normalise.text.fold), so Arabic-Indic and Persian digits are ASCII,
٫ ٬ ٪ are . , % and spelling variants are one. The words live in checker/lang/<lang>/numbers.toml; this module
names none of them. Each language compiles once into one token regex (word tries, attached prefixes, digit
forms) and a few grammar switches; checker.grammar.number_reader folds a run of tokens into a value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any, Iterator

from checker.lang import LANGUAGES, load
from checker.lang.schema import Numbers, Prefixes
from checker.normalise.text import fold, trie_pattern

# Token roles. A word may hold several (ثانية is an ordinal and a unit of time); the reader picks by context.
CARD = "card"
SCALE = "scale"
SCALE_DUAL = "scale_dual"
ORD = "ord"
FRAC = "frac"
RATIO = "ratio"
RATIO_MULT = "ratio_mult"
UNIT = "unit"
UNIT_DUAL = "unit_dual"
CONNECTOR = "connector"
POINT = "point"
PERCENT = "percent"
ARTICLE = "article"
TEEN_TEN = "teen_ten"
DIGITS = "digits"
VAGUE = "vague"  # a vague count (چند, several, بضعة): the scale after it is no number

_LETTER = r"[^\W\d_]"
_GAP = re.compile(r" *(?:- *)?")  # what may stand between two words of one number (twenty-five)


def _spelling(phrase: str) -> str:
    """Folded phrase with single spaces: the form patterns are built from."""
    return " ".join(fold(phrase).split())


def _key(phrase: str) -> str:
    """Lookup key: folded, word breaks removed (a space may be printed, or a ZWNJ that folds to nothing)."""
    return fold(phrase).replace(" ", "")


def _as_number(value: Any) -> Fraction:
    if isinstance(value, str):
        return Fraction(value)  # "1/3"
    return Fraction(value).limit_denominator(10**9) if isinstance(value, float) else Fraction(value)


def to_python(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)


# ---------------------------------------------------------------------------------------------------
# Lexicon: every table word, folded, with its roles.


def _suffix_ordinals(numbers: Numbers) -> Iterator[tuple[str, int]]:
    """Ordinals built by suffix from the cardinals and scales ([ordinal_suffixes])."""
    rules = numbers.ordinal_suffixes
    irregular = rules.irregular
    detached = set(rules.detached)
    stems = {**numbers.cardinals, **numbers.scales}
    for stem, value in stems.items():
        if stem in irregular:
            for form in irregular[stem]:
                yield form, value
            continue
        suffixes = rules.suffixes
        for ending, special in rules.after_ending.items():
            if fold(stem).endswith(fold(ending)):
                suffixes = special
        for suffix in suffixes:
            yield stem + suffix, value
            if suffix in detached:
                yield f"{stem} {suffix}", value


def _entries(numbers: Numbers) -> Iterator[tuple[str, str, Any]]:
    """(spelling as written, role, value) for every word of one numbers table."""
    numeric = (
        (numbers.cardinals, CARD),
        (numbers.scales, SCALE),
        (numbers.ordinals, ORD),
        (numbers.fractions, FRAC),
        (numbers.ratios, RATIO),
        (numbers.ratio_multipliers, RATIO_MULT),
    )
    for section, role in numeric:
        for word, value in section.items():
            yield word, role, _as_number(value)
    for word, (count, scale) in numbers.scale_duals.items():
        yield word, SCALE_DUAL, (Fraction(count), Fraction(scale))
    for word, value in _suffix_ordinals(numbers):
        yield word, ORD, Fraction(value)
    for word, unit in numbers.durations.items():
        yield word, UNIT, unit
    for word, unit in numbers.duration_duals.items():
        yield word, UNIT_DUAL, unit
    for word in numbers.ambiguous.vague_counts:
        yield word, VAGUE, True
    grammar = numbers.grammar
    for words, role in (
        (grammar.connectors, CONNECTOR),
        (grammar.decimal_points, POINT),
        (grammar.percent, PERCENT),
        (grammar.articles, ARTICLE),
        (grammar.teen_tens, TEEN_TEN),
    ):
        for word in words:
            yield word, role, True


def _numeric_value(role: str, value: Any) -> Fraction | None:
    if role == SCALE_DUAL:
        return value[0] * value[1]
    if role in (CARD, SCALE, ORD, FRAC, RATIO, RATIO_MULT):
        return value
    return None


def table_clashes(lang: str) -> dict[str, set[Fraction]]:
    """Folded words that one numbers table gives two different numeric values (should be empty)."""
    values: dict[str, set[Fraction]] = {}
    for word, role, value in _entries(load(lang).numbers):
        number = _numeric_value(role, value)
        if number is not None:
            values.setdefault(_key(word), set()).add(number)
    return {word: found for word, found in values.items() if len(found) > 1}


# ---------------------------------------------------------------------------------------------------
# Regex building.


def _digit_pattern(slash_decimal: bool, ordinal_suffixes: list[str]) -> str:
    # A minus sign only where it cannot be a hyphen or the dash of a range (2010-2015, 2010 - 2015).
    sign = r"(?P<sign>(?<![\w.,%/:\-])(?<!\d )-(?=\.?\d))?"
    # Arabic print often keeps the percent sign before the number in logical order (%5).
    pre_percent = r"(?P<pre_pct>(?<![\d%])%(?=-?\.?\d))?"
    forms = [
        r"\d{1,3}(?:,\d{3})+(?:\.\d+)?",  # 1,234,567.5 (٬ and ٫ fold to , and .)
        r"\d{1,3}(?:\.\d{3}){2,}(?![.\d])",  # 1.234.567: two dot groups cannot be a decimal
    ]
    if slash_decimal:
        forms.append(r"\d+/\d+")  # Persian ۲/۵; a/b/c was taken as a date before reaching here
    forms += [r"\d+(?:\.\d+)?", r"\.\d+"]
    core = "(?P<core>" + "|".join(forms) + ")"
    end = r"(?!\d|[.,/:]\d)"
    suffix = ""
    if ordinal_suffixes:
        suffix = f"(?:(?P<osfx>{trie_pattern(sorted(map(_spelling, ordinal_suffixes)))})(?!{_LETTER}))?"
    post_percent = r"(?P<post_pct> ?%)?"
    return rf"(?<!\d)(?<!\d[.,/:]){pre_percent}{sign}{core}{end}{suffix}{post_percent}"


def _skip_pattern(slash_decimal: bool) -> str:
    """Digit shapes that are not one number: dates, times, versions (1400/07/14, 16:03, 7/10/2021)."""
    shapes = [
        r"(?!\d{1,3}(?:\.\d{3}){2,}(?![.\d]))\d+(?P<sep>[/:.\-])\d+(?:(?P=sep)\d+)+",
        r"\d+:\d+",
    ]
    if not slash_decimal:
        shapes.append(r"\d+/\d+")  # a date or a fraction; Duckling's 11/10 = 1.1 is left to the date grammar
    return r"(?<![\d.,/:])(?:" + "|".join(shapes) + r")(?!\d)"


# ---------------------------------------------------------------------------------------------------
# Grammar: one compiled language.


@dataclass(frozen=True)
class NumberGrammar:
    lang: str
    lexicon: dict[str, dict[str, Any]]  # key -> role -> value
    spellings: dict[str, str]  # key -> one spelling (with spaces), for generating phrases
    prefixes: dict[str, tuple[str, bool, int]]  # prefix -> (attached letters, definite, letters before the word)
    token_regex: re.Pattern[str]
    connectors: frozenset[str]
    units_before_tens: bool
    join: bool
    definite_article: str
    definite_range: tuple[int, int] | None
    fraction_from_ordinal_min: int
    ambiguous_alone: frozenset[str]
    compound_only: frozenset[str]
    needs_count: frozenset[str]
    ordinal_suffixes: tuple[str, ...]
    comma_decimal_before_scale: bool
    score_results: frozenset[str]  # folded result words (lost, won) that make a pair of numbers a score
    score_joiners: frozenset[str]


def _prefix_forms(prefixes: Prefixes) -> dict[str, tuple[str, bool, int]]:
    """Every prefix string with its meaning: up to two attached letters, then the article or a contraction."""
    attached = [_spelling(p) for p in prefixes.attached]
    definite = [_spelling(p) for p in prefixes.definite]
    contracted = [_spelling(p) for p in prefixes.contracted]
    forms: dict[str, tuple[str, bool, int]] = {}
    heads = [""] + attached + [a + b for a in attached for b in attached if a != b]
    for head in heads:
        if head:
            forms.setdefault(head, (head, False, len(head)))
        for article in definite:
            forms[head + article] = (head, True, len(head))
        for fused in contracted:
            # A preposition fused with the article: attached like one, but kept inside the quoted span
            # (للعشرين, not لعشرين).
            forms[head + fused] = (head + fused, True, len(head))
    return forms


@lru_cache(maxsize=None)
def number_grammar(lang: str, explicit: bool) -> NumberGrammar:
    """The compiled grammar of `lang`; `explicit` is False when the language was guessed (lang=None)."""
    numbers = load(lang).numbers
    grammar = numbers.grammar
    lexicon: dict[str, dict[str, Any]] = {}
    spellings: dict[str, str] = {}
    for word, role, value in _entries(numbers):
        key = _key(word)
        lexicon.setdefault(key, {})[role] = value
        # Keep the spelling with most word breaks: its pattern also matches the forms printed solid.
        spelling = _spelling(word)
        if spelling.count(" ") > spellings.get(key, "").count(" ") or key not in spellings:
            spellings[key] = spelling
    clashes = table_clashes(lang)
    if clashes:
        raise ValueError(f"{lang}/numbers.toml: words with two values: {clashes}")

    prefix_data = numbers.prefixes
    prefixes = _prefix_forms(prefix_data)
    all_words = sorted(set(spellings.values()))
    prefixable = [s for k, s in spellings.items() if CONNECTOR not in lexicon[k]]
    # Prefix + word forms that are another word (لست "I am not"): refused as wholes.
    refused = [
        prefix + _spelling(word)
        for word, letters in prefix_data.refuses.items()
        for prefix, (attached, definite, _) in prefixes.items()
        if not definite and any(attached.endswith(_spelling(letter)) for letter in letters)
    ]
    words = trie_pattern(all_words)
    join = grammar.join_without_space
    # A word ends where letters end, or (languages printing number words together) where another starts.
    boundary = f"(?:(?!{_LETTER})|(?={words}))" if join else f"(?!{_LETTER})"
    slash = grammar.slash_decimal and explicit
    suffixes = grammar.digit_ordinal_suffixes
    alternatives = [
        f"(?P<skip>{_skip_pattern(slash)})",
        f"(?P<num>{_digit_pattern(slash, list(suffixes))})",
        f"(?P<word>{words}){boundary}",
    ]
    if prefixes:
        refuse = f"(?!(?:{trie_pattern(sorted(refused))})(?!{_LETTER}))" if refused else ""
        prefix = trie_pattern(sorted(prefixes))
        prefixed_word = trie_pattern(sorted(set(prefixable)))
        alternatives.append(f"{refuse}(?P<prefix>{prefix})(?P<pword>{prefixed_word}){boundary}")
    # Other words, as many in a row as there are: the run is one break, matched without a Python step per word.
    other_word = f"(?!{words}{boundary}){_LETTER}+"
    if prefixes:
        other_word = f"(?!{refuse}{prefix}{prefixed_word}{boundary}){other_word}"
    alternatives += ["(?P<pct>%)", f"(?P<letters>{other_word}(?: +{other_word})*)", r"(?P<digits>\d+)"]
    token_regex = re.compile("|".join(alternatives))

    ambiguous = numbers.ambiguous
    definite = [_spelling(p) for p in prefix_data.definite]
    definite_range = grammar.definite_ordinal_range
    return NumberGrammar(
        lang=lang,
        lexicon=lexicon,
        spellings=spellings,
        prefixes=prefixes,
        token_regex=token_regex,
        connectors=frozenset(_key(c) for c in grammar.connectors),
        units_before_tens=grammar.units_before_tens,
        join=join,
        definite_article=definite[0] if definite else "",
        definite_range=definite_range,
        fraction_from_ordinal_min=grammar.fraction_from_ordinal_min,
        ambiguous_alone=frozenset(_key(w) for w in ambiguous.alone),
        compound_only=frozenset(_key(w) for w in ambiguous.compound_only),
        needs_count=frozenset(_key(w) for w in ambiguous.needs_count),
        ordinal_suffixes=tuple(_key(s) for s in suffixes),
        comma_decimal_before_scale=grammar.comma_decimal_before_scale and explicit,
        score_results=frozenset(_key(w) for w in numbers.scores.results),
        score_joiners=frozenset(_spelling(w) for w in numbers.scores.joiners),
    )


# ---------------------------------------------------------------------------------------------------
# Tokens.


@dataclass(slots=True)
class Token:
    start: int  # with any attached prefix
    word_start: int  # where a quoted number starts (after و ب ل ف ك)
    end: int
    roles: dict[str, Any]
    key: str = ""
    attached: str = ""
    definite: bool = False
    text: str = ""  # digits as printed (for the part after a decimal point)
    run_start: bool = True  # starts where a letter run starts (not inside a word)
    run_end: bool = True


# More digits than any quantity a text states (and than a float holds): such a run is an id, a hash or junk,
# and converting 4,300 digits or more would fail the whole document on Python's integer limit.
MAX_NUMBER_DIGITS = 30


def tokenize(folded: str, g: NumberGrammar) -> list[Token]:
    tokens: list[Token] = []
    length = len(folded)
    for m in g.token_regex.finditer(folded):
        start, end = m.span()
        if m.group("num") is not None and sum(c.isdigit() for c in m.group("core")) <= MAX_NUMBER_DIGITS:
            tokens.append(_digit_token(m, g))
        elif m.group("num") is not None:  # a run of digits no count has: a break, like stray digits
            tokens.append(Token(start, start, end, {}))
        elif m.group("word") is not None or m.lastgroup == "pword":
            prefix = m.group("prefix") if m.group("word") is None else None
            word = m.group("pword") if prefix else m.group("word")
            key = word.replace(" ", "")
            attached, definite, before = g.prefixes[prefix] if prefix else ("", False, 0)
            token = Token(start, start + before, end, g.lexicon[key], key, attached, definite)
            token.run_start = start == 0 or not _is_letter(folded[start - 1])
            token.run_end = end == length or not _is_letter(folded[end])
            tokens.append(token)
        elif m.group("pct") is not None:
            tokens.append(Token(start, start, end, {PERCENT: True}))
        elif tokens and not tokens[-1].roles:
            tokens[-1].end = end  # a run of other words is one break: nothing is read inside it
        else:  # a date shape, another word, stray digits: ends any number
            tokens.append(Token(start, start, end, {}))
    return tokens


def _is_letter(char: str) -> bool:
    return char.isalpha()


def _digit_token(m: re.Match[str], g: NumberGrammar) -> Token:
    core = m.group("core")
    plain = core.replace(",", "")
    if plain.count(".") > 1:
        plain = plain.replace(".", "")  # 1.234.567: dots as thousands separators
    value = Fraction(plain.replace("/", "."))
    if m.group("sign"):
        value = -value
    roles: dict[str, Any] = {DIGITS: value}
    if m.group("pre_pct") or m.group("post_pct"):
        roles[PERCENT] = True
    elif g.ordinal_suffixes and m.group("osfx"):
        roles[ORD] = value
    token = Token(m.start(), m.start(), m.end(), roles, text=core)
    return token


def gap_ok(folded: str, before: Token, after: Token) -> bool:
    if before.end == after.start:
        return True
    return _GAP.fullmatch(folded, before.end, after.start) is not None


def whole_tokens(folded: str, g: NumberGrammar) -> list[Token] | None:
    """Tokens of a text that must be numbers from end to end, or None if anything else is in it."""
    tokens = tokenize(folded, g)
    if not tokens or tokens[0].start != 0 or tokens[-1].end != len(folded):
        return None
    for before, after in zip(tokens, tokens[1:]):
        if not gap_ok(folded, before, after):
            return None
    if any(not tok.roles for tok in tokens):
        return None
    return tokens


def languages_to_read(lang: str | None) -> tuple[str, ...]:
    if lang is None:
        return LANGUAGES
    if lang not in LANGUAGES:
        raise KeyError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    return (lang,)
