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
from checker.align.summary import document_times, split_names
from checker.disjoint import DisjointSets

STORY_WINDOW_DAYS = 21  # a running story (a toll that grows, talks that drag on) spans about three weeks
MIN_SHARED_NAMES = 3  # fewer shared rare names is chance
SAME_NEWS_DAYS = 1  # two documents published this close ...
SAME_DAY_SHARED_NAMES = 6  # ... and sharing this many rare names report one event even without a shared value
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


def story_links(
    summaries: pl.DataFrame, names: pl.LazyFrame | None = None, vocabulary: pl.DataFrame | None = None
) -> pl.DataFrame:
    """(a, b, score) for every pair of documents that share at least MIN_SHARED_NAMES names, could be one
    story in time, and whose main events meet; the score weighs each shared name by its rarity in the run
    and adds one per event both bodies mention. `summaries`: checker/align/summary.py, with their names,
    or without them and with their `names` rows and `vocabulary` apart (summary.split_names: a streamed
    run reads the rows from disk).

    Pairs come from an inverted index of names, blocked by time: a dated document meets only documents
    of its own STORY_WINDOW_DAYS bucket and the one before (two dates within the window are never further
    apart), so the work grows with the documents, not with their pairs. Undated documents meet all.
    Documents and names are numbered for the index: a name of a document is then a pair of integers."""
    if names is None or vocabulary is None:
        summaries, rows, vocabulary = split_names(summaries)
        names = rows.lazy()
    n = summaries.height
    numbered = summaries.lazy().with_row_index("i")
    time = pl.coalesce("published", "written")
    buckets = numbered.select("i", bucket=(time - pl.date(1970, 1, 1)).dt.total_days() // STORY_WINDOW_DAYS)
    # Sorted: canonical_names picks representatives in list order, and unique() has none (runs would differ).
    spellings = canonical_names(vocabulary["name"].unique().sort().to_list())
    name_ids = vocabulary.lazy().select("hash", name=pl.col("name").replace(spellings).rank("dense").cast(pl.UInt32))
    # Most (document, name) rows are of names in one document only, or in very many: those groups of
    # spellings are dropped before the index is built, by the documents their spellings are in (a group's
    # documents lie between its most frequent spelling's and the sum of its spellings'), so the index
    # holds only names that can link documents, and the exact counts below are unchanged.
    # Streamed: the rows may be more than memory holds; the counts are one row per distinct spelling.
    spelling_df = names.group_by("hash").agg(df=pl.len()).collect(engine="streaming")
    groups = name_ids.collect().join(spelling_df, on="hash")
    linking = groups.group_by("name").agg(low=pl.col("df").max(), high=pl.col("df").sum()).filter(
        (pl.col("high") >= 2) & (pl.col("low") <= COMMON_NAME_DOCUMENTS)
    )
    kept = groups.join(linking.select("name"), on="name").select("hash", "name")
    index = names.join(kept.lazy(), on="hash").select("i", "name").collect(engine="streaming")
    # Collected once: the rest reads it three times, and the plan would otherwise hold copies of it.
    names = _distinct(index.lazy(), "i", "name").join(buckets, on="i", how="left").collect().lazy()
    frequency = names.group_by("name").agg(df=pl.len())
    weighted = names.join(frequency, on="name").filter(pl.col("df").is_between(2, COMMON_NAME_DOCUMENTS))
    weighted = weighted.with_columns(weight=(pl.lit(n + 1) / pl.col("df")).log())
    dated, undated = weighted.filter(pl.col("bucket").is_not_null()), weighted.filter(pl.col("bucket").is_null())
    partners = pl.concat([dated.select("name", "bucket", b="i"), dated.select("name", pl.col("bucket") + 1, b="i")])
    shared = pl.concat([
        dated.join(partners, on=["name", "bucket"]).select("i", "b", "name", "weight"),
        undated.join(weighted.select("name", b="i"), on="name").select("i", "b", "name", "weight"),
    ])
    # A pair with an undated document is found from both sides.
    pairs = _distinct(
        shared.filter(pl.col("i") != pl.col("b"))
        .select(a=pl.min_horizontal("i", "b"), b=pl.max_horizontal("i", "b"), name="name", weight="weight"),
        "a", "b", "name",
    )
    pair = pl.col("a").cast(pl.UInt64) * _PAIR + pl.col("b").cast(pl.UInt64)  # one integer key: a cheap group_by
    pairs = (
        pairs.group_by(pair.alias("pair"))
        # Summed in sorted order: a float sum's last bits follow the order of its terms, which varies run to
        # run, and would reorder equal scores, and with them the order stories are merged in.
        .agg(shared=pl.len(), score=pl.col("weight").sort().sum().round(6))
        .filter(pl.col("shared") >= MIN_SHARED_NAMES)
        .select(a=(pl.col("pair") // _PAIR).cast(pl.UInt32), b=(pl.col("pair") % _PAIR).cast(pl.UInt32), score="score", shared="shared")
    )
    fields = ("doc", "main", "body_events", "values", "exact", "relative", "published")
    side = numbered.select("i", *fields)
    return (
        pairs.join(side.rename({"i": "a", **{c: f"{c}_a" for c in fields}}), on="a")
        .join(side.rename({"i": "b", **{c: f"{c}_b" for c in fields}}), on="b")
        .filter(_main_events_meet() & (_values_meet() | _same_news_day()))
        .select(
            a=pl.min_horizontal("doc_a", "doc_b"), b=pl.max_horizontal("doc_a", "doc_b"),
            score=pl.col("score") + pl.col("body_events_a").list.set_intersection("body_events_b").list.len().fill_null(0),
        )
        .sort("score", "a", "b", descending=[True, False, False])
        .collect()
    )


_PAIR = 2**32  # document numbers are u32 (with_row_index)


def _distinct(frame: pl.LazyFrame, *columns: str) -> pl.LazyFrame:
    """`frame` without repeated rows of `columns`, sorted by them: sorting integers costs a fraction of the
    memory unique() takes for its hash table on millions of (document, name) rows."""
    changed = pl.any_horizontal(pl.col(c) != pl.col(c).shift(1) for c in columns).fill_null(True)
    return frame.sort(*columns).filter(changed)


def _same_news_day() -> pl.Expr:
    """Published within SAME_NEWS_DAYS of each other and sharing SAME_DAY_SHARED_NAMES rare names: one news
    event told from different sides (a ruler's death, his successor's oath, the mourning) shares its people
    and its days of publication, if not a written value."""
    a, b = pl.col("published_a"), pl.col("published_b")
    close = (a - b).dt.total_days().abs() <= SAME_NEWS_DAYS
    return (close & (pl.col("shared") >= SAME_DAY_SHARED_NAMES)).fill_null(False)


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


def group_stories(
    summaries: pl.DataFrame, names: pl.LazyFrame | None = None, vocabulary: pl.DataFrame | None = None
) -> pl.DataFrame:
    """(doc, story) for every summarised document (checker/align/summary.py; see story_links for `names`
    and `vocabulary`); a story is named by its smallest member id."""
    links = story_links(summaries, names, vocabulary)
    # Only linked documents can join a story; the others (most of an archive) are their own.
    members = pl.concat([links["a"], links["b"]]).unique().to_frame("doc")
    candidates = summaries.join(members, on="doc", how="semi")
    years = {doc: set(y) for doc, y in candidates.select("doc", "weekday_years").drop_nulls("weekday_years").iter_rows()}
    times = dict(document_times(candidates).iter_rows())
    stories: dict[str, _Story] = {}
    sets = DisjointSets()
    for doc in candidates["doc"]:
        stories[doc] = _Story([doc], times.get(doc), times.get(doc), years.get(doc))
        sets.add(doc)
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
    story_of = pl.DataFrame({"doc": list(sets), "story": [sets.find(d) for d in sets]}, schema={"doc": pl.Utf8, "story": pl.Utf8})
    return (
        summaries.select("doc")
        .join(story_of, on="doc", how="left", maintain_order="left")
        .with_columns(story=pl.coalesce("story", "doc"))
    )

MIN_LINKED_SHARE = 0.5  # of the pairs across two groups, for them to become one story


def _mostly_linked(first: list[str], second: list[str], linked: set[tuple[str, str]]) -> bool:
    """Whether most documents of one group are linked to most of the other: a chain of pairwise links
    (a Beirut power cut linked to one NATO article through a shared ship count) does not make a story."""
    pairs = [(min(x, y), max(x, y)) for x in first for y in second]
    return sum(pair in linked for pair in pairs) >= MIN_LINKED_SHARE * len(pairs)
