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


def group_members(context: Context, pairs: pl.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """The facts of each value group on either side of `pairs` (checker.compare.fact_pairs), by group
    name, as Context.rows gives them, in the order of their ids. Each fact is read once, however many
    pairs its group is in."""
    sides = pl.concat([pairs.select("group", "ids"), pairs.select(group="group_b", ids="ids_b")]).unique("group")
    ids = sides.explode("ids").select("group", id="ids").sort("id")
    rows = ids.join(context.facts, on="id", maintain_order="left")
    members: dict[str, list[dict[str, Any]]] = {}
    for group, fact in zip(rows["group"], context.rows(rows)):
        members.setdefault(group, []).append(fact)
    return members


def value_groups(context: Context, candidates: pl.DataFrame, agree: pl.Expr, by: tuple[str, ...] = ("slot",)) -> list[list[list[dict[str, Any]]]]:
    """For each slot (or finer key `by`, a value group's columns) in `candidates` (fact_pairs), the facts
    grouped so that agreeing facts (by `agree`) and one source's repeats of its value share a group; only
    keys with two groups or more. Groups are ordered by publication date, then document."""
    members = group_members(context, candidates)
    sets = DisjointSets()
    for a, b, together in candidates.select("group", "group_b", agree.fill_null(False)).iter_rows():
        sets.add(a)
        sets.add(b)
        if together:
            sets.union(a, b)
    first_of_doc: dict[tuple, str] = {}
    for name in sorted(members):
        fact = members[name][0]
        key = (*(fact[k] for k in by), fact["doc"])
        if key in first_of_doc:
            sets.union(first_of_doc[key], name)  # a source that gives one value gives it in one group
        else:
            first_of_doc[key] = name
    by_key: dict[tuple, dict[str, list[dict[str, Any]]]] = {}
    for name in sorted(members):
        fact = members[name][0]
        by_key.setdefault(tuple(fact[k] for k in by), {}).setdefault(sets.find(name), []).extend(members[name])
    out = []
    for key in sorted(by_key, key=str):
        groups = list(by_key[key].values())
        if len(groups) < 2:
            continue
        for group in groups:
            group.sort(key=lambda f: (f["doc"], f["start"], f["id"]))
        groups.sort(key=lambda g: (min((f.get("published") or dt.date.max) for f in g), g[0]["doc"]))
        out.append(groups)
    return out
