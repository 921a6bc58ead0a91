"""ordinal-conflict (conflict, error): sources that number one holder of one office differently: "the
eighth sultan" against «تاسع سلطان» or «نهمین سلطان» for the same person.

Holders and offices meet as in term-start-conflict (across scripts, a name alone with the one whole name it
opens or ends). Two holders with two numbers (the eighth sultan and his successor the ninth) are no
conflict: the numbers belong to different people.
"""

from __future__ import annotations

from itertools import combinations
from typing import Iterator

from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.rules import Context, Rule, summary_of
from checker.compare.rules.term_conflicts import office_groups


def check(context: Context) -> Iterator[Finding]:
    for group in office_groups(context):
        numbered = [f for f in group if f["ordinal"] is not None]
        for a, b in combinations(numbered, 2):
            if a["doc"] == b["doc"] or a["ordinal"] == b["ordinal"]:
                continue
            yield Finding(
                ORDINAL.name, ORDINAL.type, ORDINAL.severity, (a, b),
                f"{a['holder']}: {describe.source(a)} numbers the holder {a['ordinal']}, but {describe.source(b)}"
                f" numbers them {b['ordinal']}.",
            )  # fmt: skip


ORDINAL = Rule("ordinal-conflict", "conflict", "error", summary_of(__doc__), check)
RULES = (ORDINAL,)
