"""precision-conflict (conflict, error): one source gives a coarse date (a year, a month) that cannot hold
the finer date another source gives for the same subject and attribute (2015 against 1 October 2014).
date-conflict compares dates of one grain only; here a year is held to the days it must contain, with
the same interval arithmetic (checker/compare/values.py: Hijri and Jalali years and tolerances widen it).
A coarse date that holds every finer one (2015 against 23 January 2015) is consistent, less precise: no
finding, a count in the gate's summary (`less_precise`), as agreements are not findings of the gate.
"""

from __future__ import annotations

from typing import Any, Iterator

import polars as pl

from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.rules import Rule, summary_of
from checker.compare.values import dates_overlap

_FINENESS = {"day": 0, "month": 1, "year": 2}


def coarse_pairs(facts: pl.DataFrame) -> pl.DataFrame:
    """(coarse, finer) pairs of dates from different sources in one slot: `id`, `id_b`, `slot` and `fits`
    (the coarse date can hold the finer one). Only slots with dates of two grains from two sources are
    joined, so a million claims of one grain cost one aggregation."""
    dates = facts.filter(
        pl.col("alone") & (pl.col("kind") == "date") & pl.col("slot").is_not_null() & ~pl.col("invalid")
        & pl.col("date_start").is_not_null() & pl.col("date_end").is_not_null() & pl.col("grain").is_in(list(_FINENESS))
    ).select("id", "slot", "doc", "grain", "date_start", "date_end", "tolerance", "value", fine=pl.col("grain").replace_strict(_FINENESS, return_dtype=pl.Int8))  # fmt: skip
    mixed = dates.group_by("slot").agg(grains=pl.col("grain").n_unique(), docs=pl.col("doc").n_unique()).filter((pl.col("grains") > 1) & (pl.col("docs") > 1))
    dates = dates.filter(pl.col("slot").is_in(mixed["slot"].implode()))
    pairs = dates.join(dates, on="slot", suffix="_b").filter((pl.col("fine") > pl.col("fine_b")) & (pl.col("doc") != pl.col("doc_b")))
    return pairs.select("id", "id_b", "slot", fits=dates_overlap()).sort("slot", "id", "id_b")


def less_precise(facts: pl.DataFrame) -> pl.DataFrame:
    """Coarse dates that hold every finer date other sources give: `id` and `holds` (the finer facts' ids)."""
    pairs = coarse_pairs(facts)
    return pairs.group_by("id", maintain_order=True).agg(fits=pl.col("fits").all(), holds=pl.col("id_b")).filter(pl.col("fits")).drop("fits")


def by_coarse_fact(context, pairs: pl.DataFrame) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Each coarse fact of `pairs` with the finer facts it is paired with, as fact rows."""
    index = context.fact_index([*pairs["id"], *pairs["id_b"]])
    for (coarse,), group in pairs.group_by("id", maintain_order=True):
        yield index[coarse], sorted((index[i] for i in group["id_b"]), key=lambda f: (f["doc"], f["id"]))


def check(context):
    pairs = coarse_pairs(context.facts)
    for coarse, finer in by_coarse_fact(context, pairs.filter(~pl.col("fits"))):
        yield Finding(
            RULE.name, RULE.type, RULE.severity, (coarse, *finer),
            f"{coarse['event']}: {describe.date_value(coarse)} («{coarse['text']}» in {coarse['doc']}) cannot hold "
            + "; ".join(f"{describe.date_value(f)} («{f['text']}» in {f['doc']})" for f in finer) + ".",
        )  # fmt: skip


RULE = Rule("precision-conflict", "conflict", "error", summary_of(__doc__), check)
RULES = (RULE,)
