"""invalid-value (internal, error): a value that names no real date (30 Esfand 1402, 31/02/2021) or that
reads as neither a date nor a count. One finding per row, naming the row and why."""

from __future__ import annotations

from checker.compare.finding import Finding
from checker.compare.rules import Rule, summary_of


def check(context):
    for fact in context.invalid.iter_rows(named=True):
        yield Finding(
            RULE.name, RULE.type, RULE.severity, (fact,),
            f"{fact['path']} row {fact['row']}: {fact['event']}: «{fact['text']}» ({fact['doc']}): {fact['notes']}.",
        )  # fmt: skip


RULE = Rule("invalid-value", "internal", "error", summary_of(__doc__), check)
RULES = (RULE,)
