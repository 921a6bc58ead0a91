"""parts-exceed-total (internal, error): an article whose parts of a count add up to more than the total it states.

"323 people were injured. Of those, 298 were treated for minor injuries and 35 are in a serious
condition": 298 + 35 = 333, ten more than 323. Within one paragraph and one slot, the first count of
the largest value is the total and the smaller exact counts after it are its parts; two parts or more
are needed, and their sum may exceed the total by at most a quarter (a slip of a digit, not a timeline
of tolls told in one paragraph: 73, then 84, then 95). Counts a paragraph places in a series of figures
("an earlier toll of 84") take no part.
"""

from __future__ import annotations

import polars as pl

from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.rules import Context, Rule, summary_of

MOST_EXCESS = 0.25  # parts summing to more than 1.25 times the total are no parts of it


def check(context: Context):
    counts = context.facts.filter(
        (pl.col("kind") == "count") & pl.col("slot").is_not_null() & pl.col("approx").is_null() & pl.col("number").is_not_null()
    ).sort("doc", "slot", "line", "start")
    for group in counts.group_by("doc", "slot", "line", maintain_order=True).agg(pl.col("id")).iter_rows(named=True):
        if len(group["id"]) < 3:
            continue
        facts = context.rows(counts.filter(pl.col("id").is_in(group["id"])))
        finding = _excess(facts)
        if finding:
            yield finding


def _excess(facts: list[dict]) -> Finding | None:
    """The finding for one paragraph's counts of one slot (in text order), if its parts exceed its total."""
    largest = max(f["number"] for f in facts)
    at = next(i for i, f in enumerate(facts) if f["number"] == largest)
    total = facts[at]
    parts: dict[float, dict] = {}
    for fact in facts[at + 1 :]:
        if fact["number"] < largest:
            parts.setdefault(fact["number"], fact)
    summed = sum(parts)
    if len(parts) < 2 or not largest < summed <= largest * (1 + MOST_EXCESS):
        return None
    listed = " + ".join(f"«{f['text']}»" for f in parts.values())
    return Finding(
        RULE.name, RULE.type, RULE.severity, (total, *parts.values()),
        f"{describe.source(total)} states a total of {describe.number(largest)} ({total['event']}), but its parts {listed} "
        f"add up to {describe.number(summed)}, {describe.number(summed - largest)} more.",
    )


RULE = Rule("parts-exceed-total", "internal", "error", summary_of(__doc__), check)
RULES = (RULE,)
