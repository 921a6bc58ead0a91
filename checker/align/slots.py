"""Fact slots: within a story, the facts that state the same thing, and years resolved from the story.

A slot is (story, kind, event): every source's date of the expulsion, every source's count of people
expelled. Dates of the facets of one incident (the explosion, its dead) share a slot (checker/events.toml). Changes share one slot per story whatever their event word (a cap cut from 20 to 10 and a
mission halved are one change, told with different verbs). Counts and changes are like with like: their
slot also holds their `measure` (killed, diplomats, staff_posts), so 23 countries never meet 60 diplomats,
and a quantity's `unit`, so kilometres never meet metres. A count whose measure is an event's own
("12 killed" beside the word "injured") takes that event. A count whose measure says nothing more than
its event meets the one specific measure of that event in the story (see _slot_measure). Only facts of the article body take part;
a fact without an event word is too vague to align and stays out of every slot.

A date written without a year (السادس من أكتوبر, ۱۴ مهر) takes the year that puts it nearest the story's
publication dates, or the dates its articles write out in full (`year_from = "context"`), so it can be
compared at all.
"""

from __future__ import annotations

import polars as pl

from checker.align.summary import document_times, measure_family
from checker.calendars.intervals import resolve
from checker.calendars.tables import to_calendars
from checker.events import counted_event, event_properties, same_day_family, unspecific_measure

BACKGROUND_DAYS = 180  # a quantity anchored to a date this long before the story is its background
_YEARLESS = r"^XXXX-(\d\d)(?:-(\d\d))?$"


def story_references(summaries: pl.DataFrame, stories: pl.DataFrame) -> pl.DataFrame:
    """(story, reference, measures): the median of its documents' times (the publication date, else the
    latest full date the body writes: checker/align/summary.py), null when none has one; and, as
    "family=measure", each measure family (summary.measure_family) with exactly one specific measure in the story."""
    references = (
        stories.join(document_times(summaries), on="doc", how="left")
        .group_by("story")
        .agg(reference=pl.col("time").drop_nulls().sort().median())
        .with_columns(pl.col("reference").cast(pl.Date))
    )
    family = pl.col("measures").str.split("=").list.first()
    measures = (
        stories.join(summaries.select("doc", "measures"), on="doc")
        .explode("measures")
        .drop_nulls("measures")
        .unique(["story", "measures"])
        .filter(pl.len().over("story", family) == 1)
        .group_by("story")
        .agg(pl.col("measures").sort())
    )
    return references.join(measures, on="story", how="left").with_columns(pl.col("measures").fill_null([])).sort("story")


def assign_slots(facts: pl.DataFrame, references: pl.DataFrame) -> pl.DataFrame:
    """`facts` (with `story`) plus `slot`: null for facts that are not aligned.

    A count or change anchored to a date well before the story ("seven were expelled in 2018") is keyed
    by that date's year too, so it meets only what other sources say about that earlier time."""
    anchors = facts.select(anchor="id", anchor_start="date_start", anchor_end="date_end")
    # The one specific measure of each family in the story, for the facts whose measure says nothing more.
    only = references.select("story", "measures").explode("measures").drop_nulls("measures").select(
        "story", family=pl.col("measures").str.split("=").list.first(), only_measure=pl.col("measures").str.split("=").list.last()
    )
    with_anchor = (
        facts.join(anchors, on="anchor", how="left", maintain_order="left")
        .join(references.select("story", "reference"), on="story", how="left", maintain_order="left")
        .with_columns(family=measure_family())
        .join(only, on=["story", "family"], how="left", maintain_order="left")
    )
    background = pl.col("anchor_end") < pl.col("reference") - pl.duration(days=BACKGROUND_DAYS)
    aligned = pl.col("zone") == "body"
    families = {e: same_day_family(e) for members in event_properties().same_day.values() for e in members}
    event = pl.when(pl.col("kind") == "date").then(pl.col("event").replace(families)).otherwise(counted_event())
    like = pl.concat_str([pl.lit("|") + _slot_measure(), pl.lit("|") + pl.col("unit")], ignore_nulls=True)
    key = (
        pl.when(pl.col("kind") == "change")
        .then(pl.concat_str(pl.col("story"), pl.lit("|change"), like))
        .when(event.is_not_null() & pl.col("kind").is_in(["count", "quantity"]))
        .then(pl.concat_str(pl.col("story"), pl.lit("|"), pl.col("kind"), pl.lit("|"), event, like))
        .when(event.is_not_null())
        .then(pl.concat_str(pl.col("story"), pl.lit("|"), pl.col("kind"), pl.lit("|"), event))
    )
    era = pl.when(background.fill_null(False)).then(pl.concat_str(pl.lit("|"), pl.col("anchor_start").dt.year().cast(pl.Utf8))).otherwise(pl.lit(""))
    return with_anchor.with_columns(slot=pl.when(aligned).then(pl.concat_str(key, era))).drop(
        "anchor_start", "anchor_end", "reference", "family", "only_measure"
    )


def _slot_measure() -> pl.Expr:
    """The measure a count or change is slotted under: its own when specific; when it says nothing beyond
    its event (checker/events.toml generic_measures, event_measures), the one specific measure its family
    has in the story (story_references), else none."""
    return pl.when(unspecific_measure(pl.col("measure"), counted_event())).then(pl.col("only_measure")).otherwise(pl.col("measure"))


def resolve_years_from_context(facts: pl.DataFrame, references: pl.DataFrame) -> pl.DataFrame:
    """Fill year-less dates with the year that puts them nearest their story's reference day.

    `facts` must carry `story`; a story without a reference leaves its year-less dates unknown. Candidates
    are the reference's year in the fact's own calendar and the years either side, resolved in one pass
    through the calendar tables.
    """
    reference = references.select("story", "reference").drop_nulls("reference")
    yearless = (
        facts.with_row_index("__row")
        .filter((pl.col("kind") == "date") & pl.col("date_start").is_null() & pl.col("value").str.contains(_YEARLESS))
        .join(reference, on="story")
        .select(
            "__row", "calendar", "reference",
            month=pl.col("value").str.extract(_YEARLESS, 1).cast(pl.Int64),
            day=pl.col("value").str.extract(_YEARLESS, 2).cast(pl.Int64),
        )
    )
    if yearless.is_empty():
        return facts
    in_calendars = to_calendars(yearless.select("__row", date="reference"), date="date")
    reference_year = (
        pl.when(pl.col("calendar") == "hijri").then(pl.col("h_year"))
        .when(pl.col("calendar") == "jalali").then(pl.col("j_year"))
        .otherwise(pl.col("g_year"))
    )
    candidates = (
        yearless.join(in_calendars.select("__row", "g_year", "h_year", "j_year"), on="__row")
        .with_columns(year=pl.concat_list(reference_year - 1, reference_year, reference_year + 1))
        .explode("year")
    )
    resolved = resolve(candidates).filter(pl.col("error").is_null())
    middle = pl.col("date_start") + (pl.col("date_end") - pl.col("date_start")) / 2
    best = (
        resolved.with_columns(distance=(middle - pl.col("reference")).dt.total_days().abs())
        .sort("__row", "distance", "year")  # two years equally near: the earlier, whatever the row order
        .group_by("__row", maintain_order=True)
        .first()
        .select("__row", "year", new_start="date_start", new_end="date_end")
    )
    filled = facts.with_row_index("__row").join(best, on="__row", how="left", maintain_order="left")
    month_grain_gregorian = (pl.col("grain") == "month") & (pl.col("calendar") == "gregorian")
    new_value = (
        pl.when(pl.col("grain") == "day").then(pl.col("new_start").dt.to_string())
        .when(month_grain_gregorian).then(pl.col("new_start").dt.to_string().str.slice(0, 7))
        .otherwise(pl.concat_str(pl.col("new_start").dt.to_string(), pl.lit("/"), pl.col("new_end").dt.to_string()))
    )
    got = pl.col("new_start").is_not_null()
    return filled.with_columns(
        value=pl.when(got).then(new_value).otherwise(pl.col("value")),
        date_start=pl.when(got).then(pl.col("new_start")).otherwise(pl.col("date_start")),
        date_end=pl.when(got).then(pl.col("new_end")).otherwise(pl.col("date_end")),
        year_from=pl.when(got).then(pl.lit("context")).otherwise(pl.col("year_from")),
    ).drop("__row", "year", "new_start", "new_end")
