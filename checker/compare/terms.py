"""Terms of office as one table for both front ends, and the interval tests the term rules share.

`checker check` reads terms from office facts (one fact holds a holder's start, end and length), `checker
gate` from claims (a start fact and an end fact per row). Each front end builds the same TERM_SCHEMA table
(article_terms here, checker/gate `_terms` there) and the term rules of checker/compare/rules/ (term-order,
term-overlap, term-start-conflict, term-end-conflict) read only that table, so one implementation serves both.

Every bound is the widest reading of what was written: a year holds all its days, a Hijri or Afghan day a
day either way (tolerance). The span a holder was certainly in office runs from the latest day the start can
be to the earliest day the end can be; an open term ("since 2014" in a table) runs to its publication date.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

import polars as pl

from checker.align.names import same_people
from checker.lang import LANGUAGES, load
from checker.normalise.names import person_skeleton

TERM_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.Utf8,  # the fact that names the term (an office fact; a claim's start fact)
    "end_id": pl.Utf8,  # the fact of its end when that is another one (a claim's end fact), else null
    "doc": pl.Utf8,
    "scope": pl.Utf8,  # terms meet only within one scope: a story, or one run of the gate
    "slot": pl.Utf8,  # the slot findings about the term are listed under
    "office_key": pl.Utf8,
    "office_name": pl.Utf8,
    "holder_key": pl.Utf8,
    "holder_name": pl.Utf8,
    "single_seat": pl.Boolean,  # one holder at a time (a president; not "minister" of no named portfolio)
    "acting": pl.Boolean,
    "start_low": pl.Date,
    "start_high": pl.Date,
    "end_low": pl.Date,
    "end_high": pl.Date,
    "open_end": pl.Boolean,  # written as running on ("since 2014", «۱۳۹۹ تاکنون»): in office on `published`
    "published": pl.Date,
    "length_id": pl.Utf8,  # the fact that states the term's length (an office fact with one; a length claim)
}  # fmt: skip

# Titles several people hold at once: a minister with no portfolio named is one of a cabinet.
SHARED_SEATS = frozenset({"minister"})
_HIJRI_SLACK = {"hijri": 1}  # a Hijri day is a day either way (local moon sighting), as in date-conflict


def empty_terms() -> pl.DataFrame:
    return pl.DataFrame(schema=TERM_SCHEMA)


def with_certain(terms: pl.DataFrame) -> pl.DataFrame:
    """`certain_start`, `certain_end`: the days the holder was in office by every reading. A term with only a
    start (or only an end) is certain on that day when it is a day; an open term runs to publication."""
    single_day = lambda low, high: pl.when(pl.col(low) == pl.col(high)).then(pl.col(low))  # noqa: E731
    return terms.with_columns(
        certain_start=pl.coalesce(pl.col("start_high"), single_day("end_low", "end_high")),
        certain_end=pl.coalesce(
            pl.col("end_low"),
            pl.when(pl.col("open_end")).then(pl.col("published")),
            single_day("start_low", "start_high"),
        ),
    )


def backwards(terms: pl.DataFrame) -> pl.DataFrame:
    """Terms that start after they end by every reading."""
    return terms.filter(pl.col("start_low") > pl.col("end_high"))


def overlapping(terms: pl.DataFrame, handover_days: int) -> pl.DataFrame:
    """Pairs of holders of one single-seat office in one scope whose certain spans share more than
    `handover_days` days: one row per office and pair of holders, with every term id behind it (`ids`,
    `ids_b`), the shared days and their count."""
    terms = with_certain(terms.filter(pl.col("single_seat") & ~pl.col("acting").fill_null(False)))
    terms = terms.filter(pl.col("certain_start").is_not_null() & pl.col("certain_end").is_not_null())
    terms = terms.filter(pl.col("certain_start") <= pl.col("certain_end"))
    # Only what the overlap needs goes into the self-join: it has a row per pair of claims of one office.
    slim = terms.select("scope", "office_key", "holder_key", "id", "holder_name", "office_name", "certain_start", "certain_end")
    pairs = slim.join(slim, on=["scope", "office_key"], suffix="_b", nulls_equal=True).filter(pl.col("holder_key") < pl.col("holder_key_b"))
    pairs = pairs.with_columns(
        first_day=pl.max_horizontal("certain_start", "certain_start_b"), last_day=pl.min_horizontal("certain_end", "certain_end_b")
    ).with_columns(days=(pl.col("last_day") - pl.col("first_day")).dt.total_days() + 1).filter(pl.col("days") > handover_days)
    return pairs.group_by("scope", "office_key", "holder_key", "holder_key_b").agg(
        pl.col("office_name").first(), pl.col("holder_name").first(), pl.col("holder_name_b").first(),
        ids=pl.col("id").unique().sort(), ids_b=pl.col("id_b").unique().sort(),
        first_day=pl.col("first_day").min(), last_day=pl.col("last_day").max(), days=pl.col("days").max(),
    ).sort("scope", "office_key", "holder_key", "holder_key_b", nulls_last=True)  # fmt: skip


def apart(terms: pl.DataFrame, side: str) -> pl.DataFrame:
    """Pairs of terms of one holder and office from two documents whose `side` ("start" or "end") cannot be
    one day: `id`, `id_b` and the rest of both rows (the second's columns end in `_b`)."""
    low, high = f"{side}_low", f"{side}_high"
    sided = terms.filter(pl.col(low).is_not_null())
    pairs = sided.join(sided, on=["scope", "office_key", "holder_key"], suffix="_b", nulls_equal=True)
    pairs = pairs.filter((pl.col("doc") < pl.col("doc_b")) & ((pl.col(low) > pl.col(f"{high}_b")) | (pl.col(f"{low}_b") > pl.col(high))))
    return pairs.sort("scope", "office_key", "holder_key", "id", "id_b", nulls_last=True)


# --- articles: office facts -> terms ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _titles() -> tuple[str, ...]:
    """Every language's office title ids, longest first (prime_minister before minister)."""
    return tuple(sorted({title for code in LANGUAGES for title in load(code).offices.titles}, key=len, reverse=True))


def title_of(office: str) -> str:
    """The title part of an office id: syria_president -> president."""
    return next((t for t in _titles() if office == t or office.endswith(f"_{t}")), office)


def holder_keys(facts: list[dict[str, Any]]) -> dict[str, str]:
    """Holder as written -> one key per person: whole names joined by the name tables, a name alone (Assad,
    Haitham) joined only to the one whole name that ends or opens with it, or else the one it opens (a first
    name names a person more surely than a family name: Assad stays apart from Hafez and Bashar al-Assad)."""
    skeletons = {f["holder"]: person_skeleton(f["holder"]) for f in facts}
    whole = [s for holder, s in skeletons.items() if len(holder.split()) > 1]
    joined = same_people(whole)
    keys = {holder: joined.get(s, s) for holder, s in skeletons.items() if len(holder.split()) > 1}
    for holder, s in skeletons.items():
        if holder in keys:
            continue
        opened = {joined.get(w, w) for w in whole if w.startswith(s)}
        owners = opened | {joined.get(w, w) for w in whole if w.endswith(s)}
        if len(owners) == 1:
            keys[holder] = owners.pop()
        elif len(opened) == 1:  # Qaboos opens one whole name; «سلطان قابوس» ends with it but only adds a title
            keys[holder] = opened.pop()
        elif not owners:
            keys[holder] = s
    return keys


def _office_keys(facts: list[dict[str, Any]]) -> dict[str, str | None]:
    """Office id -> the office it names in a story: its own id when it names a country or body, else the one
    id of its title that does in the story (a story about Oman calls its sultan "the sultan"), else None: a
    bare title whose country is unknown meets no other holder's term."""
    ids = {f["office"] for f in facts}
    keys: dict[str, str | None] = {}
    for office in ids:
        title = title_of(office)
        if office != title:
            keys[office] = office
            continue
        named = {o for o in ids if o != title and title_of(o) == title}
        keys[office] = named.pop() if len(named) == 1 else None
    return keys


def _side(fact: dict[str, Any], side: str) -> tuple[dt.date | None, dt.date | None]:
    start, end = fact.get(f"{side}_date_start"), fact.get(f"{side}_date_end")
    if start is None or end is None:
        return None, None
    slack = dt.timedelta(days=_HIJRI_SLACK.get(fact.get(f"{side}_calendar") or "", 0))
    return start - slack, end + slack


def office_slots(story: str, facts: list[dict[str, Any]]) -> dict[str, str]:
    """Office fact id -> its slot: one per holder (across scripts) and title within a story, named as the first
    source writes the holder ("story|office|sultan: قابوس"). The rules list their findings and the HTML report
    lists every source's statement of the term under it."""
    named = [f for f in facts if f.get("holder")]
    holders = holder_keys(named)
    first: dict[tuple[str, str], str] = {}
    slots = {}
    for fact in named:
        if fact["holder"] not in holders:
            continue
        title = title_of(fact["office"])
        shown = first.setdefault((holders[fact["holder"]], title), fact["holder"])
        slots[fact["id"]] = f"{story}|office|{title}: {shown}"
    return slots


def article_terms(facts: pl.DataFrame) -> pl.DataFrame:
    """One term per office fact of an article's body that names its holder, keyed by story, holder (across
    scripts) and office. `slot` is the holder's office slot, as the office rules list it."""
    if "holder" not in facts.columns:
        return empty_terms()
    offices = facts.filter((pl.col("kind") == "office") & (pl.col("zone") == "body") & pl.col("holder").is_not_null())
    rows: list[dict[str, Any]] = []
    wanted = ("id", "doc", "story", "published", "holder", "office", "acting", "value")
    names = [n for n in offices.columns if n in wanted or n.startswith("term_")]
    for (story,), story_facts in offices.group_by(["story"], maintain_order=True):
        facts_of_story = story_facts.select(names).to_dicts()
        holders, office_keys = holder_keys(facts_of_story), _office_keys(facts_of_story)
        slots = office_slots(story, facts_of_story)
        for fact in facts_of_story:
            if fact["id"] not in slots:
                continue
            key, title = holders[fact["holder"]], title_of(fact["office"])
            shown = slots[fact["id"]].split(": ", 1)[1]
            start_low, start_high = _side(fact, "term_start")
            end_low, end_high = _side(fact, "term_end")
            office_key = office_keys[fact["office"]]
            rows.append({
                "id": fact["id"], "end_id": None, "doc": fact["doc"], "scope": story,
                "slot": slots[fact["id"]],
                "office_key": office_key or f"?{title}", "office_name": office_key or title,
                "holder_key": key, "holder_name": shown,
                "single_seat": office_key is not None and title not in SHARED_SEATS, "acting": bool(fact.get("acting")),
                "start_low": start_low, "start_high": start_high, "end_low": end_low, "end_high": end_high,
                "open_end": False, "published": fact.get("published"),
                "length_id": fact["id"] if fact.get("value") else None,
            })  # fmt: skip
    return pl.DataFrame(rows, schema=TERM_SCHEMA) if rows else empty_terms()
