"""Align: which facts of which documents state the same thing.

    summary.py  documents -> one small row each: what story grouping needs (names, events, days, counts)
    stories.py  summaries -> stories (shared rare names across scripts, events, publication window)
    slots.py    facts -> slots within a story (kind and event); years of year-less dates from the story
    names.py    which consonant skeletons (checker/normalise/names.py) name one thing or person (rapidfuzz)

Stories need the summaries of the whole run; everything after them is local to a document (years, slots)
or to a story (comparison), so a run too big for memory aligns its facts batch by batch (align_facts).
"""

from __future__ import annotations

import polars as pl

from checker.align.slots import assign_slots, resolve_years_from_context, story_references
from checker.align.stories import group_stories
from checker.align.summary import SUMMARY_SCHEMA, summarise


def align_facts(facts: pl.DataFrame, stories: pl.DataFrame, references: pl.DataFrame, sources: pl.DataFrame) -> pl.DataFrame:
    """Facts of some documents plus story, slot, and their document's published date and outlet; year-less
    dates get their year from the story where it has one (year_from = "context"). `stories` (doc, story),
    `references` (story, reference) and `sources` (doc, published, published_time, outlet) may cover more documents than
    `facts` does: the result of a batch is its rows of the whole run's result."""
    with_story = facts.join(stories, on="doc", how="left", maintain_order="left")
    with_years = resolve_years_from_context(with_story, references)
    slotted = assign_slots(with_years, references)
    return slotted.join(sources, on="doc", how="left", maintain_order="left")


def align(documents: pl.DataFrame, facts: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(doc -> story, aligned facts: see align_facts) for documents held in memory."""
    summaries = summarise(documents, facts)
    stories = group_stories(summaries)
    references = story_references(summaries, stories)
    sources = documents.select(doc="id", published="published", published_time="published_time", outlet="outlet")
    return stories, align_facts(facts, stories, references, sources)


__all__ = ["SUMMARY_SCHEMA", "align", "align_facts", "group_stories", "story_references", "summarise"]
