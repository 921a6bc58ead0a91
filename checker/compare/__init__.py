"""Compare: findings from aligned facts. The rules live one per module in checker/compare/rules/, the
interval arithmetic they share in checker/compare/values.py, and messages are written with
checker/compare/describe.py."""

from __future__ import annotations

import polars as pl

from checker.compare.finding import Finding, findings_frame
from checker.compare.rules import Context, all_rules


def fact_pairs(facts: pl.DataFrame) -> pl.DataFrame:
    """Facts of one slot from two different documents (each pair once), with `alone`: whether the fact's
    document gives only one value for the slot (a source that gives two is not held to either)."""
    slotted = facts.filter(pl.col("slot").is_not_null())
    alone = slotted.group_by("slot", "doc").agg(alone=pl.col("value").n_unique() == 1)
    slotted = slotted.join(alone, on=["slot", "doc"], maintain_order="left")
    return slotted.join(slotted, on="slot", suffix="_b").filter(pl.col("doc") < pl.col("doc_b"))


def compare(facts: pl.DataFrame) -> pl.DataFrame:
    """Every rule's findings over `facts` (with story, slot, published and outlet columns)."""
    context = Context(facts=facts, pairs=fact_pairs(facts))
    found: list[Finding] = []
    for rule in all_rules():
        found.extend(rule.check(context))
    return findings_frame(found)


__all__ = ["compare", "fact_pairs"]
