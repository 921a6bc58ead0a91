"""Group the values sources give for one slot by agreement, for the conflict rules.

A conflict is reported once per slot, naming every distinct value and the sources behind each, rather
than once per pair of sources: four outlets and two dates make one finding, not four.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from checker.compare.rules import Context
from checker.disjoint import DisjointSets


def value_groups(context: Context, candidates: pl.DataFrame, agree: pl.Expr, by: tuple[str, ...] = ("slot",)) -> list[list[list[dict[str, Any]]]]:
    """For each slot (or finer key `by`) in `candidates` (fact pairs), the facts grouped so that agreeing
    facts (by `agree`) and one source's repeats of its value share a group; only keys with two groups or
    more. Groups are ordered by publication date, then document."""
    left, right = context.rows(candidates), context.rows(candidates, "_b")
    agreeing = candidates.select(agree.fill_null(False)).to_series().to_list()
    facts: dict[str, dict[str, Any]] = {}
    sets = DisjointSets()
    for a, b, together in zip(left, right, agreeing):
        for fact in (a, b):
            facts.setdefault(fact["id"], fact)
            sets.add(fact["id"])
        if together:
            sets.union(a["id"], b["id"])
    first_of_doc: dict[tuple, str] = {}
    for fact_id, fact in sorted(facts.items()):
        key = (*(fact[k] for k in by), fact["doc"])
        if key in first_of_doc:
            sets.union(first_of_doc[key], fact_id)  # a source that gives one value gives it in one group
        else:
            first_of_doc[key] = fact_id
    by_key: dict[tuple, dict[str, list[dict[str, Any]]]] = {}
    for fact_id, fact in sorted(facts.items()):
        by_key.setdefault(tuple(fact[k] for k in by), {}).setdefault(sets.find(fact_id), []).append(fact)
    out = []
    for key in sorted(by_key, key=str):
        groups = list(by_key[key].values())
        if len(groups) < 2:
            continue
        for group in groups:
            group.sort(key=lambda f: (f["doc"], f["start"]))
        groups.sort(key=lambda g: (min((f.get("published") or dt.date.max) for f in g), g[0]["doc"]))
        out.append(groups)
    return out
