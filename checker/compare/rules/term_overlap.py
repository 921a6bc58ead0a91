"""term-overlap (conflict, error): two people hold one single-seat office at once for longer than a hand-over
day, in a table of claims or across the articles of a story.

Each term gives the span its holder was certainly in office: from the latest day the start can be to the
earliest day the end can be (2005–2013 is certainly 31 December 2005 to 1 January 2013; an open term "since
2014" in a table runs to the row's publication date; an article's start or end written as a day is a day
in office). Two holders of one office whose certain spans share more than the hand-over days cannot both be
right. An office meets another only with its country or body known (a story's "the sultan" is its one
named sultanate's), never a minister of no named portfolio, nor an acting holder. One finding per office
and pair of holders, naming every source behind the overlap.
"""

from __future__ import annotations

from typing import Any, Iterator

from checker.compare.finding import Finding
from checker.compare.rules import Rule, summary_of
from checker.compare.rules.term_order import where
from checker.compare.terms import overlapping


def check(context) -> Iterator[Finding]:
    pairs = list(overlapping(context.terms, context.handover_days).iter_rows(named=True))
    slots = dict(context.terms.select("id", "slot").iter_rows())
    index = context.fact_index(i for pair in pairs for i in (*pair["ids"], *pair["ids_b"]))
    days = context.handover_days
    for pair in pairs:
        a = [{**index[i], "slot": slots[i]} for i in pair["ids"]]
        b = [{**index[i], "slot": slots[i]} for i in pair["ids_b"]]
        yield Finding(
            RULE.name, RULE.type, RULE.severity, (*a, *b),
            f"{pair['office_name']}: the terms of {pair['holder_name']} ({_listed(a)}) and {pair['holder_name_b']} ({_listed(b)}) "
            f"overlap by up to {pair['days']} days ({pair['first_day'].isoformat()} to {pair['last_day'].isoformat()}), "
            f"beyond a hand-over of {days} day{'s' if days != 1 else ''}.",
        )  # fmt: skip


def _listed(facts: list[dict[str, Any]]) -> str:
    return "; ".join(where(f) for f in facts)


RULE = Rule("term-overlap", "conflict", "error", summary_of(__doc__), check)
RULES = (RULE,)
