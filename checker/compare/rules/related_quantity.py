"""related-quantity (related, warning): a count and a change in one story that differ, for a person to review.

"8 diplomats expelled" against "the cap cut from 20 to 10": a change of 10 where 8 were counted. Both
can be true (two posts were vacant), so this is neither agreement nor conflict: the finding gives both
numbers and the difference. Counts of the events in checker/events.toml `related_to_changes`
are paired with every change in units of the same story and time; one finding per change and value.
"""

from __future__ import annotations

from collections import defaultdict

import polars as pl

from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.rules import Context, Rule, summary_of
from checker.events import event_properties
from checker.compare.values import change_units

# A slot keyed by an earlier time ends in |YYYY (checker/align/slots.py): counts meet changes of that time only.
_ERA = pl.col("slot").str.extract(r"\|(\d{4})$").fill_null("")


def check(context: Context):
    events = list(event_properties().related_to_changes)
    slotted = context.facts.filter(pl.col("slot").is_not_null()).with_columns(era=_ERA)
    counts = slotted.filter((pl.col("kind") == "count") & pl.col("event").is_in(events) & pl.col("approx").is_null())
    changes = slotted.filter(pl.col("kind") == "change").with_columns(units=change_units())
    changes = changes.filter(pl.col("units").is_not_null() & (pl.col("units") < 0))
    # A count larger than the whole before the change (30 allies against a cap cut from 20) counts something else.
    # Rows in the facts' order (the documents' input order, then the text's): a finding lists its facts so.
    pairs = changes.join(counts, on=["story", "era"], suffix="_b", maintain_order="left_right").filter(
        (pl.col("units").abs() != pl.col("number_b")) & ~(pl.col("number_b") > pl.col("from")).fill_null(False)
    )
    # One finding per story, time, count and size of change, however many sources repeat either.
    grouped: dict[tuple, tuple[list, list]] = defaultdict(lambda: ([], []))
    for change, count in zip(context.rows(pairs), context.rows(pairs, "_b")):
        changes_of, counts_of = grouped[(change["story"], change["slot"], count["number"], _removed(change))]
        if change["id"] not in {c["id"] for c in changes_of}:
            changes_of.append(change)
        if count["id"] not in {c["id"] for c in counts_of}:
            counts_of.append(count)
    for (_, _, counted, removed), (change_facts, count_facts) in sorted(grouped.items(), key=lambda item: str(item[0])):
        difference = removed - counted
        yield Finding(
            RULE.name, RULE.type, RULE.severity, (*change_facts, *count_facts),
            f"{count_facts[0]['event']}: {describe.number(counted)} counted ({describe.sources(count_facts)}) against a change of "
            f"{describe.number(removed)} ({describe.quantity_value(change_facts[0])}: {describe.sources(change_facts)}): "
            f"a difference of {describe.number(abs(difference))}; check what accounts for it (vacant posts, other departures).",
        )


def _removed(change: dict) -> float:
    return abs(change["to"] - change["from"]) if change.get("from") is not None else abs(change["by"])


RULE = Rule("related-quantity", "related", "warning", summary_of(__doc__), check)
RULES = (RULE,)
