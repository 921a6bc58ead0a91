"""Compare: findings from aligned facts. The rules live one per module in checker/compare/rules/, the
interval arithmetic they share in checker/compare/values.py, and messages are written with
checker/compare/describe.py."""

from __future__ import annotations

import polars as pl

from checker.compare.finding import Finding, findings_frame
from checker.compare.rules import Context, all_rules
from checker.events import counted_event, event_properties


# Every column a pair test reads (checker/compare/values.py, the rules' filters): facts of one document and
# slot alike in all of them are one value group, and are paired once.
PART_SHARE = 0.5  # a count under half of its source's largest one for the slot is a part of that one

VALUE_COLUMNS = ("kind", "value", "number", "date_start", "date_end", "grain", "tolerance", "approx", "from", "to", "ratio", "by", "event", "measure", "timeline")


def fact_pairs(facts: pl.DataFrame) -> pl.DataFrame:
    """Pairs of value groups of one slot from two different documents (each pair once). A value group is
    the facts of one document and slot that agree in VALUE_COLUMNS: an article that repeats a sentence a
    thousand times gives one group, so the pairs grow with the distinct values of a slot, not its facts,
    and none is made within one document. Columns: the group's `slot`, `doc`, VALUE_COLUMNS, `group` (its
    smallest fact id, which names it), `ids` (its facts) `alone` (whether the document gives only one
    current value for the slot, parts aside: a source that gives two is not held to either) and `part` (a
    count under PART_SHARE of the largest its document gives for the slot); the second group's end in `_b`."""
    groups = (
        facts.filter(pl.col("slot").is_not_null())
        .group_by("slot", "doc", *VALUE_COLUMNS)
        .agg(ids=pl.col("id").sort())
        .with_columns(group=pl.col("ids").list.first())
    )
    # A figure the source itself places before its current one ("an earlier toll of 84") does not make it give two.
    is_current = pl.col("timeline").ne_missing("earlier")
    # Nor does a count well under its own largest figure for the slot: a part of it (17 children, two police
    # officers, 34 inside the stadium among 125 dead), which meets only other parts.
    # Only in a running total (the dead, the injured): elsewhere a smaller figure is as often another thing
    # counted (8 expelled from a mission of 30).
    in_total = (pl.col("kind") == "count") & counted_event().is_in(list(event_properties().running_totals))
    largest = pl.col("number").filter(is_current & in_total).max().over("slot", "doc")
    groups = groups.with_columns(part=(in_total & (pl.col("number") < PART_SHARE * largest)).fill_null(False))
    current = pl.col("value").filter(is_current & ~pl.col("part"))
    alone = groups.group_by("slot", "doc").agg(alone=current.n_unique() <= 1)
    # Rows sorted by slot and document: a group's partners are the rows from the end of its document's
    # block to the end of its slot's, so only pairs across documents are ever made (a join on the slot
    # would make those within a document first, however many, and drop them after).
    groups = (
        groups.join(alone, on=["slot", "doc"])
        .sort("slot", "doc", "group")
        .with_row_index("row")
        .with_columns(
            later=pl.col("row").max().over("slot", "doc") + 1,
            slot_end=pl.col("row").max().over("slot") + 1,
        )
    )
    partners = groups.select(pl.exclude("later", "slot_end"), partner=pl.int_ranges("later", "slot_end", dtype=pl.UInt32))
    seconds = groups.select(pl.exclude("slot", "later", "slot_end")).rename(lambda name: f"{name}_b")
    return (
        partners.explode("partner")
        .drop_nulls("partner")
        .join(seconds, left_on="partner", right_on="row_b", maintain_order="left")
        .drop("row", "partner")
    )


def compare(facts: pl.DataFrame) -> pl.DataFrame:
    """Every rule's findings over `facts` (with story, slot, published and outlet columns)."""
    context = Context(facts=facts, pairs=fact_pairs(facts))
    found: list[Finding] = []
    for rule in all_rules():
        found.extend(rule.check(context))
    return findings_frame(found)


__all__ = ["compare", "fact_pairs"]
