"""The interface every output format implements."""

from __future__ import annotations

import sys
from typing import Any, BinaryIO, ClassVar

from checker.errors import CheckerError

from checker.schema import Extraction

# The bidi embedding, override and isolate controls by name: every reporter shows them as tokens
# (<RLO> in a terminal, a marked RLO in HTML) rather than letting them reorder what follows.
BIDI_CONTROL_NAMES = {
    "\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
    "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI",
}  # fmt: skip


def counted(fact: dict[str, Any]) -> str:
    """What a count or change counts, or a quantity's unit, as words after its number ("killed", "staff
    posts", "years of age"); empty where the fact does not say."""
    what = fact.get("unit") if fact.get("kind") == "quantity" else fact.get("measure")
    return what.replace("_", " ") if what else ""


def with_counted(value: str, fact: dict[str, Any]) -> str:
    """A fact's value followed by what it counts or its unit: "12 killed", "6.3 richter"."""
    what = counted(fact)
    return f"{value} {what}" if what else value


def plural(count: int, word: str, many: str | None = None) -> str:
    """A count with its noun in number: 1 warning, 2 warnings, 1 story, 3 stories (`many` where -s is wrong)."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def refuse_binary_to_terminal(reporter: Reporter, output: Any) -> None:
    """Before any work: a binary format (Parquet) has nowhere to go on a terminal."""
    if reporter.binary and output is None and sys.stdout.isatty():
        raise CheckerError(f"--format {reporter.name} is binary and standard output is a terminal: write it to a file with -o FILE.{reporter.name} or pipe it to a program")


class Reporter:
    """Turns an engine result into one output document (text or bytes)."""

    name: ClassVar[str]
    binary: ClassVar[bool] = False
    # The commands whose results this format can show: findings formats have nothing to say about `facts`.
    commands: ClassVar[tuple[str, ...]] = ("check", "facts", "gate")
    # Whether render() quotes sources in context and so needs the engine to keep their texts (Result.texts).
    needs_texts: ClassVar[bool] = False

    def render(self, result: Extraction) -> str | bytes:
        raise NotImplementedError

    def write(self, result: Extraction, out: BinaryIO) -> None:
        """The rendered document on `out` (a text one ends with a newline). Formats that can write a large
        result piece by piece override this, so the whole document is never in memory at once."""
        rendered = self.render(result)
        out.write(rendered if isinstance(rendered, bytes) else (rendered + "\n").encode("utf-8"))
