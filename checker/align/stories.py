"""Stories: which documents report the same news, so that only their facts are ever compared.

Signals, all general:
* names: documents of one story share names, whatever the script (checker/align/names.py), each weighed
  by its rarity in the run; a name found in very many documents ("NATO" in an archive about NATO) says
  nothing and is skipped;
* events: what each article is mostly about (its most frequent event words, checker/lang/<code>/events.toml);
  two documents whose main events do not meet (a flood and a port explosion in the same week) are never
  one story, however many names they share;
* values: two reports of one event share at least one of its days or counts (6 October, 8 expelled);
  two articles on one topic in the same weeks need not;
* time: the publication dates of a story (else the latest full date its body writes) lie within
  STORY_WINDOW_DAYS of each other. A document without either joins the story it shares most with, unless a weekday it writes beside a day and month
  (الأربعاء 2 ديسمبر) cannot fall in that story's years.

Documents are linked pairwise only through shared names (an inverted index, not all pairs), and merged
greedily from the strongest link down, two groups only when most of their documents are linked to each
other; so articles about different events that share names years apart (the same ministers, the same
alliance) stay apart, and a chain of one-off links does not become a story.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from checker.align.names import canonical_names
from checker.disjoint import DisjointSets

STORY_WINDOW_DAYS = 21  # a running story (a toll that grows, talks that drag on) spans about three weeks
MIN_SHARED_NAMES = 3  # fewer shared rare names is chance
# A name in more documents than this is a topic ("NATO" in an archive about NATO), not a story; skipping
# it also bounds the pairs the index yields per name.
COMMON_NAME_DOCUMENTS = 50


@dataclass
class _Story:
    members: list[str]
    first: dt.date | None
    last: dt.date | None
    years: set[int] | None = field(default=None)  # the Gregorian years the members' weekdays allow; None: any

    def accepts(self, other: _Story) -> bool:
        days = [d for d in (self.first, self.last, other.first, other.last) if d is not None]
        if days and (max(days) - min(days)).days > STORY_WINDOW_DAYS:
            return False
        years = _intersect(self.years, other.years)
        if years is not None and not years:
            return False
        if years is not None and days and not {d.year for d in days} & years:
            return False
        return True

    def absorb(self, other: _Story) -> None:
        self.members += other.members
        days = [d for d in (self.first, self.last, other.first, other.last) if d is not None]
        self.first, self.last = (min(days), max(days)) if days else (None, None)
        self.years = _intersect(self.years, other.years)


def _intersect(a: set[int] | None, b: set[int] | None) -> set[int] | None:
    if a is None:
        return b
    if b is None:
        return a
    return a & b


def story_links(documents: pl.DataFrame, facts: pl.DataFrame) -> pl.DataFrame:
    """(a, b, score) for every pair of documents that share at least MIN_SHARED_NAMES names, could be one
    story in time, and whose main events meet; the score weighs each shared name by its rarity in the run
    and adds one per event both bodies mention.

    Pairs come from an inverted index of names, blocked by time: a dated document meets only documents
    of its own STORY_WINDOW_DAYS bucket and the one before (two dates within the window are never further
    apart), so the work grows with the documents, not with their pairs. Undated documents meet all."""
    n = documents.height
    bucket = (pl.col("time") - pl.date(1970, 1, 1)).dt.total_days() // STORY_WINDOW_DAYS
    buckets = document_times(documents, facts).lazy().select("doc", bucket=bucket)
    exploded = documents.lazy().select(doc="id", name="names").explode("name").drop_nulls("name")
    # Sorted: canonical_names picks representatives in list order, and unique() has none (runs would differ).
    spellings = canonical_names(exploded.select("name").unique().sort("name").collect()["name"].to_list())
    names = (
        exploded.with_columns(pl.col("name").replace(spellings)).unique()
        .join(buckets, on="doc", how="left")
    )
    frequency = names.group_by("name").agg(df=pl.len())
    weighted = names.join(frequency, on="name").filter(pl.col("df").is_between(2, COMMON_NAME_DOCUMENTS))
    weighted = weighted.with_columns(weight=(pl.lit(n + 1) / pl.col("df")).log())
    dated, undated = weighted.filter(pl.col("bucket").is_not_null()), weighted.filter(pl.col("bucket").is_null())
    partners = pl.concat([dated.select("name", "bucket", b="doc"), dated.select("name", pl.col("bucket") + 1, b="doc")])
    shared = pl.concat([
        dated.join(partners, on=["name", "bucket"]).select("doc", "b", "name", "weight"),
        undated.join(weighted.select("name", b="doc"), on="name").select("doc", "b", "name", "weight"),
    ])
    pairs = (
        shared.filter(pl.col("doc") != pl.col("b"))
        .select(a=pl.min_horizontal("doc", "b"), b=pl.max_horizontal("doc", "b"), name="name", weight="weight")
        .unique(["a", "b", "name"])  # a pair with an undated document is found from both sides
        .group_by("a", "b")
        # Rounded: the float sum's last bits follow the group's row order, which varies run to run, and
        # would reorder equal scores, and with them the order stories are merged in.
        .agg(shared=pl.len(), score=pl.col("weight").sum().round(6))
        .filter(pl.col("shared") >= MIN_SHARED_NAMES)
    )
    events = facts.lazy().filter((pl.col("zone") == "body") & pl.col("event").is_not_null()).group_by("doc").agg(events=pl.col("event").unique())
    main = documents.lazy().select(doc="id", main="events")
    values = _telling_values(facts).lazy()
    return (
        pairs.join(events.rename({"doc": "a", "events": "events_a"}), on="a", how="left")
        .join(events.rename({"doc": "b", "events": "events_b"}), on="b", how="left")
        .join(main.rename({"doc": "a", "main": "main_a"}), on="a")
        .join(main.rename({"doc": "b", "main": "main_b"}), on="b")
        .join(values.rename({"doc": "a", "values": "values_a", "exact": "exact_a", "relative": "relative_a"}), on="a", how="left")
        .join(values.rename({"doc": "b", "values": "values_b", "exact": "exact_b", "relative": "relative_b"}), on="b", how="left")
        .filter(_main_events_meet() & _values_meet())
        .select("a", "b", score=pl.col("score") + pl.col("events_a").list.set_intersection("events_b").list.len().fill_null(0))
        .sort("score", "a", "b", descending=[True, False, False])
        .collect()
    )


MIN_TELLING_COUNT = 3  # one and two are everywhere (الطرفين, both sides); a year-sized number is a year


def _telling_values(facts: pl.DataFrame) -> pl.DataFrame:
    """(doc, values, relative): the values of an article body that tie it to one event, the days it writes
    out (a resolved date of day grain) and its counts from three up; and apart, its relative days
    (yesterday, on Monday). Two reports of one event share at least one value; two articles on one topic
    in the same weeks need not."""
    body = pl.col("zone") == "body"
    day = (pl.col("kind") == "date") & (pl.col("grain") == "day") & pl.col("date_start").is_not_null()
    count = (pl.col("kind") == "count") & (pl.col("number") >= MIN_TELLING_COUNT) & ~pl.col("number").is_between(1900, 2100)
    # A Hijri day may be a day off by local sighting: it stands for each day it may be.
    shifts = pl.int_ranges(-pl.col("tolerance").fill_null(0), pl.col("tolerance").fill_null(0) + 1)
    days = (
        facts.filter(body & day)
        .select("doc", "relative", "date_start", shift=shifts)
        .explode("shift")
        .select("doc", "relative", exact=pl.col("shift") == 0, value=pl.concat_str(pl.lit("d"), (pl.col("date_start") + pl.duration(days=pl.col("shift"))).cast(pl.Utf8)))
    )
    counts = facts.filter(body & count).select("doc", "relative", exact=pl.lit(True), value=pl.concat_str(pl.lit("n"), pl.col("number").cast(pl.Utf8)))
    written = pl.col("relative").is_null()
    return (
        pl.concat([days, counts])
        .group_by("doc")
        .agg(
            values=pl.col("value").filter(written).unique(),
            # against a relative day only the day as written counts, not the Hijri tolerance around it
            exact=pl.col("value").filter(written & pl.col("exact")).unique(),
            relative=pl.col("value").filter(~written & pl.col("exact")).unique(),
        )
    )


def _values_meet() -> pl.Expr:
    """The two bodies share a telling value. A relative day meets a day the other writes out, never another
    relative day: two articles of one week both have a "yesterday", whatever they are about. An article
    with no values at all (a short brief) meets any."""
    a, b = pl.col("values_a"), pl.col("values_b")
    ea, eb = pl.col("exact_a"), pl.col("exact_b")
    ra, rb = pl.col("relative_a"), pl.col("relative_b")
    either_empty = (a.is_null() | (a.list.len() + ra.list.len() == 0)) | (b.is_null() | (b.list.len() + rb.list.len() == 0))
    shared = a.list.set_intersection(b).list.len() + ea.list.set_intersection(rb).list.len() + ra.list.set_intersection(eb).list.len()
    return either_empty | (shared.fill_null(0) > 0)


def _main_events_meet() -> pl.Expr:
    """One document's top event is among the other's main events; a document without event words (a short
    brief) meets any. (A flood and an explosion in the same week both kill: the values tell them apart.)"""
    a, b = pl.col("main_a"), pl.col("main_b")
    either_empty = (a.list.len() == 0) | (b.list.len() == 0)
    top_a_in_b = b.list.set_intersection(a.list.head(1)).list.len() > 0
    top_b_in_a = a.list.set_intersection(b.list.head(1)).list.len() > 0
    return either_empty | top_a_in_b | top_b_in_a


def group_stories(documents: pl.DataFrame, facts: pl.DataFrame) -> pl.DataFrame:
    """(doc, story) for every document; a story is named by its smallest member id."""
    years = _weekday_years(facts)
    times = dict(document_times(documents, facts).iter_rows())
    stories: dict[str, _Story] = {}
    for doc in documents["id"]:
        stories[doc] = _Story([doc], times.get(doc), times.get(doc), years.get(doc))
    sets = DisjointSets()
    for doc in stories:
        sets.add(doc)
    links = story_links(documents, facts)
    linked = {(a, b) for a, b in links.select("a", "b").iter_rows()}
    for a, b, _ in links.iter_rows():
        root_a, root_b = sets.find(a), sets.find(b)
        if root_a == root_b or not stories[root_a].accepts(stories[root_b]):
            continue
        if not _mostly_linked(stories[root_a].members, stories[root_b].members, linked):
            continue
        keep = sets.union(root_a, root_b)
        gone = root_b if keep == root_a else root_a
        stories[keep].absorb(stories.pop(gone))
    docs = list(sets)
    return pl.DataFrame({"doc": docs, "story": [sets.find(d) for d in docs]}, schema={"doc": pl.Utf8, "story": pl.Utf8})


MIN_LINKED_SHARE = 0.5  # of the pairs across two groups, for them to become one story


def _mostly_linked(first: list[str], second: list[str], linked: set[tuple[str, str]]) -> bool:
    """Whether most documents of one group are linked to most of the other: a chain of pairwise links
    (a Beirut power cut linked to one NATO article through a shared ship count) does not make a story."""
    pairs = [(min(x, y), max(x, y)) for x in first for y in second]
    return sum(pair in linked for pair in pairs) >= MIN_LINKED_SHARE * len(pairs)


def document_times(documents: pl.DataFrame, facts: pl.DataFrame) -> pl.DataFrame:
    """(doc, time): the publication date, else the latest day the article body writes out in full (a
    news brief without a dateline still says "on Wednesday 6 March 2019"); documents with neither are absent."""
    written = (
        facts.filter(
            (pl.col("kind") == "date") & (pl.col("zone") == "body") & (pl.col("grain") == "day")
            & (pl.col("year_from") == "text") & (pl.col("date_start") == pl.col("date_end"))
        )
        .group_by("doc")
        .agg(written=pl.col("date_start").max())
    )
    return (
        documents.select(doc="id", published="published")
        .join(written, on="doc", how="left")
        .select("doc", time=pl.coalesce("published", "written"))
        .drop_nulls("time")
    )


WEEKDAY_YEARS = range(1990, 2041)


def _weekday_years(facts: pl.DataFrame) -> dict[str, set[int]]:
    """For documents without a publication date: the Gregorian years in which every day-and-month they
    write beside a weekday falls on that weekday (الأربعاء 2 ديسمبر: 2009, 2015, 2020, 2026, ...)."""
    from checker.normalise.conversion import WEEKDAY_NAMES

    dated = facts.filter(
        (pl.col("kind") == "date") & (pl.col("zone") == "body") & pl.col("weekday").is_not_null()
        & pl.col("date_start").is_null() & pl.col("value").str.contains(r"^XXXX-\d\d-\d\d$")
        & (pl.col("calendar") == "gregorian")
    )
    allowed: dict[str, set[int]] = {}
    for doc, value, weekday in dated.select("doc", "value", "weekday").iter_rows():
        month, day = int(value[5:7]), int(value[8:10])
        fits = set()
        for year in WEEKDAY_YEARS:
            try:
                if WEEKDAY_NAMES[dt.date(year, month, day).weekday()] == weekday:
                    fits.add(year)
            except ValueError:
                continue
        allowed[doc] = allowed[doc] & fits if doc in allowed else fits
    return allowed

