"""Group the values sources give for one slot by agreement, for the conflict rules.

A conflict is reported once per slot, naming every distinct value and the sources behind each, rather
than once per pair of sources: four outlets and two dates make one finding, not four.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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


def value_groups(
    context: Context, candidates: pl.DataFrame, agree: pl.Expr, by: tuple[str, ...] = ("slot",),
    loose: Callable[[str], pl.Expr] | None = None,
) -> list[list[list[dict[str, Any]]]]:
    """For each slot (or finer key `by`, a value group's columns) in `candidates` (fact_pairs), the facts
    grouped so that agreeing facts (by `agree`) and one source's repeats of its value share a group; only
    keys with two groups or more. Groups are ordered by publication date, then document.

    A `loose` value (a range: "more than 2,000"; `loose` takes the column suffix, "" or "_b") agrees with
    values that disagree with each other (5,300 and 11,300), so it would chain them into one group: the
    exact values are grouped first, and a loose one joins a group only when it agrees with that one alone."""
    members = group_members(context, candidates)
    sets = DisjointSets()
    pairs = candidates.select(
        "group", "group_b", together=agree.fill_null(False),
        loose_a=pl.lit(False) if loose is None else loose("").fill_null(False),
        loose_b=pl.lit(False) if loose is None else loose("_b").fill_null(False),
    )
    for a, b, together, loose_a, loose_b in pairs.iter_rows():
        sets.add(a)
        sets.add(b)
        if together and not (loose_a or loose_b):
            sets.union(a, b)
    partners: dict[str, set[str]] = {}
    for a, b, together, loose_a, loose_b in pairs.iter_rows():
        if together and loose_a:
            partners.setdefault(a, set()).add(sets.find(b))
        if together and loose_b:
            partners.setdefault(b, set()).add(sets.find(a))
    for name, found in sorted(partners.items()):
        if len(found) == 1:
            sets.union(name, found.pop())
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
