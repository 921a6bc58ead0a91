"""term-start-conflict (conflict, error): sources that give one holder's term of one office start dates that
cannot both be true.

"took office on 7 July 2000" and «تولى منصبه في 17 تموز/يوليو 2000» cannot both be right; "since 2000" and
"17 July 2000" can (a year holds the day). The holder is matched across scripts by the name tables (Bashar
al-Assad, بشار الأسد, بشار اسد), a name alone (Assad, Haitham) only when one full name of the story ends or
opens with it (Assad stays apart when the story names both Hafez and Bashar); the office by its title, with or without its
country (syria_president and president). Articles and tables of claims alike (checker/compare/terms.py).

term-end-conflict (conflict, error): sources that end one holder's term of one office on dates that cannot
both be true: "stepped down on 7 July 2000" against «استقال في 27 تموز 2000»; a term claim «2005 - 2013»
against «من 2005 إلى 2012». Matched as term-start-conflict.

term-length-conflict (conflict, warning): a length one source states that does not fit the start another
source gives the same term, counted to the length's own end or publication date: "ruled for 23 years" in
one December 2024 article against "in power since 2000" in another. A source that writes its own start is
held to that (term-length-mismatch), not to the others': the Assad family's 54 years from 1970 and 53
from 1971 are no conflict.
"""

from __future__ import annotations

from typing import Any, Iterator

import polars as pl

from checker.compare.finding import Finding
from checker.compare.rules import Context, Rule, summary_of
from checker.compare.rules.term_length_mismatch import length_fits, stated_length, reference_end, term_side, span_years, written_term
from checker.compare.rules.term_order import side_written, where
from checker.compare.terms import apart, office_slots


def office_groups(context: Context) -> Iterator[list[dict[str, Any]]]:
    """Office facts of one story about one holder's one office, from more than one document."""
    facts = context.facts
    if "holder" not in facts.columns:
        return
    offices = facts.filter((pl.col("kind") == "office") & (pl.col("zone") == "body") & pl.col("holder").is_not_null())
    for (story,), story_facts in offices.group_by(["story"], maintain_order=True):
        rows = context.rows(story_facts)
        slots = office_slots(story, rows)  # one slot per holder and office, as every office rule lists them
        groups: dict[str, list[dict[str, Any]]] = {}
        for fact in rows:
            if fact["id"] in slots:
                groups.setdefault(slots[fact["id"]], []).append({**fact, "slot": slots[fact["id"]]})
        for group in groups.values():
            if len({f["doc"] for f in group}) > 1:
                yield group


def _sides(side: str):
    """The check of one end of the terms: one finding per holder and office whose sources' `side` days cannot
    all meet, naming every source in a disagreeing pair, grouped by the date as written."""
    verb = "starts" if side == "start" else "ends"

    def check(context: Context) -> Iterator[Finding]:
        rule = START if side == "start" else END
        pairs = apart(context.terms, side)
        if pairs.height == 0:
            return
        fact_of = (lambda term, suffix="": term[f"end_id{suffix}"] or term[f"id{suffix}"]) if side == "end" else (lambda term, suffix="": term[f"id{suffix}"])
        rows = list(pairs.iter_rows(named=True))
        index = context.fact_index(i for pair in rows for i in (fact_of(pair), fact_of(pair, "_b")))
        involved: dict[tuple, list[str]] = {}
        for pair in rows:
            ids = involved.setdefault((pair["scope"], pair["office_key"], pair["holder_key"]), [])
            ids.extend(i for i in (fact_of(pair), fact_of(pair, "_b")) if i not in ids)
        for key, ids in involved.items():
            pair = next(p for p in rows if (p["scope"], p["office_key"], p["holder_key"]) == key)
            facts = [{**index[i], "slot": pair["slot"]} for i in sorted(ids, key=lambda i: (index[i]["doc"], i))]
            by_day: dict[str, list[dict[str, Any]]] = {}
            for fact in facts:
                by_day.setdefault(side_written(fact, side), []).append(fact)
            listed = "; ".join(f"{day} ({'; '.join(where(f) for f in group)})" for day, group in by_day.items())
            yield Finding(
                rule.name, rule.type, rule.severity, tuple(facts),
                f"{pair['holder_name']} as {pair['office_name']}: the sources {verb.rstrip('s')} the term on {len(by_day)} dates that"
                f" cannot all be true: {listed}.",
            )  # fmt: skip

    return check


def _start_of(fact: dict[str, Any]) -> dict[str, Any] | None:
    """The start a term fact gives as a term side: an office fact's term_start, a claim's start date."""
    if fact["kind"] == "office":
        return term_side(fact, "term_start")
    return {name: fact.get(name) for name in ("value", "date_start", "date_end", "grain", "calendar")}


def check_length(context: Context) -> Iterator[Finding]:
    terms = context.terms
    stated = terms.filter(pl.col("length_id").is_not_null() & pl.col("start_low").is_null())
    if stated.height == 0:
        return
    starts = terms.filter(pl.col("start_low").is_not_null())
    pairs = stated.join(starts, on=["scope", "office_key", "holder_key"], suffix="_b", nulls_equal=True)
    pairs = list(pairs.filter(pl.col("doc") != pl.col("doc_b")).sort("length_id", "id_b").iter_rows(named=True))
    index = context.fact_index(i for pair in pairs for i in (pair["length_id"], pair["id_b"]))
    against: dict[str, list[tuple[dict[str, Any], str]]] = {}  # length fact id -> (start fact, what it counts)
    said_of: dict[str, tuple[dict[str, Any], str, str]] = {}
    for pair in pairs:
        said, other = {**index[pair["length_id"]], "slot": pair["slot"]}, {**index[pair["id_b"]], "slot": pair["slot"]}
        length, reference, start = stated_length(said), reference_end(said), _start_of(other)
        if length is None or reference is None or start is None or start["date_start"] is None:
            continue
        end, end_said = reference
        if end["date_end"] < start["date_start"]:
            continue
        fewest, most = span_years(start, end)
        if length_fits(length[0], length[1], said.get("approx"), fewest, most):
            continue
        counted = f"{fewest:.0f}" if fewest == most else f"{fewest:.1f} to {most:.1f}"
        against.setdefault(pair["length_id"], []).append((other, f"{counted} years from the start {written_term(start)} in {where(other)}"))
        said_of[pair["length_id"]] = (said, end_said, pair["holder_name"])
    # One finding per stated length, naming every start it does not fit.
    for length_id, others in against.items():
        said, end_said, holder = said_of[length_id]
        length = stated_length(said)
        hedge = {"about": "about ", "more": "more than ", "less": "less than "}.get(said.get("approx") or "", "")
        yield Finding(
            LENGTH.name, LENGTH.type, LENGTH.severity, (said, *(other for other, _ in others)),
            f"{holder}: {where(said)} gives a term of {hedge}{length[0]:g} years, but to {end_said} it is "
            f"{'; '.join(counted for _, counted in others)}.",
        )  # fmt: skip


_START_DOC, _END_DOC, _LENGTH_DOC = __doc__.strip().split("\n\nterm-")[0], *("term-" + d for d in __doc__.strip().split("\n\nterm-")[1:])
START = Rule("term-start-conflict", "conflict", "error", summary_of(_START_DOC), _sides("start"))
END = Rule("term-end-conflict", "conflict", "error", summary_of(_END_DOC), _sides("end"))
LENGTH = Rule("term-length-conflict", "conflict", "warning", summary_of(_LENGTH_DOC), check_length)
RULES = (START, END, LENGTH)
