"""term-order (internal, error): a term of office that ends before it starts (2013–2005, ۱۳۹۲ تا ۱۳۸۴, "took
office in 2012 ... stepped down in 2008"), by the widest reading of both ends (a Hijri day a day either way,
a year any day of it). One rule for articles' office facts and tables' term claims (checker/compare/terms.py).
"""

from __future__ import annotations

from typing import Any, Iterator

from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.rules import Rule, summary_of
from checker.compare.terms import backwards
from checker.compare.rules.term_length_mismatch import term_side, written_term


def side_written(fact: dict[str, Any], side: str) -> str:
    """One end of a term as its source wrote it, in every calendar: an office fact's term side, a claim's date."""
    if fact["kind"] == "office":
        return written_term(term_side(fact, f"term_{side}"))
    return describe.date_value(fact)


def where(fact: dict[str, Any]) -> str:
    """The quote and its source, with the table row for a claim."""
    row = f", {fact['path']} row {fact['row']}" if fact.get("row") is not None and fact.get("path") else ""
    return f"{describe.source(fact)}{row}"


def check(context) -> Iterator[Finding]:
    terms = list(backwards(context.terms).iter_rows(named=True))
    index = context.fact_index(i for term in terms for i in (term["id"], term["end_id"]) if i)
    for term in terms:
        start = {**index[term["id"]], "slot": term["slot"]}
        end = {**index[term["end_id"]], "slot": term["slot"]} if term["end_id"] else start
        facts = (start, end) if end is not start else (start,)
        yield Finding(
            RULE.name, RULE.type, RULE.severity, facts,
            f"{term['holder_name']} as {term['office_name']}: {where(start)} ends the term {side_written(end, 'end')} before it"
            f" starts {side_written(start, 'start')}.",
        )  # fmt: skip


RULE = Rule("term-order", "internal", "error", summary_of(__doc__), check)
RULES = (RULE,)
