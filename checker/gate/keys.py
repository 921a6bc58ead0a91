"""Who and what a claim is about, as keys that meet across scripts and spellings.

Subjects (people, bodies) are reduced to consonant skeletons by the per-language letter tables
(checker/normalise/names.py: Ahmadinejad / أحمدي نجاد / احمدی‌نژاد all give hmdnkd or end in it), titles left
out (سید, Sheikh); rapidfuzz joins names that differ by a letter or two, and a name written inside
another (a first name left out) is the same person (same_people). What the tables cannot join (a
nickname, a translated title) an alias file names outright. Attributes and offices are a
table's own vocabulary: they meet after the fold and the aliases only, never by similarity (President
of Iran and President of Iraq must stay apart).

All of it runs once per distinct spelling, not per row.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from checker.align.names import same_people
from checker.config import is_alias_table, read_toml
from checker.errors import CheckerError
from checker.normalise.names import person_skeleton
from checker.normalise.text import fold, phrase_key


def load_aliases(path: Path) -> dict[str, tuple[str, ...]]:
    """An alias file: TOML mapping a name to its other spellings, at the top level or under [aliases].

        "Jens Stoltenberg" = ["ينس ستولتنبرغ", "ینس استولتنبرگ"]
    """
    data = read_toml(path, "alias file")
    table = data.get("aliases", data)
    if not is_alias_table(table):
        raise CheckerError("an alias file maps a name to a list of spellings: \"Name\" = [\"spelling\", ...]", path=str(path))
    return {name: tuple(spellings) for name, spellings in table.items()}


def _alias_map(aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """phrase key of a spelling (the name itself included) -> the name."""
    out: dict[str, str] = {}
    for name, spellings in aliases.items():
        for spelling in (name, *spellings):
            out.setdefault(phrase_key(spelling), name)
    return out


def _name_skeleton(text: str) -> str:
    """The whole name's skeleton (titles left out, numbers as written), or its phrase key if it has none."""
    return person_skeleton(text) or phrase_key(text)


def _digits(key: str) -> str:
    return "".join(re.findall(r"\d+", key))


def _representative(key: str, merged: dict[str, str]) -> str:
    """Follow canonical_names' links to the end: Tehrani -> تهرانی -> طهراني is one person even when the
    first and the last spelling are not close enough to be linked directly."""
    seen = {key}
    while key in merged and merged[key] not in seen:
        key = merged[key]
        seen.add(key)
    return key


def subject_keys(spellings: pl.Series, aliases: dict[str, tuple[str, ...]]) -> pl.DataFrame:
    """subject (as written) -> subject_key, subject_name (the alias name, else the most frequent spelling)."""
    counts = spellings.value_counts(sort=True)
    names = _alias_map(aliases)
    written = counts[spellings.name].to_list()
    named = [names.get(phrase_key(s)) for s in written]
    skeletons = [_name_skeleton(n or s) for s, n in zip(written, named)]
    # Keys with a number in them (event 12, the 2024 election) meet only exactly: rapidfuzz would pair
    # event 12 with event 13, and comparing thousands of such codes would cost most of the run.
    merged = same_people(sorted(k for k in set(skeletons) if not _digits(k)))  # sorted: no hash-seed order
    keys = [_representative(k, merged) for k in skeletons]
    frame = pl.DataFrame(
        {"subject": written, "subject_key": keys, "__alias": named, "__count": counts["count"]},
        schema_overrides={"subject": pl.Utf8, "subject_key": pl.Utf8, "__alias": pl.Utf8},  # typed even with no rows
    )
    best = (
        frame.sort("__count", descending=True, maintain_order=True)
        .group_by("subject_key", maintain_order=True)
        .agg(subject_name=pl.coalesce(pl.col("__alias").drop_nulls().first(), pl.col("subject").first()), spellings=pl.col("subject"))
    )
    return frame.select("subject", "subject_key").join(best, on="subject_key", how="left")


def term_keys(spellings: pl.Series, aliases: dict[str, tuple[str, ...]], prefix: str) -> pl.DataFrame:
    """An attribute or office (as written) -> `{prefix}_key` and `{prefix}_name`, by fold and aliases only."""
    names = _alias_map(aliases)
    written = spellings.drop_nulls().unique().to_list()
    keys = [" ".join(fold(names.get(phrase_key(s), s)).split()) for s in written]
    frame = pl.DataFrame({prefix: written, f"{prefix}_key": keys}, schema={prefix: pl.Utf8, f"{prefix}_key": pl.Utf8})
    shown = frame.group_by(f"{prefix}_key").agg(pl.col(prefix).sort().first().alias(f"{prefix}_name"))
    return frame.join(shown, on=f"{prefix}_key", how="left")
