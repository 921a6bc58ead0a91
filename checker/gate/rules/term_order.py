"""term-order (internal, error): a term of office that starts after it ends (2013–2005, ۱۳۹۲ تا ۱۳۸۴), by
the widest reading of both ends (a Hijri day a day either way, a year any day of it)."""

from __future__ import annotations

import polars as pl

from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.rules import Rule, summary_of


def check(context):
    backwards = context.terms.filter(pl.col("start_low") > pl.col("end_high"))
    terms = list(backwards.iter_rows(named=True))
    index = context.fact_index(i for term in terms for i in (term["start_id"], term["end_id"]))
    for term in terms:
        start, end = index[term["start_id"]], index[term["end_id"]]
        yield Finding(
            RULE.name, RULE.type, RULE.severity, (start, end),
            f"{start['path']} row {start['row']}: {term['subject_name']} as {term['office_name']} ({start['doc']}): "
            f"the term «{start['text']}» starts {describe.date_value(start)} after it ends {describe.date_value(end)}.",
        )  # fmt: skip


RULE = Rule("term-order", "internal", "error", summary_of(__doc__), check)
RULES = (RULE,)
