"""User configuration: `[tool.checker]` in the pyproject.toml of the directory checker runs in.

    [tool.checker.aliases]            # spellings of one name the transliteration rules do not join
    "Zelensky" = ["زيلينسكي", "زلنسکی", "Zelenskyy"]

    [tool.checker.events.ar]          # more words for an event, per language (added to the tables)
    expel = ["أبعدت"]

Bad configuration is a one-line error naming the file (exit 2).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import CheckerError


@dataclass(frozen=True)
class Config:
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    events: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # lang -> event -> words
    source: str | None = None


def load_config(directory: Path) -> Config:
    """[tool.checker] of directory/pyproject.toml; an empty Config where there is none."""
    path = directory / "pyproject.toml"
    if not path.is_file():
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise CheckerError(f"cannot read [tool.checker]: {error}", path=str(path)) from None
    section: dict[str, Any] = data.get("tool", {}).get("checker", {})
    aliases = section.get("aliases", {})
    events = section.get("events", {})
    if not isinstance(aliases, dict) or not all(isinstance(v, list) and all(isinstance(w, str) for w in v) for v in aliases.values()):
        raise CheckerError("[tool.checker.aliases] maps a name to a list of spellings", path=str(path))
    from checker.lang import LANGUAGES

    for lang, table in events.items():
        if lang not in LANGUAGES:
            raise CheckerError(f"[tool.checker.events.{lang}]: unknown language; known: {', '.join(LANGUAGES)}", path=str(path))
        if not isinstance(table, dict) or not all(isinstance(v, list) for v in table.values()):
            raise CheckerError(f"[tool.checker.events.{lang}] maps an event to a list of words", path=str(path))
    return Config(
        aliases={name: tuple(spellings) for name, spellings in aliases.items()},
        events={lang: {event: tuple(words) for event, words in table.items()} for lang, table in events.items()},
        source=str(path),
    )


def apply_config(config: Config) -> None:
    """Make the configuration active for this process: extra event words join the language tables,
    aliases join the name matcher."""
    from checker import lang
    from checker.align import names
    from checker.extract import context

    lang.set_additions({code: {"events": {"events": {e: list(w) for e, w in table.items()}}} for code, table in config.events.items()})
    names.set_aliases(config.aliases)
    context.clear_caches()
