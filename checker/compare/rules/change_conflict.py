"""change-conflict (conflict, error): sources describe one change differently.

"from 20 to 10" agrees with "halved" (both x0.5) and disagrees with "cut by a third" (x0.67); a change
given in units ("cut by seven") is compared with another in units. Only changes told with the same event
conflict: a cap cut from 30 to 20 and a mission cut by seven are two quantities (related-quantity's
business), while they may still agree (change-agree). Only sources that give a single change for the
story (or for the earlier time it is anchored to) take part.
"""

from __future__ import annotations

import polars as pl

from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.groups import value_groups
from checker.compare.rules import Context, Rule, summary_of
from checker.compare.values import changes_agree, changes_comparable


def check(context: Context):
    candidates = context.pairs.filter(
        (pl.col("kind") == "change") & pl.col("alone") & pl.col("alone_b") & changes_comparable()
        & pl.col("event").eq_missing(pl.col("event_b"))
    )
    for groups in value_groups(context, candidates, changes_agree(), by=("slot", "event")):
        facts = tuple(f for group in groups for f in group)
        listed = "; ".join(f"{describe.quantity_value(g[0])} ({describe.sources(g)})" for g in groups)
        yield Finding(RULE.name, RULE.type, RULE.severity, facts, f"the sources describe the change {len(groups)} ways: {listed}.")


RULE = Rule("change-conflict", "conflict", "error", summary_of(__doc__), check)
RULES = (RULE,)
