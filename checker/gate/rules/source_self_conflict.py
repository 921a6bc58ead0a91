"""source-self-conflict (internal, warning): one source gives two values for one subject and attribute
that cannot both be true (the comparison rules leave such a source out rather than hold it to either).
Dates and counts are compared as intervals with the same arithmetic as date-conflict and count-conflict
(checker/compare/values.py)."""

from __future__ import annotations

import polars as pl

from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.rules import Rule, summary_of
from checker.compare.values import count_bounds, date_bounds


def check(context):
    facts = context.facts.filter(~pl.col("alone") & pl.col("kind").is_in(["date", "count"]) & ~pl.col("term"))
    if facts.height == 0:
        return
    low_date, high_date = date_bounds("")
    low_count, high_count = count_bounds("")
    low = pl.when(pl.col("kind") == "date").then(low_date.cast(pl.Int32).cast(pl.Float64)).otherwise(low_count)
    high = pl.when(pl.col("kind") == "date").then(high_date.cast(pl.Int32).cast(pl.Float64)).otherwise(high_count)
    bounded = facts.with_columns(__low=low, __high=high).filter(pl.col("__low").is_not_null())
    # Intervals on a line meet pairwise exactly when the latest start is not after the earliest end.
    split = bounded.group_by("slot", "doc", "grain").agg(pl.col("id"), apart=pl.col("__low").max() > pl.col("__high").min())
    groups = list(split.filter(pl.col("apart")).sort("slot", "doc").iter_rows(named=True))
    index = context.fact_index(i for group in groups for i in group["id"])
    for group in groups:
        facts = [index[i] for i in sorted(group["id"])]
        listed = "; ".join(f"{describe.value(f)} («{f['text']}», {f['path']} row {f['row']})" for f in facts)
        yield Finding(
            RULE.name, RULE.type, RULE.severity, tuple(facts),
            f"{facts[0]['event']}: {facts[0]['doc']} gives {len(facts)} values that cannot all be true: {listed}.",
        )  # fmt: skip


RULE = Rule("source-self-conflict", "internal", "warning", summary_of(__doc__), check)
RULES = (RULE,)
