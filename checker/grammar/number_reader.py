"""The number reader: folds tokens into one number with the usual total/current accumulation, refusing the
first token that cannot belong to it:

    ثلاث مئة ألف       3 -> x100 -> x1000              = 300000
    صد و بیست هزار     100 -> +20 -> x1000             = 120000
    نصف مليون          1/2 -> x1000000                 = 500000
    مليون ونصف         1000000 -> + 1/2 of the scale    = 1500000
    الحادي والعشرين    ordinal 1 -> +20                = ordinal 21
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from checker.grammar.number_words import (
    ARTICLE,
    CARD,
    CONNECTOR,
    DIGITS,
    FRAC,
    ORD,
    PERCENT,
    POINT,
    RATIO,
    RATIO_MULT,
    SCALE,
    SCALE_DUAL,
    TEEN_TEN,
    UNIT_DUAL,
    NumberGrammar,
    Token,
)

_ALL_PLACES = frozenset({0, 1, 2})
_ZERO = Fraction(0)


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


class NumberReader:
    def __init__(self, g: NumberGrammar):
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
        self.decimal_tokens: list[Token] = []
        self.digit_text = ""  # digits as printed, for the decimal comma before a scale

    # -- reading ---------------------------------------------------------------------------------

    def feed(self, tok: Token) -> bool:
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

    def _read(self, tok: Token, roles: dict[str, Any], first: bool) -> bool:
        if CONNECTOR in roles and not tok.attached:
            return self._read_connector(first)
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
            return self._read_percent()
        if RATIO_MULT in roles:
            return self._read_ratio_multiplier(roles[RATIO_MULT])
        if POINT in roles:
            return self._read_point()
        return first and self._read_lone_word(roles)

    def _read_connector(self, first: bool) -> bool:
        if first or self.connector or self.article:
            return False
        self.connector = True
        self.prev = CONNECTOR
        return True

    def _read_percent(self) -> bool:
        if not self.numeric or self.connector or self.article or self.kind is not None:
            return False
        self.kind, self.closed = "percent", True
        return True

    def _read_ratio_multiplier(self, multiplier: Fraction) -> bool:
        if not self.numeric or self.connector or self.article or self.kind is not None or self.fraction_head:
            return False
        self.current *= multiplier
        self.total *= multiplier
        self.kind, self.closed = "ratio", True
        return True

    def _read_lone_word(self, roles: dict[str, Any]) -> bool:
        """A word that is a whole number only on its own, as the first word: a ratio, a dual unit."""
        if RATIO in roles:
            self.current, self.kind, self.closed, self.numeric = roles[RATIO], "ratio", True, True
            return True
        if UNIT_DUAL in roles:
            # A dual unit word counts two (عامين = two years), as "two years" does in English.
            self.current, self.closed, self.numeric = Fraction(2), True, True
            return True
        return False

    def _read_digits(self, tok: Token, roles: dict[str, Any], first: bool) -> bool:
        if not first and not self._digits_group_fits(roles):
            return False
        self.connector = False
        self.current = roles[DIGITS]
        self.places = _places(self.current) or frozenset()
        self.digit_text = tok.text
        self.numeric = self.digits = True
        self.only_cards = False
        self.prev, self.prev_value = DIGITS, roles[DIGITS]
        if PERCENT in roles:
            self.kind, self.closed = "percent", True
        elif ORD in roles:
            self.kind, self.closed = "ordinal", True
        return True

    def _digits_group_fits(self, roles: dict[str, Any]) -> bool:
        """Digits as the next group after a scale and a connector: ۵ هزار و ۳۰۰, ثلاثة آلاف و283,
        ۵ میلیارد و ۵۷۳ میلیون (the group below 1000 and below the scale before it)."""
        value = roles[DIGITS]
        return (
            self.connector
            and self.scaled
            and self.kind is None
            and self.current == 0
            and PERCENT not in roles
            and ORD not in roles
            and value.denominator == 1
            and 0 < value < 1000
            and self.last_scale is not None
            and value < self.last_scale
        )

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

    def _read_card(self, tok: Token, value: Fraction, first: bool) -> bool:
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

    def _read_scale(self, tok: Token, scale: Fraction, first: bool) -> bool:
        if self.kind is not None or self.ordinal_head is not None:
            return False
        if tok.key in self.g.needs_count and self.current == 0:
            return False
        group = self.current
        if self.count == 1 and self.prev == DIGITS and self._comma_is_decimal(scale):
            group = Fraction(self.digit_text.replace(",", "."))
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

    def _comma_is_decimal(self, scale: Fraction) -> bool:
        """5,573 مليار is 5.573 billion where the language prints a decimal comma: a thousands figure
        before a scale word (5573 billion) is no amount anyone writes."""
        return (
            self.g.comma_decimal_before_scale
            and scale >= 1000
            and re.fullmatch(r"\d{1,3},\d{3}", self.digit_text) is not None
        )

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

    def _read_decimal_part(self, tok: Token, roles: dict[str, Any]) -> bool:
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
            reader = NumberReader(self.g)
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
