"""date-agree, count-agree, change-agree, duration-agree (agree, info): sources that confirm one value.

Facts of one slot from different sources that agree (the same tests the conflict rules use, read the
other way; counts only when both are exact) are grouped, and each group that spans two sources or more
is one finding listing every supporting source. A day written in two calendars is named in both:
"6 October 2021 = 14 Mehr 1400". Agreement is not cheap: a coarser date (a month, a year) that holds the
agreed day is listed as "consistent, less precise" and confirms nothing, so two sources at the agreed
precision are needed; an open interval ("since 2014") never agrees with anything.
"""

from __future__ import annotations

from collections import Counter

import polars as pl

from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.groups import group_members
from checker.compare.rules import Context, Rule
from checker.compare.values import changes_agree, changes_comparable, dates_overlap
from checker.disjoint import DisjointSets


def _agreeing(pairs: pl.DataFrame) -> pl.DataFrame:
    kind = pl.col("kind")
    closed = pl.col("date_start").is_not_null() & pl.col("date_start_b").is_not_null() & pl.col("date_end").is_not_null() & pl.col("date_end_b").is_not_null()
    dates = (kind == "date") & closed & dates_overlap()
    counts = (kind == "count") & pl.col("approx").is_null() & pl.col("approx_b").is_null() & (pl.col("number") == pl.col("number_b"))
    changes = (kind == "change") & changes_comparable() & changes_agree()
    durations = (kind == "duration") & (pl.col("value") == pl.col("value_b"))
    return pairs.filter(dates.fill_null(False) | counts.fill_null(False) | changes.fill_null(False) | durations.fill_null(False))


def check(context: Context):
    agreeing = _agreeing(context.pairs)
    sets = DisjointSets()
    for a, b in agreeing.select("group", "group_b").iter_rows():
        sets.union(a, b)
    members_of = group_members(context, agreeing)
    group_of = {fact["id"]: name for name, facts in members_of.items() for fact in facts}
    groups: dict[str, list[dict]] = {}
    for name in sorted(members_of):
        groups.setdefault(sets.find(name), []).extend(members_of[name])
    agree = {(a, b) for a, b in agreeing.select("group", "group_b").iter_rows()}
    for members in groups.values():
        members.sort(key=lambda f: f["id"])
        # Agreement is not transitive ("about 1 November" meets 29 October and 1 November): keep the
        # members that agree with the group's most precise, most repeated value.
        repeats = Counter(f["value"] for f in members)
        centre = min(members, key=lambda f: (_width(f), -repeats[f["value"]], f["id"]))
        centre_group = group_of[centre["id"]]
        members = [
            f for f in members
            if _same(f, centre) or (group_of[f["id"]], centre_group) in agree or (centre_group, group_of[f["id"]]) in agree
        ]
        if len({f["doc"] for f in members if f["grain"] == centre["grain"]}) < 2:
            continue
        members.sort(key=lambda f: (f["doc"], f["start"]))
        rule = _BY_KIND[members[0]["kind"]]
        yield Finding(rule.name, rule.type, rule.severity, tuple(members), _message(members, centre))


def _width(fact: dict) -> float:
    if fact["kind"] == "date":
        if fact["date_end"] is None:
            return float("inf")  # "since 2002" is the least precise of all
        return (fact["date_end"] - fact["date_start"]).days + (0.5 if (fact["value"] or "").endswith("~") else 0)
    return 0.0


def _same(a: dict, b: dict) -> bool:
    return a["value"] == b["value"]


def _message(members: list[dict], centre: dict) -> str:
    precise = [f for f in members if f["grain"] == centre["grain"]]
    coarser = [f for f in members if f["grain"] != centre["grain"]]
    sources = describe.sources(precise)
    count = len({f["doc"] for f in precise})
    label = centre["event"] or centre["kind"]
    if centre["kind"] == "date":
        if len({f["calendar"] for f in precise}) > 1 and centre["date_start"] == centre["date_end"]:
            shown = describe.day_in_calendars(centre["date_start"], centre["calendar"])
        else:
            shown = describe.date_value(centre)
        less = f"; consistent, less precise: {describe.sources(coarser)}" if coarser else ""
        return f"{label}: {count} sources agree on {shown} ({sources}){less}."
    return f"{label}: {count} sources agree on {describe.quantity_value(centre)} ({sources})."


DATE = Rule("date-agree", "agree", "info", "sources that confirm one date", check)
COUNT = Rule("count-agree", "agree", "info", "sources that confirm one count", lambda context: ())
CHANGE = Rule("change-agree", "agree", "info", "sources that confirm one change", lambda context: ())
DURATION = Rule("duration-agree", "agree", "info", "sources that confirm one duration", lambda context: ())
_BY_KIND = {"date": DATE, "count": COUNT, "change": CHANGE, "duration": DURATION}
RULES = (DATE, COUNT, CHANGE, DURATION)
