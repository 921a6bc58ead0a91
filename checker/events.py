"""What the engine knows about events beyond their words: checker/events.toml. The words for each event
live per language in checker/lang/<code>/events.toml; the event names are shared."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def event_properties() -> dict[str, Any]:
    with resources.files("checker").joinpath("events.toml").open("rb") as handle:
        return tomllib.load(handle)


def generic_events() -> frozenset[str]:
    return frozenset(event_properties().get("generic", []))


def countable_events() -> frozenset[str]:
    return frozenset(event_properties().get("countable", []))


def same_day_family(event: str | None) -> str | None:
    """The name the dates of `event` are slotted under: its incident family's name, else itself."""
    for family, members in event_properties().get("same_day", {}).items():
        if event in members:
            return family
    return event
