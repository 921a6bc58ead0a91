"""What the engine knows about events beyond their words: checker/events.toml, read once into a validated
`EventProperties`. The words for each event live per language in checker/lang/<code>/events.toml; the
event names are shared."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

import polars as pl

from checker.lang.schema import Words, build


@dataclass(frozen=True)
class EventProperties:
    running_totals: Words = ()  # counts that grow while a story unfolds: a larger later one is an update
    related_to_changes: Words = ()  # counts of people removed that can account for a change in staff
    generic: Words = ()  # events every article has: they tell nothing about its story
    recurring: Words = ()  # events that happen many times in one story: a disagreement may be two occurrences
    countable: Words = ()  # what a count next to these words counts
    same_day: Mapping[str, Words] = field(default_factory=lambda: MappingProxyType({}))  # family -> its events
    generic_measures: Words = ()  # measures that say nothing beyond the event (people)
    event_measures: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # event -> the measure its word implies
    accounts_for: Mapping[str, Words] = field(default_factory=lambda: MappingProxyType({}))  # a change's measure -> counts' measures


@lru_cache(maxsize=1)
def event_properties() -> EventProperties:
    with resources.files("checker").joinpath("events.toml").open("rb") as handle:
        return build(EventProperties, tomllib.load(handle), "checker/events.toml")


def generic_events() -> frozenset[str]:
    return frozenset(event_properties().generic)


def recurring_events() -> frozenset[str]:
    return frozenset(event_properties().recurring)


def countable_events() -> frozenset[str]:
    return frozenset(event_properties().countable)


def counted_event() -> pl.Expr:
    """A fact's event, except for a count whose measure is an event's own: "12 killed" in a clause whose
    nearest event word is "injured" counts the dead."""
    outcome = {measure: event for event, measure in event_properties().event_measures.items()}
    by_measure = pl.col("measure").replace_strict(outcome, default=None, return_dtype=pl.Utf8)
    return pl.when(pl.col("kind") == "count").then(pl.coalesce(by_measure, pl.col("event"))).otherwise(pl.col("event"))


def unspecific_measure(measure: pl.Expr, event: pl.Expr) -> pl.Expr:
    """Whether a count's measure says nothing beyond its event: none, a generic one, or the event's own."""
    properties = event_properties()
    implied = event.replace_strict(dict(properties.event_measures), default=None, return_dtype=pl.Utf8)
    return measure.is_null() | measure.is_in(list(properties.generic_measures)) | (measure == implied).fill_null(False)


def counted_event_of(fact: Mapping) -> str | None:
    """counted_event for one fact's values."""
    outcome = {measure: event for event, measure in event_properties().event_measures.items()}
    if fact.get("kind") == "count" and fact.get("measure") in outcome:
        return outcome[fact["measure"]]
    return fact.get("event")


def is_unspecific(measure: str | None, event: str | None) -> bool:
    """unspecific_measure for one fact's values."""
    properties = event_properties()
    return measure is None or measure in properties.generic_measures or measure == properties.event_measures.get(event or "")


def same_day_family(event: str | None) -> str | None:
    """The name the dates of `event` are slotted under: its incident family's name, else itself."""
    for family, members in event_properties().same_day.items():
        if event in members:
            return family
    return event
