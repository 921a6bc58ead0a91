"""Findings: the verdicts comparison rules write, with the evidence (fact ids, document ids) behind them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Iterable

import polars as pl

from checker.schema import FINDING_SCHEMA, severity_rank

TYPES = ("conflict", "internal", "related", "agree")


@dataclass(frozen=True)
class Finding:
    rule: str
    type: str
    severity: str
    facts: tuple[dict[str, Any], ...]  # the fact rows involved, in the order the message names them
    message: str

    def row(self) -> dict[str, Any]:
        docs = list(dict.fromkeys(f["doc"] for f in self.facts))
        return {
            "id": fingerprint(self.rule, self.facts),
            "type": self.type,
            "severity": self.severity,
            "rule": self.rule,
            "facts": [f["id"] for f in self.facts],
            "docs": docs,
            "message": self.message,
            "story": self.facts[0].get("story"),
            "slot": self.facts[0].get("slot"),
        }


def fingerprint(rule: str, facts: Iterable[dict[str, Any]]) -> str:
    """A finding's id from what it is about, not where: the rule and each fact's document, kind, value and
    quoted text. Editing another paragraph of an article does not change it."""
    # A claim (checker gate) adds its key, subject and attribute: one source may state one value about two subjects.
    parts = sorted(
        f"{f['doc']}\x1e{f['kind']}\x1e{f['value']}\x1e{f['text']}" + (f"\x1e{f['key']}" if f.get("key") else "") for f in facts
    )
    return hashlib.sha1("\x1f".join([rule, *parts]).encode("utf-8")).hexdigest()[:16]


def findings_frame(findings: Iterable[Finding]) -> pl.DataFrame:
    """Findings as a frame, errors first, then by story, rule and id (a stable order for every output)."""
    rows = {row["id"]: row for row in (f.row() for f in findings)}  # one finding per id
    frame = pl.DataFrame(list(rows.values()), schema=FINDING_SCHEMA)
    return frame.sort(severity_rank(), "story", "rule", "id", nulls_last=True)
