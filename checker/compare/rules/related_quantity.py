"""related-quantity (related, warning): a change that the counts of one story do not add up to, for a person to review.

"8 diplomats expelled" against "the cap cut from 20 to 10": a change of 10 where 8 were counted. Both
can be true (two posts were vacant), so this is neither agreement nor conflict: one finding per change
states the arithmetic (20 − 8 expelled = 12, not 10: 2 not accounted for) and lets a person look. When
the counts add up to the change, or nothing can account for it, the rule is silent. A count takes part
when its event is one of checker/events.toml `related_to_changes`, it is exact, it is no larger than the
whole the change starts from (or the change itself, when no whole is given), it belongs to the same
time, and its measure is the change's or one checker/events.toml `accounts_for` lists for it (a
measure that says nothing beyond the event, or none, on either side does not keep them apart).
"""

from __future__ import annotations

from collections import Counter

import polars as pl

from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.rules import Context, Rule, summary_of
from checker.compare.values import change_units
from checker.events import counted_event, event_properties, unspecific_measure

# A slot keyed by an earlier time ends in |YYYY (checker/align/slots.py): counts meet changes of that time only.
_ERA = pl.col("slot").str.extract(r"\|(\d{4})$").fill_null("")


def check(context: Context):
    properties = event_properties()
    slotted = context.facts.filter(pl.col("slot").is_not_null()).with_columns(era=_ERA)
    counts = slotted.filter((pl.col("kind") == "count") & pl.col("event").is_in(list(properties.related_to_changes)) & pl.col("approx").is_null())
    changes = slotted.filter(pl.col("kind") == "change").with_columns(units=change_units())
    # A running total's change is a revised figure (a toll cut from 174 to 125), not people removed from a whole.
    running = list(properties.running_totals)
    revised = counted_event().is_in(running) | pl.col("measure").is_in([properties.event_measures.get(e) for e in running])
    changes = changes.filter(pl.col("units").is_not_null() & (pl.col("units") < 0) & ~revised.fill_null(False))
    # A count larger than the whole before the change (30 allies against a cap cut from 20), or than a change
    # with no whole given (2008 against a cut of 10), counts something else.
    whole = pl.coalesce(pl.col("from"), pl.col("units").abs())
    accounts = [(change, count) for change, counts_for in properties.accounts_for.items() for count in counts_for]
    measured = pl.concat_str(pl.col("measure"), pl.lit("|"), pl.col("measure_b")).is_in([f"{a}|{b}" for a, b in accounts])
    unspecific = unspecific_measure(pl.col("measure"), pl.col("event")) | unspecific_measure(pl.col("measure_b"), pl.col("event_b"))
    like = unspecific | (pl.col("measure") == pl.col("measure_b")) | measured
    # Rows in the facts' order (the documents' input order, then the text's): a finding lists its facts so.
    # A count equal to the change's new value is that value (a toll revised from 174 to 125; 125 dead), not a part of the cut.
    new_value = pl.col("number_b") == pl.col("to")
    pairs = changes.join(counts, on=["story", "era"], suffix="_b", maintain_order="left_right").filter(
        (pl.col("number_b") <= whole) & like & ~new_value.fill_null(False)
    )
    # One finding per change (its slot and size), however many sources repeat it or the counts; each fact
    # once, in the order the rows come (dicts keyed by id keep it, and test membership at no cost).
    grouped: dict[tuple, tuple[dict, dict]] = {}
    for change, count in zip(context.rows(pairs), context.rows(pairs, "_b")):
        changes_of, counts_of = grouped.setdefault((change["slot"], _removed(change)), ({}, {}))
        changes_of.setdefault(change["id"], change)
        counts_of.setdefault(count["id"], count)
    for (_, removed), (changes_of, counts_of) in sorted(grouped.items(), key=lambda item: str(item[0])):
        counted = _counted_per_event(list(counts_of.values()))
        total = sum(facts[0]["number"] for facts in counted)
        if total == removed:
            continue  # the counts account for the change
        change_facts = list(changes_of.values())
        yield Finding(
            RULE.name, RULE.type, RULE.severity, (*change_facts, *(f for facts in counted for f in facts)),
            _message(change_facts, counted, removed, total),
        )


def _counted_per_event(counts: list[dict]) -> list[list[dict]]:
    """Per event, the facts of the count most sources give (count-conflict reports the others); events in
    the order of their first fact."""
    by_event: dict[str, list[dict]] = {}
    for fact in counts:
        by_event.setdefault(fact["event"], []).append(fact)
    chosen = []
    for facts in by_event.values():
        support = Counter({number: len({f["doc"] for f in facts if f["number"] == number}) for number in {f["number"] for f in facts}})
        number = min(support, key=lambda n: (-support[n], n))
        chosen.append([f for f in facts if f["number"] == number])
    return chosen


def _message(change_facts: list[dict], counted: list[list[dict]], removed: float, total: float) -> str:
    change = change_facts[0]
    whole = f"{describe.number(change['from'])} − " if change.get("from") is not None else ""
    terms = " − ".join(f"{describe.number(facts[0]['number'])} ({facts[0]['event']})" for facts in counted)
    listed = "; ".join(f"{describe.number(facts[0]['number'])} {facts[0]['event']} ({describe.sources(facts)})" for facts in counted)
    target = f" = {describe.number(change['from'] - total)}, not {describe.number(change['to'])}" if whole else ""
    gap = removed - total
    why = (
        f"{describe.number(gap)} of the cut not accounted for by any count (vacant posts, other departures?)"
        if gap > 0 else f"{describe.number(-gap)} more counted than the cut removes (counted before it, or something else counted?)"
    )
    return (
        f"{change['event'] or 'change'}: {whole}{terms}{target}: {why}. "
        f"The change: {describe.quantity_value(change)} ({describe.sources(change_facts)}); counted: {listed}."
    )


def _removed(change: dict) -> float:
    return abs(change["to"] - change["from"]) if change.get("from") is not None else abs(change["by"])


RULE = Rule("related-quantity", "related", "warning", summary_of(__doc__), check)
RULES = (RULE,)
