"""User configuration: `[tool.checker]` in the pyproject.toml of the directory checker runs in.

    [tool.checker.aliases]            # spellings of one name the transliteration rules do not join
    "Zelensky" = ["زيلينسكي", "زلنسکی", "Zelenskyy"]

    [tool.checker.events.ar]          # more words for an event, per language (added to the tables)
    expel = ["أبعدت"]

Bad configuration is a one-line error naming the file (exit 2). The configuration is passed to the
engine, which hands it to extraction and to its worker processes with each batch; nothing global changes.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from checker.errors import CheckerError
from checker.lang import LANGUAGES, Language, load
from checker.normalise.names import skeleton


@dataclass(frozen=True)
class GateConfig:
    """[tool.checker.gate]: how `checker gate` reads a table of claims and when it fails.

        [tool.checker.gate]
        columns = { subject = "person", value = "stated" }   # field = column, as --columns
        alias_file = "claims-aliases.toml"                    # as --alias-file
        baseline = "claims-baseline.toml"                     # as --baseline
        fail_on = "warning"                                   # as --fail-on
        handover_days = 1                                     # days two holders of one office may overlap
        [tool.checker.gate.rules."count-conflict"]
        severity = "warning"                                  # or error, info, off
        fail_above = 2                                        # or 0.01, "1%" of the rows checked
    """

    columns: dict[str, str] = field(default_factory=dict)
    alias_file: str | None = None
    baseline: str | None = None
    fail_on: str | None = None
    handover_days: int = 1
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    events: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # lang -> event -> words
    source: str | None = None
    gate: GateConfig = field(default_factory=GateConfig)

    def language(self, code: str) -> Language:
        """The tables of language `code` with the event words this configuration adds to them."""
        return load(code, tuple(self.events.get(code, {}).items()))

    @cached_property
    def name_aliases(self) -> dict[str, str]:
        """Skeleton of each configured spelling -> skeleton of its name, word by word: the spellings the
        letter tables do not join (Zelensky, Zelenskyy, زيلينسكي)."""
        joined = {}
        for name, spellings in self.aliases.items():
            for spelling in spellings:
                for word_skeleton, name_skeleton in zip(map(skeleton, spelling.split()), map(skeleton, name.split())):
                    if word_skeleton and name_skeleton:
                        joined[word_skeleton] = name_skeleton
        return joined


def read_toml(path: Path, what: str) -> dict[str, Any]:
    """A TOML file the user wrote (a baseline, an alias file), or a one-line CheckerError naming it."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CheckerError(f"cannot read the {what}: {error.strerror}", path=str(path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise CheckerError(f"not a TOML {what}: {error}", path=str(path)) from None


def is_alias_table(table: Any) -> bool:
    """A name mapped to a list of its spellings: "ISIS" = ["Daesh", "داعش"]."""
    return isinstance(table, dict) and all(isinstance(v, list) and all(isinstance(w, str) for w in v) for v in table.values())


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
    if not is_alias_table(aliases):
        raise CheckerError("[tool.checker.aliases] maps a name to a list of spellings", path=str(path))
    for lang, table in events.items():
        if lang not in LANGUAGES:
            raise CheckerError(f"[tool.checker.events.{lang}]: unknown language; known: {', '.join(LANGUAGES)}", path=str(path))
        if not isinstance(table, dict) or not all(isinstance(v, list) for v in table.values()):
            raise CheckerError(f"[tool.checker.events.{lang}] maps an event to a list of words", path=str(path))
    return Config(
        aliases={name: tuple(spellings) for name, spellings in aliases.items()},
        events={lang: {event: tuple(words) for event, words in table.items()} for lang, table in events.items()},
        source=str(path),
        gate=_gate_config(section.get("gate", {}), str(path)),
    )


def _gate_config(section: Any, where: str) -> GateConfig:
    if not isinstance(section, dict):
        raise CheckerError("[tool.checker.gate] must be a table", path=where)
    known = {"columns", "alias_file", "baseline", "fail_on", "handover_days", "rules"}
    unknown = sorted(set(section) - known)
    if unknown:
        raise CheckerError(f"[tool.checker.gate]: unknown key {unknown[0]!r}; keys: {', '.join(sorted(known))}", path=where)
    columns = section.get("columns", {})
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise CheckerError("[tool.checker.gate] columns maps a field to a column name", path=where)
    for key in ("alias_file", "baseline"):
        if key in section and not isinstance(section[key], str):
            raise CheckerError(f"[tool.checker.gate] {key} is a path", path=where)
    fail_on = section.get("fail_on")
    if fail_on is not None and fail_on not in ("error", "warning", "never"):
        raise CheckerError("[tool.checker.gate] fail_on: error, warning or never", path=where)
    handover = section.get("handover_days", 1)
    if not isinstance(handover, int) or isinstance(handover, bool) or handover < 0:
        raise CheckerError("[tool.checker.gate] handover_days is a whole number of days", path=where)
    rules = section.get("rules", {})
    if not isinstance(rules, dict):
        raise CheckerError("[tool.checker.gate.rules] maps a rule to its settings", path=where)
    return GateConfig(dict(columns), section.get("alias_file"), section.get("baseline"), fail_on, handover, dict(rules))
