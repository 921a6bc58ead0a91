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
    events = event_properties().get("related_to_changes", [])
    slotted = context.facts.filter(pl.col("slot").is_not_null()).with_columns(era=_ERA)
    counts = slotted.filter((pl.col("kind") == "count") & pl.col("event").is_in(events) & pl.col("approx").is_null())
    changes = slotted.filter(pl.col("kind") == "change").with_columns(units=change_units())
    changes = changes.filter(pl.col("units").is_not_null() & (pl.col("units") < 0))
    pairs = changes.join(counts, on=["story", "era"], suffix="_b").filter(pl.col("units").abs() != pl.col("number_b"))
    grouped: dict[tuple[str, float], list] = defaultdict(list)
    change_of: dict[str, dict] = {}
    for change, count in zip(context.rows(pairs), context.rows(pairs, "_b")):
        change_of[change["id"]] = change
        grouped[(change["id"], count["number"])].append(count)
    for (change_id, counted), count_facts in sorted(grouped.items()):
        change = change_of[change_id]
        removed = abs(change["to"] - change["from"]) if change.get("from") is not None else abs(change["by"])
        difference = removed - counted
        sources = describe.sources(count_facts)
        yield Finding(
            RULE.name, RULE.type, RULE.severity, (change, *count_facts),
            f"{count_facts[0]['event']}: {describe.number(counted)} counted ({sources}) against a change of "
            f"{describe.number(removed)} ({describe.quantity_value(change)}, {describe.source(change)}): "
            f"a difference of {describe.number(abs(difference))}; check what accounts for it (vacant posts, other departures).",
        )


RULE = Rule("related-quantity", "related", "warning", summary_of(__doc__), check)
RULES = (RULE,)
