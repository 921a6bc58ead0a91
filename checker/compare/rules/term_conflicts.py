"""term-start-conflict (conflict, error): sources that give one holder's term of one office start dates that
cannot both be true.

"took office on 7 July 2000" and «تولى منصبه في 17 تموز/يوليو 2000» cannot both be right; "since 2000" and
"17 July 2000" can (a year holds the day). The holder is matched across scripts by the name tables (Bashar
al-Assad, بشار الأسد, بشار اسد), a name alone (Assad, Haitham) only when one full name of the story ends or
opens with it (Assad stays apart when the story names both Hafez and Bashar); the office by its title, with or without its
country (syria_president and president).

term-length-conflict (conflict, warning): a length one source states that does not fit the start another
source gives the same term, counted to the length's own end or publication date: "ruled for 23 years" in
one December 2024 article against "in power since 2000" in another. A source that writes its own start is
held to that (term-length-mismatch), not to the others': the Assad family's 54 years from 1970 and 53
from 1971 are no conflict.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations
from typing import Any, Iterator

import polars as pl

from checker.align.names import same_people
from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.rules import Context, Rule, summary_of
from checker.compare.rules.term_length_mismatch import length_fits, stated_length, reference_end, term_side, span_years, written_term
from checker.lang import LANGUAGES, load
from checker.normalise.names import person_skeleton


@lru_cache(maxsize=1)
def _titles() -> tuple[str, ...]:
    """Every language's office title ids, longest first (prime_minister before minister)."""
    return tuple(sorted({title for code in LANGUAGES for title in load(code).offices.titles}, key=len, reverse=True))


def _title_of(office: str) -> str:
    """The title part of an office id: syria_president -> president."""
    return next((t for t in _titles() if office == t or office.endswith(f"_{t}")), office)


def _holders(facts: list[dict[str, Any]]) -> dict[str, str]:
    """Holder as written -> one key per person: whole names joined by the name tables, a name alone (Assad,
    Haitham) joined only to the one whole name that ends or opens with it."""
    skeletons = {f["holder"]: person_skeleton(f["holder"]) for f in facts}
    whole = [s for holder, s in skeletons.items() if len(holder.split()) > 1]
    joined = same_people(whole)
    keys = {holder: joined.get(s, s) for holder, s in skeletons.items() if len(holder.split()) > 1}
    for holder, s in skeletons.items():
        if holder in keys:
            continue
        owners = {joined.get(w, w) for w in whole if w.endswith(s) or w.startswith(s)}
        if len(owners) == 1:
            keys[holder] = owners.pop()
        elif not owners:
            keys[holder] = s
    return keys


def office_groups(context: Context) -> Iterator[list[dict[str, Any]]]:
    """Office facts of one story about one holder's one office, from more than one document."""
    facts = context.facts
    if "holder" not in facts.columns:
        return
    offices = facts.filter((pl.col("kind") == "office") & (pl.col("zone") == "body") & pl.col("holder").is_not_null())
    for (_story,), story_facts in offices.group_by(["story"], maintain_order=True):
        rows = context.rows(story_facts)
        keys = _holders(rows)
        groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for fact in rows:
            if fact["holder"] in keys:
                groups.setdefault((keys[fact["holder"]], _title_of(fact["office"])), []).append(fact)
        for (_holder, title), group in groups.items():
            if len({f["doc"] for f in group}) > 1:
                # One slot per holder and office (named as the first source writes the holder), so their
                # findings are listed together as any slot's.
                slot = f"{group[0]['story']}|office|{title}: {group[0]['holder']}"
                yield [{**fact, "slot": slot} for fact in group]


def _apart(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two term starts cannot be the same day, a Hijri day a day either way."""
    slack = 1 if "hijri" in (a["calendar"], b["calendar"]) else 0
    return (b["date_start"] - a["date_end"]).days > slack or (a["date_start"] - b["date_end"]).days > slack


def check_start(context: Context) -> Iterator[Finding]:
    for group in office_groups(context):
        for a, b in combinations(group, 2):
            start_a, start_b = term_side(a, "term_start"), term_side(b, "term_start")
            if a["doc"] == b["doc"] or start_a is None or start_b is None or not _apart(start_a, start_b):
                continue
            yield Finding(
                START.name, START.type, START.severity, (a, b),
                f"{a['holder']}: {describe.source(a)} starts the term {written_term(start_a)}, but {describe.source(b)}"
                f" starts it {written_term(start_b)}.",
            )  # fmt: skip


def check_length(context: Context) -> Iterator[Finding]:
    for group in office_groups(context):
        for stated in group:
            length, reference = stated_length(stated), reference_end(stated)
            if length is None or reference is None or term_side(stated, "term_start") is not None:
                continue
            end, end_said = reference
            for other in group:
                start = term_side(other, "term_start")
                if other["doc"] == stated["doc"] or start is None or end["date_end"] < start["date_start"]:
                    continue
                fewest, most = span_years(start, end)
                if length_fits(length[0], length[1], stated.get("approx"), fewest, most):
                    continue
                counted = f"{fewest:.0f}" if fewest == most else f"{fewest:.1f} to {most:.1f}"
                yield Finding(
                    LENGTH.name, LENGTH.type, LENGTH.severity, (stated, other),
                    f"{stated['holder']}: {describe.source(stated)} gives a term of {length[0]:g} years, but from the start"
                    f" {written_term(start)} in {describe.source(other)} to {end_said} is {counted} years.",
                )  # fmt: skip


_START_DOC, _LENGTH_DOC = __doc__.strip().split("\n\nterm-length-conflict")
START = Rule("term-start-conflict", "conflict", "error", summary_of(_START_DOC), check_start)
LENGTH = Rule("term-length-conflict", "conflict", "warning", summary_of("term-length-conflict" + _LENGTH_DOC), check_length)
RULES = (START, LENGTH)
