"""Rules only a table of claims can break, one module each, with the same Rule and Finding types as the
comparison rules of `checker check` (checker/compare/rules/). The gate runs these, the term rules both front
ends share (term-order, term-overlap, term-start-conflict, term-end-conflict, term-length-conflict: one
implementation over checker/compare/terms.py's table) and, for values of one subject and attribute from
different sources, the shared date-conflict and count-conflict rules themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module

import polars as pl

from checker.compare.rules import Rule, shared_rules


@dataclass(frozen=True)
class GateContext:
    facts: pl.DataFrame  # every fact (one per value; a term gives a start and an end fact), with path, row, slot
    terms: pl.DataFrame  # one row per term claim (checker/compare/terms.py TERM_SCHEMA)
    invalid: pl.DataFrame  # rows whose value does not parse or names no real date, with the reason
    handover_days: int = 1  # days two holders of one office may overlap (the day of the hand-over)

    def fact_index(self, ids) -> dict[str, dict]:
        """The fact rows of `ids` by id, fetched in one pass (rules call it once, not once per finding)."""
        wanted = with_event(self.facts.filter(pl.col("id").is_in(pl.Series(list(set(ids)), dtype=pl.Utf8).implode())))
        return {row["id"]: row for row in wanted.iter_rows(named=True)}

    def fact_rows(self, ids: list[str]) -> list[dict]:
        index = self.fact_index(ids)
        return [index[fact_id] for fact_id in ids if fact_id in index]


def with_event(facts: pl.DataFrame) -> pl.DataFrame:
    """`event`, what a claim is about, for messages ("Hassan Rouhani: President of Iran term end"): made
    only for the facts a rule writes about, not for a million rows."""
    side = pl.col("id").str.extract(r":(start|end)$", 1)
    return facts.with_columns(
        # in the finding's id (checker.compare.finding.fingerprint): one source may state one value about two
        # subjects; the row's own words, not the slot, so that an alias file leaves the id alone
        key=pl.concat_str("claim", pl.lit("|"), pl.col("id").str.extract(r":(start|end)$", 1).fill_null("")),
        event=pl.when(pl.col("office").is_not_null())
        .then(pl.concat_str("subject", pl.lit(": "), "office", pl.lit(" term "), side))
        .otherwise(pl.concat_str("subject", pl.lit(": "), "attribute"))
    )


_MODULES = ("invalid_value", "source_self_conflict", "precision_conflict")


@lru_cache(maxsize=1)
def own_rules() -> tuple[Rule, ...]:
    """The rules only the gate runs."""
    return tuple(rule for module in _MODULES for rule in import_module(f"{__name__}.{module}").RULES)


@lru_cache(maxsize=1)
def gate_rules() -> tuple[Rule, ...]:
    """Every rule the gate runs on its facts and terms: its own and the shared term rules."""
    return (*own_rules(), *shared_rules())
