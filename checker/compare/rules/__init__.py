"""Comparison rules, one module each, every one named (the findings' `rule` field) with its type and
default severity. The registry below is the one place that lists them; `checker rules` prints it.

Adding a rule means adding a module here with a RULES tuple and listing it in _MODULES.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import import_module
from typing import Any, Callable, Iterable

import polars as pl

from checker.compare.finding import Finding


@dataclass(frozen=True)
class Context:
    facts: pl.DataFrame  # every fact of the run with story, slot, published (of its document) and outlet
    pairs: pl.DataFrame  # value groups of one slot from two documents (compare.fact_pairs); the second's columns end in `_b`
    handover_days: int = 1  # days two holders of one office may overlap (the day of the hand-over)

    def rows(self, frame: pl.DataFrame, suffix: str = "") -> list[dict[str, Any]]:
        """The fact rows of `frame` (or of its `_b` side), as dicts with unsuffixed keys. A join key has one
        column for both sides."""
        names = self.facts.columns
        present = set(frame.columns)
        columns = [pl.col(n + suffix if n + suffix in present else n).alias(n) for n in names]
        return [dict(zip(names, r)) for r in frame.select(columns).iter_rows()]

    @cached_property
    def terms(self) -> pl.DataFrame:
        """The office facts' terms in the table the term rules share with the gate (checker/compare/terms.py)."""
        from checker.compare.terms import article_terms  # lazy: only runs that hold office facts need it

        return article_terms(self.facts)

    def fact_index(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The fact rows of `ids` by id."""
        wanted = self.facts.filter(pl.col("id").is_in(pl.Series(list(set(ids)), dtype=pl.Utf8).implode()))
        return {row["id"]: row for row in self.rows(wanted)}


@dataclass(frozen=True)
class Rule:
    name: str
    type: str  # conflict | internal | related | agree
    severity: str  # error | warning | info (a rule may lower it for a weaker case; it says so in `summary`)
    summary: str
    check: Callable[[Context], Iterable[Finding]]


_MODULES = (
    "weekday_mismatch",
    "calendar_pair_mismatch",
    "relative_date_mismatch",
    "date_conflict",
    "count_conflict",
    "change_conflict",
    "duration_conflict",
    "related_quantity",
    "term_length_mismatch",
    "age_birth_mismatch",
    "parts_exceed_total",
    "term_order",
    "term_overlap",
    "duration_since_mismatch",
    "term_conflicts",
    "ordinal_conflict",
    "agreement",
)


def summary_of(docstring: str | None) -> str:
    """The first paragraph of a rule module's docstring, without its "name (type, severity):" lead."""
    first = " ".join((docstring or "").strip().split("\n\n")[0].split())
    return first.split("): ", 1)[1] if "): " in first else first


# Rules both front ends run on the one table of terms (checker/compare/terms.py): `checker gate` runs them too.
SHARED = ("term-order", "term-overlap", "term-start-conflict", "term-end-conflict", "term-length-conflict")


@lru_cache(maxsize=1)
def shared_rules() -> tuple[Rule, ...]:
    return tuple(rule for rule in all_rules() if rule.name in SHARED)


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    return tuple(rule for module in _MODULES for rule in import_module(f"{__name__}.{module}").RULES)
