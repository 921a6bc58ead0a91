"""Who and what a claim is about, as keys that meet across scripts and spellings.

Subjects (people, bodies) are reduced to consonant skeletons by the per-language letter tables
(checker/normalise/names.py: Ahmadinejad / أحمدي نجاد / احمدی‌نژاد all give hmdnkd or end in it), titles left
out (سید, Sheikh, King, «الملك», آیت‌الله: checker/lang/<code>/names.toml); rapidfuzz joins names that differ
by a letter or two, and a name written inside another (a first name left out) is the same person
(same_people). A chain of descent (bin Abdulaziz, بن عبدالعزيز) is optional too: King Salman meets Salman
bin Abdulaziz, but only where the chains written for that name leave one person (Mohammed alone meets
neither Mohammed bin Salman nor Mohammed bin Rashid when a table has both). What the tables cannot join
(a nickname, a translated title) an alias file names outright. Attributes and offices are a
table's own vocabulary: they meet after the fold and the aliases only, never by similarity (President
of Iran and President of Iraq must stay apart).

All of it runs once per distinct spelling, not per row.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from checker.align.names import same_name, same_people
from checker.config import is_alias_table, read_toml
from checker.errors import CheckerError
from checker.normalise.names import name_parts
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


def _name_parts(text: str) -> tuple[str, tuple[str, ...]]:
    """The name's own skeleton (titles left out, numbers as written) and its forebears', or its phrase key
    if it has none."""
    own, forebears = name_parts(text)
    return (own, forebears) if own else (phrase_key(text), ())


def _same_forebear(a: str, b: str) -> bool:
    """Abdulaziz and Abdulaziz Al Saud are one forebear, named fully or not."""
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 3 and long.startswith(short)) or same_name(a, b)


def _covers(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    return len(short) <= len(long) and all(_same_forebear(a, b) for a, b in zip(short, long))


def _chain_keys(chains: set[tuple[str, ...]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Chains of descent written for one name -> the chain each stands for: a shorter chain (none at all:
    King Salman) is the one longer chain that continues it, and stays itself where two different ones
    would (Mohammed beside Mohammed bin Salman and Mohammed bin Rashid)."""
    whole: list[tuple[str, ...]] = []
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for chain in sorted(chains, key=lambda c: (-len(c), c)):  # the longest first: they are the people
        longer = [w for w in whole if _covers(w, chain)]
        if not longer:
            whole.append(chain)
            out[chain] = chain
        else:
            out[chain] = longer[0] if len(longer) == 1 else chain  # two people it may be: it stays apart
    return out


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
    parts = [_name_parts(n or s) for s, n in zip(written, named)]
    # Keys with a number in them (event 12, the 2024 election) meet only exactly: rapidfuzz would pair
    # event 12 with event 13, and comparing thousands of such codes would cost most of the run.
    merged = same_people(sorted(k for k in {own for own, _ in parts} if not _digits(k)))  # sorted: no hash-seed order
    owners = [_representative(own, merged) for own, _ in parts]
    chains: dict[str, set[tuple[str, ...]]] = {}
    for owner, (_, forebears) in zip(owners, parts):
        chains.setdefault(owner, set()).add(forebears)
    resolved = {owner: _chain_keys(found) for owner, found in chains.items()}
    keys = [owner + "".join(f"<{f}" for f in resolved[owner][forebears]) for owner, (_, forebears) in zip(owners, parts)]
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
