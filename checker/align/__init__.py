"""Align: which facts of which documents state the same thing.

    stories.py  documents -> stories (shared rare names across scripts, events, publication window)
    slots.py    facts -> slots within a story (kind and event); years of year-less dates from the story
    names.py    names across scripts and transliterations (consonant skeletons, rapidfuzz)
"""

from __future__ import annotations

import polars as pl

from checker.align.slots import assign_slots, resolve_years_from_context, story_references
from checker.align.stories import group_stories


def align(documents: pl.DataFrame, facts: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(doc -> story, facts plus story, slot, and the published date and outlet of their document).
    Year-less dates get their year from the story where it has one (year_from = "context")."""
    stories = group_stories(documents, facts)
    references = story_references(documents, stories, facts)
    with_story = facts.join(stories, on="doc", how="left", maintain_order="left")
    with_years = resolve_years_from_context(with_story, references)
    slotted = assign_slots(with_years, references)
    sources = documents.select(doc="id", published="published", outlet="outlet")
    return stories, slotted.join(sources, on="doc", how="left", maintain_order="left")


__all__ = ["align", "group_stories"]
