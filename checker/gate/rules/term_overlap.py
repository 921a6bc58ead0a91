"""term-overlap (conflict, error): two people hold one office at once for longer than a hand-over day.

Each term claim gives the span its holder was certainly in office: from the latest day the start can be
to the earliest day the end can be (2005–2013 is certainly 31 December 2005 to 1 January 2013; an open
term "since 2014" runs to the row's publication date). Two holders of one office whose certain spans
share more than `handover_days` days cannot both be right. One finding per office and pair of holders,
naming every row behind the overlap.
"""

from __future__ import annotations

import polars as pl

from checker.compare.finding import Finding
from checker.compare.rules import Rule, summary_of


def check(context):
    terms = context.terms.filter(pl.col("certain_start").is_not_null() & pl.col("certain_end").is_not_null())
    terms = terms.filter(pl.col("certain_start") <= pl.col("certain_end"))
    # Only what the overlap needs goes into the self-join: it has a row per pair of claims of one office.
    slim = terms.select("office_key", "subject_key", "start_id", "certain_start", "certain_end")
    pairs = slim.join(slim, on="office_key", suffix="_b").filter(pl.col("subject_key") < pl.col("subject_key_b"))
    overlap_start = pl.max_horizontal("certain_start", "certain_start_b")
    overlap_end = pl.min_horizontal("certain_end", "certain_end_b")
    pairs = pairs.with_columns(first_day=overlap_start, last_day=overlap_end).with_columns(
        days=(pl.col("last_day") - pl.col("first_day")).dt.total_days() + 1
    ).filter(pl.col("days") > context.handover_days)
    names = terms.select("start_id", "office_name", "subject_name")
    pairs = pairs.join(names, on="start_id", how="left").join(
        names.select(start_id_b="start_id", subject_name_b="subject_name"), on="start_id_b", how="left"
    )
    grouped = pairs.group_by("office_key", "subject_key", "subject_key_b").agg(
        pl.col("office_name").first(), pl.col("subject_name").first(), pl.col("subject_name_b").first(),
        pl.col("start_id").unique(), pl.col("start_id_b").unique(),
        pl.col("first_day").min(), pl.col("last_day").max(), pl.col("days").max(),
    ).sort("office_key", "subject_key", "subject_key_b")  # fmt: skip
    pairs = list(grouped.iter_rows(named=True))
    index = context.fact_index(i for pair in pairs for i in (*pair["start_id"], *pair["start_id_b"]))
    for pair in pairs:
        a = [index[i] for i in sorted(pair["start_id"])]
        b = [index[i] for i in sorted(pair["start_id_b"])]
        yield Finding(
            RULE.name, RULE.type, RULE.severity, (*a, *b),
            f"{pair['office_name']}: the terms of {pair['subject_name']} ({_rows(a)}) and {pair['subject_name_b']} ({_rows(b)}) "
            f"overlap by up to {pair['days']} days ({pair['first_day'].isoformat()} to {pair['last_day'].isoformat()}), "
            f"beyond a hand-over of {context.handover_days} day{'s' if context.handover_days != 1 else ''}.",
        )  # fmt: skip


def _rows(facts: list[dict]) -> str:
    return "; ".join(f"«{f['text']}» in {f['doc']}, {f['path']} row {f['row']}" for f in facts)


RULE = Rule("term-overlap", "conflict", "error", summary_of(__doc__), check)
RULES = (RULE,)
