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


@lru_cache(maxsize=None)
def table(lang: str, name: str) -> dict[str, Any]:
    """The parsed `<name>.toml` of language `lang` (an empty dict where the language has none)."""
    if lang not in LANGUAGES:
        raise KeyError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    resource = resources.files(__package__).joinpath(lang, f"{name}.toml")
    if not resource.is_file():
        return {}
    with resource.open("rb") as handle:
        return tomllib.load(handle)
