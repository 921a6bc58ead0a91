"""Per-language tables: every word the engine matches lives in a TOML file here, one folder per language.

    checker/lang/<code>/dates.toml     month names per calendar and region, weekdays, calendar markers,
                                       words that build dates (من, of, سال, عام, ...)
    checker/lang/<code>/numbers.toml   number words, ordinals, fractions and ratios, duration units

The engine never names a word; adding Kurdish or Urdu means adding a folder with these files and
listing its code in LANGUAGES. Entries are written as printed (NFC, no presentation forms); the engine
folds them with checker.normalise.text.fold before matching.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

LANGUAGES: tuple[str, ...] = ("ar", "fa", "en")


# Words a user adds in [tool.checker] (checker/config.py): lang -> table -> section -> key -> words.
_ADDITIONS: dict[str, dict[str, dict[str, dict[str, list[str]]]]] = {}


@lru_cache(maxsize=None)
def table(lang: str, name: str) -> dict[str, Any]:
    """The parsed `<name>.toml` of language `lang` (an empty dict where the language has none), with the
    words a user's configuration adds."""
    if lang not in LANGUAGES:
        raise KeyError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    resource = resources.files(__package__).joinpath(lang, f"{name}.toml")
    data: dict[str, Any] = {}
    if resource.is_file():
        with resource.open("rb") as handle:
            data = tomllib.load(handle)
    for section, entries in _ADDITIONS.get(lang, {}).get(name, {}).items():
        merged = dict(data.get(section, {}))
        for key, words in entries.items():
            merged[key] = [*merged.get(key, []), *words]
        data[section] = merged
    return data


def set_additions(additions: dict[str, dict[str, dict[str, dict[str, list[str]]]]]) -> None:
    """Replace the user's added words and forget every table read so far."""
    _ADDITIONS.clear()
    _ADDITIONS.update(additions)
    table.cache_clear()
