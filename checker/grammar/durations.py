"""Durations written as a count and a unit of time: عقدين, دو دهه, two decades, 20 عاما, ساعة ونصف."""

from __future__ import annotations

from fractions import Fraction

from checker.grammar.number_reader import NumberReader
from checker.grammar.number_words import (
    ARTICLE,
    CARD,
    CONNECTOR,
    FRAC,
    UNIT,
    UNIT_DUAL,
    NumberGrammar,
    Token,
    languages_to_read,
    number_grammar,
    to_python,
    whole_tokens,
)
from checker.normalise.text import fold


def parse_duration(text: str, lang: str | None = None) -> tuple[float | int, str] | None:
    """(count, unit) of a text that is one duration: عقدين, دو دهه, two decades, 20 عاما, ساعة ونصف."""
    stripped = fold(text).strip()
    if not stripped:
        return None
    for code in languages_to_read(lang):
        found = _parse_duration(stripped, number_grammar(code, lang is not None))
        if found is not None:
            return found
    return None


def _parse_duration(folded: str, g: NumberGrammar) -> tuple[float | int, str] | None:
    tokens = whole_tokens(folded, g)
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
            reader = NumberReader(g)
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
    return to_python(added), unit


def _duration_tail(tail: list[Token], g: NumberGrammar, count: Fraction, bare_unit: bool) -> Fraction | None:
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
