"""Numbers in news text: digits in any script and number words, read into values.

Everything runs on folded text (checker.normalise.text.fold), so Arabic-Indic and Persian digits are ASCII,
٫ ٬ ٪ are . , % and spelling variants are one. The words live in checker/lang/<lang>/numbers.toml; this module
names none of them. Each language compiles once into one token regex (word tries, attached prefixes, digit
forms) and a few grammar switches, and a small reader folds a run of tokens into a value with the usual
total/current accumulation:

    ثلاث مئة ألف       3 -> x100 -> x1000              = 300000
    صد و بیست هزار     100 -> +20 -> x1000             = 120000
    نصف مليون          1/2 -> x1000000                 = 500000
    مليون ونصف         1000000 -> + 1/2 of the scale    = 1500000
    الحادي والعشرين    ordinal 1 -> +20                = ordinal 21

Spans are in the folded text; a caller holding a NormalisedText maps them back with `.span(start, end)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any, Iterator

from checker.lang import LANGUAGES, table
from checker.normalise.text import fold, trie_pattern

__all__ = [
    "NumberMatch",
    "find_numbers",
    "ordinal_day_words",
    "parse_duration",
    "parse_number",
    "table_clashes",
]


@dataclass(frozen=True)
class NumberMatch:
    start: int  # span in the folded text given
    end: int
    value: float | int  # int when integral
    kind: str  # "cardinal" | "ordinal" | "fraction" | "percent" | "ratio"


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

_NUMERIC_SECTIONS = {
    "cardinals": CARD,
    "scales": SCALE,
    "ordinals": ORD,
    "fractions": FRAC,
    "ratios": RATIO,
    "ratio_multipliers": RATIO_MULT,
}
# Roles a number can open with.
_OPENING = {CARD, SCALE, SCALE_DUAL, ORD, FRAC, RATIO, ARTICLE, UNIT_DUAL, DIGITS}
_ALL_PLACES = frozenset({0, 1, 2})
_LETTER = r"[^\W\d_]"
_GAP = re.compile(r" *(?:- *)?")  # what may stand between two words of one number (twenty-five)
_ZERO = Fraction(0)


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


def _to_python(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)


# ---------------------------------------------------------------------------------------------------
# Lexicon: every table word, folded, with its roles.


def _suffix_ordinals(data: dict[str, Any]) -> Iterator[tuple[str, int]]:
    """Ordinals built by suffix from the cardinals and scales ([ordinal_suffixes])."""
    rules = data.get("ordinal_suffixes")
    if not rules:
        return
    irregular = rules.get("irregular", {})
    detached = set(rules.get("detached", []))
    stems = {**data.get("cardinals", {}), **data.get("scales", {})}
    for stem, value in stems.items():
        if stem in irregular:
            for form in irregular[stem]:
                yield form, value
            continue
        suffixes = rules.get("suffixes", [])
        for ending, special in rules.get("after_ending", {}).items():
            if fold(stem).endswith(fold(ending)):
                suffixes = special
        for suffix in suffixes:
            yield stem + suffix, value
            if suffix in detached:
                yield f"{stem} {suffix}", value


def _entries(data: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(spelling as written, role, value) for every word of one numbers table."""
    for section, role in _NUMERIC_SECTIONS.items():
        for word, value in data.get(section, {}).items():
            yield word, role, _as_number(value)
    for word, (count, scale) in data.get("scale_duals", {}).items():
        yield word, SCALE_DUAL, (Fraction(count), Fraction(scale))
    for word, value in _suffix_ordinals(data):
        yield word, ORD, Fraction(value)
    for word, unit in data.get("durations", {}).items():
        yield word, UNIT, unit
    for word, unit in data.get("duration_duals", {}).items():
        yield word, UNIT_DUAL, unit
    for word in data.get("ambiguous", {}).get("vague_counts", []):
        yield word, VAGUE, True
    grammar = data.get("grammar", {})
    for name, role in (
        ("connectors", CONNECTOR),
        ("decimal_points", POINT),
        ("percent", PERCENT),
        ("articles", ARTICLE),
        ("teen_tens", TEEN_TEN),
    ):
        for word in grammar.get(name, []):
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
    for word, role, value in _entries(table(lang, "numbers")):
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
class _Grammar:
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


def _prefix_forms(prefixes: dict[str, Any]) -> dict[str, tuple[str, bool, int]]:
    """Every prefix string with its meaning: up to two attached letters, then the article or a contraction."""
    attached = [_spelling(p) for p in prefixes.get("attached", [])]
    definite = [_spelling(p) for p in prefixes.get("definite", [])]
    contracted = [_spelling(p) for p in prefixes.get("contracted", [])]
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
def _grammar(lang: str, explicit: bool) -> _Grammar:
    """The compiled grammar of `lang`; `explicit` is False when the language was guessed (lang=None)."""
    data = table(lang, "numbers")
    grammar = data.get("grammar", {})
    lexicon: dict[str, dict[str, Any]] = {}
    spellings: dict[str, str] = {}
    for word, role, value in _entries(data):
        key = _key(word)
        lexicon.setdefault(key, {})[role] = value
        # Keep the spelling with most word breaks: its pattern also matches the forms printed solid.
        spelling = _spelling(word)
        if spelling.count(" ") > spellings.get(key, "").count(" ") or key not in spellings:
            spellings[key] = spelling
    clashes = table_clashes(lang)
    if clashes:
        raise ValueError(f"{lang}/numbers.toml: words with two values: {clashes}")

    prefix_data = data.get("prefixes", {})
    prefixes = _prefix_forms(prefix_data)
    all_words = sorted(set(spellings.values()))
    prefixable = [s for k, s in spellings.items() if CONNECTOR not in lexicon[k]]
    # Prefix + word forms that are another word (لست "I am not"): refused as wholes.
    refused = [
        prefix + _spelling(word)
        for word, letters in prefix_data.get("refuses", {}).items()
        for prefix, (attached, definite, _) in prefixes.items()
        if not definite and any(attached.endswith(_spelling(letter)) for letter in letters)
    ]
    words = trie_pattern(all_words)
    join = bool(grammar.get("join_without_space", False))
    # A word ends where letters end, or (languages printing number words together) where another starts.
    boundary = f"(?:(?!{_LETTER})|(?={words}))" if join else f"(?!{_LETTER})"
    slash = bool(grammar.get("slash_decimal", False)) and explicit
    suffixes = tuple(grammar.get("digit_ordinal_suffixes", []))
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

    ambiguous = data.get("ambiguous", {})
    definite = [_spelling(p) for p in prefix_data.get("definite", [])]
    definite_range = grammar.get("definite_ordinal_range")
    return _Grammar(
        lang=lang,
        lexicon=lexicon,
        spellings=spellings,
        prefixes=prefixes,
        token_regex=token_regex,
        connectors=frozenset(_key(c) for c in grammar.get("connectors", [])),
        units_before_tens=bool(grammar.get("units_before_tens", False)),
        join=join,
        definite_article=definite[0] if definite else "",
        definite_range=tuple(definite_range) if definite_range else None,
        fraction_from_ordinal_min=int(grammar.get("fraction_from_ordinal_min", 0)),
        ambiguous_alone=frozenset(_key(w) for w in ambiguous.get("alone", [])),
        compound_only=frozenset(_key(w) for w in ambiguous.get("compound_only", [])),
        needs_count=frozenset(_key(w) for w in ambiguous.get("needs_count", [])),
        ordinal_suffixes=tuple(_key(s) for s in suffixes),
    )


# ---------------------------------------------------------------------------------------------------
# Tokens.


@dataclass(slots=True)
class _Token:
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


def _tokenize(folded: str, g: _Grammar) -> list[_Token]:
    tokens: list[_Token] = []
    length = len(folded)
    for m in g.token_regex.finditer(folded):
        start, end = m.span()
        if m.group("num") is not None:
            tokens.append(_digit_token(m, g))
        elif m.group("word") is not None or m.lastgroup == "pword":
            prefix = m.group("prefix") if m.group("word") is None else None
            word = m.group("pword") if prefix else m.group("word")
            key = word.replace(" ", "")
            attached, definite, before = g.prefixes[prefix] if prefix else ("", False, 0)
            token = _Token(start, start + before, end, g.lexicon[key], key, attached, definite)
            token.run_start = start == 0 or not _is_letter(folded[start - 1])
            token.run_end = end == length or not _is_letter(folded[end])
            tokens.append(token)
        elif m.group("pct") is not None:
            tokens.append(_Token(start, start, end, {PERCENT: True}))
        elif tokens and not tokens[-1].roles:
            tokens[-1].end = end  # a run of other words is one break: nothing is read inside it
        else:  # a date shape, another word, stray digits: ends any number
            tokens.append(_Token(start, start, end, {}))
    return tokens


def _is_letter(char: str) -> bool:
    return char.isalpha()


def _digit_token(m: re.Match[str], g: _Grammar) -> _Token:
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
    token = _Token(m.start(), m.start(), m.end(), roles, text=core)
    return token


def _gap_ok(folded: str, before: _Token, after: _Token) -> bool:
    if before.end == after.start:
        return True
    return _GAP.fullmatch(folded, before.end, after.start) is not None


def _places(value: Fraction) -> frozenset[int] | None:
    """Decimal places a cardinal below 1000 fills: units 0, tens 1, hundreds 2 (teens fill units and tens)."""
    if value.denominator != 1 or not 0 <= value < 1000:
        return None
    n = int(value)
    if n == 0:
        return _ALL_PLACES
    places = set()
    if n >= 100:
        places.add(2)
    rest = n % 100
    if 10 <= rest < 20:
        places |= {0, 1}
    else:
        if rest >= 20:
            places.add(1)
        if rest % 10:
            places.add(0)
    return frozenset(places)


# ---------------------------------------------------------------------------------------------------
# The reader: folds tokens into one number, refusing the first token that cannot belong to it.


class _Reader:
    def __init__(self, g: _Grammar):
        self.g = g
        self.total = _ZERO  # finished scale groups
        self.current = _ZERO  # the group being built
        self.places: frozenset[int] = frozenset()  # places filled in `current`
        self.last_scale: Fraction | None = None  # smallest scale applied so far
        self.count = 0
        self.connector = False  # a connector was read and waits for its right-hand part
        self.article = False  # an article waits for its scale or fraction
        self.prev: str | None = None  # role the previous token was read in
        self.prev_value: Fraction | None = None
        self.kind: str | None = None  # fixed kind once decided (ordinal, percent, ratio)
        self.closed = False  # nothing may follow
        self.numeric = False
        self.digits = False  # opened with digits: only scales, fractions, percent may follow
        self.ordinal_head: Fraction | None = None  # an opening ordinal unit (الحادي ...) waiting for its tens
        self.definite_head = False
        self.only_cards = True  # cardinal words only (for the definite-ordinal rule)
        self.fraction = False  # a fraction word or rule took part
        self.fraction_head = False  # opened with a fraction (نصف مليون, half a million)
        self.scaled = False
        self.decimal_int: Fraction | None = None  # integer part, once a decimal-point word is read
        self.decimal_tokens: list[_Token] = []

    # -- reading ---------------------------------------------------------------------------------

    def feed(self, tok: _Token) -> bool:
        if self.closed:
            return False
        roles = tok.roles
        first = self.count == 0
        if self.decimal_int is not None:
            accepted = self._read_decimal_part(tok, roles)
            self.count += accepted
            return accepted
        if tok.attached and not first:
            # Inside a number only a connector may be written onto a word (وعشرون); not بعشرين.
            if tok.attached not in self.g.connectors or self.connector:
                return False
            self.connector = True
        if first and tok.definite:
            self.definite_head = True
        accepted = self._read(tok, roles, first)
        if accepted:
            self.count += 1
        return accepted

    def _read(self, tok: _Token, roles: dict[str, Any], first: bool) -> bool:
        if CONNECTOR in roles and not tok.attached:
            if first or self.connector or self.article:
                return False
            self.connector = True
            self.prev = CONNECTOR
            return True
        if DIGITS in roles:
            return self._read_digits(tok, roles, first)
        if TEEN_TEN in roles and self._read_teen():
            return True
        if CARD in roles:
            return self._read_card(tok, roles[CARD], first)
        if SCALE in roles:
            return self._read_scale(tok, roles[SCALE], first)
        if SCALE_DUAL in roles:
            return self._read_scale_dual(*roles[SCALE_DUAL])
        if ORD in roles and self._read_ordinal(roles[ORD], first):
            return True
        if FRAC in roles:
            return self._read_fraction(roles[FRAC], first)
        if ARTICLE in roles:
            return self._read_article(first)
        if PERCENT in roles:
            if not self.numeric or self.connector or self.article or self.kind is not None:
                return False
            self.kind, self.closed = "percent", True
            return True
        if RATIO_MULT in roles:
            if not self.numeric or self.connector or self.article or self.kind is not None or self.fraction_head:
                return False
            self.current *= roles[RATIO_MULT]
            self.total *= roles[RATIO_MULT]
            self.kind, self.closed = "ratio", True
            return True
        if POINT in roles:
            return self._read_point()
        if RATIO in roles and first:
            self.current, self.kind, self.closed, self.numeric = roles[RATIO], "ratio", True, True
            return True
        if UNIT_DUAL in roles and first:
            # A dual unit word counts two (عامين = two years), as "two years" does in English.
            self.current, self.closed, self.numeric = Fraction(2), True, True
            return True
        return False

    def _read_digits(self, tok: _Token, roles: dict[str, Any], first: bool) -> bool:
        if not first:
            return False
        self.current = roles[DIGITS]
        self.numeric = self.digits = True
        self.only_cards = False
        self.prev, self.prev_value = DIGITS, roles[DIGITS]
        if PERCENT in roles:
            self.kind, self.closed = "percent", True
        elif ORD in roles:
            self.kind, self.closed = "ordinal", True
        return True

    def _read_teen(self) -> bool:
        """A unit directly followed by a teen-ten word: ثلاثة عشر = 13, الحادي عشر = 11th."""
        if self.connector or self.prev_value is None or not 1 <= self.prev_value <= 9:
            return False
        if self.prev == ORD and self.ordinal_head is not None:
            self.ordinal_head += 10
            self.closed = True
            return True
        if self.prev != CARD or 1 in self.places:
            return False
        self.current += 10
        self.places = self.places | {1}
        self.prev, self.prev_value = CARD, Fraction(10)
        return True

    def _addend_fits(self, places: frozenset[int]) -> bool:
        """Whether a cardinal filling `places` can be added to the current group."""
        if places & self.places:
            return False
        if not self.places or max(places) < min(self.places):
            return True
        # خمسة وعشرون: tens after a lone unit, joined by a connector.
        return (
            self.g.units_before_tens and self.connector and places == {1} and self.places & {0, 1} == {0}
        )

    def _read_card(self, tok: _Token, value: Fraction, first: bool) -> bool:
        places = _places(value)
        if places is None:
            return False
        if self.ordinal_head is not None:
            # الحادي والعشرين: an opening ordinal unit takes its tens after a connector.
            if not (self.connector and places == {1}):
                return False
            self.ordinal_head += value
            self.closed = True
            self.connector = False
            return True
        if self.digits or self.article or self.fraction_head or self.kind is not None:
            return False
        if value == 0 and not first:
            return False
        if not self._addend_fits(places):
            return False
        self.current += value
        self.places = self.places | places
        self.numeric = True
        self.connector = False
        self.prev, self.prev_value = CARD, value
        return True

    def _read_scale(self, tok: _Token, scale: Fraction, first: bool) -> bool:
        if self.kind is not None or self.ordinal_head is not None:
            return False
        if tok.key in self.g.needs_count and self.current == 0:
            return False
        group = self.current
        if self.article:
            if not self.fraction_head:
                if self.current != 0:
                    return False
                group = Fraction(1)
            self.article = False
        elif self.connector:
            if self.current != 0:
                return False  # ثلاثة و مليون
            group = Fraction(1)  # مليون وألف
        elif group == 0:
            if not first and self.prev in (SCALE, SCALE_DUAL):
                # ألف مليون: a larger scale multiplies everything before it.
                if self.total == 0 or self.total >= scale:
                    return False
                self.total *= scale
                self.last_scale = scale
                self.prev, self.prev_value = SCALE, scale
                return True
            if not first:
                return False
            group = Fraction(1)
        if scale < 1000:
            # hundred (or dozen): multiplies the units and tens of the current group.
            if 2 in self.places or group >= scale:
                return False
            self.current = group * scale
            self.places = frozenset({2}) if scale == 100 else _ALL_PLACES
        else:
            if self.last_scale is not None and scale >= self.last_scale:
                return False
            self.total += group * scale
            self.current = _ZERO
            self.places = frozenset()
            self.last_scale = scale
        return self._after_scale(SCALE, scale)

    def _read_scale_dual(self, count: Fraction, scale: Fraction) -> bool:
        if self.kind is not None or self.current != 0 or self.article or self.ordinal_head is not None:
            return False
        if self.count and not self.connector:
            return False
        if self.last_scale is not None and scale >= self.last_scale:
            return False
        self.total += count * scale
        self.last_scale = scale
        return self._after_scale(SCALE_DUAL, scale)

    def _after_scale(self, token_kind: str, scale: Fraction) -> bool:
        """State after a scale word, plain or dual: the number now has a scale and wants a connector anew."""
        self.connector = False
        self.numeric = self.scaled = True
        self.only_cards = False
        self.prev, self.prev_value = token_kind, scale
        return True

    def _read_ordinal(self, value: Fraction, first: bool) -> bool:
        if self.kind is not None or self.ordinal_head is not None:
            return False
        g = self.g
        if first or (self.article and self.count == 1):
            if self.article:
                # a third: the article as numerator.
                if not (g.fraction_from_ordinal_min and value >= g.fraction_from_ordinal_min):
                    return False
                self.article = False
                self.current = 1 / value
                self.fraction = self.numeric = True
                self.places = _ALL_PLACES
                self.prev, self.prev_value = FRAC, self.current
                self.closed = True
                return True
            self.numeric = True
            if g.units_before_tens and 1 <= value <= 9:
                self.ordinal_head = value  # may go on: الحادي عشر, الحادي والعشرين
                self.kind = "ordinal"
                self.prev, self.prev_value = ORD, value
                return True
            self.current, self.kind, self.closed = value, "ordinal", True
            return True
        if self.digits or self.article or self.fraction_head or not self.numeric:
            return False
        if (
            g.fraction_from_ordinal_min
            and value >= g.fraction_from_ordinal_min
            and not self.connector
            and self.prev == CARD
            and self.current == self.prev_value
            and 1 <= self.current <= 9
        ):
            # two thirds, یک سوم: a unit over an ordinal.
            self.current = self.current / value
            self.fraction = True
            self.closed = True
            return True
        places = _places(value)
        if places is None or not self._addend_fits(places):
            return False
        # twenty-first, بیست و یکم, هزار و یکم
        self.current += value
        self.connector = False
        self.kind, self.closed = "ordinal", True
        return True

    def _read_fraction(self, fraction: Fraction, first: bool) -> bool:
        if self.kind is not None or self.ordinal_head is not None:
            return False
        self.fraction = True
        self.only_cards = False
        if self.article:
            self.article = False
            if self.connector:
                return self._add_fraction(fraction)
            if self.count != 1:
                return False
            return self._open_fraction(fraction)
        if self.connector:
            return self._add_fraction(fraction)
        if first:
            return self._open_fraction(fraction)
        if self.prev in (CARD, DIGITS) and self.current == self.prev_value and 1 <= self.current <= 10:
            # ثلاثة أرباع, three quarters: a unit as numerator.
            self.current *= fraction
            self.places = _ALL_PLACES
            self.prev, self.prev_value = FRAC, self.current
            return True
        return False

    def _open_fraction(self, fraction: Fraction) -> bool:
        self.current = fraction
        self.fraction_head = self.numeric = True
        self.places = _ALL_PLACES
        self.prev, self.prev_value = FRAC, fraction
        return True

    def _add_fraction(self, fraction: Fraction) -> bool:
        """ثلاثة ونصف, one and a half (of the group); مليون ونصف (of the last scale)."""
        self.connector = False
        if self.current > 0:
            if self.fraction_head:
                return False
            self.current += fraction
            self.places = _ALL_PLACES
        elif self.total > 0 and self.last_scale is not None:
            self.total += self.last_scale * fraction
            self.closed = True
        else:
            return False
        self.prev, self.prev_value = FRAC, fraction
        return True

    def _read_article(self, first: bool) -> bool:
        if self.article or self.kind is not None:
            return False
        if first or self.connector or (self.fraction_head and self.count == 1):
            self.article = True
            return True
        return False

    def _read_point(self) -> bool:
        if (
            not self.numeric
            or self.connector
            or self.article
            or self.kind is not None
            or self.scaled
            or self.fraction
            or (self.total + self.current).denominator != 1
        ):
            return False
        self.decimal_int = self.total + self.current
        self.total = self.current = _ZERO
        return True

    def _read_decimal_part(self, tok: _Token, roles: dict[str, Any]) -> bool:
        if SCALE in roles or PERCENT in roles:
            value = self._decimal_value()
            if value is None:
                return False
            self.decimal_int, self.decimal_tokens = None, []
            self.current, self.places, self.digits = value, _ALL_PLACES, True
            return self._read(tok, roles, False)
        if DIGITS in roles and re.fullmatch(r"\d+", tok.text) and not self.decimal_tokens:
            self.decimal_tokens.append(tok)
            return True
        after_digits = bool(self.decimal_tokens) and DIGITS in self.decimal_tokens[0].roles
        if (CARD in roles or CONNECTOR in roles) and not after_digits:
            self.decimal_tokens.append(tok)
            return True
        return False

    def _decimal_value(self) -> Fraction | None:
        """The number once its part after the decimal-point word is read: digits, or words read digit by digit
        (point one four) or as one number (فاصلة خمسة وعشرون)."""
        parts = self.decimal_tokens
        if not parts or self.decimal_int is None:
            return None
        if DIGITS in parts[0].roles:
            digits = parts[0].text
        elif len(parts) > 1 and all(CARD in t.roles and t.roles[CARD] < 10 and not t.attached for t in parts):
            digits = "".join(str(int(t.roles[CARD])) for t in parts)
        else:
            reader = _Reader(self.g)
            if not all(reader.feed(t) for t in parts):
                return None
            result = reader.result()
            if result is None or result[1] != "cardinal" or result[0].denominator != 1 or result[0] < 0:
                return None
            digits = str(int(result[0]))
        return self.decimal_int + Fraction(int(digits), 10 ** len(digits))

    # -- result ----------------------------------------------------------------------------------

    def result(self) -> tuple[Fraction, str] | None:
        """(value, kind) of what has been read, or None if it does not end a number here."""
        if not self.numeric or self.connector or self.article:
            return None
        if self.decimal_int is not None:
            value = self._decimal_value()
            return None if value is None else (value, "cardinal")
        if self.ordinal_head is not None:
            return self.ordinal_head, "ordinal"
        value = self.total + self.current
        if self.kind is not None:
            return value, self.kind
        low_high = self.g.definite_range
        if (
            self.definite_head
            and self.only_cards
            and low_high is not None
            and value.denominator == 1
            and low_high[0] <= value <= low_high[1]
        ):
            return value, "ordinal"  # القرن العشرين, الحادي عشر with the article
        if self.fraction and not self.scaled and 0 < value < 1:
            return value, "fraction"
        return value, "cardinal"


# ---------------------------------------------------------------------------------------------------
# Reading token runs.


def _lone_word_refused(tok: _Token, g: _Grammar, whole_text: bool) -> bool:
    """A number of one word that must not stand alone: compound-only words, and ambiguous ones in running text."""
    if tok.key in g.compound_only:
        return True
    if whole_text:
        return False
    with_article = g.definite_article + tok.key if tok.definite else tok.key
    return tok.key in g.ambiguous_alone or with_article in g.ambiguous_alone


def _longest_from(folded: str, tokens: list[_Token], i: int, g: _Grammar) -> tuple[int, Fraction, str] | None:
    """The longest number starting at token i: (index of its last token, value, kind)."""
    first = tokens[i]
    if not first.run_start or not (_OPENING & first.roles.keys()):
        return None
    if SCALE in first.roles and i and VAGUE in tokens[i - 1].roles and _gap_ok(folded, tokens[i - 1], first):
        return None  # چند هزار, several hundred: a scale with a vague count is no number
    reader = _Reader(g)
    best = None
    for j in range(i, len(tokens)):
        tok = tokens[j]
        if j > i and not _gap_ok(folded, tokens[j - 1], tok):
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


def _find(folded: str, g: _Grammar) -> list[NumberMatch]:
    tokens = _tokenize(folded, g)
    found = []
    i = 0
    while i < len(tokens):
        best = _longest_from(folded, tokens, i, g)
        if best is None:
            i += 1
            continue
        last, value, kind = best
        found.append(NumberMatch(tokens[i].word_start, tokens[last].end, _to_python(value), kind))
        i = last + 1
    return found


def _whole_tokens(folded: str, g: _Grammar) -> list[_Token] | None:
    """Tokens of a text that must be numbers from end to end, or None if anything else is in it."""
    tokens = _tokenize(folded, g)
    if not tokens or tokens[0].start != 0 or tokens[-1].end != len(folded):
        return None
    for before, after in zip(tokens, tokens[1:]):
        if not _gap_ok(folded, before, after):
            return None
    if any(not tok.roles for tok in tokens):
        return None
    return tokens


def _parse_whole(folded: str, g: _Grammar) -> NumberMatch | None:
    tokens = _whole_tokens(folded, g)
    if tokens is None:
        return None
    reader = _Reader(g)
    if not all(reader.feed(tok) for tok in tokens):
        return None
    result = reader.result()
    if result is None or (len(tokens) == 1 and _lone_word_refused(tokens[0], g, whole_text=True)):
        return None
    return NumberMatch(tokens[0].word_start, tokens[-1].end, _to_python(result[0]), result[1])


def _languages(lang: str | None) -> tuple[str, ...]:
    if lang is None:
        return LANGUAGES
    if lang not in LANGUAGES:
        raise KeyError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    return (lang,)


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
    for code in _languages(lang):
        match = _parse_whole(stripped, _grammar(code, lang is not None))
        if match is not None:
            return NumberMatch(match.start + offset, match.end + offset, match.value, match.kind)
    return None


def find_numbers(folded: str, lang: str | None = None) -> list[NumberMatch]:
    """Numbers in running folded text, longest first, left to right, never overlapping.

    With `lang` None every language is read and the longest match wins where they overlap.
    """
    languages = _languages(lang)
    if len(languages) == 1:
        return _find(folded, _grammar(languages[0], lang is not None))
    candidates = []
    for order, code in enumerate(languages):
        candidates += [(m.start, -(m.end - m.start), order, m) for m in _find(folded, _grammar(code, False))]
    candidates.sort(key=lambda c: c[:3])
    chosen: list[NumberMatch] = []
    for _, _, _, match in candidates:
        if not chosen or match.start >= chosen[-1].end:
            chosen.append(match)
    return chosen


def parse_duration(text: str, lang: str | None = None) -> tuple[float | int, str] | None:
    """(count, unit) of a text that is one duration: عقدين, دو دهه, two decades, 20 عاما, ساعة ونصف."""
    stripped = fold(text).strip()
    if not stripped:
        return None
    for code in _languages(lang):
        found = _parse_duration(stripped, _grammar(code, lang is not None))
        if found is not None:
            return found
    return None


def _parse_duration(folded: str, g: _Grammar) -> tuple[float | int, str] | None:
    tokens = _whole_tokens(folded, g)
    if tokens is None:
        return None
    at = next((i for i, t in enumerate(tokens) if UNIT in t.roles or UNIT_DUAL in t.roles), None)
    if at is None:
        return None
    unit_token = tokens[at]
    head, tail = tokens[:at], tokens[at + 1 :]
    if unit_token.attached and head:
        return None
    if UNIT in unit_token.roles:
        unit = unit_token.roles[UNIT]
        if head and ARTICLE in head[-1].roles:
            head = head[:-1]  # an hour, half an hour
        if head:
            reader = _Reader(g)
            if not all(reader.feed(t) for t in head):
                return None
            result = reader.result()
            if result is None or result[1] not in ("cardinal", "fraction") or result[0] <= 0:
                return None
            count = result[0]
        else:
            count = Fraction(1)
    else:
        if head:
            return None
        unit, count = unit_token.roles[UNIT_DUAL], Fraction(2)
    added = _duration_tail(tail, g, count, bare_unit=not head)
    if added is None:
        return None
    return _to_python(added), unit


def _duration_tail(tail: list[_Token], g: _Grammar, count: Fraction, bare_unit: bool) -> Fraction | None:
    """What may follow the unit word: a connector and a fraction (ساعة ونصف, یک سال و نیم), or the number
    one or two written after the noun (سنة واحدة)."""
    if not tail:
        return count
    roles = [t.roles for t in tail]
    if len(tail) == 1 and tail[0].attached in g.connectors and FRAC in roles[0]:
        return count + roles[0][FRAC]
    if len(tail) == 2 and CONNECTOR in roles[0] and FRAC in roles[1] and not tail[1].attached:
        return count + roles[1][FRAC]
    if len(tail) == 3 and CONNECTOR in roles[0] and ARTICLE in roles[1] and FRAC in roles[2]:
        return count + roles[2][FRAC]
    if len(tail) == 1 and bare_unit and not tail[0].attached and CARD in roles[0] and roles[0][CARD] in (1, 2):
        return Fraction(roles[0][CARD])
    return None


# ---------------------------------------------------------------------------------------------------
# Ordinal day words for the date grammar.


@lru_cache(maxsize=None)
def ordinal_day_words(lang: str) -> dict[str, int]:
    """Every folded spelling of the ordinals 1..31 in `lang` -> value, generated from the table.

    Candidates are built from the table's ordinal and cardinal words (with and without the article, joined
    by each separator and connector), then kept only where parse_number reads them as that ordinal, so the
    date grammar and the number grammar can never disagree.
    """
    g = _grammar(lang, True)
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
