"""count-conflict (conflict, error) and count-update (conflict, info): sources count one thing differently.

Exact counts must match; hedged ones ("about 80", "more than 20") conflict only outside their range
(checker/compare/values.py), and then as a warning. A running total (deaths, injuries, arrests: listed
in checker/events.toml) that grows with each later source is an update, not a conflict. Only sources
that give a single count for the slot take part; one finding per slot names every count and its sources.
Where sources in one language plainly name different things counted (3 soldiers, 12 civilians), or
none says what it counts (neither a countable event such as the dead nor a specific measure: "two" and
"five" of a visit), the finding is only info.
"""

from __future__ import annotations

import polars as pl
from rapidfuzz import fuzz

from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.groups import value_groups
from checker.compare.rules import Context, Rule, summary_of
from checker.compare.values import counts_overlap
from checker.events import countable_events, event_properties, is_unspecific
from checker.normalise.text import fold


def check(context: Context):
    candidates = context.pairs.filter((pl.col("kind") == "count") & pl.col("alone") & pl.col("alone_b"))
    running = set(event_properties().running_totals)
    for groups in value_groups(context, candidates, counts_overlap()):
        facts = tuple(f for group in groups for f in group)
        event = groups[0][0]["event"]
        if event in running and _grows_with_time(groups):
            steps = " -> ".join(f"{describe.quantity_value(g[0])} on {g[0]['published'].isoformat()} ({describe.sources(g)})" for g in groups)
            yield Finding(UPDATE.name, UPDATE.type, UPDATE.severity, facts, f"{event}: a running total, updated by later sources: {steps}.")
            continue
        hedged = any(f.get("approx") for f in facts)
        listed = "; ".join(f"{describe.quantity_value(g[0])} ({describe.sources(g)})" for g in groups)
        if not any(_names_what_is_counted(f) for f in facts):
            yield Finding(
                CONFLICT.name, CONFLICT.type, "info", facts,
                f"{event}: the sources give {len(groups)} different counts, but none says what it counts: {listed}.",
            )
            continue
        if _count_different_things(groups):
            yield Finding(
                CONFLICT.name, CONFLICT.type, "info", facts,
                f"{event}: the sources give {len(groups)} different counts, but name different things counted: {listed}.",
            )
            continue
        yield Finding(
            CONFLICT.name, CONFLICT.type, "warning" if hedged else CONFLICT.severity, facts,
            f"{event}: the sources give {len(groups)} different counts: {listed}.",
        )


def _names_what_is_counted(fact: dict) -> bool:
    """Whether a count says what it counts: by its event (the dead, the arrested: checker/events.toml
    countable), by a measure that says more than its event, or, for a claim of a table (checker gate), by
    the attribute its key names."""
    return bool(fact.get("key")) or fact["event"] in countable_events() or not is_unspecific(fact.get("measure"), fact["event"])


SAME_THING_SCORE = 40  # token_set_ratio of the counted words: جنود against مدنيين scores far below


def _count_different_things(groups: list[list[dict]]) -> bool:
    """Whether two groups plainly count different things: every pair of their distinct counted nouns
    written in one language shares next to nothing (3 soldiers killed, 12 civilians killed). Across
    languages nothing can be said, and the finding stands. The nouns are taken once per wording, so an
    article that repeats its sentence costs nothing more."""
    nouns = [{(f["lang"], fold(f["subject"])) for f in group if f.get("subject")} for group in groups]
    for i, first in enumerate(nouns):
        for second in nouns[i + 1 :]:
            scores = [fuzz.token_set_ratio(a, b) for lang_a, a in first for lang_b, b in second if lang_a == lang_b]
            if scores and max(scores) < SAME_THING_SCORE:
                return True
    return False


def _grows_with_time(groups: list[list[dict]]) -> bool:
    """Each group published on one day, later groups later and larger."""
    days = [{f.get("published") for f in g} for g in groups]
    if any(len(d) != 1 or None in d for d in days):
        return False
    ordered = [(next(iter(d)), g[0]["number"]) for d, g in zip(days, groups)]
    return all(a[0] < b[0] and a[1] < b[1] for a, b in zip(ordered, ordered[1:]))


CONFLICT = Rule("count-conflict", "conflict", "error", summary_of(__doc__), check)
UPDATE = Rule("count-update", "conflict", "info", "a running total that grew in later sources (written by count-conflict)", lambda context: ())
RULES = (CONFLICT, UPDATE)
