"""Baselines: findings a team has looked at and accepted, by finding id, so a CI run fails only on new ones.

    [[accepted]]
    id = "3f9c0a5be1d24c7e"          # the finding's id (stable across runs on the same inputs)
    reason = "the outlet corrected it in print"
    owner = "data desk"               # optional
    expires = 2027-06-30              # optional: after this day the finding counts again

Entries that match no finding any more are stale and reported, so the file does not rot.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from checker.config import read_toml
from checker.errors import CheckerError


@dataclass(frozen=True)
class Accepted:
    id: str
    reason: str
    owner: str | None = None
    expires: dt.date | None = None


@dataclass(frozen=True)
class BaselineOutcome:
    findings: pl.DataFrame  # with `accepted` (bool) and `accepted_reason`
    stale: tuple[Accepted, ...]  # entries that matched no finding
    expired: tuple[Accepted, ...]  # entries past their expiry (their findings count again)


def load_baseline(path: Path) -> list[Accepted]:
    data = read_toml(path, "baseline")
    entries = []
    for index, entry in enumerate(data.get("accepted", []), 1):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("reason"):
            raise CheckerError(f"[[accepted]] entry {index} needs an id and a reason", path=str(path))
        expires = entry.get("expires")
        if expires is not None and not isinstance(expires, dt.date):
            raise CheckerError(f"[[accepted]] entry {index}: expires must be a date (YYYY-MM-DD)", path=str(path))
        entries.append(Accepted(str(entry["id"]), str(entry["reason"]), entry.get("owner"), expires))
    return entries


def apply_baseline(findings: pl.DataFrame, entries: list[Accepted], today: dt.date) -> BaselineOutcome:
    live = {e.id: e for e in entries if e.expires is None or e.expires >= today}
    expired = tuple(e for e in entries if e.expires is not None and e.expires < today)
    found = set(findings["id"].to_list())
    stale = tuple(e for e in entries if e.id not in found and e not in expired)
    marked = findings.with_columns(
        accepted=pl.col("id").is_in(list(live)),
        accepted_reason=pl.col("id").replace_strict({k: v.reason for k, v in live.items()}, default=None, return_dtype=pl.Utf8),
    )
    return BaselineOutcome(marked, stale, expired)
